/* pb_plot_data: the data files the figures are drawn from (the .dat files of OUT/plots/
 * beside summary.md; common/plots/NAME.gp draws NAME.dat): success and fit
 * time per task x method, the clock's readings, error against SNR, and cost
 * against accuracy per task family. */
#ifndef PB_PLOT_DATA_H
#define PB_PLOT_DATA_H

#include "harness/pb_label_matrix.h"
#include "harness/pb_summary_groups.h"

/* Returns 0, or -1 (errno set). */
int pb_plot_data_write(const pb_summary_group *g, long n, const pb_label_matrix *lm, const char *dir);

#endif
