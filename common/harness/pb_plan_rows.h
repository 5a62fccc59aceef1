/* pb_plan_rows: what a plan and a trial's other rows know of a row that
 * the row alone does not: a data file without a known period has no
 * success and nothing found, and a data row's success is beating the
 * baselines' rows of its trial; a kept row (--resume, merge) that says
 * otherwise was not written by a run. */
#ifndef PB_PLAN_ROWS_H
#define PB_PLAN_ROWS_H

#include <stddef.h>

#include "harness/pb_plan.h"
#include "harness/pb_runs.h"

/* Returns 0, or 2 with err naming path and the data row that contradicts plan. */
int pb_plan_rows_check(const pb_plan *plan, const pb_runs_table *t, const char *path, char *err, size_t errlen);

/* The baseline half of it alone, on any table (merge's shards joined):
 * returns 0, or 2 with err naming the row whose success contradicts its
 * trial's baseline rows. */
int pb_plan_rows_check_baselines(const pb_runs_table *t, const char *path, char *err, size_t errlen);

/* --resume: removes from t every data row that claims a success while a
 * baseline row of its trial is missing or unscored (the worker judged it
 * against baselines it scored itself, which the table then cannot show):
 * those trials run again. Returns how many rows went, or -1 when out of
 * memory. */
long pb_plan_rows_drop_unbacked(pb_runs_table *t);

#endif
