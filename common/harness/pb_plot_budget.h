/* pb_plot_budget: the data of the training-budget figures (budget.dat,
 * drawn by common/plots/budget.gp): for each task configuration, one curve
 * per network configuration (a method whose parameters name both steps and
 * batch) of its median nrmse_in and nrmse_out (the clock: exact-reading
 * rates) against samples seen (steps x batch), and a flat reference line
 * for every other method with a model (the spectral methods' level). */
#ifndef PB_PLOT_BUDGET_H
#define PB_PLOT_BUDGET_H

#include "harness/pb_summary_groups.h"

/* Writes path (empty of curves when no group has a budget). Returns 0, or -1 (errno set). */
int pb_plot_budget_write(const pb_summary_group *g, long n, const char *path);

#endif
