/* pb_summary_groups: runs.csv's rows grouped by task and method
 * configuration, each group's metrics aggregated (median with its 95 %
 * bootstrap interval, 10 and 90 % quantiles, RMS ratios to the Cramer-Rao
 * bound), its rates given Wilson intervals and its statuses counted:
 * what the summaries, the headline and the plot data are written from. */
#ifndef PB_SUMMARY_GROUPS_H
#define PB_SUMMARY_GROUPS_H

#include <stddef.h>

#include "harness/pb_runs.h"

/* Spread of one metric over a group's trials (defined values only). */
typedef struct pb_spread {
    size_t n;
    double median, p10, p90; /* NAN when n == 0 */
    double ci_low, ci_high;  /* the median's 95 % bootstrap interval (pb_intervals); NAN when n == 0 */
} pb_spread;

enum { PB_SUM_NRMSE_IN, PB_SUM_NRMSE_OUT, PB_SUM_FREQ_ERR, PB_SUM_EXACT_IN, PB_SUM_EXACT_OUT, PB_SUM_FIT_SECONDS,
       PB_SUM_NMETRICS };

/* Their names in the tables: "nrmse_in", ... */
extern const char *const pb_summary_metric_name[PB_SUM_NMETRICS];

#define PB_SUM_MAX_FIELDS 8

typedef struct pb_summary_group {
    const char *task, *task_params, *method, *method_params; /* point into the table */
    size_t trials, success_defined, successes, found_defined, found; /* success_defined < trials: data tasks without a known period */
    double success_ci[2], found_ci[2]; /* 95 % Wilson intervals of the rates; NAN where undefined */
    size_t status_count[16];
    pb_spread metric[PB_SUM_NMETRICS];
    double crlb_ratio_rms; /* sqrt(mean(crlb_ratio^2)); NAN if none */
    double crlb_ratio_ci[2]; /* its 95 % bootstrap interval; NAN if none */
    double se_crlb_rms;    /* sqrt(mean((freq_se / crlb_sd)^2)); NAN if none */
    double freq_err_rms;   /* sqrt(mean(freq_err^2)); NAN if none */
    double crlb_sd_rms;    /* sqrt(mean(crlb_sd^2)): the bound on that RMS; NAN if none */
    int n_fields;          /* exact-reading tasks: channels, each read on its own; else 0 */
    pb_spread field_in[PB_SUM_MAX_FIELDS], field_out[PB_SUM_MAX_FIELDS];
} pb_summary_group;

/* Groups rows by (task, task_params, method, method_params) in order of
 * first appearance. *groups is malloc'd. Returns the count, or -1. */
long pb_summary_compute(const pb_runs_table *t, pb_summary_group **groups);

/* The statuses of a group's trials, "ok 4 timeout 1". */
void pb_summary_status_text(const pb_summary_group *g, char *buf, size_t len);

#endif
