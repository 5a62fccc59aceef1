/* data:PATH tasks: the split against hand-computed cases, the band and the
 * known periods, scoring against the two baselines, and periods.csv's
 * errors. Each test writes its own files into a scratch directory. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/pb_trial.h"
#include "helpers/scratch.h"
#include "registry.h"
#include "tasks/pb_data_task.h"

extern const pb_method_type pb_method_ls_direct;

/* dir/name holding "t,y" rows y = f(t) at t = 0 .. n-1 (times scaled by dt). */
static void write_series(const char *dir, const char *name, size_t n, double dt, double (*f)(double))
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp, "%s", path);
    fputs("t,y\n", fp);
    for (size_t i = 0; i < n; i++)
        fprintf(fp, "%.17g,%.17g\n", (double)i * dt, f((double)i * dt));
    fclose(fp);
}

static double ramp_squared(double t)
{
    return t * t + 1.0;
}

/* A period that is no whole number of samples: the seasonal naive
 * forecast, which repeats samples, cannot be exact. */
static double cos_period_5_3(double t)
{
    return cos(2 * M_PI * t / 5.3);
}

static double cos_period_4(double t)
{
    return cos(2 * M_PI * t / 4.0);
}

static void load(const char *path, pb_data_tasks *tasks)
{
    char err[2048];
    pb_csvin_options opt = {0};
    memset(tasks, 0, sizeof *tasks);
    cr_assert_eq(pb_data_tasks_load(path, &opt, tasks, err, sizeof err), 0, "%s", err);
}

static int load_fails(const char *path, char *err, size_t errlen)
{
    pb_data_tasks tasks;
    pb_csvin_options opt = {0};
    memset(&tasks, 0, sizeof tasks);
    int rc = pb_data_tasks_load(path, &opt, &tasks, err, errlen);
    pb_data_tasks_free(&tasks);
    return rc != 0;
}

static void generate(const pb_task_type *t, const pb_params *p, long seed, pb_task_data *d)
{
    pb_trial_spec spec = {t, p, NULL, NULL, seed};
    char key[PB_KEY_MAX], err[1024];
    pb_trial_data_key(&spec, key, sizeof key);
    memset(d, 0, sizeof *d);
    cr_assert_eq(t->generate(t, p, key, d, err, sizeof err), 0, "%s", err);
}

Test(data_task, twenty_points_split_as_the_catalog_says)
{
    char dir[] = "/tmp/pb-data-XXXXXX";
    pb_test_make_dir(dir);
    write_series(dir, "ramp.csv", 20, 1.0, ramp_squared);
    pb_data_tasks tasks;
    load(dir, &tasks);
    cr_assert_eq(tasks.n, 1);
    const pb_task_type *t = &tasks.types[0];
    cr_assert_str_eq(t->name, "data:ramp");
    pb_params *p = pb_params_alloc(t->params, t->n_params);
    /* Span 19; cut at 0.75 * 19 = 14.25: t = 15..19 held out (5 points);
     * of the 15 before it, round(0.1 * 15) = 2 for interpolation, drawn
     * from t = 1..13; 13 left to train on. */
    pb_task_data d;
    generate(t, p, 0, &d);
    cr_assert_eq(d.test_out.n, 5);
    cr_assert_eq(d.test_in.n, 2);
    cr_assert_eq(d.train.n, 13);
    for (size_t i = 0; i < 5; i++) {
        cr_assert_eq(d.test_out.t[i], 15.0 + (double)i);
        cr_assert_eq(d.test_out.y[0][i], ramp_squared(15.0 + (double)i), "observed values, as read");
    }
    for (size_t i = 0; i < 2; i++)
        cr_assert(d.test_in.t[i] >= 1 && d.test_in.t[i] <= 13, "the first and last points stay in training");
    cr_assert_eq(d.train.t[0], 0.0);
    cr_assert_eq(d.train.t[12], 14.0);
    cr_assert_eq(d.window_end, 14.25);
    /* The band: two cycles in the 14 of training span, mean Nyquist of 13 points. */
    cr_assert_float_eq(d.prior.fmin, 2.0 / 14.0, 1e-15);
    cr_assert_float_eq(d.prior.fmax, 12.0 / 28.0, 1e-15);
    cr_assert_eq(d.truth[0].n_components, 0, "no periods.csv: nothing to find");
    cr_assert_eq(d.score, PB_SCORE_OBSERVED);
    /* The same seed splits the same way; some other seed differently. */
    pb_task_data again, other;
    generate(t, p, 0, &again);
    cr_assert_eq(memcmp(again.test_in.t, d.test_in.t, 2 * sizeof(double)), 0);
    int differs = 0;
    for (long seed = 1; seed < 20 && !differs; seed++) {
        generate(t, p, seed, &other);
        differs = memcmp(other.test_in.t, d.test_in.t, 2 * sizeof(double)) != 0;
        pb_task_data_free(&other);
    }
    cr_assert(differs, "the interpolation set follows the seed");
    /* holdout 0.5: cut at 9.5, 10 points held out; interp 0.2: 2 of the 10 before. */
    char err[256];
    cr_assert_eq(pb_params_set(p, "holdout", "0.5", err, sizeof err), 0);
    cr_assert_eq(pb_params_set(p, "interp", "0.2", err, sizeof err), 0);
    pb_task_data_free(&again);
    generate(t, p, 0, &again);
    cr_assert_eq(again.test_out.n, 10);
    cr_assert_eq(again.test_in.n, 2);
    cr_assert_eq(again.train.n, 8, "10 before the cut, 2 held out");
    pb_task_data_free(&again);
    pb_task_data_free(&d);
    pb_params_free(p);
    pb_data_tasks_free(&tasks);
    pb_test_remove_tree(dir);
}

