#include "harness/pb_verdict.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_fsutil.h"
#include "stats/pb_intervals.h"
#include "stats/pb_paired_tests.h"
#include "tasks/pb_tasks.h"

/* A method (with its parameters) on one task family, pooled. */
typedef struct contender {
    const char *method, *params;
    size_t successes, defined;
    double fit_median;
} contender;

static int same_method(const contender *c, const pb_runs_row *r)
{
    return strcmp(c->method, r->field[PB_COL_METHOD]) == 0 && strcmp(c->params, r->field[PB_COL_METHOD_PARAMS]) == 0;
}

static double rate(const contender *c)
{
    return c->defined ? (double)c->successes / (double)c->defined : -1;
}

static int ahead(const contender *a, const contender *b)
{
    if (rate(a) != rate(b))
        return rate(a) > rate(b);
    return !isnan(a->fit_median) && (isnan(b->fit_median) || a->fit_median < b->fit_median);
}

/* The contenders of family (rows of task name `task`); *n of them, or NULL. */
static contender *contenders_of(const pb_runs_table *t, const char *task, size_t *n, double *buf)
{
    contender *c = malloc((t->n ? t->n : 1) * sizeof *c);
    *n = 0;
    for (size_t i = 0; c && i < t->n; i++) {
        const pb_runs_row *r = &t->rows[i];
        if (strcmp(r->field[PB_COL_TASK], task) != 0)
            continue;
        size_t j = 0;
        while (j < *n && !same_method(&c[j], r))
            j++;
        if (j == *n)
            c[(*n)++] = (contender){r->field[PB_COL_METHOD], r->field[PB_COL_METHOD_PARAMS], 0, 0, NAN};
        c[j].defined += r->field[PB_COL_SUCCESS][0] != '\0';
        c[j].successes += strcmp(r->field[PB_COL_SUCCESS], "1") == 0;
    }
    for (size_t j = 0; c && j < *n; j++) {
        size_t m = 0;
        for (size_t i = 0; i < t->n; i++)
            if (strcmp(t->rows[i].field[PB_COL_TASK], task) == 0 && same_method(&c[j], &t->rows[i]))
                buf[m++] = pb_runs_number(&t->rows[i], PB_COL_FIT_SECONDS);
        c[j].fit_median = m ? pb_statistic_of(PB_STAT_MEDIAN, buf, m) : NAN;
    }
    return c;
}

/* The sign test of a against b on the family's trials paired by
 * configuration and seed. */
static double paired_sign(const pb_runs_table *t, const char *task, const contender *a, const contender *b)
{
    size_t only_a = 0, only_b = 0;
    for (size_t i = 0; i < t->n; i++) {
        const pb_runs_row *x = &t->rows[i];
        if (strcmp(x->field[PB_COL_TASK], task) != 0 || !same_method(a, x))
            continue;
        for (size_t j = 0; j < t->n; j++) {
            const pb_runs_row *y = &t->rows[j];
            if (strcmp(y->field[PB_COL_TASK], task) == 0 && same_method(b, y) &&
                strcmp(x->field[PB_COL_TASK_PARAMS], y->field[PB_COL_TASK_PARAMS]) == 0 &&
                strcmp(x->field[PB_COL_SEED], y->field[PB_COL_SEED]) == 0) {
                int sx = strcmp(x->field[PB_COL_SUCCESS], "1") == 0, sy = strcmp(y->field[PB_COL_SUCCESS], "1") == 0;
                only_a += sx && !sy;
                only_b += sy && !sx;
                break;
            }
        }
    }
    return pb_sign_test(only_a, only_b);
}

static void name_of(const contender *c, char *buf, size_t len)
{
    snprintf(buf, len, "`%s`%s%s%s", c->method, c->params[0] ? " (" : "", c->params, c->params[0] ? ")" : "");
}

static void family_row(FILE *f, const pb_runs_table *t, const char *task, contender *c, size_t n)
{
    size_t best = 0, second = n > 1 ? 1 : 0;
    for (size_t j = 0; j < n; j++)
        if (ahead(&c[j], &c[best]))
            best = j;
    if (second == best)
        second = 0;
    for (size_t j = 0; j < n; j++)
        if (j != best && (second == best || ahead(&c[j], &c[second])))
            second = j;
    const pb_task_type *type = pb_tasks_find(task);
    const char *question = type && type->question ? type->question : "";
    char name[256], next[256];
    name_of(&c[best], name, sizeof name);
    if (c[best].defined == 0) {
        fprintf(f, "| %s | n/a: no known period, no success to speak of | | | | %s |\n", task, question);
        return;
    }
    if (c[best].successes == 0) {
        fprintf(f, "| %s | none | 0/%zu | | | %s |\n", task, c[best].defined, question);
        return;
    }
    double lo, hi;
    pb_wilson(c[best].successes, c[best].defined, PB_Z95, &lo, &hi);
    fprintf(f, "| %s | %s | %zu/%zu (%.0f–%.0f %%) | %.3g s |", task, name, c[best].successes, c[best].defined,
            100 * lo, 100 * hi, c[best].fit_median);
    if (n > 1 && second != best && c[second].successes == 0) {
        fprintf(f, " no other succeeds |");
    } else if (n > 1 && second != best) {
        name_of(&c[second], next, sizeof next);
        double p = paired_sign(t, task, &c[best], &c[second]);
        fprintf(f, " %s, %zu/%zu (sign test p = %.2g%s) |", next, c[second].successes, c[second].defined, p,
                p <= 0.05 ? "" : ": not decided");
    } else {
        fprintf(f, " |");
    }
    fprintf(f, " %s |\n", question);
}

int pb_verdict_write(const pb_runs_table *t, const char *out_dir)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/verdict.md", out_dir);
    double *buf = malloc((t->n ? t->n : 1) * sizeof *buf);
    FILE *f = buf ? pb_fs_open_temp(path) : NULL;
    if (!f) {
        free(buf);
        errno = errno ? errno : ENOMEM;
        return -1;
    }
    fprintf(f, "| task | recommended | successes (95 %% interval) | median fit | runner-up | the question |\n"
               "|---|---|---|---|---|---|\n");
    int bad = 0;
    for (size_t i = 0; i < t->n && !bad; i++) {
        const char *task = t->rows[i].field[PB_COL_TASK];
        size_t k = 0;
        while (k < i && strcmp(t->rows[k].field[PB_COL_TASK], task) != 0)
            k++;
        if (k < i)
            continue; /* the family has its row */
        size_t n;
        contender *c = contenders_of(t, task, &n, buf);
        bad = !c;
        if (c && n)
            family_row(f, t, task, c, n);
        free(c);
    }
    free(buf);
    if (bad) {
        pb_fs_commit_temp(f, path, 1);
        errno = ENOMEM;
        return -1;
    }
    return pb_fs_commit_temp(f, path, 0);
}
