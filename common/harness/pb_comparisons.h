/* pb_comparisons: within each task configuration, the best method against
 * every other, paired by seed (every method of a trial sees the same
 * data): successes by the exact sign test (McNemar's), nrmse_out by the
 * Wilcoxon signed-rank test, each family's p-values (one task
 * configuration, one test) corrected by Holm's method. The best is the
 * highest success rate, then the lowest median nrmse_out, then the first
 * in the table. Writes DIR/comparisons.csv and DIR/comparisons.md. */
#ifndef PB_COMPARISONS_H
#define PB_COMPARISONS_H

#include "harness/pb_runs.h"
#include "harness/pb_summary_groups.h"

/* The level a corrected p-value is called significant at. */
#define PB_COMPARISON_ALPHA 0.05

/* Returns 0, or -1 with errno set. */
int pb_comparisons_write(const pb_runs_table *t, const pb_summary_group *g, long n, const char *out_dir);

#endif
