#include "harness/pb_plan.h"

#include <stdlib.h>
#include <string.h>

void pb_plan_init(pb_plan *plan)
{
    memset(plan, 0, sizeof *plan);
}

void pb_plan_free(pb_plan *plan)
{
    for (size_t i = 0; i < plan->n_params; i++)
        pb_params_free(plan->params[i]);
    free(plan->params);
    free(plan->trials);
    memset(plan, 0, sizeof *plan);
}

pb_params *pb_plan_own_params(pb_plan *plan, pb_params *p)
{
    if (!p)
        return NULL;
    if (plan->n_params == plan->cap_params) {
        size_t cap = plan->cap_params ? 2 * plan->cap_params : 16;
        pb_params **grown = realloc(plan->params, cap * sizeof *grown);
        if (!grown) {
            pb_params_free(p);
            return NULL;
        }
        plan->params = grown;
        plan->cap_params = cap;
    }
    plan->params[plan->n_params++] = p;
    return p;
}

int pb_plan_add(pb_plan *plan, const pb_trial_spec *spec)
{
    if (plan->n == plan->cap) {
        size_t cap = plan->cap ? 2 * plan->cap : 64;
        pb_trial_spec *grown = realloc(plan->trials, cap * sizeof *grown);
        if (!grown)
            return -1;
        plan->trials = grown;
        plan->cap = cap;
    }
    plan->trials[plan->n++] = *spec;
    return 0;
}
