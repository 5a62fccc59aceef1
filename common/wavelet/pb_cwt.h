/* pb_cwt: the continuous Morlet wavelet transform of a uniformly sampled
 * series, computed in the frequency domain with FFTW as Torrence & Compo
 * (1998) do: the series zero-padded to a power of two >= 2n, multiplied by
 * the analytic Morlet's Fourier transform at each scale,
 *   psi^(s w) = sqrt(2 pi s / dt) pi^(-1/4) exp(-(s w - w0)^2 / 2), w > 0 (0 otherwise),
 * and transformed back. This equals the time-domain convolution
 *   W_n(s) = sum_m y_m sqrt(dt/s) psi0*((m - n) dt / s),
 *   psi0(eta) = pi^(-1/4) exp(i w0 eta) exp(-eta^2 / 2),
 * wherever the wavelet is resolved (s >= ~4 dt) and away from the edges.
 * For y = A cos(w t + phi), W_n(s) ~ (A/2) psi^(s w) exp(i (w t_n + phi)). */
#ifndef PB_CWT_H
#define PB_CWT_H

#include <complex.h>
#include <stddef.h>

typedef struct pb_cwt {
    size_t n, n_scales;
    double dt, omega0;
    double *scale;          /* [n_scales], time units */
    double complex *w;      /* [n_scales * n], row j = scale j: w[j * n + i] */
} pb_cwt;

/* Fourier period of scale s: period = factor * s, factor = 4 pi / (w0 + sqrt(2 + w0^2)). */
double pb_cwt_fourier_factor(double omega0);

/* psi^(s w) of the header: the Morlet's Fourier transform, normalised. */
double pb_cwt_morlet_hat(double s_omega, double omega0, double s, double dt);

/* The transform of y[0..n) (step dt > 0; remove the mean first) at the
 * scales scale[0..n_scales) (> 0, time units). Returns 0, -1 for bad
 * arguments, -2 when out of memory. */
int pb_cwt_morlet(const double *y, size_t n, double dt, double omega0, const double *scale, size_t n_scales,
                  pb_cwt *out);
void pb_cwt_free(pb_cwt *c);

/* The same transform one scale at a time, in O(n) memory: a plan holds the
 * padded series' FFT; each row is one inverse FFT. */
typedef struct pb_cwt_plan pb_cwt_plan;
/* NULL for bad arguments (as pb_cwt_morlet) or when out of memory. */
pb_cwt_plan *pb_cwt_plan_alloc(const double *y, size_t n, double dt, double omega0);
/* row[i] = W_i(s), i < n. */
void pb_cwt_plan_row(pb_cwt_plan *p, double s, double complex *row);
void pb_cwt_plan_free(pb_cwt_plan *p);

/* Half-width of the cone of influence of scale s: sqrt(2) s (e-folding time
 * of an edge discontinuity's wavelet power), time units. */
double pb_cwt_coi(double s);

#endif
