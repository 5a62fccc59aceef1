/* pb_gls: the generalized Lomb-Scargle periodogram (floating mean,
 * Zechmeister & Kuerster 2009), optionally weighted by measurement errors
 * (w = 1/dy^2), in the standard normalisation (astropy's default):
 * power = 1 - chi2(f) / chi2_const, in [0, 1].
 * These are the direct, exact O(N) per-frequency evaluations that faster
 * methods are tested against. */
#ifndef PB_GLS_H
#define PB_GLS_H

#include <stddef.h>

#include "pb_series.h"

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
} pb_gls_data;

/* Weighted by 1/dy[i]^2 (dy NULL: unweighted); every dy[i] must be finite
 * and > 0 (the callers check). Returns 0, or -1 on allocation failure. */
int pb_gls_data_init_weighted(pb_gls_data *d, const pb_series *s, const double *dy);
/* The same with the series' own errors s->dy (NULL: unweighted). */
int pb_gls_data_init(pb_gls_data *d, const pb_series *s);
void pb_gls_data_free(pb_gls_data *d);

/* Every power below is the one of d->nterms harmonics (astropy's nterms):
 * for nterms > 1 they call pb_gls_harmonics. */

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

/* How many of f0 + k df, k < m, from the first, lie below half a cycle per
 * span: there the power's denominator nearly vanishes and amplifies the
 * fast sums' error (like tol / (f span)^4; measured ~1e-13 at f span = 0.47,
 * ~1e-10 at 0.07, N = 1000 clustered, tol 1e-12), so the fast paths sum
 * those few exactly. */
size_t pb_gls_ill_conditioned(const pb_gls_data *d, double f0, double df, size_t m);

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
