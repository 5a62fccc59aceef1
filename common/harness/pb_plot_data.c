#include "harness/pb_plot_data.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_fsutil.h"
#include "base/pb_status.h"
#include "harness/pb_plot_budget.h"

/* Where a value is plotted on a log axis although it is 0 (an exact fit,
 * no reading right): below everything real, and labelled so. */
#define PLOT_LOG_FLOOR 1e-7
#define SNR_KEY "snr_db="

typedef double (*cell_value)(const pb_summary_group *g);

static double success_value(const pb_summary_group *g)
{
    if (g->status_count[PB_UNSUPPORTED] == g->trials)
        return -1; /* every trial unsupported: not a 0 % failure (success.gp greys it) */
    if (g->success_defined == 0)
        return -2; /* a data task without a known period: no success to speak of (greyed, labelled so) */
    return (double)g->successes / (double)g->success_defined;
}

static double fit_time_value(const pb_summary_group *g)
{
    if (g->status_count[PB_UNSUPPORTED] == g->trials)
        return -1; /* no fit was attempted: greyed like success.gp's */
    double t = g->metric[PB_SUM_FIT_SECONDS].median;
    return isnan(t) ? -1 : fmax(t, 1e-6);
}

/* A task x method matrix for gnuplot's "matrix rowheaders columnheaders"
 * (NaN where not run). */
static int write_matrix(const pb_summary_group *g, const pb_label_matrix *lm, cell_value value, const char *path)
{
    FILE *f = pb_fs_open_temp(path);
    if (!f)
        return -1;
    fprintf(f, "task");
    for (size_t j = 0; j < lm->nm; j++)
        fprintf(f, "\t%s", lm->methods[j]);
    fputc('\n', f);
    for (size_t i = 0; i < lm->nt; i++) {
        fprintf(f, "%s", lm->tasks[i]);
        for (size_t j = 0; j < lm->nm; j++) {
            long k = lm->cell[i * lm->nm + j];
            if (k < 0)
                fprintf(f, "\tNaN");
            else
                fprintf(f, "\t%.4g", value(&g[k]));
        }
        fputc('\n', f);
    }
    return pb_fs_commit_temp(f, path, 0);
}

static int has_model(const pb_summary_group *g)
{
    return g->status_count[PB_OK] + g->status_count[PB_NO_CONVERGENCE] > 0;
}

/* The exact-reading tasks (clock): median rates in and out of the methods
 * that read anything, the whole reading then each field (channel) on its
 * own; the others listed with their statuses. */
static int write_clock_data(const pb_summary_group *g, long n, const char *path)
{
    FILE *f = pb_fs_open_temp(path);
    if (!f)
        return -1;
    fprintf(f, "# task and method\texact_in\texact_out\tthen field 1, 2, ... in and out (medians; 0 plotted at %g)\n",
            PLOT_LOG_FLOOR);
    for (int listed = 0; listed < 2; listed++)
        for (long k = 0; k < n; k++) {
            if (strcmp(g[k].task, "clock") != 0 || has_model(&g[k]) == listed)
                continue;
            char tl[160], ml[160], st[256] = "";
            pb_label_task(&g[k], tl, sizeof tl);
            pb_label_method(&g[k], ml, sizeof ml);
            pb_summary_status_text(&g[k], st, sizeof st);
            if (listed) {
                fprintf(f, "# listed\t%s %s: %s\n", tl, ml, st);
                continue;
            }
            fprintf(f, "\"%s %s\"\t%.6g\t%.6g", tl, ml, fmax(g[k].metric[PB_SUM_EXACT_IN].median, PLOT_LOG_FLOOR),
                    fmax(g[k].metric[PB_SUM_EXACT_OUT].median, PLOT_LOG_FLOOR));
            for (int c = 0; c < g[k].n_fields; c++) /* a table from before the fields were kept has none: NaN */
                fprintf(f, "\t%.6g\t%.6g", fmax(g[k].field_in[c].median, PLOT_LOG_FLOOR),
                        fmax(g[k].field_out[c].median, PLOT_LOG_FLOOR));
            fputc('\n', f);
        }
    return pb_fs_commit_temp(f, path, 0);
}

/* One method's tone curve: RMS frequency error per SNR. */
typedef struct snr_curve {
    char label[1024];
    size_t n;
    double snr[64], err[64];
    int merged; /* drawn with an earlier, identical curve */
} snr_curve;

