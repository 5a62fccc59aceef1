/* pb_tone_lm: the common small case of pb_nlls - one sinusoid and an
 * offset, y = c + a cos(2 pi f tau) + b sin(2 pi f tau) - by a lean
 * Levenberg-Marquardt on the 4 x 4 normal equations (Marquardt's diagonal
 * scaling), one pass over the data per evaluation for residuals and
 * Jacobian together. It stops by GSL's own tests (step below xtol of each
 * parameter, or scaled gradient below gtol), so it reaches GSL's answer;
 * at this size GSL's workspace, QR factorisations and careful norms cost
 * several times more (make bench-peers, N = 1024 from a start: 0.909 ms
 * a fit with GSL, 0.137 ms here; libm sincos and cblas_dnrm2 led GSL's
 * profile). */
#ifndef PB_TONE_LM_H
#define PB_TONE_LM_H

#include <stddef.h>

typedef struct pb_tone_lm_result {
    double x[4];      /* c, f, a, b */
    double covar[16]; /* (J^T J)^-1 at x, row-major (unscaled by the residual variance) */
    double rss;       /* weighted residual sum of squares at x */
    long iterations, evaluations;
    int converged;
} pb_tone_lm_result;

/* From x0 (c, f, a, b), times tau[0..n) (centred), values y, errors dy
 * (weights 1/dy^2) or NULL. Returns 0, or -1 if the normal equations are
 * singular at the solution (then the caller falls back to GSL). */
int pb_tone_lm_fit(const double *tau, const double *y, const double *dy, size_t n, const double x0[4], size_t max_iter,
                   double xtol, double gtol, pb_tone_lm_result *out);

#endif
