#include "pb_nufft.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <fftw3.h>
#include <gsl/gsl_integration.h>

#include "pb_phase.h"
#include "pb_sincos.h"

#define NUFFT_MAX_SETS 4
#define NUFFT_MAX_WIDTH 16
#define NUFFT_MAX_DEGREE 24
#define NUFFT_BLOCK 256
#define KERNEL_RESYNC 256
#define NUFFT_OVERSAMPLING 2.0

struct pb_nufft {
    size_t m, nf;   /* output modes; fine-grid size */
    int w;          /* kernel width in grid cells */
    double beta;    /* kernel shape */
    double *deconv; /* 1 / kernel transform at mode k - m/2, k < m */
    int degree;     /* of the per-cell Chebyshev expansions of the kernel */
    double poly[NUFFT_MAX_DEGREE + 1][NUFFT_MAX_WIDTH]; /* poly[k][l]: cell l, coefficient of x^k */
    fftw_complex *grid[NUFFT_MAX_SETS], *spec[NUFFT_MAX_SETS];
    fftw_plan plan[NUFFT_MAX_SETS];
};

/* Smallest 2^a 3^b 5^c >= n (sizes FFTW transforms fastest). */
static size_t nice_size(size_t n)
{
    for (size_t s = n;; s++) {
        size_t r = s;
        while (r % 2 == 0)
            r /= 2;
        while (r % 3 == 0)
            r /= 3;
        while (r % 5 == 0)
            r /= 5;
        if (r == 1)
            return s;
    }
}

static double es_kernel(double z, double beta)
{
    double q = 1.0 - z * z;
    return q > 0 ? exp(beta * (sqrt(q) - 1.0)) : 0.0;
}

/* deconv[k] = 1 / ((w/2) int_{-1}^{1} phi(z) cos(pi k' w z / nf) dz), k' = k - m/2,
 * by Gauss-Legendre quadrature (4w + 16 nodes: the integrand has at most
 * w/4 oscillations over [-1, 1] for |k'| <= nf/4). */
static int kernel_transform(pb_nufft *p)
{
    size_t q = (size_t)(4 * p->w + 16);
    gsl_integration_glfixed_table *tab = gsl_integration_glfixed_table_alloc(q);
    double *zw = malloc(q * sizeof *zw), *step = malloc(q * sizeof *step);
    if (!tab || !zw || !step) {
        gsl_integration_glfixed_table_free(tab);
        free(zw);
        free(step);
        return -1;
    }
    for (size_t i = 0; i < q; i++) {
        double z, wt;
        gsl_integration_glfixed_point(-1.0, 1.0, i, &z, &wt, tab);
        zw[i] = wt * es_kernel(z, p->beta) * 0.5 * p->w;
        step[i] = M_PI * p->w * z / (double)p->nf;
    }
    /* cos(k' step_i) for consecutive k' by rotation, vectorised over the nodes,
     * recomputed exactly every KERNEL_RESYNC modes. */
    double *cr = malloc(4 * q * sizeof *cr);
    if (!cr) {
        gsl_integration_glfixed_table_free(tab);
        free(zw);
        free(step);
        return -1;
    }
    double *ci = cr + q, *rc = ci + q, *rs = rc + q;
    for (size_t i = 0; i < q; i++) {
        rc[i] = cos(step[i]);
        rs[i] = sin(step[i]);
    }
    long half = (long)(p->m / 2);
    for (size_t k = 0; k < p->m; k++) {
        double kk = (double)((long)k - half), sum = 0;
        if (k % KERNEL_RESYNC == 0)
            for (size_t i = 0; i < q; i++) {
                cr[i] = cos(kk * step[i]);
                ci[i] = sin(kk * step[i]);
            }
#pragma omp simd reduction(+ : sum)
        for (size_t i = 0; i < q; i++) {
            sum += zw[i] * cr[i];
            double c = cr[i] * rc[i] - ci[i] * rs[i];
            ci[i] = ci[i] * rc[i] + cr[i] * rs[i];
            cr[i] = c;
        }
        p->deconv[k] = 1.0 / sum;
    }
    free(cr);
    gsl_integration_glfixed_table_free(tab);
    free(zw);
    free(step);
    return 0;
}

