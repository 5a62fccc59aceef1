#include "spectral/pb_gls.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>

#include "spectral/pb_gls_harmonics.h"
#include "spectral/pb_gls_trend.h"
#include "spectral/pb_nufft.h"
#include "base/pb_phase.h"
#include "base/pb_sincos.h"

/* Frequencies between exact recomputations of the rotating sines and cosines. */
#define GLS_RESEED_EVERY 64

/* Raw sums over samples at one frequency. */
typedef struct gls_sums {
    double c, s, yc, ys, cc, cs;
} gls_sums;

/* Zechmeister & Kuerster (2009) eq. 4-20, y already centred; the weights in
 * the sums have mean 1, so dividing by n normalises them. */
static double power_from_sums(const gls_sums *u, size_t n, double yy)
{
    double w = 1.0 / (double)n;
    double C = u->c * w, S = u->s * w;
    double CC = u->cc * w - C * C;
    double SS = (1.0 - u->cc * w) - S * S; /* sum sin^2 = n - sum cos^2 */
    double CS = u->cs * w - C * S;
    double YC = u->yc * w, YS = u->ys * w;
    double D = CC * SS - CS * CS;
    if (yy <= 0)
        return 0.0;
    /* At frequencies where sin (or cos) vanishes on every sample (0, or
     * Nyquist on a uniform grid) the model has one term: fit it alone. */
    if (D <= 1e-12 * (CC + SS) * (CC + SS)) {
        if (CC >= SS)
            return CC > 0 ? YC * YC / (CC * yy) : 0.0;
        return SS > 0 ? YS * YS / (SS * yy) : 0.0;
    }
    return (SS * YC * YC + CC * YS * YS - 2.0 * CS * YC * YS) / (D * yy);
}

#define GLS_POWER_BLOCK 256

double pb_gls_power(const pb_gls_data *d, double f)
{
    if (d->nterms > 1)
        return pb_glsh_power(d, f);
    if (d->trend_degree > 0)
        return pb_glst_power(d, f);
    double sc = 0, ss = 0, syc = 0, sys = 0, scc = 0, scs = 0;
    double arg[GLS_POWER_BLOCK], c[GLS_POWER_BLOCK], s[GLS_POWER_BLOCK];
    for (size_t i0 = 0; i0 < d->n; i0 += GLS_POWER_BLOCK) {
        size_t nb = d->n - i0 < GLS_POWER_BLOCK ? d->n - i0 : GLS_POWER_BLOCK;
#pragma omp simd
        for (size_t b = 0; b < nb; b++) /* phase reduced to [0, 1) first: exact for large f t */
            arg[b] = 2.0 * M_PI * pb_phase_frac(f, d->t[i0 + b]);
        pb_sincos_batch(arg, nb, s, c);
        const double *w = d->w + i0, *wy = d->wy + i0;
#pragma omp simd reduction(+ : sc, ss, syc, sys, scc, scs)
        for (size_t b = 0; b < nb; b++) {
            sc += w[b] * c[b];
            ss += w[b] * s[b];
            syc += wy[b] * c[b];
            sys += wy[b] * s[b];
            scc += w[b] * c[b] * c[b];
            scs += w[b] * c[b] * s[b];
        }
    }
    gls_sums u = {sc, ss, syc, sys, scc, scs};
    return power_from_sums(&u, d->n, d->yy);
}

/* Walks the grid; calls back with each power. Shared by the grid and the argmax. */
typedef void (*gls_visit)(void *ctx, size_t j, double power);

static int walk_grid(const pb_gls_data *d, double f0, double df, size_t m, gls_visit visit, void *ctx)
{
    if (d->nterms > 1) { /* exact per frequency */
        for (size_t j = 0; j < m; j++)
            visit(ctx, j, pb_glsh_power(d, f0 + (double)j * df));
        return 0;
    }
    if (d->trend_degree > 0) { /* exact per frequency */
        for (size_t j = 0; j < m; j++)
            visit(ctx, j, pb_glst_power(d, f0 + (double)j * df));
        return 0;
    }
    size_t n = d->n;
    double *c = malloc(n * sizeof *c), *s = malloc(n * sizeof *s);
    double *rc = malloc(n * sizeof *rc), *rs = malloc(n * sizeof *rs);
    if (!c || !s || !rc || !rs) {
        free(c);
        free(s);
        free(rc);
        free(rs);
        return -1;
    }
    const double *t = d->t, *w = d->w, *wy = d->wy;
    for (size_t i = 0; i < n; i++) {
        rc[i] = cos(2.0 * M_PI * df * t[i]);
        rs[i] = sin(2.0 * M_PI * df * t[i]);
    }
    for (size_t j = 0; j < m; j++) {
        if (j % GLS_RESEED_EVERY == 0) {
            double f = f0 + (double)j * df;
            for (size_t i = 0; i < n; i++) {
                c[i] = cos(2.0 * M_PI * f * t[i]);
                s[i] = sin(2.0 * M_PI * f * t[i]);
            }
        }
        double sc = 0, ss = 0, syc = 0, sys = 0, scc = 0, scs = 0;
#pragma omp simd reduction(+ : sc, ss, syc, sys, scc, scs)
        for (size_t i = 0; i < n; i++) {
            double ci = c[i], si = s[i], wc = w[i] * ci;
            sc += wc;
            ss += w[i] * si;
            syc += wy[i] * ci;
            sys += wy[i] * si;
            scc += wc * ci;
            scs += wc * si;
            c[i] = ci * rc[i] - si * rs[i];
            s[i] = si * rc[i] + ci * rs[i];
        }
        gls_sums u = {sc, ss, syc, sys, scc, scs};
        visit(ctx, j, power_from_sums(&u, n, d->yy));
    }
    free(c);
    free(s);
    free(rc);
    free(rs);
    return 0;
}

