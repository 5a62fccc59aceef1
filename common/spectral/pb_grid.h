/* pb_grid: frequency grids f_j = f0 + j df, j < m, for periodograms. */
#ifndef PB_GRID_H
#define PB_GRID_H

#include <stddef.h>

typedef struct pb_grid {
    double f0, df;
    size_t m;
} pb_grid;

/* The automatic grid: step 1 / (samples_per_peak * span); from fmin (or one
 * step when fmin <= 0) to fmax. Returns 0, or -1 if the band is empty. */
int pb_grid_auto(double span, double samples_per_peak, double fmin, double fmax, pb_grid *g);
/* m frequencies from fmin to fmax inclusive (m >= 2, fmin < fmax). */
int pb_grid_fixed(double fmin, double fmax, size_t m, pb_grid *g);

#endif
