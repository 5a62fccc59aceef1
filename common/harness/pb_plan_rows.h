/* pb_plan_rows: what a plan knows of a row that the row alone does not: a
 * data file without a known period has no success and nothing found, and
 * on one with a known period a row's success is beating the baselines on
 * its trial's data, which are scored afresh here (cheap, and deterministic)
 * rather than read from the table's baseline rows, which a hand could have
 * edited or a timeout left empty. A kept row (--resume, merge) that says
 * otherwise was not written by a run. */
#ifndef PB_PLAN_ROWS_H
#define PB_PLAN_ROWS_H

#include <stddef.h>

#include "harness/pb_plan.h"
#include "harness/pb_runs.h"

/* Returns 0, or 2 with err naming path and the data row that contradicts
 * plan (1 when out of memory). */
int pb_plan_rows_check(const pb_plan *plan, const pb_runs_table *t, const char *path, char *err, size_t errlen);

#endif
