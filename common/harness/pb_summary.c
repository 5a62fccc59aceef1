#include "harness/pb_summary.h"

#include <errno.h>
#include <stddef.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/pb_comparisons.h"
#include "harness/pb_label_matrix.h"
#include "harness/pb_plot_data.h"
#include "harness/pb_verdict.h"
#include "harness/pb_summary_groups.h"
#include "base/pb_fsutil.h"
#include "base/pb_status.h"

#define metric_name pb_summary_metric_name

static void put_number(FILE *f, double x)
{
    if (!isnan(x))
        fprintf(f, "%.6g", x);
}

/* ",x" for each of n numbers (empty where NAN). */
static void put_numbers(FILE *f, const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fputc(',', f);
        put_number(f, x[i]);
    }
}

static double rate(size_t k, size_t n)
{
    return n ? (double)k / (double)n : NAN;
}

static int write_summary_csv(const pb_summary_group *g, long n, const char *path)
{
    FILE *f = pb_fs_open_temp(path);
    if (!f)
        return -1;
    fprintf(f, "task,task_params,method,method_params,trials,success_rate,success_ci_low,success_ci_high,found_rate,"
               "found_ci_low,found_ci_high,statuses");
    for (int k = 0; k < PB_SUM_NMETRICS; k++)
        fprintf(f, ",%s_median,%s_median_ci_low,%s_median_ci_high,%s_p10,%s_p90", metric_name[k], metric_name[k],
                metric_name[k], metric_name[k], metric_name[k]);
    fprintf(f, ",crlb_ratio_rms,crlb_ratio_ci_low,crlb_ratio_ci_high,se_crlb_rms\n");
    for (long i = 0; i < n; i++) {
        char st[256];
        pb_summary_status_text(&g[i], st, sizeof st);
        fprintf(f, "%s,%s,%s,%s,%zu", g[i].task, g[i].task_params, g[i].method, g[i].method_params, g[i].trials);
        const double success[3] = {rate(g[i].successes, g[i].success_defined), g[i].success_ci[0], g[i].success_ci[1]};
        const double found[3] = {rate(g[i].found, g[i].found_defined), g[i].found_ci[0], g[i].found_ci[1]};
        put_numbers(f, success, 3);
        put_numbers(f, found, 3);
        fprintf(f, ",%s", st);
        for (int k = 0; k < PB_SUM_NMETRICS; k++) {
            const pb_spread *m = &g[i].metric[k];
            const double v[5] = {m->median, m->ci_low, m->ci_high, m->p10, m->p90};
            put_numbers(f, v, 5);
        }
        const double crlb[4] = {g[i].crlb_ratio_rms, g[i].crlb_ratio_ci[0], g[i].crlb_ratio_ci[1], g[i].se_crlb_rms};
        put_numbers(f, crlb, 4);
        fputc('\n', f);
    }
    return pb_fs_commit_temp(f, path, 0);
}

/* "median [95 % interval]" or "" */
static void spread_text(const pb_spread *s, char *buf, size_t len)
{
    if (s->n == 0)
        buf[0] = len ? 0 : buf[0];
    else if (s->n == 1 || s->ci_low == s->ci_high)
        snprintf(buf, len, "%.3g", s->median);
    else
        snprintf(buf, len, "%.3g [%.3g, %.3g]", s->median, s->ci_low, s->ci_high);
}

static int section_has(const pb_summary_group *g, long a, long b, int k)
{
    for (long i = a; i < b; i++)
        if (g[i].metric[k].n)
            return 1;
    return 0;
}

/* Whether any group in [a, b) has the field at byte offset off defined. */
static int section_has_value(const pb_summary_group *g, long a, long b, size_t off)
{
    for (long i = a; i < b; i++)
        if (!isnan(*(const double *)((const char *)&g[i] + off)))
            return 1;
    return 0;
}

/* " | x" to 3 digits, or an empty cell. */
static void put_cell(FILE *f, double x)
{
    fprintf(f, " | ");
    if (!isnan(x))
        fprintf(f, "%.3g", x);
}

