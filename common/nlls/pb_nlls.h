/* pb_nlls: nonlinear least squares for a sum of sinusoids with GSL's
 * gsl_multifit_nlinear (trust region, analytic Jacobian):
 *   y(t) = c + sum_{d=1..D} c_d x^d + sum_k sum_{h=1..H} a_kh cos(2 pi h f_k t) + b_kh sin(2 pi h f_k t)
 * with x the time scaled to [-1, 1] over the span (pb_trend; D = 0: an
 * offset only), every term fitted together.
 * The frequencies f_k are the nonlinear parameters; the amplitudes start at
 * their linear least-squares values for the starting frequencies. Times are
 * centred on the window's middle inside the fit, so phases stay well
 * conditioned for large t. With s->dy the residuals are weighted by 1/dy
 * (chi-square). */
#ifndef PB_NLLS_H
#define PB_NLLS_H

#include <stddef.h>

#include "spectral/pb_harmonic_model.h"
#include "base/pb_series.h"

/* The trust-region subproblem names accepted by pb_nlls_fit, '|'-separated
 * (GSL's lm, lmaccel, dogleg, ddogleg, subspace2D). */
#define PB_NLLS_SOLVERS "lm|lmaccel|dogleg|ddogleg|subspace2D"

typedef struct pb_nlls_options {
    const char *solver;  /* one of PB_NLLS_SOLVERS */
    size_t harmonics;    /* H >= 1 terms per fundamental */
    size_t max_iter;     /* trust-region iterations */
    int trend_degree;    /* D: 0 (an offset), 1 or 2 */
} pb_nlls_options;

typedef struct pb_nlls_result {
    /* k*H components, fundamental k's harmonic h at comp[k*H + h - 1], each
     * with its frequency's standard error (from the Jacobian at the solution,
     * scaled by the residual variance rss/(n - p)); freq >= 0. */
    pb_harmonic_model *model;
    double rss;        /* residual sum of squares at the solution (weighted: chi-square) */
    long iterations;   /* trust-region iterations */
    long evaluations;  /* model (f) evaluations */
    int converged;     /* 1: GSL's step or gradient test passed (or no step could lower the cost) */
} pb_nlls_result;

/* Fits s from the starting frequencies f0[0..k) (cycles per time unit).
 * Returns 0 (out->model owned by the caller), -1 if the problem is
 * degenerate (fewer points than the 1 + D + k(1 + 2H) parameters, a singular
 * start, an unknown solver) or -2 when out of memory. */
int pb_nlls_fit(const pb_series *s, const double *f0, size_t k, const pb_nlls_options *opt, pb_nlls_result *out);

#endif
