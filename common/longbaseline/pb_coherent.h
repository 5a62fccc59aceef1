/* pb_coherent: a phase-coherent frequency search for long baselines.
 *
 * A periodogram over a whole long span needs about samples_per_peak * fmax * T
 * frequencies (~1e10 for 120 years of seconds). Instead: (1) search the full
 * prior band on a first stretch of the data short enough for a cheap grid
 * (lomb-scargle's fast sums; at least 128 points, so with sparse data a long
 * grid, ranked in chunks on the Schuster power), refining the top peaks on
 * the exact power
 * (each followed through two stages; the best then goes on alone);
 * (2) extend the stretch, each time only as far as the current frequency's
 * uncertainty keeps the predicted phase unambiguous (phase error at the far
 * end below `phase_margin` cycles), and re-maximise the exact power within
 * half a peak width; (3) repeat until the whole span is used. The frequency
 * uncertainty at each stage is the least-squares one, sqrt(2 s^2 / ((2 pi A)^2
 * sum (t - tbar)^2)), with s^2 the residual variance (so harmonics of a
 * non-sinusoidal shape count as noise: conservative). */
#ifndef PB_COHERENT_H
#define PB_COHERENT_H

#include <stddef.h>

#include "base/pb_series.h"
#include "base/pb_status.h"

#define PB_COHERENT_MAX_STAGES 64

typedef struct pb_coherent_options {
    double first_freqs;      /* grid size of the first stretch's periodogram (sets its length) */
    double samples_per_peak; /* of that grid */
    int candidates;          /* top peaks of the first stretch followed through every stage */
    double phase_margin;     /* largest predicted phase error, in cycles, allowed at a stretch's end */
    double tol;              /* fast sums' tolerance */
} pb_coherent_options;

typedef struct pb_coherent_stage {
    size_t n;            /* points used */
    double span;         /* their time span */
    double freq, sigma;  /* estimate and its standard error after this stage */
    double power;        /* exact power at freq on these points */
} pb_coherent_stage;

typedef struct pb_coherent_result {
    double freq, sigma, power;
    size_t n_stages;
    pb_coherent_stage stage[PB_COHERENT_MAX_STAGES];
    long evaluations;    /* exact power evaluations */
    size_t next_n;       /* internal: points of the next stage, 0 when the span is used up */
} pb_coherent_result;

/* Returns PB_OK, or with msg: PB_BAD_INPUT (an empty band), PB_UNSUPPORTED
 * (a first stretch whose grid would still need more than its limit of
 * frequencies: sparse data over a band too wide for them, a refusal, not a
 * memory failure) or PB_OUT_OF_MEMORY. */
pb_status pb_coherent_search(const pb_series *s, const pb_prior *prior, const pb_coherent_options *opt,
                             pb_coherent_result *res, char *msg, size_t msglen);

#endif
