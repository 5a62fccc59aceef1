/* pb_resid_ar1: how correlated a fit's residuals are, and what that does
 * to a frequency's standard error. The residuals, in time order, are taken
 * as an AR(1) process r_i = phi r_{i-1} + e_i at the median sampling step;
 * a sinusoid's frequency error then scales with the square root of the
 * noise spectrum at its frequency over the white spectrum of the same
 * variance (the asymptotic Cramer-Rao bound in coloured Gaussian noise). */
#ifndef PB_RESID_AR1_H
#define PB_RESID_AR1_H

#include <stddef.h>

/* Lag-1 autocorrelation sum r_i r_{i+1} / sum r_i^2 of r[0..n) about 0
 * (residuals of a fit with an offset have mean ~0), clamped to
 * [-PB_AR1_PHI_MAX, PB_AR1_PHI_MAX]; 0 for n < 3 or all-zero r. */
#define PB_AR1_PHI_MAX 0.99
double pb_ar1_phi(const double *r, size_t n);

/* Median of the steps t[i+1] - t[i] (t sorted), 0 for n < 2. */
double pb_ar1_median_step(const double *t, size_t n);

/* sqrt(S(f) / S_white): S(f) = (1 - phi^2) / (1 - 2 phi cos(2 pi f dt) + phi^2)
 * for an AR(1) of unit variance at step dt; 1 for phi = 0. */
double pb_ar1_se_factor(double phi, double f, double dt);

#endif