/* Kernel value l of a spread, as a function of the spread's offset s in
 * [0, 1): phi((l + s - w/2) / (w/2)). Each cell's function is interpolated
 * at Chebyshev nodes of x = 2s - 1 and rewritten as a polynomial in x (in
 * long double; the kernel is so smooth over one cell that the monomial
 * coefficients stay small), so a spread costs w Horner sums that the
 * compiler keeps in vector registers, instead of w exp and sqrt. */
static void kernel_polynomials(pb_nufft *p)
{
    int d = p->degree, w = p->w;
    long double vals[NUFFT_MAX_DEGREE + 1], cheb[NUFFT_MAX_DEGREE + 1];
    long double tk[NUFFT_MAX_DEGREE + 1][NUFFT_MAX_DEGREE + 1]; /* monomial coefficients of T_k */
    memset(tk, 0, sizeof tk);
    tk[0][0] = 1;
    tk[1][1] = 1;
    for (int k = 2; k <= d; k++)
        for (int i = 0; i <= k; i++)
            tk[k][i] = (i ? 2 * tk[k - 1][i - 1] : 0) - tk[k - 2][i];
    memset(p->poly, 0, sizeof p->poly);
    for (int l = 0; l < w; l++) {
        for (int j = 0; j <= d; j++) {
            long double x = cosl(M_PI * (j + 0.5L) / (d + 1));
            vals[j] = es_kernel((double)((l + 0.5L * (x + 1) - 0.5L * w) / (0.5L * w)), p->beta);
        }
        for (int k = 0; k <= d; k++) {
            long double sum = 0;
            for (int j = 0; j <= d; j++)
                sum += vals[j] * cosl(M_PI * k * (j + 0.5L) / (d + 1));
            cheb[k] = (k == 0 ? 1 : 2) * sum / (d + 1);
        }
        for (int i = 0; i <= d; i++) {
            long double a = 0;
            for (int k = i; k <= d; k++)
                a += cheb[k] * tk[k][i];
            p->poly[i][l] = (double)a;
        }
    }
}

/* ker[l] for l < NUFFT_MAX_WIDTH (zero past w) at offset s in [0, 1). */
static inline void kernel_values(const pb_nufft *p, double s, double *ker)
{
    double x = 2.0 * s - 1.0, acc[NUFFT_MAX_WIDTH];
    /* Fully unrolled over l so that acc lives in vector registers. */
#pragma GCC unroll 16
    for (int l = 0; l < NUFFT_MAX_WIDTH; l++)
        acc[l] = p->poly[p->degree][l];
    for (int k = p->degree - 1; k >= 0; k--) {
#pragma GCC unroll 16
        for (int l = 0; l < NUFFT_MAX_WIDTH; l++)
            acc[l] = acc[l] * x + p->poly[k][l];
    }
#pragma GCC unroll 16
    for (int l = 0; l < NUFFT_MAX_WIDTH; l++)
        ker[l] = acc[l];
}

pb_nufft *pb_nufft_alloc(size_t m, double tol)
{
    pb_nufft *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->m = m;
    p->w = (int)ceil(-log10(tol)) + 1;
    if (p->w < 2)
        p->w = 2;
    if (p->w > NUFFT_MAX_WIDTH)
        p->w = NUFFT_MAX_WIDTH;
    p->beta = 2.30 * p->w;
    p->degree = p->w + 4;
    kernel_polynomials(p);
    size_t min_nf = (size_t)ceil(NUFFT_OVERSAMPLING * (double)m);
    if (min_nf < (size_t)(2 * p->w))
        min_nf = (size_t)(2 * p->w);
    p->nf = nice_size(min_nf);
    p->deconv = malloc((m ? m : 1) * sizeof *p->deconv);
    if (!p->deconv || kernel_transform(p) != 0) {
        pb_nufft_free(p);
        return NULL;
    }
    return p;
}