/* The sums the power needs at f_k = f0 + k df: sum w e^{i w t} and
 * sum w y e^{i w t} at f_k, and sum w e^{2 i w t} (at 2 f_k). When f0 is a whole
 * multiple k0 <= m of df, all of them lie on one grid j df, j < 2 (k0 + m),
 * and one spreading pass serves both; otherwise the doubled frequencies take
 * a second pass with the times doubled. */
typedef struct fast_sums {
    double *c1, *s1, *cy, *sy; /* at f_k: index k + off1 */
    double *c2, *s2;           /* at 2 f_k: index k * step2 + off2 */
    size_t off1, off2, step2;
} fast_sums;

struct pb_gls_fast {
    size_t m;
    double tol;
    pb_nufft *plan; /* m modes: the two-pass path */
    double *buf;    /* 6 m sums */
};

pb_gls_fast *pb_gls_fast_alloc(size_t m, double tol)
{
    pb_gls_fast *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->m = m;
    g->tol = tol;
    g->plan = pb_nufft_alloc(m, tol);
    g->buf = malloc(6 * (m ? m : 1) * sizeof *g->buf);
    if (!g->plan || !g->buf) {
        pb_gls_fast_free(g);
        return NULL;
    }
    return g;
}

void pb_gls_fast_free(pb_gls_fast *g)
{
    if (!g)
        return;
    pb_nufft_free(g->plan);
    free(g->buf);
    free(g);
}

/* Two passes on g's plan: any f0. */
static int two_pass_sums(pb_gls_fast *g, const pb_gls_data *d, double f0, double df, fast_sums *fs)
{
    size_t m = g->m;
    const double *coef[2] = {d->w, d->wy};
    fs->c1 = g->buf;
    fs->s1 = fs->c1 + m;
    fs->cy = fs->s1 + m;
    fs->sy = fs->cy + m;
    fs->c2 = fs->sy + m;
    fs->s2 = fs->c2 + m;
    fs->off1 = fs->off2 = 0;
    fs->step2 = 1;
    double *re[2] = {fs->c1, fs->cy}, *im[2] = {fs->s1, fs->sy}, *re2[1] = {fs->c2}, *im2[1] = {fs->s2};
    if (pb_nufft_trig_sums(g->plan, d->t, d->n, 1.0, f0, df, coef, 2, re, im) != 0)
        return -1;
    return pb_nufft_trig_sums(g->plan, d->t, d->n, 2.0, f0, df, coef, 1, re2, im2);
}

/* The powers from the sums; exact sums where they are ill-conditioned. */
static void powers_from_sums(const fast_sums *fs, const pb_gls_data *d, double f0, double df, size_t m,
                             double *power)
{
    double n = (double)d->n;
    for (size_t k = 0; k < m; k++) {
        size_t a = k + fs->off1, b = k * fs->step2 + fs->off2;
        /* cos^2 = (1 + cos 2x) / 2, cos sin = sin 2x / 2 */
        gls_sums u = {fs->c1[a], fs->s1[a], fs->cy[a], fs->sy[a], 0.5 * (n + fs->c2[b]), 0.5 * fs->s2[b]};
        power[k] = power_from_sums(&u, d->n, d->yy);
    }
    for (size_t k = 0, low = pb_gls_ill_conditioned(d, f0, df, m); k < low; k++)
        power[k] = pb_gls_power(d, f0 + (double)k * df);
}

int pb_gls_fast_power(pb_gls_fast *g, const pb_gls_data *d, double f0, double df, double *power)
{
    if (d->nterms > 1)
        return pb_glsh_power_fast(d, f0, df, g->m, g->tol, power);
    if (d->trend_degree > 0)
        return pb_glst_power_fast(d, f0, df, g->m, g->tol, power);
    fast_sums fs;
    if (two_pass_sums(g, d, f0, df, &fs) != 0)
        return -1;
    powers_from_sums(&fs, d, f0, df, g->m, power);
    return 0;
}

