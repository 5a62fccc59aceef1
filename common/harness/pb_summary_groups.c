#include "harness/pb_summary_groups.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "base/pb_status.h"
#include "stats/pb_intervals.h"

const char *const pb_summary_metric_name[PB_SUM_NMETRICS] = {
    "nrmse_in", "nrmse_out", "freq_err", "exact_in", "exact_out", "fit_seconds",
};
#define metric_name pb_summary_metric_name

static const int metric_column[PB_SUM_NMETRICS] = {
    PB_COL_NRMSE_IN, PB_COL_NRMSE_OUT, PB_COL_FREQ_ERR, PB_COL_EXACT_IN, PB_COL_EXACT_OUT, PB_COL_FIT_SECONDS,
};

static int same_group(const pb_summary_group *g, const pb_runs_row *r)
{
    return strcmp(g->task, r->field[PB_COL_TASK]) == 0 && strcmp(g->task_params, r->field[PB_COL_TASK_PARAMS]) == 0 &&
           strcmp(g->method, r->field[PB_COL_METHOD]) == 0 &&
           strcmp(g->method_params, r->field[PB_COL_METHOD_PARAMS]) == 0;
}

/* The bootstrap's key: the group and what is resampled, so an interval
 * depends on its own values alone (not on the table's order). */
static void interval_key(const pb_summary_group *g, const char *what, char *key, size_t len)
{
    snprintf(key, len, "%s|%s|%s|%s|%s", g->task, g->task_params, g->method, g->method_params, what);
}

/* v[0..n) sorted (resampled in that order: the interval is the values'). */
static pb_spread spread_of(const pb_summary_group *g, const char *what, double *v, size_t n)
{
    pb_spread s = {n, NAN, NAN, NAN, NAN, NAN};
    if (n == 0)
        return s;
    gsl_sort(v, 1, n);
    s.median = gsl_stats_quantile_from_sorted_data(v, 1, n, 0.5);
    s.p10 = gsl_stats_quantile_from_sorted_data(v, 1, n, 0.1);
    s.p90 = gsl_stats_quantile_from_sorted_data(v, 1, n, 0.9);
    char key[1024];
    interval_key(g, what, key, sizeof key);
    if (pb_bootstrap(PB_STAT_MEDIAN, v, n, key, &s.ci_low, &s.ci_high) != 0)
        s.ci_low = s.ci_high = NAN; /* out of memory: no interval rather than a wrong one */
    return s;
}

/* The bootstrap interval of the RMS of the finite crlb_ratio values. */
static void crlb_interval(pb_summary_group *g, const pb_runs_table *t, const size_t *idx, size_t m, double *buf)
{
    size_t n = 0;
    for (size_t i = 0; i < m; i++) {
        double x = pb_runs_number(&t->rows[idx[i]], PB_COL_CRLB_RATIO);
        if (isfinite(x))
            buf[n++] = x;
    }
    gsl_sort(buf, 1, n);
    char key[1024];
    interval_key(g, "crlb_ratio", key, sizeof key);
    if (pb_bootstrap(PB_STAT_RMS, buf, n, key, &g->crlb_ratio_ci[0], &g->crlb_ratio_ci[1]) != 0)
        g->crlb_ratio_ci[0] = g->crlb_ratio_ci[1] = NAN;
}

/* RMS over rows idx[0..m) of column num (divided by column den if den >= 0),
 * over the rows where it is defined; NAN if none. */
static double ratio_at(const pb_runs_table *t, size_t row, int num, int den)
{
    double x = pb_runs_number(&t->rows[row], num);
    return den >= 0 ? x / pb_runs_number(&t->rows[row], den) : x;
}

/* RMS of the finite ratios, scaled by the largest so that no square
 * overflows (a ratio of 1e155 has an RMS, not an infinity). */
static double rms_of_ratio(const pb_runs_table *t, const size_t *idx, size_t m, int num, int den)
{
    double big = 0, ss = 0;
    size_t n = 0;
    for (size_t i = 0; i < m; i++) {
        double x = ratio_at(t, idx[i], num, den);
        if (isfinite(x))
            big = fmax(big, fabs(x));
    }
    for (size_t i = 0; i < m && big > 0; i++) {
        double x = ratio_at(t, idx[i], num, den);
        if (isfinite(x)) {
            ss += (x / big) * (x / big);
            n++;
        }
    }
    if (big == 0) /* every finite ratio is 0, or none is finite */
        for (size_t i = 0; i < m; i++)
            n += isfinite(ratio_at(t, idx[i], num, den));
    return n ? big * sqrt(ss / (double)n) : NAN;
}

/* The c-th of a ';'-separated list of rates (exact_fields_in/out), or NAN. */
static double field_rate(const pb_runs_row *r, int col, int c)
{
    const char *p = r->field[col];
    for (int i = 0; i < c && p; i++)
        p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL;
    if (!p || !*p)
        return NAN;
    char *end;
    double x = strtod(p, &end);
    return end == p ? NAN : x;
}

/* Aggregates the rows of group g (rows[idx[0..m)]); buf holds m values. */
static void aggregate(pb_summary_group *g, const pb_runs_table *t, const size_t *idx, size_t m, double *buf)
{
    for (size_t i = 0; i < m; i++) {
        const pb_runs_row *r = &t->rows[idx[i]];
        g->trials++;
        g->success_defined += r->field[PB_COL_SUCCESS][0] != '\0';
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
        g->metric[k] = spread_of(g, metric_name[k], buf, n);
    }
    for (int in_out = 0; in_out < 2; in_out++)
        for (int c = 0; c < PB_SUM_MAX_FIELDS; c++) {
            size_t n = 0;
            for (size_t i = 0; i < m; i++) {
                double x = field_rate(&t->rows[idx[i]], in_out ? PB_COL_EXACT_FIELDS_OUT : PB_COL_EXACT_FIELDS_IN, c);
                if (!isnan(x))
                    buf[n++] = x;
            }
            char what[32];
            snprintf(what, sizeof what, "field %d %s", c, in_out ? "out" : "in");
            (in_out ? g->field_out : g->field_in)[c] = spread_of(g, what, buf, n);
            if (n > 0 && c + 1 > g->n_fields)
                g->n_fields = c + 1;
        }
    pb_wilson(g->successes, g->success_defined, PB_Z95, &g->success_ci[0], &g->success_ci[1]);
    pb_wilson(g->found, g->found_defined, PB_Z95, &g->found_ci[0], &g->found_ci[1]);
    g->crlb_ratio_rms = rms_of_ratio(t, idx, m, PB_COL_CRLB_RATIO, -1);
    crlb_interval(g, t, idx, m, buf);
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

void pb_summary_status_text(const pb_summary_group *g, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int s = 0; s < PB_STATUS_COUNT && used < len; s++)
        if (g->status_count[s]) {
            int w = snprintf(buf + used, len - used, "%s%s %zu", used ? " " : "", pb_status_name(s), g->status_count[s]);
            used += w > 0 ? (size_t)w : 0;
        }
}