void pb_nufft_free(pb_nufft *p)
{
    if (!p)
        return;
    for (int s = 0; s < NUFFT_MAX_SETS; s++) {
        if (p->plan[s])
            fftw_destroy_plan(p->plan[s]);
        fftw_free(p->grid[s]);
        fftw_free(p->spec[s]);
    }
    free(p->deconv);
    free(p);
}

static int ensure_sets(pb_nufft *p, int n_sets)
{
    for (int s = 0; s < n_sets; s++) {
        if (p->plan[s])
            continue;
        /* w cells of padding past the end: spreads never wrap; folded back after. */
        p->grid[s] = fftw_malloc((p->nf + (size_t)p->w) * sizeof(fftw_complex));
        p->spec[s] = fftw_malloc(p->nf * sizeof(fftw_complex));
        if (!p->grid[s] || !p->spec[s])
            return -1;
        /* FFTW_BACKWARD: sum_i g_i exp(+2 pi i k i / nf); FFTW_ESTIMATE: same plan every run. */
        p->plan[s] = fftw_plan_dft_1d((int)p->nf, p->grid[s], p->spec[s], FFTW_BACKWARD, FFTW_ESTIMATE);
        if (!p->plan[s])
            return -1;
    }
    return 0;
}

int pb_nufft_trig_sums(pb_nufft *p, const double *t, size_t n, double t_scale, double f0, double df,
                       const double *const *c, int n_sets, double *const *re, double *const *im)
{
    if (n_sets < 1 || n_sets > NUFFT_MAX_SETS || ensure_sets(p, n_sets) != 0)
        return -1;
    size_t nf = p->nf, m = p->m;
    long half_m = (long)(m / 2);
    int w = p->w;
    double half_w = 0.5 * w, fc = f0 + (double)half_m * df;
    for (int s = 0; s < n_sets; s++)
        memset(p->grid[s], 0, (nf + (size_t)w) * sizeof(fftw_complex));
    double phase[NUFFT_BLOCK], cosv[NUFFT_BLOCK], sinv[NUFFT_BLOCK], u[NUFFT_BLOCK];
    double ker[NUFFT_MAX_WIDTH], pattern[2 * NUFFT_MAX_WIDTH];
    for (size_t j0 = 0; j0 < n; j0 += NUFFT_BLOCK) {
        size_t nb = n - j0 < NUFFT_BLOCK ? n - j0 : NUFFT_BLOCK;
        for (size_t b = 0; b < nb; b++) {
            double tj = t[j0 + b] * t_scale;
            /* The centre frequency's phase goes into the coefficient; the rest is k' x. */
            phase[b] = 2.0 * M_PI * pb_phase_frac(fc, tj);
            u[b] = pb_phase_frac(df, tj) * (double)nf; /* grid coordinate in [0, nf) */
        }
        pb_sincos_batch(phase, nb, sinv, cosv);
        for (size_t b = 0; b < nb; b++) {
            double i0 = ceil(u[b] - half_w);
            kernel_values(p, i0 - (u[b] - half_w), ker);
            long start = (long)i0;
            if (start < 0)
                start += (long)nf;
            for (int s = 0; s < n_sets; s++) {
                double cj = c[s][j0 + b], ar = cj * cosv[b], ai = cj * sinv[b];
                double *g = &p->grid[s][start][0];
                for (int l = 0; l < w; l++) {
                    pattern[2 * l] = ar * ker[l];
                    pattern[2 * l + 1] = ai * ker[l];
                }
                for (int q = 0; q < 2 * w; q++)
                    g[q] += pattern[q];
            }
        }
    }
    for (int s = 0; s < n_sets; s++) {
        for (int l = 0; l < w; l++) { /* fold the padding back onto the periodic grid */
            p->grid[s][l][0] += p->grid[s][nf + (size_t)l][0];
            p->grid[s][l][1] += p->grid[s][nf + (size_t)l][1];
        }
        fftw_execute(p->plan[s]);
        for (size_t k = 0; k < m; k++) {
            long kk = (long)k - half_m;
            size_t idx = (size_t)((kk % (long)nf + (long)nf) % (long)nf);
            re[s][k] = p->spec[s][idx][0] * p->deconv[k];
            im[s][k] = p->spec[s][idx][1] * p->deconv[k];
        }
    }
    return 0;
}