/* "k/n (lo-hi %)", the rate's 95 % Wilson interval in percent, or "n/a"
 * where no trial has one to speak of (a data task without a known period). */
static void rate_text(size_t k, size_t n, const double ci[2], char *buf, size_t len)
{
    if (n)
        snprintf(buf, len, "%zu/%zu (%.0f–%.0f %%)", k, n, 100 * ci[0], 100 * ci[1]);
    else
        snprintf(buf, len, "n/a");
}

static void success_text(const pb_summary_group *g, char *buf, size_t len)
{
    rate_text(g->successes, g->success_defined, g->success_ci, buf, len);
}

/* One section per (task, task_params): methods as rows, the columns that
 * apply to that task. */
static void write_md_section(FILE *f, const pb_summary_group *g, long a, long b)
{
    fprintf(f, "\n### %s%s%s%s\n\n", g[a].task, g[a].task_params[0] ? " (" : "", g[a].task_params,
            g[a].task_params[0] ? ")" : "");
    int any_defined = 0;
    for (long i = a; i < b; i++)
        any_defined |= g[i].success_defined > 0;
    if (!any_defined)
        fprintf(f, "No known period for this file (no row in periods.csv): `success`, `found` and `freq_err` do "
                   "not apply. Compare `nrmse_out` with the baselines' rows, `mean` and `seasonal-naive`.\n\n");
    int show[PB_SUM_NMETRICS];
    fprintf(f, "| method | success | found");
    for (int k = 0; k < PB_SUM_NMETRICS; k++)
        if ((show[k] = section_has(g, a, b, k)))
            fprintf(f, " | %s", metric_name[k]);
    int crlb = section_has_value(g, a, b, offsetof(pb_summary_group, crlb_ratio_rms));
    int se = section_has_value(g, a, b, offsetof(pb_summary_group, se_crlb_rms));
    fprintf(f, "%s%s | statuses |\n|---|---|---", crlb ? " | crlb_ratio (RMS)" : "", se ? " | se/√CRLB (RMS)" : "");
    for (int k = 0; k < PB_SUM_NMETRICS; k++)
        if (show[k])
            fprintf(f, "|---");
    fprintf(f, "%s%s|---|\n", crlb ? "|---" : "", se ? "|---" : "");
    for (long i = a; i < b; i++) {
        char cell[128], st[256], rate[64];
        success_text(&g[i], rate, sizeof rate);
        fprintf(f, "| %s%s%s%s | %s | ", g[i].method, g[i].method_params[0] ? " (" : "", g[i].method_params,
                g[i].method_params[0] ? ")" : "", rate);
        if (g[i].found_defined) {
            rate_text(g[i].found, g[i].found_defined, g[i].found_ci, rate, sizeof rate);
            fputs(rate, f);
        }
        for (int k = 0; k < PB_SUM_NMETRICS; k++)
            if (show[k]) {
                spread_text(&g[i].metric[k], cell, sizeof cell);
                fprintf(f, " | %s", cell);
            }
        if (crlb) {
            put_cell(f, g[i].crlb_ratio_rms);
            if (!isnan(g[i].crlb_ratio_ci[0]) && g[i].crlb_ratio_ci[0] < g[i].crlb_ratio_ci[1])
                fprintf(f, " [%.3g, %.3g]", g[i].crlb_ratio_ci[0], g[i].crlb_ratio_ci[1]);
        }
        if (se)
            put_cell(f, g[i].se_crlb_rms);
        pb_summary_status_text(&g[i], st, sizeof st);
        fprintf(f, " | %s |\n", st);
    }
}

