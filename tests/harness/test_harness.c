/* The isolated trial runner, with test-only methods that crash, hang,
 * allocate without bound and return NaN: each becomes its status, and a run
 * containing all of them completes with a row for every trial. */
#include <criterion/criterion.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spectral/pb_harmonic_model.h"
#include "harness/pb_runner.h"
#include "harness/pb_runs.h"
#include "tasks/pb_tasks.h"
#include "registry.h"

static pb_status fit_crash(const pb_series *s, const pb_prior *p, const pb_params *q, gsl_rng *r, void **model,
                           pb_fit_report *rep)
{
    (void)s, (void)p, (void)q, (void)r, (void)model, (void)rep;
    raise(SIGSEGV);
    return PB_OK;
}

static pb_status fit_hang(const pb_series *s, const pb_prior *p, const pb_params *q, gsl_rng *r, void **model,
                          pb_fit_report *rep)
{
    (void)s, (void)p, (void)q, (void)r, (void)model, (void)rep;
    for (;;)
        pause();
    return PB_OK; /* not reached */
}

/* Busy (CPU time) and deaf to SIGTERM: the runner must not rely on either. */
static pb_status fit_spin_ignoring_term(const pb_series *s, const pb_prior *p, const pb_params *q, gsl_rng *r,
                                        void **model, pb_fit_report *rep)
{
    (void)s, (void)p, (void)q, (void)r, (void)model, (void)rep;
    signal(SIGTERM, SIG_IGN);
    for (volatile unsigned long i = 0;; i++)
        ;
    return PB_OK; /* not reached */
}

static pb_status fit_hog(const pb_series *s, const pb_prior *p, const pb_params *q, gsl_rng *r, void **model,
                         pb_fit_report *rep)
{
    (void)s, (void)p, (void)q, (void)r, (void)model;
    for (;;) {
        char *block = malloc(16 << 20);
        if (!block) {
            snprintf(rep->message, sizeof rep->message, "allocation failed");
            return PB_OUT_OF_MEMORY;
        }
        memset(block, 1, 16 << 20); /* touched: counts as resident */
    }
}

static pb_status fit_nan(const pb_series *s, const pb_prior *p, const pb_params *q, gsl_rng *r, void **model,
                         pb_fit_report *rep)
{
    (void)s, (void)p, (void)q, (void)r, (void)rep;
    pb_harmonic_model *m = pb_harmonic_model_alloc(1);
    m->k = 1;
    m->comp[0] = (pb_component){0.1, NAN, 0.0, 0.0};
    *model = m;
    return PB_OK;
}

#define TEST_METHOD(var, label, fit)                                                                       \
    static const pb_method_type var = {label, "test", "test-only", NULL, 0, fit, pb_harmonic_model_predict, \
                                       NULL, pb_harmonic_model_free, 0, NULL}

TEST_METHOD(method_crash, "test-crash", fit_crash);
TEST_METHOD(method_hang, "test-hang", fit_hang);
TEST_METHOD(method_spin, "test-spin", fit_spin_ignoring_term);
TEST_METHOD(method_hog, "test-hog", fit_hog);
TEST_METHOD(method_nan, "test-nan", fit_nan);

/* 3 s: room for the hog to reach its memory limit first on a loaded two-core
 * machine (at 1.5 s, with other tests running beside it, it did not). */
static pb_run_options limits(const char *out)
{
    pb_run_options o = {2, 3.0, 200.0, out, 0, 0, NULL};
    return o;
}

static pb_status run_one(const pb_method_type *m, char *message, size_t len)
{
    pb_params *tp = pb_params_alloc(pb_task_tone.params, pb_task_tone.n_params);
    pb_params *mp = pb_params_alloc(NULL, 0);
    pb_trial_spec spec = {&pb_task_tone, tp, m, mp, 0};
    pb_run_options o = limits(NULL);
    pb_trial_result res;
    pb_runner_run_isolated(&spec, &o, &res);
    snprintf(message, len, "%s", res.message);
    pb_params_free(tp);
    pb_params_free(mp);
    return res.status;
}

Test(harness, crash_becomes_crashed)
{
    char msg[PB_MESSAGE_MAX];
    cr_assert_eq(run_one(&method_crash, msg, sizeof msg), PB_CRASHED, "%s", msg);
}

Test(harness, hang_becomes_timeout)
{
    char msg[PB_MESSAGE_MAX];
    cr_assert_eq(run_one(&method_hang, msg, sizeof msg), PB_TIMEOUT, "%s", msg);
}

Test(harness, a_worker_that_ignores_sigterm_is_killed_at_its_timeout)
{
    char msg[PB_MESSAGE_MAX];
    cr_assert_eq(run_one(&method_spin, msg, sizeof msg), PB_TIMEOUT, "%s", msg);
    cr_assert(strstr(msg, "wall-time limit"), "%s", msg);
}

Test(harness, unbounded_allocation_becomes_oom)
{
    char msg[PB_MESSAGE_MAX];
    cr_assert_eq(run_one(&method_hog, msg, sizeof msg), PB_OUT_OF_MEMORY, "%s", msg);
}

Test(harness, nan_predictions_become_diverged)
{
    char msg[PB_MESSAGE_MAX];
    cr_assert_eq(run_one(&method_nan, msg, sizeof msg), PB_DIVERGED, "%s", msg);
}

Test(harness, a_run_with_every_failure_completes)
{
    char dir[] = "/tmp/pb-harness-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    const pb_method_type *methods[5] = {&method_crash, &method_hang, &method_hog, &method_nan,
                                        pb_methods_find("ls-direct")};
    pb_plan plan;
    pb_plan_init(&plan);
    pb_params *tp = pb_plan_own_params(&plan, pb_params_alloc(pb_task_tone.params, pb_task_tone.n_params));
    for (int m = 0; m < 5; m++) {
        pb_params *mp = pb_plan_own_params(&plan, pb_params_alloc(methods[m]->params, methods[m]->n_params));
        for (long seed = 0; seed < 2; seed++) {
            pb_trial_spec spec = {&pb_task_tone, tp, methods[m], mp, seed};
            cr_assert_eq(pb_plan_add(&plan, &spec), 0);
        }
    }
    pb_run_options o = limits(dir);
    char err[256] = "";
    cr_assert_eq(pb_runner_run(&plan, &o, err, sizeof err), 0, "%s", err);
    char path[512];
    snprintf(path, sizeof path, "%s/runs.csv", dir);
    pb_runs_table t;
    cr_assert_eq(pb_runs_read(path, &t, NULL, err, sizeof err), 0, "%s", err);
    cr_assert_eq(t.n, plan.n, "a row for every trial");
    static const char *expect[5] = {"crashed", "timeout", "oom", "diverged", "ok"};
    for (size_t i = 0; i < t.n; i++) /* rewritten in plan order */
        cr_assert_str_eq(t.rows[i].field[PB_COL_STATUS], expect[i / 2], "row %zu: %s", i,
                         t.rows[i].field[PB_COL_MESSAGE]);
    pb_runs_table_free(&t);
    pb_plan_free(&plan);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}
