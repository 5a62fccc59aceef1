#include "harness/pb_plan_rows.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_status.h"
#include "harness/pb_baselines.h"
#include "harness/pb_trial.h"
#include "registry.h"
#include "tasks/pb_data_task.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of the plan's data tasks with (known = 1) or without (0) a
 * known period, sorted; NULL when out of memory. */
static const char **data_task_names(const pb_plan *plan, int known, size_t *n)
{
    const char **names = malloc((plan->n ? plan->n : 1) * sizeof *names);
    *n = 0;
    const pb_task_type *last = NULL;
    for (size_t i = 0; names && i < plan->n; i++) {
        const pb_task_type *task = plan->trials[i].task;
        if (task != last && pb_task_is_data(task) && (pb_data_task_known_periods(task) > 0) == known)
            names[(*n)++] = task->name;
        last = task;
    }
    if (names)
        qsort(names, *n, sizeof *names, by_name);
    return names;
}

/* A data file without a known period has no success and nothing found; one
 * with known periods has a success on every row (0 where it had no model). */
static int check_known_periods(const pb_plan *plan, const pb_runs_table *t, const char *path, char *err,
                               size_t errlen)
{
    size_t n_without, n_with;
    const char **without = data_task_names(plan, 0, &n_without), **with = data_task_names(plan, 1, &n_with);
    int rc = 0;
    if (!without || !with) {
        snprintf(err, errlen, "out of memory");
        rc = 1;
    }
    for (size_t i = 0; i < t->n && !rc; i++) {
        const pb_runs_row *r = &t->rows[i];
        const char *task = r->field[PB_COL_TASK];
        int claims = r->field[PB_COL_SUCCESS][0] || r->field[PB_COL_FOUND][0];
        if (claims && n_without && bsearch(&task, without, n_without, sizeof *without, by_name)) {
            snprintf(err, errlen, "%s: data row %zu claims success '%s', found '%s' for %s, a file without a known "
                     "period (both are empty there): not a row a run wrote; remove it, or --force", path, i + 1,
                     r->field[PB_COL_SUCCESS], r->field[PB_COL_FOUND], task);
            rc = 2;
        } else if (!r->field[PB_COL_SUCCESS][0] && n_with && bsearch(&task, with, n_with, sizeof *with, by_name)) {
            snprintf(err, errlen, "%s: data row %zu has no success for %s, a file with a known period (every row "
                     "of it has one): not a row a run wrote; remove it, or --force", path, i + 1, task);
            rc = 2;
        }
    }
    free(without);
    free(with);
    return rc;
}

/* Rows of one data trial (task, task parameters, seed) sort together. */
static int trial_cmp(const pb_runs_row *x, const pb_runs_row *y)
{
    int c = strcmp(x->field[PB_COL_TASK], y->field[PB_COL_TASK]);
    if (!c)
        c = strcmp(x->field[PB_COL_TASK_PARAMS], y->field[PB_COL_TASK_PARAMS]);
    return c ? c : strcmp(x->field[PB_COL_SEED], y->field[PB_COL_SEED]);
}

static int by_trial(const void *a, const void *b)
{
    return trial_cmp(*(const pb_runs_row *const *)a, *(const pb_runs_row *const *)b);
}

/* Pointers to t's data rows, sorted by trial (*n of them); NULL when out of memory. */
static const pb_runs_row **data_rows_by_trial(const pb_runs_table *t, size_t *n)
{
    const pb_runs_row **rows = malloc((t->n ? t->n : 1) * sizeof *rows);
    *n = 0;
    for (size_t i = 0; rows && i < t->n; i++)
        if (strncmp(t->rows[i].field[PB_COL_TASK], "data:", 5) == 0)
            rows[(*n)++] = &t->rows[i];
    if (rows)
        qsort(rows, *n, sizeof *rows, by_trial);
    return rows;
}

/* The end of the trial that starts at rows[lo]. */
static size_t trial_end(const pb_runs_row *const *rows, size_t lo, size_t n)
{
    size_t hi = lo + 1;
    while (hi < n && trial_cmp(rows[lo], rows[hi]) == 0)
        hi++;
    return hi;
}

/* A data trial of the plan with a known period, by the row fields that name
 * it ("task|task_params|seed"). */
typedef struct {
    char key[PB_KEY_MAX];
    const pb_trial_spec *spec;
} data_trial;

static int by_key(const void *a, const void *b)
{
    return strcmp(((const data_trial *)a)->key, ((const data_trial *)b)->key);
}

static void row_data_key(const pb_runs_row *r, char *buf, size_t len)
{
    snprintf(buf, len, "%s|%s|%s", r->field[PB_COL_TASK], r->field[PB_COL_TASK_PARAMS], r->field[PB_COL_SEED]);
}

/* The plan's trials on data files with a known period, sorted by key; NULL
 * when out of memory. */
static data_trial *known_data_trials(const pb_plan *plan, size_t *n)
{
    data_trial *d = malloc((plan->n ? plan->n : 1) * sizeof *d);
    *n = 0;
    for (size_t i = 0; d && i < plan->n; i++) {
        const pb_trial_spec *s = &plan->trials[i];
        if (!pb_task_is_data(s->task) || pb_data_task_known_periods(s->task) == 0)
            continue;
        char tp[PB_PARAMS_TEXT_MAX];
        pb_params_format(s->task_params, tp, sizeof tp);
        snprintf(d[*n].key, sizeof d[*n].key, "%s|%s|%ld", s->task->name, tp, s->seed);
        d[(*n)++].spec = s;
    }
    if (d)
        qsort(d, *n, sizeof *d, by_key);
    return d;
}

