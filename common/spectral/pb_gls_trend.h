/* pb_gls_trend: the generalized Lomb-Scargle power with a polynomial trend
 * in the model beside the offset (pb_gls_data_trend): the trend's columns
 * are projected out of the sinusoid's as the constant's are, so the power
 * at f is 1 - chi2(trend + sinusoid at f) / chi2(trend), trend and sinusoid
 * fitted together. pb_gls calls these when d->trend_degree > 0 (nterms 1);
 * they are public for the tests. Compiled apart from pb_gls, whose fused
 * multiply-adds a shared formula would have moved in their last bits. */
#ifndef PB_GLS_TREND_H
#define PB_GLS_TREND_H

#include <stddef.h>

#include "spectral/pb_gls_data.h"

/* Power at one frequency, exact sums. */
double pb_glst_power(const pb_gls_data *d, double f);

/* Powers at f0 + k df, k < m: fast sums (pb_nufft, every coefficient set
 * at f in one pass and the weights at 2 f in another) to relative tolerance
 * tol, exact sums below the ill-conditioned limit (pb_gls_ill_conditioned).
 * Returns 0, or -1 on allocation failure. */
int pb_glst_power_fast(const pb_gls_data *d, double f0, double df, size_t m, double tol, double *power);

#endif
