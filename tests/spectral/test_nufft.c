/* pb_nufft's trigonometric sums against direct sums in long double: both
 * paths (real grids from f0 = 0, complex grids otherwise), times doubled,
 * two coefficient sets, tolerances 1e-3 .. 1e-13, a small and a large grid,
 * centred grids at long times; and pb_schuster, the one-sum power built on them. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>
#include <stdlib.h>
#include <gsl/gsl_rng.h>

#include "spectral/pb_gls.h"
#include "spectral/pb_nufft.h"
#include "spectral/pb_schuster.h"
#include "base/pb_series.h"

#define SETS 2

typedef struct sums_case {
    size_t n, m, stride; /* terms; modes; every stride-th mode is checked */
    double df;
    double *t, *c[SETS];
    double l1[SETS];     /* sum |c|: the scale of the tolerance */
} sums_case;

static sums_case make_case(size_t n, size_t m, size_t stride, double span, unsigned long seed)
{
    sums_case k = {n, m, stride, 1.0 / span, malloc(n * sizeof(double)), {NULL, NULL}, {0, 0}};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    for (int s = 0; s < SETS; s++)
        k.c[s] = malloc(n * sizeof(double));
    for (size_t j = 0; j < n; j++) {
        /* half the times uniform, half in a cluster: both spread patterns */
        k.t[j] = j % 2 ? span * gsl_rng_uniform(r) : span * (0.3 + 0.01 * gsl_rng_uniform(r));
        k.c[0][j] = 1.0;
        k.c[1][j] = 2.0 * gsl_rng_uniform(r) - 1.0;
    }
    for (int s = 0; s < SETS; s++)
        for (size_t j = 0; j < n; j++)
            k.l1[s] += fabs(k.c[s][j]);
    gsl_rng_free(r);
    return k;
}

static void free_case(sums_case *k)
{
    free(k->t);
    for (int s = 0; s < SETS; s++)
        free(k->c[s]);
}

/* Largest |fast - direct| / sum |c| over the checked modes and both sets. */
static double worst_error(const sums_case *k, double tol, double f0, double t_scale)
{
    double *re[SETS], *im[SETS];
    for (int s = 0; s < SETS; s++) {
        re[s] = malloc(k->m * sizeof(double));
        im[s] = malloc(k->m * sizeof(double));
    }
    pb_nufft *p = pb_nufft_alloc(k->m, tol);
    cr_assert_not_null(p);
    const double *c[SETS] = {k->c[0], k->c[1]};
    cr_assert_eq(pb_nufft_trig_sums(p, k->t, k->n, t_scale, f0, k->df, c, SETS, re, im), 0);
    const long double two_pi = 2.0L * acosl(-1.0L);
    double worst = 0;
    for (size_t q = 0; q < k->m; q += k->stride) {
        long double f = (long double)f0 + (long double)q * k->df;
        for (int s = 0; s < SETS; s++) {
            long double sr = 0, si = 0;
            for (size_t j = 0; j < k->n; j++) {
                long double ph = two_pi * f * (long double)(k->t[j] * t_scale);
                sr += k->c[s][j] * cosl(ph);
                si += k->c[s][j] * sinl(ph);
            }
            double e = hypot(re[s][q] - (double)sr, im[s][q] - (double)si) / k->l1[s];
            if (e > worst)
                worst = e;
        }
    }
    pb_nufft_free(p);
    for (int s = 0; s < SETS; s++) {
        free(re[s]);
        free(im[s]);
    }
    return worst;
}

static void check_case(sums_case *k)
{
    static const double tols[] = {1e-3, 1e-6, 1e-9, PB_GLS_FAST_TOL, 1e-13};
    for (size_t i = 0; i < sizeof tols / sizeof tols[0]; i++)
        for (int path = 0; path < 2; path++)
            for (int scale = 1; scale <= 2; scale++) {
                double f0 = path ? 0.37 * k->df + 0.0137 : 0.0;
                double e = worst_error(k, tols[i], f0, (double)scale);
                cr_assert_leq(e, tols[i], "m %zu, tol %g, f0 %g, t x %d: error %.3g of sum |c|", k->m, tols[i], f0,
                              scale, e);
            }
}

Test(nufft, sums_match_direct_sums_small_grid, .timeout = 120)
{
    sums_case k = make_case(2000, 300, 1, 5000.0, 7);
    check_case(&k);
    free_case(&k);
}

/* A grid of ~2.4e5 cells: a grid coordinate rounded to a double alone would
 * leave ~5e-13 of sum |c| here (measured), above the 1e-13 asked for. */
Test(nufft, sums_match_direct_sums_large_grid, .timeout = 120)
{
    sums_case k = make_case(1500, 60000, 997, 1000.0, 11);
    check_case(&k);
    free_case(&k);
}

/* A plan handed back and out again (the cache of pb_nufft_free) gives the
 * same sums, bit for bit, as the first use, whatever ran in between. */
