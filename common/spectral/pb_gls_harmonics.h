/* pb_gls_harmonics: the multi-harmonic generalized Lomb-Scargle power
 * (Schwarzenberg-Czerny 1996; astropy's nterms): the model is an offset plus
 * K harmonics a_k cos(2 pi k f t) + b_k sin(2 pi k f t), k = 1..K, fitted by
 * weighted least squares; power = 1 - chi2(f) / chi2_0 as for one term.
 * pb_gls calls these when d->nterms > 1; they are public for the tests. */
#ifndef PB_GLS_HARMONICS_H
#define PB_GLS_HARMONICS_H

#include <stddef.h>

#include "spectral/pb_gls_data.h"

/* Largest nterms supported (a 2 * 16 + 1 parameter model). */
#define PB_GLS_MAX_NTERMS 16

/* The sums the power needs at one frequency, each divided by n:
 * c[j] = sum w cos(j x), s[j] = sum w sin(j x), j = 0..2K (c[0] = 1, s[0] = 0),
 * yc[k] = sum w y cos(k x), ys[k] = sum w y sin(k x), k = 1..K; x = 2 pi f t. */
typedef struct pb_glsh_sums {
    double c[2 * PB_GLS_MAX_NTERMS + 1], s[2 * PB_GLS_MAX_NTERMS + 1];
    double yc[PB_GLS_MAX_NTERMS + 1], ys[PB_GLS_MAX_NTERMS + 1];
} pb_glsh_sums;

/* The power from the sums: the normal equations of the 2K + 1 columns,
 * solved by a Cholesky factorisation that leaves out a column numerically
 * dependent on the earlier ones (a sine at the Nyquist frequency of uniform
 * times, or harmonics that alias onto each other), like pb_lsq. */
double pb_glsh_power_from_sums(const pb_glsh_sums *u, int nterms, double yy);

/* Harmonics of f in the model: d->nterms, less those at or above
 * d->harmonic_fmax (the fundamental always stays). */
int pb_glsh_terms_at(const pb_gls_data *d, double f);

/* Power at f, exact sums (sin/cos per sample, harmonics by recurrence).
 * Here and below, harmonics at or above d->harmonic_fmax are left out. */
double pb_glsh_power(const pb_gls_data *d, double f);

/* Powers at f0 + k df, k < m, by fast sums (one pb_nufft pass per harmonic
 * of the times, 2K passes; below half a cycle per span, exact sums).
 * Returns 0, or -1 on allocation failure. */
int pb_glsh_power_fast(const pb_gls_data *d, double f0, double df, size_t m, double tol, double *power);

#endif
