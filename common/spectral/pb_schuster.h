/* pb_schuster: the classical (Schuster) periodogram of the centred,
 * weighted values, |sum w_j y_j exp(2 pi i f t_j)|^2 / (n yy), on a uniform
 * grid by one fast trigonometric sum (pb_nufft): a third of the work of the
 * generalized Lomb-Scargle power, which also needs the window's sums at f
 * and 2 f. It differs from that power by the window's leakage (~1/sqrt(n)
 * of it for irregular times), so it is for ranking the peaks of a long
 * grid that the exact power then refines. */
#ifndef PB_SCHUSTER_H
#define PB_SCHUSTER_H

#include <stddef.h>

#include "spectral/pb_gls_data.h"

typedef struct pb_schuster pb_schuster;

/* A plan for grids of m frequencies at the sums' tolerance tol; NULL on
 * allocation failure. */
pb_schuster *pb_schuster_alloc(size_t m, double tol);
void pb_schuster_free(pb_schuster *p);
/* power[k] at f0 + k df, k < m. Returns 0, or -1 on allocation failure. */
int pb_schuster_power(pb_schuster *p, const pb_gls_data *d, double f0, double df, double *power);

#endif
