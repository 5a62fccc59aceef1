/* pb_peaks: the highest local maxima of a sampled function. */
#ifndef PB_PEAKS_H
#define PB_PEAKS_H

#include <stddef.h>

/* Indices of up to k local maxima of p[0..m) (p[j] >= p[j-1] and
 * p[j] > p[j+1]; the ends count against their one neighbour), highest
 * first. Returns how many were written to idx. */
size_t pb_peaks_top(const double *p, size_t m, size_t k, size_t *idx);

#endif
