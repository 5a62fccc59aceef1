/* pb_gls: the generalized Lomb-Scargle periodogram (floating mean,
 * Zechmeister & Kuerster 2009), optionally weighted by measurement errors
 * (w = 1/dy^2), in the standard normalisation (astropy's default):
 * power = 1 - chi2(f) / chi2_const, in [0, 1].
 * These are the direct, exact O(N) per-frequency evaluations that faster
 * methods are tested against. */
#ifndef PB_GLS_H
#define PB_GLS_H

#include <stddef.h>

#include "spectral/pb_gls_data.h"

/* Every power below is the one of d->nterms harmonics (astropy's nterms):
 * for nterms > 1 they call pb_gls_harmonics; with a trend in the model
 * (d->trend_degree > 0, nterms 1), pb_gls_trend. */

/* Power at one frequency f (cycles per time unit), exact sin/cos per sample. */
double pb_gls_power(const pb_gls_data *d, double f);

/* Powers at f0 + j df, j < m, by direct O(N m) sums: the sines and cosines
 * advance by rotation and are recomputed exactly every few frequencies, so
 * every value agrees with pb_gls_power to ~1e-13. Returns 0, or -1 on
 * allocation failure. */
int pb_gls_power_grid(const pb_gls_data *d, double f0, double df, size_t m, double *power);

/* The default relative tolerance of the fast sums: every power stays within
 * 1e-9 of pb_gls_power_grid (the tests check it; the errors measured at N =
 * 1e3 .. 1e6 are below 1e-12), and a smaller tol buys no accuracy: the sums'
 * error floor is ~1e-12 of sum |c| (tests). As text for parameter tables. */
#define PB_GLS_FAST_TOL 1e-11
#define PB_GLS_TEXT_OF(x) #x
#define PB_GLS_TEXT(x) PB_GLS_TEXT_OF(x)
#define PB_GLS_FAST_TOL_TEXT PB_GLS_TEXT(PB_GLS_FAST_TOL)

/* The same powers by fast trigonometric sums (pb_nufft) in O(N w + m log m)
 * (frequencies below half a cycle per span, where the power is
 * ill-conditioned, by exact sums); tol is the sums' relative tolerance.
 * Returns 0, or -1 on allocation failure. */
int pb_gls_power_fast(const pb_gls_data *d, double f0, double df, size_t m, double tol, double *power);

/* A reusable plan for fast powers on m frequencies at any f0 (two passes):
 * for many grids of the same size, e.g. a long grid in chunks. */
typedef struct pb_gls_fast pb_gls_fast;
pb_gls_fast *pb_gls_fast_alloc(size_t m, double tol);
void pb_gls_fast_free(pb_gls_fast *g);
/* power[k] at f0 + k df, k < m (as pb_gls_power_fast). Returns 0 or -1. */
int pb_gls_fast_power(pb_gls_fast *g, const pb_gls_data *d, double f0, double df, double *power);

/* The same as pb_gls_power_grid but keeps only the arg max: *best_j and
 * its power. Needs no O(m) memory. */
int pb_gls_grid_argmax(const pb_gls_data *d, double f0, double df, size_t m, size_t *best_j, double *best_power);

/* Relative frequency tolerance of peak refinements: near double precision. */
#define PB_GLS_REFINE_TOL 1e-13

/* The frequency of the largest power in [f - step, f + step] (clamped to
 * [lo, hi]), found by Brent's method on the exact power to a relative
 * tolerance tol; f itself if the bracket holds no interior maximum.
 * Adds the iterations used to *iters. */
double pb_gls_refine_peak(const pb_gls_data *d, double f, double step, double lo, double hi, double tol, long *iters);

#endif
