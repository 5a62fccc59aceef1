/* periodbench track: the period each method's model has at each time, on
 * one task's data (the drift figure). The local period is read off the
 * model itself, the same way for every method: the spacing of successive
 * upward crossings of its mean, on the test times inside and after the
 * window; the truth is read off the noiseless test values the same way. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sort.h>

#include "cli/pb_cli.h"
#include "cli/pb_cli_methods.h"
#include "support/pb_external.h"
#include "cli/pb_commands.h"
#include "base/pb_fsutil.h"
#include "base/pb_rng.h"
#include "tasks/pb_tasks.h"
#include "harness/pb_metrics.h"
#include "harness/pb_trial.h"
#include "registry.h"

static const char track_usage[] =
    "usage: periodbench track [OPTIONS]\n"
    "\n"
    "Writes, for the truth and each method, the local period over time: the spacing of\n"
    "successive upward mean crossings of the noiseless truth / the method's prediction, on\n"
    "the task's test times (inside the window and after it). gnuplot blocks, one per series,\n"
    "each headed by its name; columns: time, period. The first line names the window; the\n"
    "last lines ('# best') the method of each family that follows the truth best inside it.\n"
    "\n"
    "  --task NAME       the task (default: drift); one channel is tracked\n"
    "  --methods LIST    comma-separated method names, or 'all' (default: all)\n"
    "  --timeout S       wall-time limit of each exchange with an external method's program,\n"
    "                    seconds (default: 600); past it the program and all it started are killed\n"
    "  --seed S          the task's seed (default: 0)\n"
    "  --out FILE        where to write (default: stdout)\n"
    "  --help            this text\n";

#define TRACK_MAX_METHODS 64

static const void *find_method(const char *name)
{
    return pb_cli_method("--methods", name);
}

typedef struct track_series {
    size_t n;
    double *t, *y; /* sorted by t */
} track_series;

/* The test times of both sets, sorted, with the truth at each. */
static int truth_on_test_times(const pb_task_data *d, track_series *s)
{
    size_t n = d->test_in.n + d->test_out.n;
    double *t = malloc(n * sizeof *t), *y = malloc(n * sizeof *y);
    size_t *order = malloc(n * sizeof *order);
    s->n = n;
    s->t = malloc(n * sizeof *s->t);
    s->y = malloc(n * sizeof *s->y);
    int rc = t && y && order && s->t && s->y ? 0 : -1;
    if (rc == 0) {
        memcpy(t, d->test_in.t, d->test_in.n * sizeof *t);
        memcpy(t + d->test_in.n, d->test_out.t, d->test_out.n * sizeof *t);
        memcpy(y, d->test_in.y[0], d->test_in.n * sizeof *y);
        memcpy(y + d->test_in.n, d->test_out.y[0], d->test_out.n * sizeof *y);
        gsl_sort_index(order, t, 1, n);
        for (size_t i = 0; i < n; i++) {
            s->t[i] = t[order[i]];
            s->y[i] = y[order[i]];
        }
    }
    free(t);
    free(y);
    free(order);
    return rc;
}

/* Writes one block: the period between successive upward crossings of the
 * mean of y over the window [w0, w1), at each pair's midpoint. */
static void write_crossing_periods(FILE *f, const char *name, const double *t, const double *y, size_t n, double w0,
                                   double w1)
{
    double mean = 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (t[i] >= w0 && t[i] < w1) {
            mean += y[i];
            m++;
        }
    mean = m ? mean / (double)m : 0;
    fprintf(f, "\"%s\"\tperiod\n", name);
    double last = NAN;
    for (size_t i = 1; i < n; i++) {
        double a = y[i - 1] - mean, b = y[i] - mean;
        if (!(a < 0 && b >= 0))
            continue;
        double tc = t[i - 1] + (t[i] - t[i - 1]) * (-a / (b - a));
        if (!isnan(last))
            fprintf(f, "%.9g\t%.9g\n", 0.5 * (tc + last), tc - last);
        last = tc;
    }
    fprintf(f, "\n\n");
}

/* The best tracker of each family so far: its block and nrmse_in. */
typedef struct family_best {
    const char *family, *method;
    long block;
    double nrmse_in;
} family_best;

/* Fits method m on channel 0 with the trial's own RNG stream and writes its
 * block; returns its nrmse_in (NAN without a model). */
static double track_method(FILE *f, const pb_trial_spec *spec, const pb_task_data *d, const track_series *s,
                           double *pred)
{
    double nrmse_in = NAN;
    char key[PB_KEY_MAX];
    pb_trial_key(spec, key, sizeof key);
    gsl_rng *rng = pb_rng_alloc(key, "method/0");
    pb_series train = pb_task_train_series(d, 0);
    pb_fit_report report = {0};
    void *model = NULL;
    const pb_method_type *m = spec->method;
    pb_status st = rng ? m->fit(&train, &d->prior, spec->method_params, rng, &model, &report) : PB_OUT_OF_MEMORY;
    gsl_rng_free(rng);
    if (pb_status_has_model(st) && model && m->predict(model, s->t, s->n, pred) == PB_OK) {
        write_crossing_periods(f, m->name, s->t, pred, s->n, d->window_start, d->window_end);
        if (m->predict(model, d->test_in.t, d->test_in.n, pred) == PB_OK) /* how well it follows inside the window */
            nrmse_in = pb_metric_nrmse(pred, d->test_in.y[0], d->test_in.n);
        if (isnan(nrmse_in))
            nrmse_in = INFINITY; /* written, but no match for a measured one */
    } else {
        char what[1024];
        snprintf(what, sizeof what, "%s: %s: %s", m->name, pb_status_name(st), report.message);
        pb_cli_say("periodbench: track: ", what);
    }
    if (model)
        m->free_model(model);
    return nrmse_in;
}