Test(data_task, a_split_too_small_or_a_period_outside_the_band_is_refused_by_validate)
{
    char dir[] = "/tmp/pb-data-XXXXXX", path[600], err[2048];
    pb_test_make_dir(dir);
    write_series(dir, "ramp.csv", 20, 1.0, ramp_squared);
    snprintf(path, sizeof path, "%s/periods.csv", dir);
    pb_test_write_file(path, "file,period\nramp.csv,3\nramp,100\n");
    pb_data_tasks tasks;
    load(dir, &tasks);
    const pb_task_type *t = &tasks.types[0];
    pb_params *p = pb_params_alloc(t->params, t->n_params);
    /* 100 is more than half the 14 of training span. */
    cr_assert_neq(t->validate(t, p, err, sizeof err), 0);
    cr_assert(strstr(err, "known period 100") && strstr(err, "row 3") && strstr(err, "data:ramp"), "%s", err);
    pb_test_write_file(path, "file,period\nramp.csv,3\n");
    pb_data_tasks_free(&tasks);
    load(dir, &tasks);
    t = &tasks.types[0];
    cr_assert_eq(t->validate(t, p, err, sizeof err), 0, "%s", err);
    /* holdout 0.9 leaves 2 points before the cut. */
    cr_assert_eq(pb_params_set(p, "holdout", "0.9", err, sizeof err), 0);
    cr_assert_neq(t->validate(t, p, err, sizeof err), 0);
    cr_assert(strstr(err, "training"), "%s", err);
    pb_params_free(p);
    pb_data_tasks_free(&tasks);
    pb_test_remove_tree(dir);
}

Test(data_task, periods_csv_errors_name_the_row)
{
    static const struct {
        const char *text, *mentions;
    } cases[] = {
        {"file,period\nramp.csv,-3\n", "row 2"},
        {"file,period\nramp.csv,abc\n", "row 2"},
        {"file,period\n\nramp.csv,3,4\n", "row 3"},
        {"name,period\nramp.csv,3\n", "header"},
        {"file,period\nmissing.csv,3\n", "missing"},
        {"file,period\nramp,3\nramp.csv,3\n", "twice"},
        {"", "empty"},
    };
    char dir[] = "/tmp/pb-data-XXXXXX", path[600], err[2048];
    pb_test_make_dir(dir);
    write_series(dir, "ramp.csv", 20, 1.0, ramp_squared);
    snprintf(path, sizeof path, "%s/periods.csv", dir);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pb_test_write_file(path, cases[i].text);
        cr_assert(load_fails(dir, err, sizeof err), "case %zu loads", i);
        cr_assert(strstr(err, "periods.csv") && strstr(err, cases[i].mentions), "case %zu: %s", i, err);
    }
    /* CRLF, a BOM, quotes and several periods per file are fine. */
    pb_test_write_file(path, "\xEF\xBB\xBF" "file,period\r\n\"ramp.csv\",3\r\nramp,4.5\r\n");
    pb_data_tasks tasks;
    load(dir, &tasks);
    pb_params *p = pb_params_alloc(tasks.types[0].params, tasks.types[0].n_params);
    pb_task_data d;
    generate(&tasks.types[0], p, 0, &d);
    cr_assert_eq(d.truth[0].n_components, 2);
    cr_assert_float_eq(d.truth[0].comp[0].freq, 1.0 / 3.0, 1e-15);
    cr_assert_float_eq(d.truth[0].comp[1].freq, 1.0 / 4.5, 1e-15);
    pb_task_data_free(&d);
    pb_params_free(p);
    pb_data_tasks_free(&tasks);
    pb_test_remove_tree(dir);
}

