/* pb_taskgen: building blocks the task generators share (sample times,
 * tones, noise, test sets). All draws come from the gsl_rng passed in. */
#ifndef PB_TASKGEN_H
#define PB_TASKGEN_H

#include <stddef.h>
#include <gsl/gsl_rng.h>

#include "contract/pb_task.h"

/* t[i] = t0 + i*dt, i < n. */
void pb_taskgen_uniform_times(double *t, size_t n, double t0, double dt);
/* Sorts t[0..n) ascending. */
void pb_taskgen_sort(double *t, size_t n);
/* n sorted draws from U(a, b). */
void pb_taskgen_random_times(gsl_rng *r, double *t, size_t n, double a, double b);
/* Sorted U(a, b) times with `blocks` equal gaps of total length
 * gap_fraction*(b-a) removed at random non-overlapping places: draws n_draw
 * times and keeps those outside the gaps. Returns how many were kept (<= n_draw). */
size_t pb_taskgen_gapped_times(gsl_rng *r, double *t, size_t n_draw, double a, double b,
                               double gap_fraction, int blocks);
/* y[i] += amp*cos(2 pi f t[i] + phase) for each of the k components. */
void pb_taskgen_add_components(double *y, const double *t, size_t n, const pb_component *c, size_t k);
/* y[i] += N(0, sigma^2). */
void pb_taskgen_add_noise(gsl_rng *r, double *y, size_t n, double sigma);
/* Noise sigma that gives a tone of amplitude amp the SNR A^2/(2 sigma^2) in dB. */
double pb_taskgen_sigma_for_snr(double amp, double snr_db);
/* Fundamental (k = 1 Fourier coefficient) of one period of a shape sampled at
 * m equally spaced phases: shape[j] = s(j/m). Returned as a component of
 * frequency 1 and phase at phase-origin 0. */
pb_component pb_taskgen_fundamental(const double *shape, size_t m);

/* Allocates the three sample sets (values zero). Returns 0, or -1. */
/* Starts a generator: allocates the sample sets and the named random stream
 * of the key. Returns the stream, or NULL with err = "out of memory". */
gsl_rng *pb_taskgen_begin(pb_task_data *d, const char *key, const char *stream, int n_channels, size_t n_train,
                          size_t n_test, char *err, size_t errlen);
int pb_taskgen_alloc_sets(pb_task_data *d, int n_channels, size_t n_train, size_t n_test);
/* Fills the test times: U(w0, w1) inside and U(o0, o1) outside. With
 * two_sided, every other outside point is mirrored about the window centre,
 * so half the extrapolation lies before the window. Returns 0, or -1 if the
 * RNG cannot be allocated. */
int pb_taskgen_test_times(const char *key, pb_task_data *d, double w0, double w1, double o0, double o1,
                          int two_sided);
/* Completes a single-channel task whose training times are set: test times
 * (as pb_taskgen_test_times), noiseless values offset + components on all
 * three sets, N(0, sigma^2) noise on the training values, truth with its
 * Cramer-Rao bounds, and the window [w0, w1). The caller sets the prior and
 * the score. Returns 0, or -1 with err set. */
int pb_taskgen_finish_tone_task(pb_task_data *d, const char *key, const pb_component *c, size_t k, double offset,
                                double sigma, double w0, double w1, double o0, double o1, int two_sided,
                                char *err, size_t errlen);
/* Sets every value of a sample set's channel to the sum of the components
 * plus the offset (noiseless truth). */
void pb_taskgen_fill_components(pb_sampleset *s, int channel, const pb_component *c, size_t k, double offset);
/* Records the components as channel 0's truth with their joint Cramer-Rao
 * bound for the training times and noise sigma (NAN bounds when sigma == 0). */
void pb_taskgen_set_truth(pb_task_data *d, const pb_component *c, size_t k, double sigma);

#endif
