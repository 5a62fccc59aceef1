/* pb_ridge: the ridge of a Morlet transform (pb_cwt) - at each time, the
 * scale of greatest power - and what it says about the rhythm there:
 * instantaneous period (from the ridge scale, refined by a parabola in log
 * scale), amplitude, phase and frequency (from the phase's rate of change
 * along the ridge), and the stretch outside the cone of influence. */
#ifndef PB_RIDGE_H
#define PB_RIDGE_H

#include <stddef.h>

#include "wavelet/pb_cwt.h"

typedef struct pb_ridge {
    size_t n;
    double *period;    /* [n] Fourier period of the ridge scale, time units */
    double *amp;       /* [n] amplitude A of A cos(phase) */
    double *phase;     /* [n] unwrapped phase, radians */
    double *freq;      /* [n] instantaneous frequency d phase / dt / 2 pi, cycles per time unit */
    size_t lo, hi;     /* reliable stretch [lo, hi]: at least edge cone-of-influence half-widths
                        * (sqrt(2) s) from either end at the ridge's scale; lo > hi when there is none */
} pb_ridge;

/* At one cone half-width from an edge the zero padding still pulls a pure
 * tone's ridge period by more than 0.5 %; from 1.5 on it stays within it
 * (tests/wavelet/test_wavelet.c): the default reliable stretch starts at 1.5. */
#define PB_RIDGE_EDGE_DEFAULT 1.5

/* Extracts the ridge. penalty >= 0: 0 takes the maximum at each time; > 0
 * maximises sum(log power) - penalty * sum((jump in scale index)^2) by
 * dynamic programming, which keeps the ridge from hopping between rhythms
 * or onto noise. edge > 0: see lo, hi. Returns 0, -1 for bad arguments, -2
 * when out of memory. */
int pb_ridge_extract(const pb_cwt *c, double penalty, double edge, pb_ridge *out);
/* The maximum-power ridge (penalty 0) of the Morlet transform of y[0..n),
 * computed scale by scale without holding the transform: O(n) memory
 * instead of O(n x scales), the same result as pb_cwt_morlet followed by
 * pb_ridge_extract with penalty 0. Returns 0, -1 for bad arguments, -2
 * when out of memory. */
int pb_ridge_extract_streaming(const double *y, size_t n, double dt, double omega0, const double *scale,
                               size_t n_scales, double edge, pb_ridge *out);
void pb_ridge_free(pb_ridge *r);

#endif
