/* The expensive kinds first: pending trials ordered by the mean cost of
 * their configuration's finished rows, unknown configurations first, ties
 * in plan order. */
#include <criterion/criterion.h>
#include <string.h>

#include "harness/pb_cost_order.h"
#include "harness/pb_runs.h"
#include "registry.h"
#include "tasks/pb_tasks.h"

Test(cost_order, expensive_and_unknown_configurations_first)
{
    static const char *const methods[3] = {"ls-direct", "lomb-scargle", "nlls"};
    pb_plan plan;
    pb_plan_init(&plan);
    pb_params *tp = pb_plan_own_params(&plan, pb_params_alloc(pb_task_tone.params, pb_task_tone.n_params));
    for (int m = 0; m < 3; m++) {
        const pb_method_type *mt = pb_methods_find(methods[m]);
        pb_params *mp = pb_plan_own_params(&plan, pb_params_alloc(mt->params, mt->n_params));
        for (long seed = 0; seed < 3; seed++) {
            pb_trial_spec spec = {&pb_task_tone, tp, mt, mp, seed};
            cr_assert_eq(pb_plan_add(&plan, &spec), 0);
        }
    }
    /* Seed 0 finished for ls-direct (cheap, 0.1 s) and lomb-scargle (dear, 5 s); nlls unknown. */
    pb_runs_table t = {0};
    const double cost[2] = {0.1, 5.0};
    for (int m = 0; m < 2; m++) {
        pb_trial_result res;
        pb_trial_result_init(&res, PB_OK, "");
        res.fit_seconds = cost[m];
        res.predict_seconds = 0;
        pb_runs_row row;
        cr_assert_eq(pb_runs_row_from_trial(&row, &plan.trials[3 * m], &res), 0);
        cr_assert_eq(pb_runs_table_push(&t, &row), 0);
    }
    size_t order[] = {1, 2, 4, 5, 7, 8}; /* the trials still to run, in plan order */
    cr_assert_eq(pb_cost_order(&plan, &t, order, 6), 0);
    const size_t expect[] = {7, 8, 4, 5, 1, 2}; /* nlls (unknown), lomb-scargle, ls-direct */
    for (int i = 0; i < 6; i++)
        cr_assert_eq(order[i], expect[i], "position %d: trial %zu", i, order[i]);
    pb_runs_table_free(&t);
    pb_plan_free(&plan);
}