int pb_cmd_track(int argc, char **argv)
{
    const char *task_name = "drift", *methods = "all", *out = NULL;
    long seed = 0;
    double timeout = 600;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
            fputs(track_usage, stdout);
            return PB_EXIT_OK;
        }
        if (i + 1 >= argc)
            return pb_cli_error(PB_EXIT_USAGE, "%s: missing value (see --help)", o);
        const char *v = argv[++i];
        int rc = 0;
        if (strcmp(o, "--task") == 0)
            task_name = v;
        else if (strcmp(o, "--methods") == 0)
            methods = v;
        else if (strcmp(o, "--out") == 0)
            out = v;
        else if (strcmp(o, "--seed") == 0)
            rc = pb_cli_parse_count(o, v, 0, 1000000000L, &seed);
        else if (strcmp(o, "--timeout") == 0)
            rc = pb_cli_parse_timeout(o, v, &timeout);
        else
            return pb_cli_error(PB_EXIT_USAGE, "track: unknown option '%s' (see --help)", o);
        if (rc)
            return rc;
    }
    pb_external_set_timeout(timeout);
    const pb_task_type *task = pb_tasks_find(task_name);
    if (!task)
        return pb_cli_error(PB_EXIT_USAGE, "--task %s: no such task (see periodbench list tasks)", task_name);
    const pb_method_type *chosen[TRACK_MAX_METHODS];
    size_t n_chosen = 0;
    int list_rc = pb_cli_parse_names("--methods", methods, (const void **)chosen, TRACK_MAX_METHODS, &n_chosen,
                                     find_method, (const void *const *)pb_methods_all);
    if (list_rc)
        return list_rc;
    pb_params *tp = pb_params_alloc(task->params, task->n_params);
    pb_trial_spec spec = {task, tp, NULL, NULL, seed};
    char err[256];
    pb_task_data d;
    memset(&d, 0, sizeof d);
    track_series s = {0, NULL, NULL};
    int rc = PB_EXIT_FAILURE;
    if (!tp)
        goto done;
    if (pb_trial_generate(&spec, &d, err, sizeof err) != 0) {
        pb_cli_error(PB_EXIT_FAILURE, "track: %s: %s", task->name, err);
        goto done;
    }
    double *pred = truth_on_test_times(&d, &s) == 0 ? malloc(s.n * sizeof *pred) : NULL;
    FILE *f = out ? pb_fs_open_temp(out) : stdout;
    if (!pred || !f) {
        free(pred);
        pb_cli_error(PB_EXIT_FAILURE, "track: %s", f ? "out of memory" : "cannot write the output");
        goto done;
    }
    fprintf(f, "# %s seed %ld: training window [%.9g, %.9g)\n", task->name, seed, d.window_start, d.window_end);
    write_crossing_periods(f, "truth", s.t, s.y, s.n, d.window_start, d.window_end);
    family_best best[TRACK_MAX_METHODS];
    size_t n_best = 0;
    long block = 0; /* the truth's */
    for (size_t j = 0; j < n_chosen; j++) {
        pb_params *mp = pb_params_alloc(chosen[j]->params, chosen[j]->n_params);
        if (!mp)
            continue;
        spec.method = chosen[j];
        spec.method_params = mp;
        double e = track_method(f, &spec, &d, &s, pred);
        pb_params_free(mp);
        if (isnan(e))
            continue;
        block++;
        if (!isfinite(e))
            continue; /* drawn, but a method that never matched is no family's best */
        size_t b = 0;
        while (b < n_best && strcmp(best[b].family, chosen[j]->family) != 0)
            b++;
        if (b == n_best)
            best[n_best++] = (family_best){chosen[j]->family, chosen[j]->name, block, e};
        else if (b < n_best && e < best[b].nrmse_in)
            best[b] = (family_best){chosen[j]->family, chosen[j]->name, block, e};
    }
    /* For the figure: the best of each family by nrmse_in (the full set stays above). */
    for (size_t b = 0; b < n_best; b++)
        fprintf(f, "# best\t%s\t%s\t%ld\t%.6g\n", best[b].family, best[b].method, best[b].block, best[b].nrmse_in);
    free(pred);
    rc = out ? (pb_fs_commit_temp(f, out, 0) == 0 ? PB_EXIT_OK : pb_cli_error(PB_EXIT_FAILURE, "writing %s", out))
             : PB_EXIT_OK;
done:
    free(s.t);
    free(s.y);
    pb_task_data_free(&d);
    pb_params_free(tp);
    return rc;
}