static int same_curve(const snr_curve *a, const snr_curve *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (a->snr[i] != b->snr[i] || fabs(a->err[i] - b->err[i]) > 1e-9 * fabs(b->err[i]))
            return 0;
    return 1;
}

static double snr_of(const pb_summary_group *g)
{
    return strtod(strstr(g->task_params, SNR_KEY) + strlen(SNR_KEY), NULL);
}

static int is_snr_group(const pb_summary_group *g)
{
    return strcmp(g->task, "tone") == 0 && strstr(g->task_params, SNR_KEY) != NULL;
}

/* Error against SNR: one block per method ("a = b" when their curves
 * coincide, so a reader knows a line hides another), the bound last. */
static int write_snr_data(const pb_summary_group *g, long n, const char *path)
{
    snr_curve *c = calloc((size_t)n + 1, sizeof *c);
    FILE *f = c ? pb_fs_open_temp(path) : NULL;
    if (!f) {
        free(c);
        return -1;
    }
    size_t nc = 0;
    for (long k = 0; k < n; k++) {
        if (!is_snr_group(&g[k]) || isnan(g[k].freq_err_rms))
            continue;
        char ml[160];
        pb_label_method(&g[k], ml, sizeof ml);
        size_t i = 0;
        while (i < nc && strcmp(c[i].label, ml) != 0)
            i++;
        if (i == nc)
            snprintf(c[nc++].label, sizeof c[0].label, "%s", ml);
        if (c[i].n < 64) {
            c[i].snr[c[i].n] = snr_of(&g[k]);
            c[i].err[c[i].n++] = g[k].freq_err_rms;
        }
    }
    for (size_t i = 0; i < nc; i++)
        for (size_t j = i + 1; j < nc; j++)
            if (!c[j].merged && same_curve(&c[i], &c[j])) {
                size_t used = strlen(c[i].label);
                snprintf(c[i].label + used, sizeof c[i].label - used, " = %s", c[j].label);
                c[j].merged = 1;
            }
    for (size_t i = 0; i < nc; i++) {
        if (c[i].merged)
            continue;
        fprintf(f, "\"%s\"\tfreq_err_rms\n", c[i].label);
        for (size_t p = 0; p < c[i].n; p++)
            fprintf(f, "%.6g\t%.6g\n", c[i].snr[p], c[i].err[p]);
        fprintf(f, "\n\n");
    }
    free(c);
    fprintf(f, "\"Cramer-Rao bound\"\tcrlb_sd_rms\n");
    for (long k = 0; k < n; k++) { /* the bound depends on the data only: one point per SNR */
        int seen = 0;
        for (long b = 0; b < k && !seen; b++)
            seen = is_snr_group(&g[b]) && strcmp(g[b].task_params, g[k].task_params) == 0 && !isnan(g[b].crlb_sd_rms);
        if (!seen && is_snr_group(&g[k]) && !isnan(g[k].crlb_sd_rms))
            fprintf(f, "%.6g\t%.6g\n", snr_of(&g[k]), g[k].crlb_sd_rms);
    }
    return pb_fs_commit_temp(f, path, 0);
}

/* One method on one task family (every configuration of the task). */
typedef struct cost_point {
    char method[160];
    double seconds, error, success;
    int front;
} cost_point;

static int by_seconds(const void *a, const void *b)
{
    const cost_point *x = a, *y = b;
    return (x->seconds > y->seconds) - (x->seconds < y->seconds);
}

