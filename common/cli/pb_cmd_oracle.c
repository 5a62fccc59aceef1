/* periodbench oracle: how well the shapes task can be done at all. An
 * ideal estimator is given the true shape (its levels, edges and ramp) and
 * the noise's sigma; only the period and phase are left. Which side of every
 * edge each training point lies on confines them to a convex polygon
 * (pb_phase_region: the noise, 0.1 of the shape's RMS, is far below half a
 * jump, so the values say it), and the estimator takes the posterior mean
 * over it (the Gaussian likelihood of every residual: uniform for the two
 * levels of the square and the pulse, the ramp's information added for the
 * sawtooth) - or, given the true period too, the posterior mean of the
 * phase. Its predictions are scored as the trials' are, on the same data
 * (seeds) as `periodbench run`. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "cli/pb_cli.h"
#include "cli/pb_commands.h"
#include "base/pb_fsutil.h"
#include "base/pb_phase.h"
#include "base/pb_series.h"
#include "harness/pb_metrics.h"
#include "harness/pb_thresholds.h"
#include "harness/pb_trial.h"
#include "longbaseline/pb_phase_region.h"
#include "tasks/pb_tasks.h"

static const char oracle_usage[] =
    "usage: periodbench oracle [--seeds A-B]... [--out FILE]\n"
    "\n"
    "The shapes task (default parameters) done by an ideal estimator given the true shape and\n"
    "noise level: the posterior mean of the period and phase over those every training point\n"
    "allows, and (second) of the phase alone at the true period. Scored like the trials\n"
    "(nrmse inside and after the window, success when both are at most 0.1), on the same data\n"
    "as 'periodbench run --seeds A-B'. Markdown: one table per range of seeds.\n"
    "\n"
    "  --seeds A-B   the seeds (default 0-19); repeatable, a table each\n"
    "  --out FILE    where to write (default: stdout)\n"
    "  --help        this text\n";

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

typedef struct oracle_score {
    double nrmse_in[2], nrmse_out[2]; /* [0]: period from the data; [1]: the true period */
} oracle_score;

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

/* One seed of one shape. Returns 0, or -1 with the reason in err. */
static int oracle_trial(const char *shape, long seed, oracle_score *sc, char *err, size_t errlen)
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

/* "median [10%, 90%]" of v (sorted in place). */
static void quantiles_text(double *v, size_t n, char *buf, size_t len)
{
    gsl_sort(v, 1, n);
    snprintf(buf, len, "%.3g [%.3g, %.3g]", gsl_stats_quantile_from_sorted_data(v, 1, n, 0.5),
             gsl_stats_quantile_from_sorted_data(v, 1, n, 0.1), gsl_stats_quantile_from_sorted_data(v, 1, n, 0.9));
}

/* The most test points a misplaced edge may get wrong within the rule:
 * each adds jump^2 / n_test to the mean squared error. */
static long points_allowed(const char *shape, size_t n_test)
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

static int oracle_shape(FILE *f, const char *shape, long s0, long s1)
{
    size_t m = (size_t)(s1 - s0 + 1);
    double *v = malloc(4 * m * sizeof *v);
    long success[2] = {0, 0};
    char err[256] = "";
    if (!v)
        return pb_cli_error(PB_EXIT_FAILURE, "oracle: out of memory");
    for (size_t j = 0; j < m; j++) {
        oracle_score sc;
        if (oracle_trial(shape, s0 + (long)j, &sc, err, sizeof err) != 0) {
            free(v);
            return pb_cli_error(PB_EXIT_FAILURE, "oracle: %s: %s", shape, err);
        }
        for (int k = 0; k < 2; k++) {
            v[(2 * k) * m + j] = sc.nrmse_in[k];
            v[(2 * k + 1) * m + j] = sc.nrmse_out[k];
            success[k] += sc.nrmse_in[k] <= PB_SUCCESS_NRMSE && sc.nrmse_out[k] <= PB_SUCCESS_NRMSE;
        }
    }
    const pb_task_type *task = &pb_task_shapes;
    pb_params *tp = pb_params_alloc(task->params, task->n_params);
    long allowed = tp ? points_allowed(shape, (size_t)pb_params_int(tp, "n_test")) : -1;
    pb_params_free(tp);
    static const char *const given[2] = {"the shape", "the shape and the period"};
    for (int k = 0; k < 2; k++) {
        char in[96], out[96];
        quantiles_text(v + (2 * k) * m, m, in, sizeof in);
        quantiles_text(v + (2 * k + 1) * m, m, out, sizeof out);
        fprintf(f, "| %s | %ld | %s | %ld/%zu | %s | %s |\n", shape, allowed, given[k], success[k], m, in, out);
    }
    free(v);
    return 0;
}

#define ORACLE_MAX_RANGES 8

int pb_cmd_oracle(int argc, char **argv)
{
    const char *out = NULL;
    long first[ORACLE_MAX_RANGES], last[ORACLE_MAX_RANGES];
    size_t ranges = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(oracle_usage, stdout);
            return PB_EXIT_OK;
        }
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            out = argv[++i];
        } else if (strcmp(argv[i], "--seeds") == 0 && i + 1 < argc) {
            char end;
            long a, b;
            if (ranges == ORACLE_MAX_RANGES)
                return pb_cli_error(PB_EXIT_USAGE, "oracle: --seeds: at most %d ranges", ORACLE_MAX_RANGES);
            if (sscanf(argv[++i], "%ld-%ld%c", &a, &b, &end) != 2 || a < 0 || b < a || b - a >= 100000)
                return pb_cli_error(PB_EXIT_USAGE, "oracle: --seeds %s: expected A-B with 0 <= A <= B < A + 100000",
                                    argv[i]);
            first[ranges] = a, last[ranges++] = b;
        } else {
            return pb_cli_error(PB_EXIT_USAGE, "oracle: unknown option '%s' (see --help)", argv[i]);
        }
    }
    if (ranges == 0)
        first[0] = 0, last[0] = 19, ranges = 1;
    FILE *f = out ? pb_fs_open_temp(out) : stdout;
    if (!f)
        return pb_cli_error(PB_EXIT_FAILURE, "oracle: %s: %s", out, strerror(errno));
    fputs("# The shapes task done by an ideal estimator\n\n"
          "Written by `periodbench oracle` (see its --help). The estimator is given the true shape and noise "
          "level; it takes the posterior mean of the period and phase over those that put every training point "
          "on its own side of every edge (and, second row, of the phase alone at the true period). A test point "
          "on the wrong side of an edge adds jump^2 / n_test to the mean squared error, so the 0.1 rule allows "
          "only the number of such points in the second column, in each test set.\n",
          f);
    static const char *const shapes[] = {"sawtooth", "square", "pulse"};
    int rc = 0;
    for (size_t r = 0; r < ranges && rc == 0; r++) {
        fprintf(f,
                "\n## Seeds %ld-%ld\n\n"
                "| shape | wrong test points the rule allows | given | success | nrmse_in | nrmse_out |\n"
                "|---|---|---|---|---|---|\n",
                first[r], last[r]);
        for (size_t k = 0; k < 3 && rc == 0; k++)
            rc = oracle_shape(f, shapes[k], first[r], last[r]);
    }
    if (!out)
        return rc;
    if (pb_fs_commit_temp(f, out, rc != 0) != 0 && rc == 0)
        return pb_cli_error(PB_EXIT_FAILURE, "oracle: writing %s: %s", out, strerror(errno));
    return rc;
}
