#include "nlls/pb_tone_lm.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_sincos.h"

/* Marquardt's damping: start, and the factors on a rejected / accepted step. */
#define LM_LAMBDA0 1e-3
#define LM_UP 10.0
#define LM_DOWN 0.1
#define LM_LAMBDA_MAX 1e16
/* A promised decrease below this share of the cost is rounding. */
#define LM_ROUNDING 1e-15

/* Work arrays for one evaluation: arguments, sines, cosines. */
typedef struct lm_work {
    double *arg, *s, *c;
} lm_work;

/* The residuals' cost (weighted RSS), H = J^T J and g = J^T r, in one pass
 * (the sines and cosines batched: pb_sincos vectorises). */
static double evaluate(const double *tau, const double *y, const double *dy, size_t n, const double *x, lm_work *w,
                       double *H, double *g)
{
    double cost = 0, h[10] = {0}, gg[4] = {0};
    pb_sincos_turns(x[1], tau, n, w->arg, w->s, w->c);
    for (size_t i = 0; i < n; i++) {
        double s = w->s[i], c = w->c[i], wt = dy ? 1.0 / dy[i] : 1.0;
        double r = wt * (x[0] + x[2] * c + x[3] * s - y[i]);
        double j0 = wt, j1 = wt * 2.0 * M_PI * tau[i] * (x[3] * c - x[2] * s), j2 = wt * c, j3 = wt * s;
        cost += r * r;
        gg[0] += j0 * r, gg[1] += j1 * r, gg[2] += j2 * r, gg[3] += j3 * r;
        h[0] += j0 * j0, h[1] += j1 * j0, h[2] += j1 * j1, h[3] += j2 * j0, h[4] += j2 * j1;
        h[5] += j2 * j2, h[6] += j3 * j0, h[7] += j3 * j1, h[8] += j3 * j2, h[9] += j3 * j3;
    }
    for (int p = 0, k = 0; p < 4; p++) /* the lower triangle, row by row, mirrored */
        for (int q = 0; q <= p; q++, k++)
            H[4 * p + q] = H[4 * q + p] = h[k];
    memcpy(g, gg, sizeof gg);
    return cost;
}

/* Solves A z = b for symmetric positive definite 4 x 4 A by Cholesky; the
 * inverse of A into inv when not NULL. Returns 0, or -1 if not positive definite. */
static int cholesky_solve(const double *A, const double *b, double *z, double *inv)
{
    double L[16] = {0};
    for (int i = 0; i < 4; i++)
        for (int j = 0; j <= i; j++) {
            double s = A[4 * i + j];
            for (int k = 0; k < j; k++)
                s -= L[4 * i + k] * L[4 * j + k];
            if (i == j) {
                if (!(s > 0))
                    return -1;
                L[4 * i + i] = sqrt(s);
            } else {
                L[4 * i + j] = s / L[4 * j + j];
            }
        }
    for (int col = 0; col < (inv ? 5 : 1); col++) { /* col 0: b; 1..4: the unit vectors */
        double u[4], v[4];
        for (int i = 0; i < 4; i++)
            u[i] = col == 0 ? b[i] : (i == col - 1);
        for (int i = 0; i < 4; i++) { /* L v = u */
            double s = u[i];
            for (int k = 0; k < i; k++)
                s -= L[4 * i + k] * v[k];
            v[i] = s / L[4 * i + i];
        }
        for (int i = 3; i >= 0; i--) { /* L^T w = v */
            double s = v[i];
            for (int k = i + 1; k < 4; k++)
                s -= L[4 * k + i] * u[k];
            u[i] = s / L[4 * i + i];
        }
        for (int i = 0; i < 4; i++) {
            if (col == 0 && z)
                z[i] = u[i];
            else if (col > 0)
                inv[4 * i + (col - 1)] = u[i];
        }
    }
    return 0;
}

int pb_tone_lm_fit(const double *tau, const double *y, const double *dy, size_t n, const double x0[4], size_t max_iter,
                   double xtol, double gtol, pb_tone_lm_result *out)
{
    memset(out, 0, sizeof *out);
    lm_work w = {malloc(n * sizeof(double)), malloc(n * sizeof(double)), malloc(n * sizeof(double))};
    if (!w.arg || !w.s || !w.c) {
        free(w.arg), free(w.s), free(w.c);
        return -1;
    }
    double x[4], H[16], g[4], lambda = LM_LAMBDA0;
    memcpy(x, x0, sizeof x);
    double cost = evaluate(tau, y, dy, n, x, &w, H, g);
    out->evaluations = 1;
    for (size_t it = 0; it < max_iter && !out->converged; it++) {
        double gmax = 0; /* GSL's gradient test: max |g_i| max(|x_i|, 1) / max(cost / 2, 1) */
        for (int p = 0; p < 4; p++)
            gmax = fmax(gmax, fabs(g[p]) * fmax(fabs(x[p]), 1.0));
        if (gmax / fmax(0.5 * cost, 1.0) <= gtol) {
            out->converged = 1;
            break;
        }
        int accepted = 0;
        while (!accepted && lambda < LM_LAMBDA_MAX) {
            double A[16], minus_g[4], step[4], trial[4], Ht[16], gt[4];
            memcpy(A, H, sizeof A);
            for (int p = 0; p < 4; p++) {
                A[5 * p] += lambda * H[5 * p];
                minus_g[p] = -g[p];
            }
            if (cholesky_solve(A, minus_g, step, NULL) != 0) {
                lambda *= LM_UP;
                continue;
            }
            for (int p = 0; p < 4; p++)
                trial[p] = x[p] + step[p];
            int small = 1; /* GSL's step test: |dx_i| <= xtol (|x_i| + xtol) */
            for (int p = 0; p < 4; p++)
                small &= fabs(step[p]) <= xtol * (fabs(trial[p]) + xtol);
            double c_trial = evaluate(tau, y, dy, n, trial, &w, Ht, gt);
            out->evaluations++;
            double predicted = 0; /* the decrease the quadratic model promises: -g.step - step.H.step / 2 */
            for (int p = 0; p < 4; p++) {
                double hs = 0;
                for (int q = 0; q < 4; q++)
                    hs += H[4 * p + q] * step[q];
                predicted -= g[p] * step[p] + 0.5 * step[p] * hs;
            }
            if (!(c_trial < cost)) {
                /* A step below the tolerance, or one promising less than rounding can
                 * show, that cannot lower the cost: at the minimum. */
                if (small || predicted <= LM_ROUNDING * cost) {
                    out->converged = 1;
                    break;
                }
                lambda *= LM_UP;
                continue;
            }
            memcpy(x, trial, sizeof x), memcpy(H, Ht, sizeof H), memcpy(g, gt, sizeof g);
            cost = c_trial;
            lambda = fmax(lambda * LM_DOWN, 1e-12);
            accepted = 1;
            out->iterations = (long)it + 1;
            out->converged = small;
        }
        if (!accepted) /* no step lowers the cost: at the minimum to rounding */
            out->converged = 1;
        if (!accepted)
            break;
    }
    free(w.arg), free(w.s), free(w.c);
    memcpy(out->x, x, sizeof x);
    out->rss = cost;
    return cholesky_solve(H, g, NULL, out->covar);
}
