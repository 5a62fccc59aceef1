/* pb_crlb: Cramer-Rao lower bounds on frequency estimates.
 * Model: y = c + sum_k A_k cos(2 pi f_k t + phi_k) + N(0, sigma^2), with the
 * offset, every amplitude, phase and frequency unknown. Variances are in
 * (cycles per time unit)^2. */
#ifndef PB_CRLB_H
#define PB_CRLB_H

#include <stddef.h>

#include "base/pb_series.h"

/* One tone, any sampling (large-N closed form):
 * var(f) >= 2 sigma^2 / ((2 pi)^2 A^2 sum (t_i - tbar)^2). */
double pb_crlb_tone_freq_var(double sigma, double amp, const double *t, size_t n);
/* One tone, uniform spacing dt: 12 / ((2 pi)^2 SNR N (N^2 - 1) dt^2), SNR = A^2 / (2 sigma^2). */
double pb_crlb_uniform_freq_var(double snr, size_t n, double dt);
/* Exact bound for k components from the inverse of the Fisher information
 * J^T J / sigma^2 of the full model (offset + 3 parameters per component)
 * at times t[0..n). Writes var[0..k). Returns 0, or -1 if the information
 * matrix is singular (e.g. identical frequencies) or allocation fails. */
int pb_crlb_fisher_freq_var(double sigma, const pb_component *comp, size_t k, const double *t, size_t n,
                            double *var);

/* A linear chirp y = c + A cos(2 pi (f tau + rate tau^2 / 2) + phi),
 * tau = t - t_mid, every parameter unknown: the bounds on f (the frequency
 * at t_mid) and on rate, from the inverse Fisher information of the full
 * model. For uniform times, large n: var(f) -> the tone's bound and
 * var(rate) -> 180 / (pi^2 SNR n^5 dt^4). Returns 0, or -1 (singular, n < 5). */
int pb_crlb_chirp_var(double sigma, double amp, double freq, double rate, double phase, double t_mid, const double *t,
                      size_t n, double *var_freq, double *var_rate);

#endif