static double median_of(double *v, size_t n)
{
    if (n == 0)
        return NAN;
    for (size_t i = 1; i < n; i++) /* small n: insertion sort */
        for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
            double t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* Cost against accuracy: per task family, two blocks - every method with
 * a model (median over the family's configurations of the median fit time
 * and of nrmse_out, or for the clock 1 - exact_out; its success rate), then
 * the Pareto front (no other method both faster and more accurate), by time. */
static int write_cost_accuracy(const pb_summary_group *g, long n, const char *path)
{
    FILE *f = pb_fs_open_temp(path);
    cost_point *pts = calloc((size_t)n + 1, sizeof *pts);
    double *secs = malloc(((size_t)n + 1) * sizeof *secs), *errs = malloc(((size_t)n + 1) * sizeof *errs);
    if (!f || !pts || !secs || !errs) {
        if (f)
            pb_fs_commit_temp(f, path, 1);
        free(pts), free(secs), free(errs);
        return -1;
    }
    for (long a = 0; a < n; a++) {
        int first_of_task = 1;
        for (long b = 0; b < a && first_of_task; b++)
            first_of_task = strcmp(g[b].task, g[a].task) != 0;
        if (!first_of_task)
            continue;
        int clock = strcmp(g[a].task, "clock") == 0;
        size_t np = 0;
        for (long m = a; m < n; m++) { /* each method configuration of this task, once */
            char ml[160];
            pb_label_method(&g[m], ml, sizeof ml);
            int seen = strcmp(g[m].task, g[a].task) != 0;
            for (size_t p = 0; p < np && !seen; p++)
                seen = strcmp(pts[p].method, ml) == 0;
            if (seen)
                continue;
            size_t ns = 0, ne = 0, trials = 0, successes = 0;
            for (long k = m; k < n; k++) {
                char kl[160];
                pb_label_method(&g[k], kl, sizeof kl);
                if (strcmp(g[k].task, g[a].task) != 0 || strcmp(kl, ml) != 0)
                    continue;
                trials += g[k].success_defined;
                successes += g[k].successes;
                if (!has_model(&g[k]))
                    continue;
                double e = clock ? 1.0 - g[k].metric[PB_SUM_EXACT_OUT].median : g[k].metric[PB_SUM_NRMSE_OUT].median;
                if (!isnan(g[k].metric[PB_SUM_FIT_SECONDS].median) && !isnan(e)) {
                    secs[ns++] = g[k].metric[PB_SUM_FIT_SECONDS].median;
                    errs[ne++] = e;
                }
            }
            if (ns == 0)
                continue; /* no model on this task: nothing to place */
            cost_point *p = &pts[np++];
            snprintf(p->method, sizeof p->method, "%s", ml);
            p->seconds = fmax(median_of(secs, ns), 1e-6);
            p->error = fmax(median_of(errs, ne), PLOT_LOG_FLOOR);
            p->success = trials ? (double)successes / (double)trials : -1; /* no success to speak of */
        }
        if (np == 0)
            continue; /* no method placed on this task (all unsupported or failed): no panel */
        for (size_t i = 0; i < np; i++) { /* errors within 1e-6 of each other are equal (the same estimate) */
            pts[i].front = 1;
            for (size_t j = 0; j < np && pts[i].front; j++) {
                int not_worse = pts[j].error <= pts[i].error * (1 + 1e-6);
                int better = pts[j].error < pts[i].error * (1 - 1e-6);
                if (j != i && pts[j].seconds <= pts[i].seconds && not_worse && (pts[j].seconds < pts[i].seconds || better))
                    pts[i].front = 0;
            }
        }
        qsort(pts, np, sizeof *pts, by_seconds);
        fprintf(f, "\"%s\"\t%s\n", g[a].task, clock ? "1 - exact_out" : "nrmse_out");
        for (size_t i = 0; i < np; i++)
            fprintf(f, "%s\t%.6g\t%.6g\t%.4g\t%d\n", pts[i].method, pts[i].seconds, pts[i].error, pts[i].success,
                    pts[i].front);
        fprintf(f, "\n\n\"%s: Pareto front\"\n", g[a].task);
        for (size_t i = 0; i < np; i++)
            if (pts[i].front)
                fprintf(f, "%s\t%.6g\t%.6g\n", pts[i].method, pts[i].seconds, pts[i].error);
        fprintf(f, "\n\n");
    }
    free(pts), free(secs), free(errs);
    return pb_fs_commit_temp(f, path, 0);
}

int pb_plot_data_write(const pb_summary_group *g, long n, const pb_label_matrix *lm, const char *dir)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/success.dat", dir);
    if (write_matrix(g, lm, success_value, path) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/fit_time.dat", dir);
    if (write_matrix(g, lm, fit_time_value, path) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/clock.dat", dir);
    if (write_clock_data(g, n, path) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/cost_accuracy.dat", dir);
    if (write_cost_accuracy(g, n, path) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/budget.dat", dir);
    if (pb_plot_budget_write(g, n, path) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/snr.dat", dir);
    return write_snr_data(g, n, path);
}