Test(nufft, reused_plans_give_identical_sums)
{
    enum { N = 500, M = 3000 };
    static double t[N], c1[N], c2[N], re[3][M], im[3][M];
    for (int j = 0; j < N; j++) {
        t[j] = 7.3 * j + 0.9 * sin(j);
        c1[j] = cos(0.37 * j);
        c2[j] = 1.0 / (1 + j);
    }
    const double *set1[1] = {c1}, *set2[1] = {c2};
    for (int pass = 0; pass < 3; pass++) {
        pb_nufft *p = pb_nufft_alloc(M, 1e-11);
        cr_assert_not_null(p);
        double *r[1] = {re[pass]}, *i[1] = {im[pass]};
        cr_assert_eq(pb_nufft_trig_sums(p, t, N, 1.0, pass == 1 ? 0.0 : 0.001, 1e-4, pass == 1 ? set2 : set1, 1, r, i), 0);
        pb_nufft_free(p);
    }
    cr_assert(memcmp(re[0], re[2], sizeof re[0]) == 0 && memcmp(im[0], im[2], sizeof im[0]) == 0,
              "a reused plan's sums differ from a fresh one's");
}

/* Complex grids are centred (modes -h .. m-1-h, h a power of two): at the
 * clock's times (integers up to ~3.8e9, f0 t ~ 1e9 cycles) and for every
 * small m (h = 0, 1, 2 ...), against direct sums whose phases are the exact
 * fractions frac(f0 t) + frac(q df t) (a long double product alone keeps
 * only ~1e-10 of a cycle there). */
Test(nufft, centred_sums_hold_the_tolerance_at_long_times, .timeout = 120)
{
    enum { N = 300 };
    static const size_t ms[] = {1, 2, 3, 5, 1000, 4097};
    double t[N], c[N];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 5);
    double l1 = 0;
    for (int j = 0; j < N; j++) {
        t[j] = floor(3.8e9 * gsl_rng_uniform(r));
        c[j] = 2.0 * gsl_rng_uniform(r) - 1.0;
        l1 += fabs(c[j]);
    }
    gsl_rng_free(r);
    const long double two_pi = 2.0L * acosl(-1.0L);
    const double f0 = 0.3137, df = 0x1p-29; /* a power of two: q df exact in the reference */
    for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++)
        for (int scale = 1; scale <= 2; scale++) {
            size_t m = ms[i];
            double *re = malloc(m * sizeof *re), *im = malloc(m * sizeof *im);
            const double *cs[1] = {c};
            double *rs[1] = {re}, *is[1] = {im};
            pb_nufft *p = pb_nufft_alloc(m, PB_GLS_FAST_TOL);
            cr_assert_eq(pb_nufft_trig_sums(p, t, N, scale, f0, df, cs, 1, rs, is), 0);
            double worst = 0;
            for (size_t q = 0; q < m; q += m > 100 ? 7 : 1) {
                long double sr = 0, si = 0;
                for (int j = 0; j < N; j++) {
                    double ts = t[j] * scale, a = f0 * ts, b = (double)q * df * ts;
                    double fa = a - floor(a) + fma(f0, ts, -a), fb = b - floor(b) + fma((double)q * df, ts, -b);
                    long double ph = two_pi * ((long double)fa + (long double)fb);
                    sr += c[j] * cosl(ph);
                    si += c[j] * sinl(ph);
                }
                double e = hypot(re[q] - (double)sr, im[q] - (double)si) / l1;
                worst = e > worst ? e : worst;
            }
            cr_assert_leq(worst, PB_GLS_FAST_TOL, "m %zu, t x %d: error %.3g of sum |c|", m, scale, worst);
            pb_nufft_free(p);
            free(re);
            free(im);
        }
}

/* pb_schuster's powers against the direct sums |sum w y exp(2 pi i f t)|^2
 * / (n yy) of the centred data, from f0 = 0 (real grids) and from elsewhere
 * (centred complex grids). */
Test(schuster, powers_match_direct_sums)
{
    enum { N = 400, M = 777 };
    static double t[N], y[N], power[M];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 21);
    for (int j = 0; j < N; j++) {
        t[j] = 1e4 * gsl_rng_uniform(r);
        y[j] = sin(2 * M_PI * 0.0123 * t[j]) + gsl_rng_uniform(r);
    }
    gsl_rng_free(r);
    pb_series s = {N, t, y, NULL};
    pb_gls_data d;
    cr_assert_eq(pb_gls_data_init(&d, &s), 0);
    const double df = 1.0 / (5 * 1e4), starts[2] = {0.0, 0.0071};
    pb_schuster *p = pb_schuster_alloc(M, PB_GLS_FAST_TOL);
    cr_assert_not_null(p);
    for (int k = 0; k < 2; k++) {
        cr_assert_eq(pb_schuster_power(p, &d, starts[k], df, power), 0);
        for (int q = 0; q < M; q += 7) {
            long double sr = 0, si = 0, ph;
            for (int j = 0; j < N; j++) {
                ph = 2.0L * acosl(-1.0L) * ((long double)starts[k] + q * (long double)df) * d.t[j];
                sr += d.wy[j] * cosl(ph);
                si += d.wy[j] * sinl(ph);
            }
            double exact = (double)((sr * sr + si * si) / (N * (long double)d.yy));
            cr_assert_leq(fabs(power[q] - exact), 1e-9 * (1 + exact), "f0 %g, q %d: %.15g vs %.15g", starts[k], q,
                          power[q], exact);
        }
    }
    pb_schuster_free(p);
    pb_gls_data_free(&d);
}