Test(data_task, file_names_and_directories_are_checked)
{
    char dir[] = "/tmp/pb-data-XXXXXX", path[600], err[2048];
    pb_test_make_dir(dir);
    cr_assert(load_fails(dir, err, sizeof err) && strstr(err, "no .csv file"), "%s", err);
    write_series(dir, "-bad name.csv", 20, 1.0, ramp_squared);
    cr_assert(load_fails(dir, err, sizeof err) && strstr(err, "cannot name a task"), "%s", err);
    snprintf(path, sizeof path, "%s/-bad name.csv", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/broken.csv", dir);
    pb_test_write_file(path, "t,y\n1,2\n2,x\n");
    cr_assert(load_fails(dir, err, sizeof err) && strstr(err, "broken.csv"), "%s", err);
    cr_assert(load_fails("/nonexistent/x.csv", err, sizeof err) && strstr(err, "/nonexistent/x.csv"), "%s", err);
    cr_assert(load_fails("", err, sizeof err), "an empty path");
    pb_test_remove_tree(dir);
}

/* One trial of method on the task, run in this process. */
static void trial(const pb_task_type *t, const pb_method_type *m, pb_trial_result *res)
{
    pb_params *tp = pb_params_alloc(t->params, t->n_params), *mp = pb_params_alloc(m->params, m->n_params);
    pb_trial_spec spec = {t, tp, m, mp, 0};
    pb_trial_run(&spec, res);
    pb_params_free(tp);
    pb_params_free(mp);
}

Test(data_task, success_means_beating_both_baselines_and_finding_every_known_period)
{
    char dir[] = "/tmp/pb-data-XXXXXX", path[600];
    pb_test_make_dir(dir);
    write_series(dir, "wave.csv", 200, 1.0, cos_period_5_3);
    write_series(dir, "unknown.csv", 200, 1.0, cos_period_5_3);
    snprintf(path, sizeof path, "%s/periods.csv", dir);
    pb_test_write_file(path, "file,period\nwave,5.3\n");
    pb_data_tasks tasks;
    load(dir, &tasks);
    cr_assert_str_eq(tasks.types[0].name, "data:unknown");
    cr_assert_str_eq(tasks.types[1].name, "data:wave");

    pb_trial_result res;
    /* A noiseless cosine: ls-direct predicts it to rounding, the baselines cannot. */
    trial(&tasks.types[1], &pb_method_ls_direct, &res);
    cr_assert_eq(res.status, PB_OK, "%s", res.message);
    cr_assert_eq(res.found, 1);
    cr_assert_eq(res.success, 1, "nrmse_out %g", res.nrmse_out);
    cr_assert(res.freq_err < 1e-9, "%g", res.freq_err);
    /* The mean cannot beat itself. */
    trial(&tasks.types[1], &pb_method_mean, &res);
    cr_assert_eq(res.success, 0);
    cr_assert_float_eq(res.nrmse_out, 1.0, 0.05, "the mean's nrmse_out is about 1: %g", res.nrmse_out);
    /* No known period: success and found do not apply. */
    trial(&tasks.types[0], &pb_method_ls_direct, &res);
    cr_assert_eq(res.status, PB_OK);
    cr_assert_eq(res.success, -1);
    cr_assert_eq(res.found, -1);
    cr_assert(isnan(res.freq_err));
    cr_assert(res.nrmse_out < 1e-6, "still scored: %g", res.nrmse_out);
    pb_data_tasks_free(&tasks);
    pb_test_remove_tree(dir);
}

Test(data_task, seasonal_naive_repeats_the_last_season_seen)
{
    /* t = 0..39, y = cos(2 pi t / 4): the periodogram's period is 4, so t
     * = 40 is predicted by y(36) = 1, t = 41 by y(37) = 0, t = 46 (two
     * seasons past the end) by y(38) = -1, and t = 2 (inside, no season
     * before it) by the value nearest -2: y(0) = 1. */
    double t[40], y[40], at[] = {40, 41, 46, 2, 10}, want[] = {1, 0, -1, 1, -1}, got[5];
    for (int i = 0; i < 40; i++) {
        t[i] = i;
        y[i] = cos_period_4(i);
    }
    pb_series s = {40, t, y, NULL};
    pb_prior prior = pb_prior_for_series(&s);
    pb_fit_report report = {0};
    void *model = NULL;
    cr_assert_eq(pb_method_seasonal_naive.fit(&s, &prior, NULL, NULL, &model, &report), PB_OK, "%s", report.message);
    pb_component c;
    cr_assert_eq(pb_method_seasonal_naive.components(model, &c, 1), 1);
    cr_assert_float_eq(c.freq, 0.25, 1e-9, "%.17g", c.freq);
    cr_assert_eq(pb_method_seasonal_naive.predict(model, at, 5, got), PB_OK);
    for (int i = 0; i < 5; i++)
        cr_assert_float_eq(got[i], want[i], 1e-12, "t = %g: %g, not %g", at[i], got[i], want[i]);
    pb_method_seasonal_naive.free_model(model);
}
