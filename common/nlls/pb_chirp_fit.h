/* pb_chirp_fit: one linear chirp plus an offset by GSL's trust-region
 * nonlinear least squares (Levenberg-Marquardt, analytic Jacobian):
 *   y(t) = c0 + a cos(theta) + b sin(theta),  theta = 2 pi (f tau + rate tau^2 / 2),
 * tau = t - t_mid (the middle of the span, where f is the frequency and
 * f and rate are nearly uncorrelated). rate can be held at 0 (a tone). */
#ifndef PB_CHIRP_FIT_H
#define PB_CHIRP_FIT_H

#include <stddef.h>

#include "base/pb_series.h"

typedef struct pb_chirp_model {
    double t_mid, offset, a, b, freq, rate;
    double freq_se, rate_se; /* from the Jacobian, scaled by rss / (n - p); rate_se 0 when held */
    double rss;
    long iterations;
    int converged;
} pb_chirp_model;

/* Fits s from (f0, rate0); rate held at 0 when fit_rate is 0. Returns 0,
 * -1 if degenerate (n <= parameters), -2 out of memory. */
int pb_chirp_fit(const pb_series *s, double f0, double rate0, int fit_rate, size_t max_iter, pb_chirp_model *out);

/* y[i] = the model at t[i]. */
void pb_chirp_eval(const pb_chirp_model *m, const double *t, size_t n, double *y);

#endif
