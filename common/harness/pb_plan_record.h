/* pb_plan_record: DIR/plan.txt, what a table's rows depend on beyond their
 * own fields: the limits every trial ran under (--timeout, --memory) and
 * each data task's fingerprint. A run writes it when it claims DIR;
 * --resume refuses to complete a table run under other limits or from
 * other data (a row would sit beside rows it cannot be compared with). */
#ifndef PB_PLAN_RECORD_H
#define PB_PLAN_RECORD_H

#include <stddef.h>

#include "harness/pb_plan.h"

/* Writes dir/plan.txt. Returns 0, or -1 with err. */
int pb_plan_record_write(const char *dir, const pb_plan *plan, double timeout, double memory_mb, char *err,
                         size_t errlen);
/* Compares dir/plan.txt (if there is one: tables written before it
 * existed have none) with this run's. Returns 0 when they agree; 2 with err
 * naming the first line that differs. */
int pb_plan_record_check(const char *dir, const pb_plan *plan, double timeout, double memory_mb, char *err,
                         size_t errlen);

#endif
