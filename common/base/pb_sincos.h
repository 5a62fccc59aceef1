/* pb_sincos: sine and cosine of a batch of arguments, written so the
 * compiler vectorises the loop (no branches, no libm calls), for the inner
 * loops of SGD training. Accurate to a few ulp for |x| <= PB_SINCOS_FAST_MAX;
 * batches with larger or non-finite arguments fall back to libm. */
#ifndef PB_SINCOS_H
#define PB_SINCOS_H

#include <stddef.h>

/* Above this |x| the three-part reduction by pi/2 loses accuracy. */
#define PB_SINCOS_FAST_MAX 1.0e6

/* s[i] = sin(x[i]), c[i] = cos(x[i]) for i < n. Element by element, so x
 * may be the same array as s or c. */
void pb_sincos_batch(const double *x, size_t n, double *s, double *c);

#endif
