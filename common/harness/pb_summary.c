#include "harness/pb_summary.h"

#include <errno.h>
#include <stddef.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "base/pb_fsutil.h"
#include "base/pb_status.h"

static const int metric_column[PB_SUM_NMETRICS] = {
    PB_COL_NRMSE_IN, PB_COL_NRMSE_OUT, PB_COL_FREQ_ERR, PB_COL_EXACT_IN, PB_COL_EXACT_OUT, PB_COL_FIT_SECONDS,
};
static const char *const metric_name[PB_SUM_NMETRICS] = {
    "nrmse_in", "nrmse_out", "freq_err", "exact_in", "exact_out", "fit_seconds",
};

static int same_group(const pb_summary_group *g, const pb_runs_row *r)
{
    return strcmp(g->task, r->field[PB_COL_TASK]) == 0 && strcmp(g->task_params, r->field[PB_COL_TASK_PARAMS]) == 0 &&
           strcmp(g->method, r->field[PB_COL_METHOD]) == 0 &&
           strcmp(g->method_params, r->field[PB_COL_METHOD_PARAMS]) == 0;
}

static pb_spread spread_of(double *v, size_t n)
{
    pb_spread s = {n, NAN, NAN, NAN};
    if (n == 0)
        return s;
    gsl_sort(v, 1, n);
    s.median = gsl_stats_quantile_from_sorted_data(v, 1, n, 0.5);
    s.p10 = gsl_stats_quantile_from_sorted_data(v, 1, n, 0.1);
    s.p90 = gsl_stats_quantile_from_sorted_data(v, 1, n, 0.9);
    return s;
}

/* RMS over rows idx[0..m) of column num (divided by column den if den >= 0),
 * over the rows where it is defined; NAN if none. */
static double rms_of_ratio(const pb_runs_table *t, const size_t *idx, size_t m, int num, int den)
{
    double ss = 0;
    size_t n = 0;
    for (size_t i = 0; i < m; i++) {
        double x = pb_runs_number(&t->rows[idx[i]], num);
        if (den >= 0)
            x /= pb_runs_number(&t->rows[idx[i]], den);
        if (isfinite(x)) {
            ss += x * x;
            n++;
        }
    }
    return n ? sqrt(ss / (double)n) : NAN;
}

/* Aggregates the rows of group g (rows[idx[0..m)]); buf holds m values. */
static void aggregate(pb_summary_group *g, const pb_runs_table *t, const size_t *idx, size_t m, double *buf)
{
    for (size_t i = 0; i < m; i++) {
        const pb_runs_row *r = &t->rows[idx[i]];
        g->trials++;
        g->successes += strcmp(r->field[PB_COL_SUCCESS], "1") == 0;
        if (r->field[PB_COL_FOUND][0]) {
            g->found_defined++;
            g->found += strcmp(r->field[PB_COL_FOUND], "1") == 0;
        }
        int s = pb_status_from_name(r->field[PB_COL_STATUS]);
        g->status_count[s >= 0 && s < 16 ? s : PB_INTERNAL_ERROR]++;
    }
    for (int k = 0; k < PB_SUM_NMETRICS; k++) {
        size_t n = 0;
        for (size_t i = 0; i < m; i++) {
            double x = pb_runs_number(&t->rows[idx[i]], metric_column[k]);
            if (!isnan(x))
                buf[n++] = x;
        }
        g->metric[k] = spread_of(buf, n);
    }
    g->crlb_ratio_rms = rms_of_ratio(t, idx, m, PB_COL_CRLB_RATIO, -1);
    g->se_crlb_rms = rms_of_ratio(t, idx, m, PB_COL_FREQ_SE, PB_COL_CRLB_SD);
    g->freq_err_rms = rms_of_ratio(t, idx, m, PB_COL_FREQ_ERR, -1);
    g->crlb_sd_rms = rms_of_ratio(t, idx, m, PB_COL_CRLB_SD, -1);
}

