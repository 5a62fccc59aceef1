#include "harness/pb_cost_order.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct group_cost {
    char key[2100]; /* task, task_params, method, method_params */
    double sum;
    size_t n;
} group_cost;

typedef struct pending {
    size_t index;
    double cost;
} pending;

static void group_key(const char *task, const char *tp, const char *method, const char *mp, char *buf, size_t len)
{
    snprintf(buf, len, "%s\x1f%s\x1f%s\x1f%s", task, tp, method, mp);
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const group_cost *)a)->key, ((const group_cost *)b)->key);
}

static int by_cost(const void *a, const void *b)
{
    const pending *x = a, *y = b;
    if (x->cost != y->cost)
        return x->cost > y->cost ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

int pb_cost_order(const pb_plan *plan, const pb_runs_table *finished, size_t *order, size_t n)
{
    if (finished->n == 0 || n < 2)
        return 0;
    group_cost *g = calloc(finished->n, sizeof *g);
    pending *p = malloc(n * sizeof *p);
    if (!g || !p) {
        free(g);
        free(p);
        return -1;
    }
    size_t ng = 0;
    for (size_t i = 0; i < finished->n; i++) { /* one entry per row, then merged by key */
        char *const *f = finished->rows[i].field;
        double fit = pb_runs_number(&finished->rows[i], PB_COL_FIT_SECONDS);
        double predict = pb_runs_number(&finished->rows[i], PB_COL_PREDICT_SECONDS);
        group_key(f[PB_COL_TASK], f[PB_COL_TASK_PARAMS], f[PB_COL_METHOD], f[PB_COL_METHOD_PARAMS], g[ng].key,
                  sizeof g[ng].key);
        g[ng].sum = (isfinite(fit) ? fit : 0) + (isfinite(predict) ? predict : 0);
        g[ng++].n = 1;
    }
    qsort(g, ng, sizeof *g, by_key);
    size_t m = 0;
    for (size_t i = 0; i < ng; i++) {
        if (m && strcmp(g[m - 1].key, g[i].key) == 0) {
            g[m - 1].sum += g[i].sum;
            g[m - 1].n++;
        } else {
            g[m++] = g[i];
        }
    }
    for (size_t i = 0; i < n; i++) {
        const pb_trial_spec *s = &plan->trials[order[i]];
        char tp[512], mp[512];
        group_cost probe;
        pb_params_format(s->task_params, tp, sizeof tp);
        pb_params_format(s->method_params, mp, sizeof mp);
        group_key(s->task->name, tp, s->method->name, mp, probe.key, sizeof probe.key);
        const group_cost *hit = bsearch(&probe, g, m, sizeof *g, by_key);
        p[i] = (pending){order[i], hit ? hit->sum / (double)hit->n : INFINITY};
    }
    qsort(p, n, sizeof *p, by_cost);
    for (size_t i = 0; i < n; i++)
        order[i] = p[i].index;
    free(g);
    free(p);
    return 0;
}
