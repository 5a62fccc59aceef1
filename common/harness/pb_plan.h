/* pb_plan: the list of trials of a run (tasks x task-parameter sweeps x
 * methods x method-parameter sweeps x seeds), in a fixed order. */
#ifndef PB_PLAN_H
#define PB_PLAN_H

#include <stddef.h>

#include "harness/pb_trial.h"

/* The most trials one plan holds (a run refuses more up front rather than
 * allocate until memory runs out); --shard splits larger studies. */
#define PB_PLAN_MAX_TRIALS 1e7

typedef struct pb_plan {
    size_t n, cap;
    pb_trial_spec *trials;
    /* Every distinct parameter set, owned by the plan (trials point into it). */
    size_t n_params, cap_params;
    pb_params **params;
} pb_plan;

void pb_plan_init(pb_plan *plan);
void pb_plan_free(pb_plan *plan);
/* Takes ownership of p; returns it (or NULL on allocation failure, p freed). */
pb_params *pb_plan_own_params(pb_plan *plan, pb_params *p);
int pb_plan_add(pb_plan *plan, const pb_trial_spec *spec);

#endif
