/* pb_grid: frequency grids f_j = f0 + j df, j < m, for periodograms. */
#ifndef PB_GRID_H
#define PB_GRID_H

#include <stddef.h>

typedef struct pb_grid {
    double f0, df;
    size_t m;
} pb_grid;

/* The most frequencies a grid may have by default: what `periodogram` and
 * lomb-scargle's max_freqs allow (a larger grid is an error that says so,
 * not an allocation of its size). As text for parameter tables. */
#define PB_GRID_MAX_FREQS 1e7
#define PB_GRID_MAX_FREQS_TEXT "1e7"
/* The most sample x frequency pairs exact O(N M) sums attempt by default
 * (ls-direct's max_ops, periodogram --method ls-direct): ~a minute. */
#define PB_GRID_MAX_EXACT_OPS 2e10
#define PB_GRID_MAX_EXACT_OPS_TEXT "2e10"

/* The automatic grid: step 1 / (samples_per_peak * span); from fmin (or one
 * step when fmin <= 0) to fmax. Returns 0; -1 if the band is empty; -2 if
 * the grid would have more than 1e15 frequencies (g->m is then 0: no size
 * that large can be allocated, and the count would not fit). */
int pb_grid_auto(double span, double samples_per_peak, double fmin, double fmax, pb_grid *g);
/* m frequencies from fmin to fmax inclusive (m >= 2, fmin < fmax). */
int pb_grid_fixed(double fmin, double fmax, size_t m, pb_grid *g);

#endif
