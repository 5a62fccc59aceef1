/* pb_plan_rows: what a plan knows of rows that the rows alone do not: a
 * data file without a known period has no success and nothing found, so a
 * kept row (--resume, merge) that claims either was not written by a run. */
#ifndef PB_PLAN_ROWS_H
#define PB_PLAN_ROWS_H

#include <stddef.h>

#include "harness/pb_plan.h"
#include "harness/pb_runs.h"

/* Returns 0, or 2 with err naming path and the data row that contradicts plan. */
int pb_plan_rows_check(const pb_plan *plan, const pb_runs_table *t, const char *path, char *err, size_t errlen);

#endif
