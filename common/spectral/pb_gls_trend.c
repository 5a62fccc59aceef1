#include "spectral/pb_gls_trend.h"

#include <math.h>
#include <stdlib.h>

#include "base/pb_phase.h"
#include "spectral/pb_nufft.h"

/* Sums at one frequency, each divided by n: of w cos, w sin, w y cos, w y
 * sin, w cos^2, w cos sin, and of w q_j cos, w q_j sin (q_j the trend's
 * orthonormal polynomials). */
typedef struct trend_sums {
    double c, s, yc, ys, cc, cs, qc[2], qs[2];
} trend_sums;

/* Zechmeister & Kuerster's power (pb_gls) from the sinusoid's columns
 * already projected out of the model's others (the offset's, the trend's). */
static double power_of_projected(double CC, double SS, double CS, double YC, double YS, double yy)
{
    double D = CC * SS - CS * CS;
    if (yy <= 0)
        return 0.0;
    /* A column that vanishes on every sample (or is all trend): the model
     * keeps the other one alone. */
    if (D <= 1e-12 * (CC + SS) * (CC + SS)) {
        if (CC >= SS)
            return CC > 0 ? YC * YC / (CC * yy) : 0.0;
        return SS > 0 ? YS * YS / (SS * yy) : 0.0;
    }
    return (SS * YC * YC + CC * YS * YS - 2.0 * CS * YC * YS) / (D * yy);
}

/* The same from sums whose projections on the constant and on each q_j are
 * removed by subtraction (the fast path's sums). */
static double power_from_sums(const trend_sums *u, int degree, double yy)
{
    double CC = u->cc - u->c * u->c, SS = (1.0 - u->cc) - u->s * u->s, CS = u->cs - u->c * u->s;
    for (int j = 0; j < degree; j++) {
        CC -= u->qc[j] * u->qc[j];
        SS -= u->qs[j] * u->qs[j];
        CS -= u->qc[j] * u->qs[j];
    }
    return power_of_projected(CC, SS, CS, u->yc, u->ys, yy);
}

/* The exact power projects the columns explicitly, sample by sample, so
 * that no sum cancels: with weights of very different sizes the projected
 * sums of squares are differences of nearly equal numbers, and rounding
 * then made powers above 1. */
double pb_glst_power(const pb_gls_data *d, double f)
{
    size_t n = d->n;
    double *c = malloc(2 * (n ? n : 1) * sizeof *c), *s = c ? c + n : NULL;
    if (!c)
        return NAN;
    trend_sums u = {0, 0, 0, 0, 0, 0, {0, 0}, {0, 0}};
    for (size_t i = 0; i < n; i++) {
        double arg = 2.0 * M_PI * pb_phase_frac(f, d->t[i]);
        c[i] = cos(arg), s[i] = sin(arg);
        u.c += d->w[i] * c[i], u.s += d->w[i] * s[i];
        for (int j = 0; j < d->trend_degree; j++)
            u.qc[j] += d->wq[j][i] * c[i], u.qs[j] += d->wq[j][i] * s[i];
    }
    double nn = (double)n;
    for (size_t i = 0; i < n; i++) { /* minus their projections on the constant and each q_j = wq_j / w */
        c[i] -= u.c / nn, s[i] -= u.s / nn;
        for (int j = 0; j < d->trend_degree; j++)
            c[i] -= u.qc[j] / nn * d->wq[j][i] / d->w[i], s[i] -= u.qs[j] / nn * d->wq[j][i] / d->w[i];
    }
    double CC = 0, SS = 0, CS = 0, YC = 0, YS = 0;
    for (size_t i = 0; i < n; i++) {
        CC += d->w[i] * c[i] * c[i], SS += d->w[i] * s[i] * s[i], CS += d->w[i] * c[i] * s[i];
        YC += d->wy[i] * c[i], YS += d->wy[i] * s[i];
    }
    free(c);
    return power_of_projected(CC / nn, SS / nn, CS / nn, YC / nn, YS / nn, d->yy);
}

int pb_glst_power_fast(const pb_gls_data *d, double f0, double df, size_t m, double tol, double *power)
{
    int deg = d->trend_degree, sets = 2 + deg;
    pb_nufft *plan = pb_nufft_alloc(m, tol);
    double *buf = malloc((size_t)(2 * sets + 2) * (m ? m : 1) * sizeof *buf);
    int rc = -1;
    if (plan && buf) {
        /* re[k], im[k]: set k's sums at f (w, w y, w q_j); then w's at 2 f. */
        const double *coef[4] = {d->w, d->wy, deg > 0 ? d->wq[0] : NULL, deg > 1 ? d->wq[1] : NULL};
        double *re[4], *im[4];
        for (int k = 0; k < sets; k++)
            re[k] = buf + (size_t)(2 * k) * m, im[k] = buf + (size_t)(2 * k + 1) * m;
        double *re2[1] = {buf + (size_t)(2 * sets) * m}, *im2[1] = {buf + (size_t)(2 * sets + 1) * m};
        rc = pb_nufft_trig_sums(plan, d->t, d->n, 1.0, f0, df, coef, sets, re, im);
        if (rc == 0)
            rc = pb_nufft_trig_sums(plan, d->t, d->n, 2.0, f0, df, coef, 1, re2, im2);
        double n = (double)d->n;
        for (size_t k = 0; rc == 0 && k < m; k++) {
            /* cos^2 = (1 + cos 2x) / 2, cos sin = sin 2x / 2 */
            trend_sums u = {re[0][k] / n, im[0][k] / n, re[1][k] / n, im[1][k] / n, 0.5 * (1.0 + re2[0][k] / n),
                            0.5 * im2[0][k] / n, {0, 0}, {0, 0}};
            for (int j = 0; j < deg; j++)
                u.qc[j] = re[2 + j][k] / n, u.qs[j] = im[2 + j][k] / n;
            power[k] = power_from_sums(&u, deg, d->yy);
        }
        for (size_t k = 0, low = rc == 0 ? pb_gls_ill_conditioned(d, f0, df, m) : 0; k < low; k++)
            power[k] = pb_glst_power(d, f0 + (double)k * df);
    }
    pb_nufft_free(plan);
    free(buf);
    return rc;
}
