/* pb_lsq: linear harmonic least squares. For fixed frequencies f_k, fits
 *   y(t) = c + sum_k a_k cos(2 pi f_k t) + b_k sin(2 pi f_k t)
 * and returns the offset and each (frequency, amplitude, phase). */
#ifndef PB_LSQ_H
#define PB_LSQ_H

#include <stddef.h>

#include "base/pb_series.h"
#include "spectral/pb_trend.h"

/* freqs[0..k) in cycles per time unit. A sine or cosine column that is
 * numerically absent (RMS below 1e-10: the sine at 0 or at the Nyquist
 * frequency of uniform times) is left out and its coefficient is 0. With
 * s->dy, weighted by 1/dy^2. Writes comp[0..k) and *offset, and the
 * (weighted) residual sum of squares in *rss if rss is not NULL. Returns 0, or -1 if
 * the system is degenerate (n < 1 + 2k) or allocation fails. */
int pb_lsq_fit(const pb_series *s, const double *freqs, size_t k, pb_component *comp, double *offset, double *rss);

/* The same with a polynomial trend fitted jointly: trend (scaled, e.g. by
 * pb_trend_scaled_to, degree 0..2) gets the coefficients of x .. x^degree
 * (coef[0] stays 0: the offset is the constant). Degree 0 is pb_lsq_fit. */
int pb_lsq_fit_trend(const pb_series *s, const double *freqs, size_t k, pb_trend *trend, pb_component *comp,
                     double *offset, double *rss);

/* y[i] = offset + sum of the components at t[i]. */
void pb_lsq_eval(const pb_component *comp, size_t k, double offset, const double *t, size_t n, double *y);

#endif
