/* pb_chirp_search: the dechirped periodogram of a uniformly sampled
 * series. For each chirp rate c of a grid (cycles per time unit^2), the
 * series times exp(-i pi c tau^2), tau = t - t_mid, is Fourier transformed
 * (FFTW, zero-padded); a linear chirp cos(2 pi (f tau + c tau^2 / 2) + phi)
 * becomes a tone at f, its frequency at the middle of the span. The grid
 * is spaced 0.5/T^2 (a quarter cycle of quadratic phase at the ends) over
 * |c| <= (fmax - fmin)/T (a sweep across the whole band), at most
 * max_cells / (FFT length) rates (a narrower range otherwise, and said):
 * the work is rates x FFT length. */
#ifndef PB_CHIRP_SEARCH_H
#define PB_CHIRP_SEARCH_H

#include <stddef.h>

#include "base/pb_series.h"

typedef struct pb_chirp_peak {
    double freq, rate; /* the highest peak (frequency at t_mid, rate); rate 0 row: tone_freq */
    double power;      /* |sum|^2 / n at the peak */
    double tone_freq, tone_power; /* the highest peak of the rate-0 row */
    size_t n_rates;    /* rates searched */
    double rate_max;   /* the range searched, |c| <= rate_max */
    int range_cut;     /* 1: max_rates shortened the range */
} pb_chirp_peak;

/* s uniform with step dt; the mean is removed inside. Peaks within
 * [fmin, fmax]. Returns 0, or -1 (n < 4, empty band, out of memory). */
int pb_chirp_search(const pb_series *s, double dt, double fmin, double fmax, double max_cells, pb_chirp_peak *out);

#endif
