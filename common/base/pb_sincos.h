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

/* s[i] = sin(2 pi f t[i]), c[i] = cos(2 pi f t[i]) with the phase f t[i]
 * reduced exactly to a fraction of a turn first (pb_phase_frac): accurate to
 * ~1e-15 however large f t, and always on the vectorised path (libm's
 * exact reduction of 2 pi f t ~ 1e9 took most of a clock fit's time, and
 * the rounded product 2 pi f t is itself off by ~1e-8 there). x is scratch
 * space for n arguments. */
void pb_sincos_turns(double f, const double *t, size_t n, double *x, double *s, double *c);

#endif