long pb_summary_compute(const pb_runs_table *t, pb_summary_group **groups)
{
    *groups = NULL;
    size_t n_groups = 0;
    size_t *group_of = malloc((t->n ? t->n : 1) * sizeof *group_of);
    size_t *idx = malloc((t->n ? t->n : 1) * sizeof *idx);
    double *buf = malloc((t->n ? t->n : 1) * sizeof *buf);
    pb_summary_group *g = calloc(t->n ? t->n : 1, sizeof *g);
    if (!group_of || !idx || !buf || !g) {
        free(group_of);
        free(idx);
        free(buf);
        free(g);
        return -1;
    }
    for (size_t i = 0; i < t->n; i++) {
        const pb_runs_row *r = &t->rows[i];
        size_t j = 0;
        while (j < n_groups && !same_group(&g[j], r))
            j++;
        if (j == n_groups) {
            g[j].task = r->field[PB_COL_TASK];
            g[j].task_params = r->field[PB_COL_TASK_PARAMS];
            g[j].method = r->field[PB_COL_METHOD];
            g[j].method_params = r->field[PB_COL_METHOD_PARAMS];
            n_groups++;
        }
        group_of[i] = j;
    }
    for (size_t j = 0; j < n_groups; j++) {
        size_t m = 0;
        for (size_t i = 0; i < t->n; i++)
            if (group_of[i] == j)
                idx[m++] = i;
        aggregate(&g[j], t, idx, m, buf);
    }
    free(group_of);
    free(idx);
    free(buf);
    *groups = g;
    return (long)n_groups;
}

/* --- writers --- */

static void put_number(FILE *f, double x)
{
    if (!isnan(x))
        fprintf(f, "%.6g", x);
}

static void status_text(const pb_summary_group *g, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int s = 0; s < PB_STATUS_COUNT && used < len; s++)
        if (g->status_count[s]) {
            int w = snprintf(buf + used, len - used, "%s%s %zu", used ? " " : "", pb_status_name(s), g->status_count[s]);
            used += w > 0 ? (size_t)w : 0;
        }
}

static int write_summary_csv(const pb_summary_group *g, long n, const char *path)
{
    FILE *f = pb_fs_open_temp(path);
    if (!f)
        return -1;
    fprintf(f, "task,task_params,method,method_params,trials,success_rate,found_rate,statuses");
    for (int k = 0; k < PB_SUM_NMETRICS; k++)
        fprintf(f, ",%s_median,%s_p10,%s_p90", metric_name[k], metric_name[k], metric_name[k]);
    fprintf(f, ",crlb_ratio_rms,se_crlb_rms\n");
    for (long i = 0; i < n; i++) {
        char st[256];
        status_text(&g[i], st, sizeof st);
        fprintf(f, "%s,%s,%s,%s,%zu,", g[i].task, g[i].task_params, g[i].method, g[i].method_params, g[i].trials);
        put_number(f, (double)g[i].successes / (double)g[i].trials);
        fputc(',', f);
        put_number(f, g[i].found_defined ? (double)g[i].found / (double)g[i].found_defined : NAN);
        fprintf(f, ",%s", st);
        for (int k = 0; k < PB_SUM_NMETRICS; k++) {
            fputc(',', f);
            put_number(f, g[i].metric[k].median);
            fputc(',', f);
            put_number(f, g[i].metric[k].p10);
            fputc(',', f);
            put_number(f, g[i].metric[k].p90);
        }
        fputc(',', f);
        put_number(f, g[i].crlb_ratio_rms);
        fputc(',', f);
        put_number(f, g[i].se_crlb_rms);
        fputc('\n', f);
    }
    return pb_fs_commit_temp(f, path, 0);
}

/* "median [p10, p90]" or "" */
static void spread_text(const pb_spread *s, char *buf, size_t len)
{
    if (s->n == 0)
        buf[0] = len ? 0 : buf[0];
    else if (s->n == 1 || s->p10 == s->p90)
        snprintf(buf, len, "%.3g", s->median);
    else
        snprintf(buf, len, "%.3g [%.3g, %.3g]", s->median, s->p10, s->p90);
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

/* One section per (task, task_params): methods as rows, the columns that
 * apply to that task. */
static void write_md_section(FILE *f, const pb_summary_group *g, long a, long b)
{
    fprintf(f, "\n### %s%s%s%s\n\n", g[a].task, g[a].task_params[0] ? " (" : "", g[a].task_params,
            g[a].task_params[0] ? ")" : "");
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
        char cell[128], st[256];
        fprintf(f, "| %s%s%s%s | %zu/%zu | ", g[i].method, g[i].method_params[0] ? " (" : "", g[i].method_params,
                g[i].method_params[0] ? ")" : "", g[i].successes, g[i].trials);
        if (g[i].found_defined)
            fprintf(f, "%zu/%zu", g[i].found, g[i].found_defined);
        for (int k = 0; k < PB_SUM_NMETRICS; k++)
            if (show[k]) {
                spread_text(&g[i].metric[k], cell, sizeof cell);
                fprintf(f, " | %s", cell);
            }
        if (crlb)
            put_cell(f, g[i].crlb_ratio_rms);
        if (se)
            put_cell(f, g[i].se_crlb_rms);
        status_text(&g[i], st, sizeof st);
        fprintf(f, " | %s |\n", st);
    }
}