static int write_summary_md(const pb_summary_group *g, long n, const char *path)
{
    FILE *f = pb_fs_open_temp(path);
    if (!f)
        return -1;
    fprintf(f, "# periodbench summary\n\n"
               "Per task and method: successes/trials and `found` (every true frequency within 0.5/T), each "
               "with its 95 %% Wilson interval; each metric's median over the trials where it applies, with a "
               "95 %% bootstrap interval of the median in brackets (2,000 resamples, seeded by the row: "
               "reruns give the same); `crlb_ratio` is "
               "RMS(freq_err)/sqrt(CRLB) (with its bootstrap interval) and `se/√CRLB` the RMS of the standard error a method reports "
               "for its frequency over the same bound (the two agree when the reported error is honest); "
               "`fit_seconds` is wall time of the fit alone. Columns are "
               "defined in results/README.md of the periodbench repository.\n");
    for (long a = 0; a < n;) {
        long b = a + 1;
        while (b < n && strcmp(g[b].task, g[a].task) == 0 && strcmp(g[b].task_params, g[a].task_params) == 0)
            b++;
        write_md_section(f, g, a, b);
        a = b;
    }
    return pb_fs_commit_temp(f, path, 0);
}

/* Label of a task configuration in the plots: "task" or "task(params)". */
/* The headline: successes/trials per task configuration x method, markdown. */
static int write_headline(const pb_summary_group *g, const pb_label_matrix *lm, const char *path)
{
    FILE *f = pb_fs_open_temp(path);
    if (!f)
        return -1;
    fprintf(f, "| task |");
    for (size_t j = 0; j < lm->nm; j++)
        fprintf(f, " %s |", lm->methods[j]);
    fprintf(f, "\n|---|");
    for (size_t j = 0; j < lm->nm; j++)
        fprintf(f, "---|");
    fputc('\n', f);
    for (size_t i = 0; i < lm->nt; i++) {
        fprintf(f, "| %s |", lm->tasks[i]);
        for (size_t j = 0; j < lm->nm; j++) {
            long k = lm->cell[i * lm->nm + j];
            char st[256] = "";
            if (k >= 0 && g[k].status_count[PB_OK] + g[k].status_count[PB_NO_CONVERGENCE] < g[k].trials)
                pb_summary_status_text(&g[k], st, sizeof st);
            if (k < 0) {
                fprintf(f, " |");
            } else {
                char rate[64];
                success_text(&g[k], rate, sizeof rate);
                fprintf(f, " %s%s%s%s |", rate, st[0] ? " (" : "", st, st[0] ? ")" : "");
            }
        }
        fputc('\n', f);
    }
    return pb_fs_commit_temp(f, path, 0);
}

int pb_summary_write(const pb_runs_table *t, const char *out_dir, char *err, size_t errlen)
{
    pb_summary_group *g;
    long n = pb_summary_compute(t, &g);
    if (n < 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    char path[4200];
    int rc = 0;
    snprintf(path, sizeof path, "%s/summary.csv", out_dir);
    if (rc == 0 && write_summary_csv(g, n, path) != 0)
        rc = -1;
    if (rc == 0) {
        snprintf(path, sizeof path, "%s/summary.md", out_dir);
        rc = write_summary_md(g, n, path);
    }
    if (rc == 0 && pb_comparisons_write(t, g, n, out_dir) != 0) {
        snprintf(path, sizeof path, "%s/comparisons.csv", out_dir);
        rc = -1;
    }
    if (rc == 0 && pb_verdict_write(t, out_dir) != 0) {
        snprintf(path, sizeof path, "%s/verdict.md", out_dir);
        rc = -1;
    }
    pb_label_matrix lm = {NULL, NULL, 0, 0, NULL};
    if (rc == 0 && pb_label_matrix_build(&lm, g, n) != 0) {
        errno = ENOMEM;
        rc = -1;
    }
    if (rc == 0) {
        snprintf(path, sizeof path, "%s/headline.md", out_dir);
        rc = write_headline(g, &lm, path);
    }
    if (rc == 0) {
        snprintf(path, sizeof path, "%s/plots", out_dir);
        rc = pb_fs_make_plain_dir(path) == 0 ? pb_plot_data_write(g, n, &lm, path) : -1;
    }
    pb_label_matrix_free(&lm);
    if (rc != 0)
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
    free(g);
    return rc;
}
