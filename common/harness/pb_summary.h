/* pb_summary: per task x method aggregates of runs.csv, written as
 * summary.csv (for programs) and summary.md (what a person reads first),
 * plus the headline and the data files the plots are drawn from (OUT/plots/,
 * pb_plot_data), from the groups of pb_summary_groups. All through temporary
 * files and renames. */
#ifndef PB_SUMMARY_H
#define PB_SUMMARY_H

#include <stddef.h>

#include "harness/pb_runs.h"

/* Writes OUT/summary.csv, OUT/summary.md, OUT/headline.md (success per task
 * x method, for README.md) and the data files of OUT/plots/ (pb_plot_data).
 * Returns 0, or -1 with err. */
int pb_summary_write(const pb_runs_table *t, const char *out_dir, char *err, size_t errlen);

#endif
