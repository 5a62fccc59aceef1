#include "pb_gls.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>

#include "pb_nufft.h"

/* Frequencies between exact recomputations of the rotating sines and cosines. */
#define GLS_RESEED_EVERY 64

/* Raw sums over samples at one frequency. */
typedef struct gls_sums {
    double c, s, yc, ys, cc, cs;
} gls_sums;

/* Zechmeister & Kuerster (2009) eq. 4-20, weights 1/n, y already centred. */
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

int pb_gls_data_init(pb_gls_data *d, const pb_series *s)
{
    memset(d, 0, sizeof *d);
    d->n = s->n;
    d->t = malloc(s->n * sizeof *d->t);
    d->y = malloc(s->n * sizeof *d->y);
    if (!d->t || !d->y) {
        pb_gls_data_free(d);
        return -1;
    }
    double mean = 0;
    for (size_t i = 0; i < s->n; i++)
        mean += s->y[i];
    mean /= (double)s->n;
    d->t_shift = s->t[0];
    for (size_t i = 0; i < s->n; i++) {
        d->t[i] = s->t[i] - d->t_shift;
        d->y[i] = s->y[i] - mean;
        d->yy += d->y[i] * d->y[i];
    }
    d->yy /= (double)s->n;
    return 0;
}

void pb_gls_data_free(pb_gls_data *d)
{
    free(d->t);
    free(d->y);
    d->t = d->y = NULL;
}

double pb_gls_power(const pb_gls_data *d, double f)
{
    gls_sums u = {0, 0, 0, 0, 0, 0};
    for (size_t i = 0; i < d->n; i++) {
        double a = 2.0 * M_PI * f * d->t[i], c = cos(a), s = sin(a);
        u.c += c;
        u.s += s;
        u.yc += d->y[i] * c;
        u.ys += d->y[i] * s;
        u.cc += c * c;
        u.cs += c * s;
    }
    return power_from_sums(&u, d->n, d->yy);
}

/* Walks the grid; calls back with each power. Shared by the grid and the argmax. */
typedef void (*gls_visit)(void *ctx, size_t j, double power);

static int walk_grid(const pb_gls_data *d, double f0, double df, size_t m, gls_visit visit, void *ctx)
{
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
    const double *t = d->t, *y = d->y;
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
            double ci = c[i], si = s[i];
            sc += ci;
            ss += si;
            syc += y[i] * ci;
            sys += y[i] * si;
            scc += ci * ci;
            scs += ci * si;
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

int pb_gls_power_fast(const pb_gls_data *d, double f0, double df, size_t m, double tol, double *power)
{
    pb_nufft *plan = pb_nufft_alloc(m, tol);
    double *buf = malloc(6 * (m ? m : 1) * sizeof *buf), *ones = malloc((d->n ? d->n : 1) * sizeof *ones);
    int rc = -1;
    if (plan && buf && ones) {
        for (size_t i = 0; i < d->n; i++)
            ones[i] = 1.0;
        double *c1 = buf, *s1 = c1 + m, *cy = s1 + m, *sy = cy + m, *c2 = sy + m, *s2 = c2 + m;
        const double *coef[2] = {ones, d->y};
        double *re[2] = {c1, cy}, *im[2] = {s1, sy}, *re2[1] = {c2}, *im2[1] = {s2};
        /* sum e^{i w t} and sum y e^{i w t} at f; sum e^{2 i w t} at 2f (times doubled). */
        if (pb_nufft_trig_sums(plan, d->t, d->n, 1.0, f0, df, coef, 2, re, im) == 0 &&
            pb_nufft_trig_sums(plan, d->t, d->n, 2.0, f0, df, coef, 1, re2, im2) == 0) {
            double n = (double)d->n;
            for (size_t k = 0; k < m; k++) {
                /* cos^2 = (1 + cos 2x) / 2, cos sin = sin 2x / 2 */
                gls_sums u = {c1[k], s1[k], cy[k], sy[k], 0.5 * (n + c2[k]), 0.5 * s2[k]};
                power[k] = power_from_sums(&u, d->n, d->yy);
            }
            rc = 0;
        }
    }
    pb_nufft_free(plan);
    free(buf);
    free(ones);
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
            status = gsl_min_test_interval(gsl_min_fminimizer_x_lower(s), gsl_min_fminimizer_x_upper(s),
                                           tol * fabs(f) / step, 0.0);
        }
        best = f + gsl_min_fminimizer_x_minimum(s) * step;
    }
    gsl_set_error_handler(old);
    gsl_min_fminimizer_free(s);
    return best;
}
