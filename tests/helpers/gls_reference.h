/* References for the Lomb-Scargle tests: the series astropy's reference
 * values were computed for, and the power's definition by GSL's weighted
 * linear least squares. */
#ifndef PB_TEST_GLS_REFERENCE_H
#define PB_TEST_GLS_REFERENCE_H

#include <stddef.h>

#include "spectral/pb_gls.h"

/* Points of the formula series. */
#define PB_TEST_FORMULA_N 200

/* t_i = i + 0.3 sin i, y_i = sin(0.2 pi t_i) + 0.5 cos(1.7 i) + 0.2 i / 200,
 * dy_i = 0.5 + 0.4 sin^2(3 i), i < 200: formulas, no RNG, so astropy saw
 * the same numbers. */
void pb_test_formula_series(double *t, double *y, double *dy);

/* The formula series as Lomb-Scargle data, weighted by its dy or not. */
void pb_test_formula_data(pb_gls_data *d, int weighted);

/* 1 - chi2(f) / chi2_0 of an offset and K harmonics of f fitted by GSL's
 * weighted linear least squares (weights 1/dy^2; dy NULL: unweighted),
 * chi2_0 about the weighted mean; column skip left out (-1: none; column
 * 2k - 1 is cos(2 pi k f t), 2k is sin). */
double pb_test_fit_power(const double *t, const double *y, const double *dy, size_t n, double f, int K, int skip);

#endif
