/* pb_verdict: the answer in one short table, the front page's. Per task
 * family (a task's name, every configuration of it pooled), the method
 * with the most successes (ties: the faster by median fit time), its
 * successes with their 95 % Wilson interval and its median fit time, the
 * runner-up, and whether the two differ by an exact sign test on their
 * trials paired by configuration and seed; then the question the task
 * settles. Writes DIR/verdict.md. */
#ifndef PB_VERDICT_H
#define PB_VERDICT_H

#include "harness/pb_runs.h"

/* Returns 0, or -1 with errno set. */
int pb_verdict_write(const pb_runs_table *t, const char *out_dir);

#endif
