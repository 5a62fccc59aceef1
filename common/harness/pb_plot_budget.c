#include "harness/pb_plot_budget.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_fsutil.h"
#include "base/pb_status.h"
#include "harness/pb_label_matrix.h"

/* Where 0 is drawn on the log axes (an exact fit, no reading right). */
#define BUDGET_LOG_FLOOR 1e-7

/* The value of KEY in a "k=v;k=v" parameter text, or NAN. */
static double param_value(const char *params, const char *key)
{
    size_t len = strlen(key);
    for (const char *p = params; p && *p; p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL)
        if (strncmp(p, key, len) == 0 && p[len] == '=')
            return strtod(p + len + 1, NULL);
    return NAN;
}

static double samples_seen(const pb_summary_group *g)
{
    return param_value(g->method_params, "steps") * param_value(g->method_params, "batch");
}

static int has_model(const pb_summary_group *g)
{
    return g->status_count[PB_OK] + g->status_count[PB_NO_CONVERGENCE] > 0;
}

/* The curve a group belongs to: its method and every parameter but steps. */
static void curve_label(const pb_summary_group *g, char *buf, size_t len)
{
    size_t k = (size_t)snprintf(buf, len, "%s", g->method);
    const char *p = g->method_params;
    int first = 1;
    while (p && *p && k + 2 < len) {
        const char *end = strchr(p, ';');
        size_t plen = end ? (size_t)(end - p) : strlen(p);
        if (strncmp(p, "steps=", 6) != 0) {
            k += (size_t)snprintf(buf + k, len - k, "%s%.*s", first ? " " : ", ", (int)plen, p);
            first = 0;
        }
        p = end ? end + 1 : NULL;
    }
}

static double metric_or_floor(const pb_summary_group *g, int metric)
{
    double v = g->metric[metric].median;
    return isnan(v) ? NAN : fmax(v, BUDGET_LOG_FLOOR);
}

/* The two metrics drawn for task g[t]: exact-reading rates where the task has them. */
static void metrics_of(const pb_summary_group *g, long n, long t, int *in, int *out)
{
    int exact = 0;
    for (long k = 0; k < n && !exact; k++)
        exact = strcmp(g[k].task, g[t].task) == 0 && g[k].metric[PB_SUM_EXACT_IN].n > 0;
    *in = exact ? PB_SUM_EXACT_IN : PB_SUM_NRMSE_IN;
    *out = exact ? PB_SUM_EXACT_OUT : PB_SUM_NRMSE_OUT;
}

static int same_task(const pb_summary_group *a, const pb_summary_group *b)
{
    return strcmp(a->task, b->task) == 0 && strcmp(a->task_params, b->task_params) == 0;
}

/* One task configuration: each curve's block (a header line, then samples,
 * in, out by samples seen), each reference method's flat block. */
#define BUDGET_MAX_STYLES 64

/* 1-based order of first appearance, among the curves, of each group's
 * method (colour) and of its curve's parameters without the method (dash):
 * the same in every panel; 0 for the groups that are not curves. */
static void style_indices(const pb_summary_group *g, long n, int *colour, int *dash)
{
    char seen[2][BUDGET_MAX_STYLES][200];
    int n_seen[2] = {0, 0};
    for (long k = 0; k < n; k++) {
        colour[k] = dash[k] = 0;
        if (!isfinite(samples_seen(&g[k])))
            continue;
        char label[200];
        curve_label(&g[k], label, sizeof label);
        const char *key[2] = {g[k].method, label + strlen(g[k].method)};
        int *out[2] = {&colour[k], &dash[k]};
        for (int what = 0; what < 2; what++) {
            int i = 0;
            while (i < n_seen[what] && strcmp(seen[what][i], key[what]) != 0)
                i++;
            if (i == n_seen[what] && i < BUDGET_MAX_STYLES)
                snprintf(seen[what][n_seen[what]++], sizeof seen[what][0], "%s", key[what]);
            *out[what] = i + 1;
        }
    }
}

static void write_task(FILE *f, const pb_summary_group *g, long n, long first, const char *names[2], const int *colour,
                       const int *dash)
{
    char task[160];
    pb_label_task(&g[first], task, sizeof task);
    int in, out;
    metrics_of(g, n, first, &in, &out);
    double lo = INFINITY, hi = -INFINITY;
    for (long k = first; k < n; k++)
        if (same_task(&g[k], &g[first]) && isfinite(samples_seen(&g[k]))) {
            lo = fmin(lo, samples_seen(&g[k]));
            hi = fmax(hi, samples_seen(&g[k]));
        }
    if (!isfinite(lo))
        return;
    char *done = calloc((size_t)n, 1);
    if (!done)
        return;
    for (long k = first; k < n; k++) {
        if (done[k] || !same_task(&g[k], &g[first]) || !has_model(&g[k]))
            continue;
        char label[200];
        int curve = isfinite(samples_seen(&g[k]));
        if (curve)
            curve_label(&g[k], label, sizeof label);
        else
            pb_label_method(&g[k], label, sizeof label);
        fprintf(f, "\"%s\"\t%s\t%s\t%s\t%s\t%d\t%d\n", task, label, curve ? "network" : "reference", names[0],
                names[1], colour[k], dash[k]);
        for (;;) { /* the curve's points by increasing samples seen */
            long best = -1;
            for (long j = k; j < n; j++) {
                char other[200];
                if (done[j] || !same_task(&g[j], &g[first]) || !has_model(&g[j]) ||
                    isfinite(samples_seen(&g[j])) != curve)
                    continue;
                if (curve)
                    curve_label(&g[j], other, sizeof other);
                else
                    pb_label_method(&g[j], other, sizeof other);
                if (strcmp(other, label) == 0 && (best < 0 || samples_seen(&g[j]) < samples_seen(&g[best])))
                    best = j;
            }
            if (best < 0)
                break;
            done[best] = 1;
            double x[2] = {curve ? samples_seen(&g[best]) : lo, hi};
            for (int p = 0; p < (curve ? 1 : 2); p++)
                fprintf(f, "%.6g\t%.6g\t%.6g\n", x[p], metric_or_floor(&g[best], in), metric_or_floor(&g[best], out));
            if (!curve)
                break;
        }
        fprintf(f, "\n\n");
    }
    free(done);
}

int pb_plot_budget_write(const pb_summary_group *g, long n, const char *path)
{
    int *colour = malloc(((size_t)n + 1) * sizeof *colour), *dash = malloc(((size_t)n + 1) * sizeof *dash);
    FILE *f = colour && dash ? pb_fs_open_temp(path) : NULL;
    if (!f) {
        free(colour), free(dash);
        return -1;
    }
    style_indices(g, n, colour, dash);
    fprintf(f, "# training budget: per task, \"task\" curve kind in-metric out-metric colour dash, then samples seen, in, out"
               " (0 drawn at %g)\n",
            BUDGET_LOG_FLOOR);
    for (long k = 0; k < n; k++) {
        int first = 1;
        for (long j = 0; j < k && first; j++)
            first = !same_task(&g[j], &g[k]);
        if (!first)
            continue;
        int in, out;
        metrics_of(g, n, k, &in, &out);
        const char *names[2] = {in == PB_SUM_EXACT_IN ? "exact_in" : "nrmse_in",
                                out == PB_SUM_EXACT_OUT ? "exact_out" : "nrmse_out"};
        write_task(f, g, n, k, names, colour, dash);
    }
    free(colour), free(dash);
    return pb_fs_commit_temp(f, path, 0);
}
