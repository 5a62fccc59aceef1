/* pb_gls_data: the centred, weighted copy of a series that every
 * Lomb-Scargle power is computed from (pb_gls for one term,
 * pb_gls_harmonics for several), and the rule both use for the
 * ill-conditioned lowest frequencies. */
#ifndef PB_GLS_DATA_H
#define PB_GLS_DATA_H

#include <stddef.h>

#include "base/pb_series.h"

/* Centred copy of a series: times shifted to start at 0, values minus their
 * (weighted) mean (the power is invariant to both; they keep the sums well
 * scaled). Every sum is weighted: sum w cos, sum w y cos, ... */
typedef struct pb_gls_data {
    size_t n;
    double *t, *y;
    double *w;       /* weights, mean 1: 1/dy^2 scaled, or all 1 without errors */
    double *wy;      /* w * y (y itself without errors) */
    double t_shift;  /* original t = t + t_shift */
    double yy;       /* mean of w y^2 after centring */
    int nterms;      /* harmonics in the model: 1 (init), or up to PB_GLS_MAX_NTERMS (pb_gls_harmonics) */
    /* Harmonics k f at or above this are left out of the model (INFINITY at
     * init, astropy's definition; the Nyquist frequency for uniform times,
     * where they would alias onto lower frequencies). */
    double harmonic_fmax;
    /* A polynomial trend in the model with the sinusoid (pb_gls_data_trend):
     * its degree (0: the offset only), and w q_j for q_1 .. q_degree, the
     * polynomials of degree j orthogonal to the constant and to each other
     * under the weights, sum w q_j^2 = n. y is then the residual of the trend. */
    int trend_degree;
    double *wq[2];
} pb_gls_data;

/* Weighted by 1/dy[i]^2 (dy NULL: unweighted); every dy[i] must be finite
 * and > 0 (the callers check). Returns 0, or -1 on allocation failure. */
int pb_gls_data_init_weighted(pb_gls_data *d, const pb_series *s, const double *dy);
/* The same with the series' own errors s->dy (NULL: unweighted). */
int pb_gls_data_init(pb_gls_data *d, const pb_series *s);
void pb_gls_data_free(pb_gls_data *d);

/* Puts a polynomial trend of degree 1 or 2 into the model every power of d
 * is computed with (the generalized periodogram of Zechmeister & Kuerster
 * with the trend's columns beside the offset): the power at f is then the
 * share of what the trend leaves that the sinusoid explains, fitted together
 * with the trend. Degree 0 leaves d as it is. Returns 0, or -1 on
 * allocation failure or a degree outside 0..2. */
int pb_gls_data_trend(pb_gls_data *d, int degree);

/* How many of f0 + k df, k < m, from the first, lie below half a cycle per
 * span (one more cycle per degree of a trend in the model): there the power's denominator nearly vanishes and amplifies the
 * fast sums' error (like tol / (f span)^4; measured ~1e-13 at f span = 0.47,
 * ~1e-10 at 0.07, N = 1000 clustered, tol 1e-12), so the fast paths sum
 * those few exactly. */
size_t pb_gls_ill_conditioned(const pb_gls_data *d, double f0, double df, size_t m);

#endif
