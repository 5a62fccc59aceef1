/* The task catalog: determinism, seeds, and what every task promises. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <string.h>

#include "tasks/pb_tasks.h"
#include "harness/pb_trial.h"

/* Smaller sizes so the whole catalog is generated quickly (clock stays big
 * enough to span the window). */
static pb_params *small_params(const pb_task_type *t)
{
    pb_params *p = pb_params_alloc(t->params, t->n_params);
    char err[128];
    if (strcmp(t->name, "clock") == 0 || strcmp(t->name, "sin31") == 0)
        pb_params_set(p, "n", "4096", err, sizeof err);
    if (pb_params_has(p, "n_test"))
        pb_params_set(p, "n_test", "512", err, sizeof err);
    return p;
}

static void generate(const pb_task_type *t, const pb_params *p, long seed, pb_task_data *d)
{
    pb_trial_spec spec = {t, p, NULL, NULL, seed};
    char key[PB_KEY_MAX], err[200];
    pb_trial_data_key(&spec, key, sizeof key);
    memset(d, 0, sizeof *d);
    cr_assert_eq(t->generate(t, p, key, d, err, sizeof err), 0, "%s: %s", t->name, err);
}

static int sets_equal(const pb_sampleset *a, const pb_sampleset *b, int nch)
{
    if (a->n != b->n || memcmp(a->t, b->t, a->n * sizeof(double)) != 0)
        return 0;
    for (int c = 0; c < nch; c++)
        if (memcmp(a->y[c], b->y[c], a->n * sizeof(double)) != 0)
            return 0;
    return 1;
}

ParameterizedTestParameters(tasks, catalog)
{
    static size_t idx[16];
    size_t n = pb_tasks_count();
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    return cr_make_param_array(size_t, idx, n);
}

ParameterizedTest(size_t *i, tasks, catalog)
{
    const pb_task_type *t = pb_tasks_all[*i];
    pb_params *p = small_params(t);
    pb_task_data a, b, c;
    generate(t, p, 3, &a);
    generate(t, p, 3, &b);
    generate(t, p, 4, &c);
    /* Same (task, params, seed): bit-identical data. */
    cr_assert(sets_equal(&a.train, &b.train, a.n_channels), "%s: train differs for one seed", t->name);
    cr_assert(sets_equal(&a.test_in, &b.test_in, a.n_channels), "%s", t->name);
    cr_assert(sets_equal(&a.test_out, &b.test_out, a.n_channels), "%s", t->name);
    /* Another seed: other data. */
    cr_assert(!sets_equal(&a.train, &c.train, a.n_channels), "%s: seeds 3 and 4 give the same data", t->name);
    /* What every task promises. */
    cr_assert(a.n_channels >= 1 && a.n_channels <= PB_MAX_CHANNELS);
    cr_assert_gt(a.train.n, 4);
    for (size_t k = 1; k < a.train.n; k++)
        cr_assert_geq(a.train.t[k], a.train.t[k - 1], "%s: training times not sorted", t->name);
    for (int ch = 0; ch < a.n_channels; ch++) {
        for (size_t k = 0; k < a.train.n; k++)
            cr_assert(isfinite(a.train.y[ch][k]));
        cr_assert_geq(a.truth[ch].n_components, 1);
        for (size_t k = 0; k < a.truth[ch].n_components; k++) {
            double f = a.truth[ch].comp[k].freq;
            cr_assert(f >= a.prior.fmin && f <= a.prior.fmax, "%s: truth %g outside the prior band", t->name, f);
        }
    }
    for (size_t k = 0; k < a.test_in.n; k++)
        cr_assert(a.test_in.t[k] >= a.window_start && a.test_in.t[k] <= a.window_end, "%s", t->name);
    for (size_t k = 0; k < a.test_out.n; k++)
        cr_assert(a.test_out.t[k] < a.window_start || a.test_out.t[k] >= a.window_end, "%s: %g inside", t->name,
                  a.test_out.t[k]);
    if (a.prior.uniform)
        for (size_t k = 1; k < a.train.n; k++)
            cr_assert_eq(a.train.t[k] - a.train.t[k - 1], a.prior.dt, "%s: not uniform", t->name);
    pb_task_data_free(&a);
    pb_task_data_free(&b);
    pb_task_data_free(&c);
    pb_params_free(p);
}

Test(tasks, clock_readings_and_negative_time)
{
    const pb_task_type *t = pb_tasks_find("clock");
    pb_params *p = small_params(t);
    pb_task_data d;
    generate(t, p, 0, &d);
    cr_assert_eq(d.score, PB_SCORE_EXACT);
    for (size_t i = 0; i < d.test_out.n; i++) {
        long long s = (long long)d.test_out.t[i];
        long long day = ((s % 86400) + 86400) % 86400;
        cr_assert_eq(d.test_out.y[0][i], (double)(day / 3600));
        cr_assert_eq(d.test_out.y[1][i], (double)(day / 60 % 60));
        cr_assert_eq(d.test_out.y[2][i], (double)(day % 60));
    }
    int before = 0;
    for (size_t i = 0; i < d.test_out.n; i++)
        before += d.test_out.t[i] < 0;
    cr_assert(before > 0 && (size_t)before < d.test_out.n, "extrapolation on both sides of the window");
    pb_task_data_free(&d);
    pb_params_free(p);
}

Test(tasks, tone_crlb_and_noise_follow_snr)
{
    const pb_task_type *t = pb_tasks_find("tone");
    pb_params *p = pb_params_alloc(t->params, t->n_params);
    pb_task_data d;
    generate(t, p, 0, &d);
    double sigma = 1.0 / sqrt(2.0 * 10.0); /* 10 dB */
    cr_assert_float_eq(d.noise_sigma, sigma, 1e-12);
    double N = 1024, expect = sqrt(12.0 / (4 * M_PI * M_PI * 10.0 * N * (N * N - 1)));
    cr_assert_leq(fabs(d.truth[0].crlb_sd[0] / expect - 1.0), 0.01, "%g vs %g", d.truth[0].crlb_sd[0], expect);
    pb_task_data_free(&d);
    pb_params_free(p);
}

Test(params, canonical_format_and_errors)
{
    const pb_task_type *t = pb_tasks_find("tone");
    pb_params *p = pb_params_alloc(t->params, t->n_params);
    char buf[256], err[128];
    pb_params_format(p, buf, sizeof buf);
    cr_assert_str_eq(buf, "");
    cr_assert_eq(pb_params_set(p, "snr_db", "0.10", err, sizeof err), 0);
    cr_assert_eq(pb_params_set(p, "n", "2048.0", err, sizeof err), 0);
    pb_params_format(p, buf, sizeof buf);
    cr_assert_str_eq(buf, "n=2048;snr_db=0.1");
    cr_assert_eq(pb_params_set(p, "n", "1.5", err, sizeof err), -1);
    cr_assert_eq(pb_params_set(p, "n", "1e99", err, sizeof err), -1);
    cr_assert_eq(pb_params_set(p, "snr_db", "nan", err, sizeof err), -1);
    cr_assert_eq(pb_params_set(p, "nope", "1", err, sizeof err), -1);
    cr_assert(strstr(err, "nope") != NULL);
    pb_params_free(p);
}
