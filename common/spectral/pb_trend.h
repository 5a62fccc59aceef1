/* pb_trend: a polynomial trend (degree 0, 1 or 2) in time scaled to
 * [-1, 1] over the data's span (x = (t - t_mid) / t_half), so that its
 * columns are well conditioned for any time unit. Fitted alone by linear
 * least squares (pb_trend_fit), or jointly with sinusoids (pb_lsq_fit_trend,
 * pb_nlls), whose models then hold one. */
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
/* No trend: evaluates to 0. */
pb_trend pb_trend_none(void);
/* The scaling of a trend over times t[0] .. t[n-1] (sorted), degree and
 * coefficients 0: for a joint fit to fill in. */
pb_trend pb_trend_scaled_to(const double *t, size_t n, int degree);
/* "none", "linear", "quadratic": degree 0, 1, 2 (an offset is always
 * fitted; none adds nothing to it); -1 for any other name. */
int pb_trend_degree_named(const char *name);
/* The name of degree 0..2 (its inverse). */
const char *pb_trend_name(int degree);
#define PB_TREND_NAMES "none|linear|quadratic"
/* The slope d trend / dt at t, per time unit. */
double pb_trend_slope(const pb_trend *trend, double t);

#endif
