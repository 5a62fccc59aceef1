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

/* Zechmeister & Kuerster's power (pb_gls) from sums whose projections on
 * the constant and on each q_j are removed. */
static double power_from_sums(const trend_sums *u, int degree, double yy)
{
    double CC = u->cc - u->c * u->c, SS = (1.0 - u->cc) - u->s * u->s, CS = u->cs - u->c * u->s;
    for (int j = 0; j < degree; j++) {
        CC -= u->qc[j] * u->qc[j];
        SS -= u->qs[j] * u->qs[j];
        CS -= u->qc[j] * u->qs[j];
    }
    double D = CC * SS - CS * CS;
    if (yy <= 0)
        return 0.0;
    /* A column that vanishes on every sample (or is all trend): the model
     * keeps the other one alone. */
    if (D <= 1e-12 * (CC + SS) * (CC + SS)) {
        if (CC >= SS)
            return CC > 0 ? u->yc * u->yc / (CC * yy) : 0.0;
        return SS > 0 ? u->ys * u->ys / (SS * yy) : 0.0;
    }
    return (SS * u->yc * u->yc + CC * u->ys * u->ys - 2.0 * CS * u->yc * u->ys) / (D * yy);
}

double pb_glst_power(const pb_gls_data *d, double f)
{
    trend_sums u = {0, 0, 0, 0, 0, 0, {0, 0}, {0, 0}};
    for (size_t i = 0; i < d->n; i++) {
        double arg = 2.0 * M_PI * pb_phase_frac(f, d->t[i]), c = cos(arg), s = sin(arg);
        u.c += d->w[i] * c;
        u.s += d->w[i] * s;
        u.yc += d->wy[i] * c;
        u.ys += d->wy[i] * s;
        u.cc += d->w[i] * c * c;
        u.cs += d->w[i] * c * s;
        for (int j = 0; j < d->trend_degree; j++) {
            u.qc[j] += d->wq[j][i] * c;
            u.qs[j] += d->wq[j][i] * s;
        }
    }
    double n = (double)d->n, *all[] = {&u.c, &u.s, &u.yc, &u.ys, &u.cc, &u.cs, &u.qc[0], &u.qc[1], &u.qs[0], &u.qs[1]};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
        *all[k] /= n;
    return power_from_sums(&u, d->trend_degree, d->yy);
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
