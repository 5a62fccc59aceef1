/* pb_oracle: the ideal estimator of the shapes task (pb_oracle.h). */
#include "analysis/pb_oracle.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_phase.h"
#include "base/pb_series.h"
#include "harness/pb_metrics.h"
#include "harness/pb_thresholds.h"
#include "harness/pb_trial.h"
#include "longbaseline/pb_phase_region.h"
#include "tasks/pb_tasks.h"

/* Phase steps of the scans. */
#define ORACLE_PHASE_GRID 65536
#define ORACLE_BOUNDARY_STEP (1.0 / 4096)
/* Phases x frequencies of the posterior's grid over the region. */
#define ORACLE_REGION_STEPS 100

static double shape_at(const char *shape, double u)
{
    return pb_task_shapes_value(shape, u - floor(u));
}

/* Does the shape at phase u agree with the value y to within half a unit
 * (half the smallest jump)? */
static int agrees(const char *shape, double u, double y)
{
    return fabs(shape_at(shape, u) - y) < 0.5;
}

/* The phase at t_ref where every point agrees with the shape at frequency f:
 * the middle of the first run of agreeing grid phases. Returns 0, or -1. */
static int phase_where_all_agree(const char *shape, const double *tau, const double *y, size_t n, double f,
                                 double *phi)
{
    long first = -1, last = -1;
    for (long j = 0; j < ORACLE_PHASE_GRID; j++) {
        double p = (double)j / ORACLE_PHASE_GRID;
        size_t i = 0;
        while (i < n && agrees(shape, pb_phase_frac(f, tau[i]) + p, y[i]))
            i++;
        if (i == n) {
            if (first < 0)
                first = j;
            last = j;
        } else if (first >= 0) {
            break;
        }
    }
    if (first < 0)
        return -1;
    *phi = 0.5 * (double)(first + last) / ORACLE_PHASE_GRID;
    return 0;
}

/* The end of the run of phases about u (where the value y agrees with the
 * shape) in direction dir: stepped to the first disagreement, then bisected. */
static double agreement_end(const char *shape, double u, double y, int dir)
{
    double ok = u, bad = NAN;
    for (double d = ORACLE_BOUNDARY_STEP; d <= 1.0; d += ORACLE_BOUNDARY_STEP) {
        if (!agrees(shape, u + dir * d, y)) {
            bad = u + dir * d;
            break;
        }
        ok = u + dir * d;
    }
    if (isnan(bad))
        return ok;
    for (int it = 0; it < 60; it++) {
        double mid = 0.5 * (ok + bad);
        if (agrees(shape, mid, y))
            ok = mid;
        else
            bad = mid;
    }
    return ok;
}

/* The Gaussian log-likelihood of the training values under the shape at
 * (f, phi). */
typedef struct likelihood_ctx {
    const char *shape;
    const double *tau, *y;
    size_t n;
    double sigma;
} likelihood_ctx;

static double log_likelihood(double f, double phi, void *ctx)
{
    const likelihood_ctx *c = ctx;
    double rss = 0;
    for (size_t i = 0; i < c->n; i++) {
        double e = c->y[i] - shape_at(c->shape, f * c->tau[i] + phi);
        rss += e * e;
    }
    return -rss / (2 * c->sigma * c->sigma);
}

/* The posterior mean of the phase in [a, b] at frequency f. */
static double phase_mean(const likelihood_ctx *c, double f, double a, double b)
{
    enum { STEPS = 1000 };
    double lw[STEPS], top = -INFINITY, sw = 0, sp = 0;
    for (int j = 0; j < STEPS; j++)
        top = fmax(top, lw[j] = log_likelihood(f, a + (b - a) * (j + 0.5) / STEPS, (void *)c));
    for (int j = 0; j < STEPS; j++) {
        double w = exp(lw[j] - top);
        sw += w, sp += w * (a + (b - a) * (j + 0.5) / STEPS);
    }
    return sp / sw;
}


