/* pb_summary: per task x method aggregates of runs.csv, written as
 * summary.csv (for programs) and summary.md (what a person reads first),
 * plus the data files the plots are drawn from (OUT/plots/). All through
 * temporary files and renames. */
#ifndef PB_SUMMARY_H
#define PB_SUMMARY_H

#include <stddef.h>

#include "harness/pb_runs.h"

/* Spread of one metric over a group's trials (defined values only). */
typedef struct pb_spread {
    size_t n;
    double median, p10, p90; /* NAN when n == 0 */
} pb_spread;

enum { PB_SUM_NRMSE_IN, PB_SUM_NRMSE_OUT, PB_SUM_FREQ_ERR, PB_SUM_EXACT_IN, PB_SUM_EXACT_OUT, PB_SUM_FIT_SECONDS,
       PB_SUM_NMETRICS };

typedef struct pb_summary_group {
    const char *task, *task_params, *method, *method_params; /* point into the table */
    size_t trials, successes, found_defined, found;
    size_t status_count[16];
    pb_spread metric[PB_SUM_NMETRICS];
    double crlb_ratio_rms; /* sqrt(mean(crlb_ratio^2)); NAN if none */
    double se_crlb_rms;    /* sqrt(mean((freq_se / crlb_sd)^2)); NAN if none */
    double freq_err_rms;   /* sqrt(mean(freq_err^2)); NAN if none */
    double crlb_sd_rms;    /* sqrt(mean(crlb_sd^2)): the bound on that RMS; NAN if none */
} pb_summary_group;

/* Groups rows by (task, task_params, method, method_params) in order of
 * first appearance. *groups is malloc'd. Returns the count, or -1. */
long pb_summary_compute(const pb_runs_table *t, pb_summary_group **groups);

/* Writes OUT/summary.csv, OUT/summary.md, OUT/headline.md (success per task
 * x method, for README.md) and OUT/plots/{success,fit_time}.dat.
 * Returns 0, or -1 with err. */
int pb_summary_write(const pb_runs_table *t, const char *out_dir, char *err, size_t errlen);

#endif
