/* pb_fftspec: the classical periodogram of a uniformly sampled series by
 * FFTW, and the discrete-time Fourier transform at any single frequency.
 * Frequencies here are normalised: nu in cycles per sample. */
#ifndef PB_FFTSPEC_H
#define PB_FFTSPEC_H

#include <stddef.h>

typedef enum pb_window { PB_WINDOW_RECT, PB_WINDOW_HANN } pb_window;

typedef struct pb_fftspec pb_fftspec;

/* A plan for series of n samples, zero-padded to pad * n (FFTW_ESTIMATE:
 * the same plan, hence the same bits, on every run). NULL on failure. */
pb_fftspec *pb_fftspec_alloc(size_t n, size_t pad, pb_window window);
void pb_fftspec_free(pb_fftspec *s);
/* Number of power values: pad * n / 2 + 1, at nu_j = j / (pad * n). */
size_t pb_fftspec_bins(const pb_fftspec *s);

/* power[j] = 2 |X_w(nu_j)|^2 / (sum w^2 * sum x^2), x = y - mean(y),
 * X_w the transform of w x. With the rectangular window and pad = 1 this
 * equals the Lomb-Scargle power (standard normalisation) at nu_j. Returns 0,
 * or -1 if the series is constant. */
int pb_fftspec_power(pb_fftspec *s, const double *y, double *power);

/* The classic Lomb-Scargle power at each FFT frequency nu_j (rectangular
 * window; the mean removed first): the share of sum x^2 that the least-squares
 * sinusoid at nu_j explains, so in [0, 1] by construction (up to rounding),
 * at every bin, padded or not, DC and Nyquist included. At the Fourier
 * frequencies j / n (pad 1) it equals pb_fftspec_power; between them (pad > 1)
 * and at Nyquist the latter's 2 |X|^2 / (n sum x^2) reaches up to 2. Returns
 * 0, or -1 if the series is constant. */
int pb_fftspec_ls_power(pb_fftspec *s, const double *y, double *power);

/* X(nu) = sum_k x[k] exp(-2 pi i nu k), k < n, by direct summation with a
 * rotating phasor (recomputed exactly every 1024 samples). */
void pb_dft_at(const double *x, size_t n, double nu, double *re, double *im);

#endif