/* The baselines' nrmse_out on a trial's data, scored afresh as the worker
 * scored them (pb_trial.c): the bar its rows' successes were judged by,
 * whatever the table's baseline rows say. NAN where a baseline has no
 * score (it sets no bar) or the data cannot be made. */
static void recomputed_bar(const pb_trial_spec *spec, double base[PB_BASELINES_N])
{
    for (int b = 0; b < PB_BASELINES_N; b++)
        base[b] = NAN;
    pb_task_data d;
    char err[PB_MESSAGE_MAX];
    if (pb_trial_generate(spec, &d, err, sizeof err) != 0)
        return;
    pb_baselines_nrmse_out(&d, base);
    pb_task_data_free(&d);
}

/* Whether a row's numbers differ beyond the tables' 8-10 printed digits. */
static int surely_differ(double x, double y)
{
    const double slack = 1e-6;
    return isnan(x) != isnan(y) || fabs(x - y) > slack * fmax(fabs(x), fabs(y));
}

/* Whether a data row contradicts the bar of its trial: a baseline's own
 * score that is not the baseline's, or a success that the bar denies (pb_trial.c: success is
 * nrmse_out below both baselines' and every known period found; only a
 * contradiction beyond the printed digits counts). */
static int contradicts_bar(const pb_runs_row *r, const double base[PB_BASELINES_N])
{
    const double slack = 1e-6;
    if (!pb_status_has_model(pb_status_from_name(r->field[PB_COL_STATUS])))
        return 0; /* no score, and no success (pb_runs) */
    double x = strtod(r->field[PB_COL_NRMSE_OUT], NULL);
    for (int b = 0; b < PB_BASELINES_N; b++)
        if (strcmp(r->field[PB_COL_METHOD], pb_baselines[b]->name) == 0)
            return surely_differ(x, base[b]);
    int surely_beaten = 0, surely_beats = strcmp(r->field[PB_COL_FOUND], "0") != 0;
    for (int b = 0; b < PB_BASELINES_N; b++) {
        surely_beaten |= x >= base[b] * (1 + slack);
        surely_beats &= !(x >= base[b] * (1 - slack));
    }
    return strcmp(r->field[PB_COL_SUCCESS], "1") == 0 ? surely_beaten
           : strcmp(r->field[PB_COL_SUCCESS], "0") == 0 ? surely_beats : 0;
}

/* A row with a model of a method that reports periods, without a found:
 * on a file with a known period, every such row has one (pb_trial.c). */
static int lacks_found(const pb_runs_row *r)
{
    const pb_method_type *m = pb_methods_find(r->field[PB_COL_METHOD]);
    return m && m->components && !r->field[PB_COL_FOUND][0] &&
           pb_status_has_model(pb_status_from_name(r->field[PB_COL_STATUS]));
}

static int check_bars(const pb_plan *plan, const pb_runs_table *t, const char *path, char *err, size_t errlen)
{
    size_t n, n_trials;
    const pb_runs_row **rows = data_rows_by_trial(t, &n);
    data_trial *trials = known_data_trials(plan, &n_trials);
    int rc = 0;
    if (!rows || !trials) {
        snprintf(err, errlen, "out of memory");
        rc = 1;
    }
    for (size_t lo = 0, hi; lo < n && !rc; lo = hi) {
        hi = trial_end(rows, lo, n);
        data_trial want;
        row_data_key(rows[lo], want.key, sizeof want.key);
        const data_trial *trial = bsearch(&want, trials, n_trials, sizeof *trials, by_key);
        if (!trial)
            continue; /* a file without a known period: nothing to beat (check_known_periods) */
        double base[PB_BASELINES_N];
        recomputed_bar(trial->spec, base);
        for (size_t i = lo; i < hi && !rc; i++)
            if (lacks_found(rows[i])) {
                snprintf(err, errlen, "%s: the row of %s on %s, seed %s has no found, but its method reports periods "
                         "and the file has a known period: not a row a run wrote; remove it, or --force", path,
                         rows[i]->field[PB_COL_METHOD], rows[i]->field[PB_COL_TASK], rows[i]->field[PB_COL_SEED]);
                rc = 2;
            } else if (contradicts_bar(rows[i], base)) {
                const pb_runs_row *r = rows[i];
                snprintf(err, errlen, "%s: the row of %s on %s, seed %s claims success %s with nrmse_out %s, but on "
                         "that trial's data the baselines score %.9g (%s) and %.9g (%s): not a row a run wrote; "
                         "remove it, or --force", path, r->field[PB_COL_METHOD], r->field[PB_COL_TASK],
                         r->field[PB_COL_SEED], r->field[PB_COL_SUCCESS], r->field[PB_COL_NRMSE_OUT], base[0],
                         pb_baselines[0]->name, base[1], pb_baselines[1]->name);
                rc = 2;
            }
    }
    free(rows);
    free(trials);
    return rc;
}

int pb_plan_rows_check(const pb_plan *plan, const pb_runs_table *t, const char *path, char *err, size_t errlen)
{
    int rc = check_known_periods(plan, t, path, err, errlen);
    return rc ? rc : check_bars(plan, t, path, err, errlen);
}