static int write_summary_md(const pb_summary_group *g, long n, const char *path)
{
    FILE *f = pb_fs_open_temp(path);
    if (!f)
        return -1;
    fprintf(f, "# periodbench summary\n\n"
               "Per task and method: successes/trials, `found` (every true frequency within 0.5/T), and each "
               "metric's median [10%%, 90%%] over the trials where it applies; `crlb_ratio` is "
               "RMS(freq_err)/sqrt(CRLB) and `se/√CRLB` the RMS of the standard error a method reports "
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
static void task_label(const pb_summary_group *g, char *buf, size_t len)
{
    snprintf(buf, len, "%s%s%s%s", g->task, g->task_params[0] ? "(" : "", g->task_params,
             g->task_params[0] ? ")" : "");
}

static void method_label(const pb_summary_group *g, char *buf, size_t len)
{
    snprintf(buf, len, "%s%s%s%s", g->method, g->method_params[0] ? "(" : "", g->method_params,
             g->method_params[0] ? ")" : "");
}

/* Distinct labels in order of first appearance. Returns the count. */
static size_t distinct_labels(const pb_summary_group *g, long n, void (*label)(const pb_summary_group *, char *, size_t),
                              char (*out)[160])
{
    size_t m = 0;
    for (long i = 0; i < n; i++) {
        char l[160];
        label(&g[i], l, sizeof l);
        size_t j = 0;
        while (j < m && strcmp(out[j], l) != 0)
            j++;
        if (j == m)
            snprintf(out[m++], 160, "%s", l);
    }
    return m;
}

/* Task configurations x methods, each cell the index of its group or -1. */
typedef struct label_matrix {
    char (*tasks)[160], (*methods)[160];
    size_t nt, nm;
    long *cell; /* nt x nm */
} label_matrix;

static void label_matrix_free(label_matrix *m)
{
    free(m->tasks);
    free(m->methods);
    free(m->cell);
}

static int label_matrix_build(label_matrix *m, const pb_summary_group *g, long n)
{
    m->tasks = calloc((size_t)n + 1, 160);
    m->methods = calloc((size_t)n + 1, 160);
    m->cell = NULL;
    if (!m->tasks || !m->methods)
        return -1;
    m->nt = distinct_labels(g, n, task_label, m->tasks);
    m->nm = distinct_labels(g, n, method_label, m->methods);
    m->cell = malloc((m->nt * m->nm + 1) * sizeof *m->cell);
    if (!m->cell)
        return -1;
    for (size_t i = 0; i < m->nt * m->nm; i++)
        m->cell[i] = -1;
    for (long k = 0; k < n; k++) {
        char tl[160], ml[160];
        task_label(&g[k], tl, sizeof tl);
        method_label(&g[k], ml, sizeof ml);
        size_t i = 0, j = 0;
        while (strcmp(m->tasks[i], tl) != 0)
            i++;
        while (strcmp(m->methods[j], ml) != 0)
            j++;
        m->cell[i * m->nm + j] = k;
    }
    return 0;
}

static int write_snr_data(const pb_summary_group *g, long n, const char *path);

/* Success rates for gnuplot's "matrix rowheaders columnheaders" (NaN where
 * not run), the median fit time per group, and the clock's exact-match rates. */
static int write_plot_data(const pb_summary_group *g, long n, const label_matrix *lm, const char *dir)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/success.dat", dir);
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
            else if (g[k].status_count[PB_UNSUPPORTED] == g[k].trials)
                fprintf(f, "\t-1"); /* every trial unsupported: not a 0 %% failure (success.gp greys it) */
            else
                fprintf(f, "\t%.4g", (double)g[k].successes / (double)g[k].trials);
        }
        fputc('\n', f);
    }
    if (pb_fs_commit_temp(f, path, 0) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/fit_time.dat", dir);
    if (!(f = pb_fs_open_temp(path)))
        return -1;
    fprintf(f, "# group\tmedian_fit_seconds\n");
    for (long k = 0; k < n; k++) {
        char tl[160], ml[160];
        task_label(&g[k], tl, sizeof tl);
        method_label(&g[k], ml, sizeof ml);
        double med = g[k].metric[PB_SUM_FIT_SECONDS].median;
        fprintf(f, "\"%s %s\"\t%.6g\n", tl, ml, isnan(med) ? 0.0 : med);
    }
    if (pb_fs_commit_temp(f, path, 0) != 0)
        return -1;
    /* The exact-reading tasks (clock): median exact-match rate in and out per method. */
    snprintf(path, sizeof path, "%s/clock.dat", dir);
    if (!(f = pb_fs_open_temp(path)))
        return -1;
    fprintf(f, "# task and method\texact_in_median\texact_out_median\n");
    for (long k = 0; k < n; k++) {
        if (g[k].metric[PB_SUM_EXACT_IN].n == 0 && strcmp(g[k].task, "clock") != 0)
            continue;
        char tl[160], ml[160], st[256] = "";
        task_label(&g[k], tl, sizeof tl);
        method_label(&g[k], ml, sizeof ml);
        if (g[k].status_count[PB_OK] < g[k].trials)
            status_text(&g[k], st, sizeof st);
        fprintf(f, "\"%s %s%s%s%s\"\t%.6g\t%.6g\n", tl, ml, st[0] ? " (" : "", st, st[0] ? ")" : "",
                isnan(g[k].metric[PB_SUM_EXACT_IN].median) ? 0.0 : g[k].metric[PB_SUM_EXACT_IN].median,
                isnan(g[k].metric[PB_SUM_EXACT_OUT].median) ? 0.0 : g[k].metric[PB_SUM_EXACT_OUT].median);
    }
    if (pb_fs_commit_temp(f, path, 0) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/snr.dat", dir);
    return write_snr_data(g, n, path);
}

/* The tone task's SNR sweep: one gnuplot data block per method (first line
 * its name) of snr_db, RMS frequency error; then a block for the bound. */
static int write_snr_data(const pb_summary_group *g, long n, const char *path)
{
    FILE *f = pb_fs_open_temp(path);
    if (!f)
        return -1;
    const char *snr_key = "snr_db=";
    for (long a = 0; a < n; a++) { /* each method's first tone group opens its block */
        int first = strcmp(g[a].task, "tone") == 0 && strstr(g[a].task_params, snr_key) && !isnan(g[a].freq_err_rms);
        for (long b = 0; b < a && first; b++)
            first = !(strcmp(g[b].task, "tone") == 0 && strstr(g[b].task_params, snr_key) &&
                      strcmp(g[b].method, g[a].method) == 0 && strcmp(g[b].method_params, g[a].method_params) == 0);
        if (!first)
            continue;
        char ml[160];
        method_label(&g[a], ml, sizeof ml);
        fprintf(f, "\"%s\"\tfreq_err_rms\n", ml);
        for (long k = a; k < n; k++)
            if (strcmp(g[k].task, "tone") == 0 && strcmp(g[k].method, g[a].method) == 0 &&
                strcmp(g[k].method_params, g[a].method_params) == 0 && strstr(g[k].task_params, snr_key) &&
                !isnan(g[k].freq_err_rms))
                fprintf(f, "%.6g\t%.6g\n", strtod(strstr(g[k].task_params, snr_key) + strlen(snr_key), NULL),
                        g[k].freq_err_rms);
        fprintf(f, "\n\n");
    }
    fprintf(f, "\"Cramer-Rao bound\"\tcrlb_sd_rms\n");
    for (long k = 0; k < n; k++) { /* the bound depends on the data only: one point per SNR */
        int seen = 0;
        for (long b = 0; b < k && !seen; b++)
            seen = strcmp(g[b].task, "tone") == 0 && strcmp(g[b].task_params, g[k].task_params) == 0 &&
                   !isnan(g[b].crlb_sd_rms);
        if (!seen && strcmp(g[k].task, "tone") == 0 && strstr(g[k].task_params, snr_key) && !isnan(g[k].crlb_sd_rms))
            fprintf(f, "%.6g\t%.6g\n", strtod(strstr(g[k].task_params, snr_key) + strlen(snr_key), NULL),
                    g[k].crlb_sd_rms);
    }
    return pb_fs_commit_temp(f, path, 0);
}

/* The headline: successes/trials per task configuration x method, markdown. */
static int write_headline(const pb_summary_group *g, const label_matrix *lm, const char *path)
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
                status_text(&g[k], st, sizeof st);
            if (k < 0)
                fprintf(f, " |");
            else
                fprintf(f, " %zu/%zu%s%s%s |", g[k].successes, g[k].trials, st[0] ? " (" : "", st, st[0] ? ")" : "");
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
    label_matrix lm = {NULL, NULL, 0, 0, NULL};
    if (rc == 0 && label_matrix_build(&lm, g, n) != 0) {
        errno = ENOMEM;
        rc = -1;
    }
    if (rc == 0) {
        snprintf(path, sizeof path, "%s/headline.md", out_dir);
        rc = write_headline(g, &lm, path);
    }
    if (rc == 0) {
        snprintf(path, sizeof path, "%s/plots", out_dir);
        rc = pb_fs_mkdirs(path) == 0 ? write_plot_data(g, n, &lm, path) : -1;
    }
    label_matrix_free(&lm);
    if (rc != 0)
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
    free(g);
    return rc;
}
