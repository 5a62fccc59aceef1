#include "harness/pb_plan_rows.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_status.h"
#include "harness/pb_baselines.h"
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

/* The baselines' nrmse_out among a trial's rows [lo, hi): NAN where a
 * baseline's row is missing or has no score (it then sets no bar). */
static void baseline_scores(const pb_runs_row *const *rows, size_t lo, size_t hi, double base[PB_BASELINES_N])
{
    for (int b = 0; b < PB_BASELINES_N; b++)
        base[b] = NAN;
    for (size_t i = lo; i < hi; i++)
        for (int b = 0; b < PB_BASELINES_N; b++)
            if (strcmp(rows[i]->field[PB_COL_METHOD], pb_baselines[b]->name) == 0 && rows[i]->field[PB_COL_NRMSE_OUT][0])
                base[b] = strtod(rows[i]->field[PB_COL_NRMSE_OUT], NULL);
}

/* Whether a data row's success contradicts the baselines' rows of its
 * trial (pb_trial.c: success is nrmse_out below both, and every known
 * period found). Numbers are printed to 8-10 digits: only a contradiction
 * beyond that rounding counts; a claim of failure is judged only where
 * both baselines scored. */
static int contradicts_baselines(const pb_runs_row *r, const double base[PB_BASELINES_N])
{
    const double slack = 1e-6;
    if (!pb_status_has_model(pb_status_from_name(r->field[PB_COL_STATUS])) || !r->field[PB_COL_NRMSE_OUT][0] ||
        pb_baselines_is_baseline(r->field[PB_COL_METHOD]))
        return 0;
    double x = strtod(r->field[PB_COL_NRMSE_OUT], NULL);
    int surely_beaten = 0, surely_beats = strcmp(r->field[PB_COL_FOUND], "0") != 0;
    for (int b = 0; b < PB_BASELINES_N; b++) {
        surely_beaten |= x >= base[b] * (1 + slack);
        surely_beats &= x < base[b] * (1 - slack);
    }
    return strcmp(r->field[PB_COL_SUCCESS], "1") == 0 ? surely_beaten
           : strcmp(r->field[PB_COL_SUCCESS], "0") == 0 ? surely_beats : 0;
}

int pb_plan_rows_check_baselines(const pb_runs_table *t, const char *path, char *err, size_t errlen)
{
    size_t n;
    const pb_runs_row **rows = data_rows_by_trial(t, &n);
    if (!rows) {
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    int rc = 0;
    for (size_t lo = 0, hi; lo < n && !rc; lo = hi) {
        hi = trial_end(rows, lo, n);
        double base[PB_BASELINES_N];
        baseline_scores(rows, lo, hi, base);
        for (size_t i = lo; i < hi && !rc; i++)
            if (contradicts_baselines(rows[i], base)) {
                const pb_runs_row *r = rows[i];
                snprintf(err, errlen, "%s: the row of %s on %s, seed %s claims success %s with nrmse_out %s against "
                         "the baselines' %.9g (%s) and %.9g (%s): not a row a run wrote; remove it", path,
                         r->field[PB_COL_METHOD], r->field[PB_COL_TASK], r->field[PB_COL_SEED],
                         r->field[PB_COL_SUCCESS], r->field[PB_COL_NRMSE_OUT], base[0], pb_baselines[0]->name, base[1],
                         pb_baselines[1]->name);
                rc = 2;
            }
    }
    free(rows);
    return rc;
}

int pb_plan_rows_check(const pb_plan *plan, const pb_runs_table *t, const char *path, char *err, size_t errlen)
{
    int rc = check_known_periods(plan, t, path, err, errlen);
    return rc ? rc : pb_plan_rows_check_baselines(t, path, err, errlen);
}

long pb_plan_rows_drop_unbacked(pb_runs_table *t)
{
    size_t n;
    const pb_runs_row **rows = data_rows_by_trial(t, &n);
    char *drop = calloc(t->n ? t->n : 1, 1);
    if (!rows || !drop) {
        free(rows), free(drop);
        return -1;
    }
    for (size_t lo = 0, hi; lo < n; lo = hi) {
        hi = trial_end(rows, lo, n);
        int scored = 0;
        for (size_t k = lo; k < hi; k++)
            scored += pb_baselines_is_baseline(rows[k]->field[PB_COL_METHOD]) && rows[k]->field[PB_COL_NRMSE_OUT][0];
        for (size_t k = lo; k < hi && scored < PB_BASELINES_N; k++)
            drop[rows[k] - t->rows] = strcmp(rows[k]->field[PB_COL_SUCCESS], "1") == 0 &&
                                      !pb_baselines_is_baseline(rows[k]->field[PB_COL_METHOD]);
    }
    long dropped = 0;
    size_t kept = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (drop[i]) {
            pb_runs_row_free(&t->rows[i]);
            dropped++;
        } else {
            t->rows[kept++] = t->rows[i];
        }
    }
    t->n = kept;
    free(rows), free(drop);
    return dropped;
}