static double predict_nrmse(const char *shape, const pb_sampleset *test, double t_ref, double f, double phi)
{
    double *pred = malloc(test->n * sizeof *pred);
    if (!pred)
        return NAN;
    for (size_t i = 0; i < test->n; i++)
        pred[i] = shape_at(shape, pb_phase_frac(f, test->t[i] - t_ref) + phi);
    double e = pb_metric_nrmse(pred, test->y[0], test->n);
    free(pred);
    return e;
}

int pb_oracle_trial(const char *shape, long seed, pb_oracle_score *sc, char *err, size_t errlen)
{
    const pb_task_type *task = &pb_task_shapes;
    pb_params *tp = pb_params_alloc(task->params, task->n_params);
    pb_task_data d;
    memset(&d, 0, sizeof d);
    int rc = -1;
    if (!tp || pb_params_set(tp, "shape", shape, err, errlen) != 0)
        goto done;
    pb_trial_spec spec = {task, tp, NULL, NULL, seed};
    if (pb_trial_generate(&spec, &d, err, errlen) != 0)
        goto done;
    size_t n = d.train.n;
    double t_ref = d.train.t[n / 2], f_true = d.truth[0].comp[0].freq, phi;
    double *tau = malloc(3 * n * sizeof *tau), *lo = tau + n, *hi = tau + 2 * n;
    if (!tau) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        tau[i] = d.train.t[i] - t_ref;
    const double *y = d.train.y[0];
    if (phase_where_all_agree(shape, tau, y, n, f_true, &phi) != 0) {
        snprintf(err, errlen, "seed %ld: no phase agrees with every point at the true period", seed);
        free(tau);
        goto done;
    }
    /* Each point's phase, cycle count included, may move only within its run of agreement. */
    for (size_t i = 0; i < n; i++) {
        double u = f_true * tau[i] + phi;
        lo[i] = agreement_end(shape, u, y[i], -1);
        hi[i] = agreement_end(shape, u, y[i], +1);
    }
    pb_phase_region reg;
    likelihood_ctx like = {shape, tau, y, n, d.noise_sigma};
    double a, b, f_mean, phi_mean;
    if (pb_phase_region_centroid(tau, lo, hi, n, phi, 0.01, 20000, &reg) != 0 ||
        !pb_phase_region_phases(tau, lo, hi, n, f_true, &a, &b) ||
        pb_phase_region_mean(tau, lo, hi, n, &reg, ORACLE_REGION_STEPS, log_likelihood, &like, &f_mean,
                             &phi_mean) != 0) {
        snprintf(err, errlen, "seed %ld: the region of periods and phases is empty or too wide to scan", seed);
        free(tau);
        goto done;
    }
    double phi_at_true = phase_mean(&like, f_true, a, b);
    sc->nrmse_in[0] = predict_nrmse(shape, &d.test_in, t_ref, f_mean, phi_mean);
    sc->nrmse_out[0] = predict_nrmse(shape, &d.test_out, t_ref, f_mean, phi_mean);
    sc->nrmse_in[1] = predict_nrmse(shape, &d.test_in, t_ref, f_true, phi_at_true);
    sc->nrmse_out[1] = predict_nrmse(shape, &d.test_out, t_ref, f_true, phi_at_true);
    free(tau);
    rc = 0;
done:
    pb_task_data_free(&d);
    pb_params_free(tp);
    return rc;
}

long pb_oracle_points_allowed(const char *shape, size_t n_test)
{
    enum { M = 4096 };
    double v[M], jump = 0;
    for (int j = 0; j < M; j++) {
        v[j] = shape_at(shape, (double)j / M);
        if (j > 0)
            jump = fmax(jump, fabs(v[j] - v[j - 1]));
    }
    jump = fmax(jump, fabs(v[0] - v[M - 1]));
    double var = pb_values_variance(v, M); /* the task's own measure of the shape's spread */
    return (long)floor(PB_SUCCESS_NRMSE * PB_SUCCESS_NRMSE * var * (double)n_test / (jump * jump) + 1e-9);
}
