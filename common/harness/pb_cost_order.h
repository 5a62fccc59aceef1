/* pb_cost_order: the trials still to run, the expensive kinds first, when
 * a table's finished rows tell what they cost: each pending trial is given
 * the mean fit + predict seconds of the finished rows of its configuration
 * (task and method with their parameters, any seed); a configuration with
 * no finished row counts as the most expensive (it is unknown). With many
 * workers (MPI ranks) the long trials then start early instead of last. */
#ifndef PB_COST_ORDER_H
#define PB_COST_ORDER_H

#include <stddef.h>

#include "harness/pb_plan.h"
#include "harness/pb_runs.h"

/* Reorders order[0..n) (indices into plan) by descending expected cost,
 * ties in plan order. Returns 0, or -1 when out of memory (order kept). */
int pb_cost_order(const pb_plan *plan, const pb_runs_table *finished, size_t *order, size_t n);

#endif
