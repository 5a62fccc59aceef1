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
/* 1-based order of first appearance of g[k]'s method (what = 0) or of its
 * curve's parameters without the method (what = 1) among the curves: the
 * colour and the dash of its line, the same in every panel. */
static int style_index(const pb_summary_group *g, long n, long k, int what)
{
    char mine[200], other[200];
    curve_label(&g[k], mine, sizeof mine);
    const char *m = what ? mine + strlen(g[k].method) : g[k].method;
    int index = 0;
    for (long j = 0; j < n; j++) {
        if (!isfinite(samples_seen(&g[j])))
            continue;
        curve_label(&g[j], other, sizeof other);
        const char *o = what ? other + strlen(g[j].method) : g[j].method;
        int earlier = 0;
        for (long i = 0; i < j && !earlier; i++) {
            char prior[200];
            if (!isfinite(samples_seen(&g[i])))
                continue;
            curve_label(&g[i], prior, sizeof prior);
            earlier = strcmp(what ? prior + strlen(g[i].method) : g[i].method, o) == 0;
        }
        if (!earlier) {
            index++;
            if (strcmp(o, m) == 0)
                return index;
        }
    }
    return 0;
}

static void write_task(FILE *f, const pb_summary_group *g, long n, long first, const char *names[2])
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
                names[1], curve ? style_index(g, n, k, 0) : 0, curve ? style_index(g, n, k, 1) : 0);
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
    FILE *f = pb_fs_open_temp(path);
    if (!f)
        return -1;
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
        write_task(f, g, n, k, names);
    }
    return pb_fs_commit_temp(f, path, 0);
}
