/* periodbench oracle: how well the shapes task can be done at all; the
 * estimator is analysis/pb_oracle, this prints its table. An
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
#include "analysis/pb_oracle.h"
#include "base/pb_fsutil.h"
#include "harness/pb_thresholds.h"
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

/* "median [10%, 90%]" of v (sorted in place). */
static void quantiles_text(double *v, size_t n, char *buf, size_t len)
{
    gsl_sort(v, 1, n);
    snprintf(buf, len, "%.3g [%.3g, %.3g]", gsl_stats_quantile_from_sorted_data(v, 1, n, 0.5),
             gsl_stats_quantile_from_sorted_data(v, 1, n, 0.1), gsl_stats_quantile_from_sorted_data(v, 1, n, 0.9));
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
        pb_oracle_score sc;
        if (pb_oracle_trial(shape, s0 + (long)j, &sc, err, sizeof err) != 0) {
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
    long allowed = tp ? pb_oracle_points_allowed(shape, (size_t)pb_params_int(tp, "n_test")) : -1;
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
