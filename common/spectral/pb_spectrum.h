/* pb_spectrum: a periodogram of a series on a grid chosen from a request
 * (method, band, samples per peak or number of frequencies): what the
 * `periodogram` command prints, and what the benchmarks time. */
#ifndef PB_SPECTRUM_H
#define PB_SPECTRUM_H

#include <stddef.h>

#include "base/pb_series.h"

typedef struct pb_spectrum_request {
    const char *method; /* "lomb-scargle" (fast sums), "ls-direct" or "periodogram" */
    double fmin, fmax;  /* fmin <= 0: one grid step; fmax NAN: mean Nyquist (n-1)/(2T) */
    double samples_per_peak;
    size_t nfreq;       /* 0: from samples_per_peak */
    int nterms;         /* harmonics in the model (1: the classic power); not for the FFT */
} pb_spectrum_request;

typedef struct pb_spectrum {
    size_t m;
    double *freq, *power;
    const char *note; /* what was done that the request did not say (a static string), or NULL */
} pb_spectrum;

/* The power is weighted by 1/dy^2 when s->dy is set. Returns 0; -1 for bad
 * input or request (too few points, constant values or values whose spread
 * double arithmetic cannot resolve, an empty band, a grid of more than
 * PB_GRID_MAX_FREQS frequencies, non-uniform times or errors for the FFT, a
 * power outside [0, 1] beyond rounding); -2 when out of memory. Every power
 * returned is in [0, 1]. err is written on every failure. */
int pb_spectrum_compute(const pb_series *s, const pb_spectrum_request *req, pb_spectrum *out, char *err,
                        size_t errlen);
void pb_spectrum_free(pb_spectrum *sp);

#endif