/* One pass on a plan of 2 (k0 + m) modes, for f0 = k0 df. */
static int one_pass_power(const pb_gls_data *d, long k0, double df, size_t m, double tol, double *power)
{
    size_t m1 = 2 * ((size_t)k0 + m);
    pb_nufft *plan = pb_nufft_alloc(m1, tol);
    double *buf = malloc(4 * m1 * sizeof *buf);
    int rc = -1;
    if (plan && buf) {
        fast_sums fs = {buf, buf + m1, buf + 2 * m1, buf + 3 * m1, buf, buf + m1, (size_t)k0, 2 * (size_t)k0, 2};
        const double *coef[2] = {d->w, d->wy};
        double *re[2] = {fs.c1, fs.cy}, *im[2] = {fs.s1, fs.sy};
        rc = pb_nufft_trig_sums(plan, d->t, d->n, 1.0, 0.0, df, coef, 2, re, im);
        if (rc == 0)
            powers_from_sums(&fs, d, (double)k0 * df, df, m, power);
    }
    pb_nufft_free(plan);
    free(buf);
    return rc;
}

int pb_gls_power_fast(const pb_gls_data *d, double f0, double df, size_t m, double tol, double *power)
{
    if (d->nterms > 1)
        return pb_glsh_power_fast(d, f0, df, m, tol, power);
    if (d->trend_degree > 0)
        return pb_glst_power_fast(d, f0, df, m, tol, power);
    double k0r = f0 / df;
    long k0 = lround(k0r);
    if (fabs(k0r - (double)k0) < 1e-9 && k0 >= 0 && (size_t)k0 <= m)
        return one_pass_power(d, k0, df, m, tol, power);
    pb_gls_fast *g = pb_gls_fast_alloc(m, tol);
    int rc = g ? pb_gls_fast_power(g, d, f0, df, power) : -1;
    pb_gls_fast_free(g);
    return rc;
}

static void store_power(void *ctx, size_t j, double power)
{
    ((double *)ctx)[j] = power;
}

typedef struct argmax_state {
    size_t best_j;
    double best;
} argmax_state;

static void keep_max(void *ctx, size_t j, double power)
{
    argmax_state *a = ctx;
    if (power > a->best) {
        a->best = power;
        a->best_j = j;
    }
}

int pb_gls_power_grid(const pb_gls_data *d, double f0, double df, size_t m, double *power)
{
    return walk_grid(d, f0, df, m, store_power, power);
}

int pb_gls_grid_argmax(const pb_gls_data *d, double f0, double df, size_t m, size_t *best_j, double *best_power)
{
    argmax_state a = {0, -1.0};
    if (walk_grid(d, f0, df, m, keep_max, &a) != 0)
        return -1;
    *best_j = a.best_j;
    *best_power = a.best;
    return 0;
}

#define GLS_MAX_BRENT_ITER 200
#define GLS_REFINE_FLOOR 1e-7

/* The power at f = centre + u * step: Brent works on u, whose optimum is
 * near 0, because GSL's Brent never steps below sqrt(eps) * |x| and would
 * stall at ~1e-8 relative if it worked on f itself. */
typedef struct peak_coordinate {
    const pb_gls_data *d;
    double centre, step;
} peak_coordinate;

static double negative_power(double u, void *data)
{
    const peak_coordinate *pc = data;
    return -pb_gls_power(pc->d, pc->centre + u * pc->step);
}

double pb_gls_refine_peak(const pb_gls_data *d, double f, double step, double lo, double hi, double tol, long *iters)
{
    peak_coordinate pc = {d, f, step};
    double ua = (fmax(lo, f - step) - f) / step, ub = (fmin(hi, f + step) - f) / step;
    gsl_function fn = {negative_power, &pc};
    gsl_min_fminimizer *s = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    if (!s)
        return f;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    double best = f;
    if (ua < 0 && 0 < ub && gsl_min_fminimizer_set(s, &fn, 0.0, ua, ub) == GSL_SUCCESS) {
        int status = GSL_CONTINUE;
        for (long it = 0; it < GLS_MAX_BRENT_ITER && status == GSL_CONTINUE; it++) {
            if (gsl_min_fminimizer_iterate(s) != GSL_SUCCESS)
                break;
            (*iters)++;
            /* Relative to f, but never finer than 1e-7 of the bracket's half-width:
             * beyond that the power is flat to rounding and Brent only wanders. */
            status = gsl_min_test_interval(gsl_min_fminimizer_x_lower(s), gsl_min_fminimizer_x_upper(s),
                                           fmax(tol * fabs(f) / step, GLS_REFINE_FLOOR), 0.0);
        }
        best = f + gsl_min_fminimizer_x_minimum(s) * step;
    }
    gsl_set_error_handler(old);
    gsl_min_fminimizer_free(s);
    return best;
}
