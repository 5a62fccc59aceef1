/* pb_extract: several sinusoids by iterative extraction. A finder proposes
 * the next frequency from the current residual; all frequencies found so far
 * (each with its harmonics, if asked) are fitted jointly by linear least
 * squares; the residual is updated; and so on up to k components. Shared by
 * the spectral methods. */
#ifndef PB_EXTRACT_H
#define PB_EXTRACT_H

#include <stddef.h>

#include "spectral/pb_harmonic_model.h"
#include "contract/pb_method.h"

/* Writes the next frequency found in residual (same times as the training
 * series) and the false-alarm probability of its peak (NAN if unknown).
 * Returns PB_OK, or a status with report->message set. */
typedef pb_status (*pb_extract_finder)(const pb_series *residual, void *ctx, double *freq, double *fap,
                                       pb_fit_report *report);

typedef struct pb_extract_options {
    size_t components;    /* most fundamentals found */
    size_t harmonics;     /* terms h f, h = 1 .. harmonics, per fundamental f (1: a sinusoid each) */
    double harmonic_fmax; /* harmonics at or above this are left out (uniform times: Nyquist; else INFINITY) */
    double fap_max;       /* a fundamental after the first is kept only if its FAP is at most this */
    int trend_degree;     /* a polynomial trend (0: an offset only; 1, 2) fitted with the sinusoids each time */
} pb_extract_options;

/* Fills *model (allocated here): each fundamental followed by its harmonics
 * below harmonic_fmax, fundamentals in the order found. The first
 * fundamental is always kept (every task promises a periodic signal); a
 * later one only while its false-alarm probability is at most fap_max.
 * Stops early when the residual is constant or its RMS is below 1e-7 of the
 * data's (rounding noise). Returns PB_OK or the finder's status. */
pb_status pb_extract_components(const pb_series *train, const pb_extract_options *opt, pb_extract_finder find,
                                void *ctx, pb_harmonic_model **model, pb_fit_report *report);

#endif
