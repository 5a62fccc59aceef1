/* pb_trend: a polynomial trend (degree 0, 1 or 2) fitted by linear least
 * squares (GSL), removed before a period search and added back to
 * predictions. Time is scaled to [-1, 1] over the data's span inside, so
 * the fit is well conditioned for any time unit. */
#ifndef PB_TREND_H
#define PB_TREND_H

#include <stddef.h>

typedef struct pb_trend {
    int degree;            /* -1: no trend (evaluates to 0) */
    double t_mid, t_half;  /* scaling: x = (t - t_mid) / t_half */
    double coef[3];        /* c0 + c1 x + c2 x^2 */
} pb_trend;

/* Fits y(t[i]) over i < n with a polynomial of the given degree (-1..2),
 * weighted by 1/dy[i]^2 when dy is not NULL. Returns 0, or -1 if n <=
 * degree + 1, the span is 0, or GSL fails. */
int pb_trend_fit(const double *t, const double *y, const double *dy, size_t n, int degree, pb_trend *trend);
double pb_trend_eval(const pb_trend *trend, double t);
/* The slope d trend / dt at t, per time unit. */
double pb_trend_slope(const pb_trend *trend, double t);

#endif
