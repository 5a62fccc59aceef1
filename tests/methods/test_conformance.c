/* The method contract, checked for every method in the registry: a method
 * is tested the moment it is listed in methods/registry.c. Leaks are caught
 * by the sanitizer build (make test SANITIZE=address,undefined). */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/pb_rng.h"
#include "tasks/pb_tasks.h"
#include "harness/pb_trial.h"
#include "registry.h"
#include "support/pb_external.h"
#include "helpers/test_thresholds.h"

typedef struct clean_tone {
    pb_params *params;
    pb_task_data data;
} clean_tone;

static void clean_tone_make(clean_tone *ct)
{
    const pb_task_type *t = &pb_task_tone;
    char err[200];
    ct->params = pb_params_alloc(t->params, t->n_params);
    pb_params_set(ct->params, "n", "256", err, sizeof err);
    pb_params_set(ct->params, "snr_db", "80", err, sizeof err);
    memset(&ct->data, 0, sizeof ct->data);
    cr_assert_eq(t->generate(t, ct->params, "conformance", &ct->data, err, sizeof err), 0);
}

static void clean_tone_free(clean_tone *ct)
{
    pb_task_data_free(&ct->data);
    pb_params_free(ct->params);
}

/* Fits with a fresh RNG of the given seed; predicts the interpolation set. */
static pb_status fit_and_predict(const pb_method_type *m, const pb_series *s, const pb_prior *prior,
                                 const char *rng_key, const double *t, size_t n, double *y)
{
    pb_params *mp = pb_params_alloc(m->params, m->n_params);
    gsl_rng *rng = pb_rng_alloc(rng_key, "method");
    pb_fit_report rep = {0};
    void *model = NULL;
    pb_status st = m->fit(s, prior, mp, rng, &model, &rep);
    if (pb_status_has_model(st)) {
        cr_assert_not_null(model, "%s: status %s without a model", m->name, pb_status_name(st));
        cr_assert_eq(m->predict(model, t, n, y), PB_OK, "%s: predict failed", m->name);
        if (m->components) {
            pb_component comp[16];
            size_t k = m->components(model, comp, 16);
            cr_assert_leq(k, 16);
        }
        m->free_model(model);
    } else {
        cr_assert_null(model, "%s: a model with status %s", m->name, pb_status_name(st));
        cr_assert(rep.message[0] != '\0', "%s: status %s without a reason", m->name, pb_status_name(st));
    }
    gsl_rng_free(rng);
    pb_params_free(mp);
    return st;
}

ParameterizedTestParameters(conformance, method)
{
    static size_t idx[64];
    size_t n = pb_methods_count();
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    return cr_make_param_array(size_t, idx, n);
}

/* The contract for one method (m listed in the registry or not). */
static void check_conformance(const pb_method_type *m)
{
    cr_assert(m->name && m->family && m->summary && m->fit && m->predict && m->free_model);
    cr_assert_null(pb_tasks_find(m->name), "%s: a method and a task share the name", m->name);
    for (size_t j = 0; pb_methods_all[j]; j++)
        cr_assert(pb_methods_all[j] == m || strcmp(pb_methods_all[j]->name, m->name) != 0, "%s listed twice",
                  m->name);
    if (m->validate) { /* its own defaults pass its combination check */
        pb_params *defaults = pb_params_alloc(m->params, m->n_params);
        char why[256] = "";
        cr_assert_eq(m->validate(defaults, why, sizeof why), 0, "%s: its defaults fail validate: %s", m->name, why);
        pb_params_free(defaults);
    }
    clean_tone ct;
    clean_tone_make(&ct);
    pb_series s = pb_task_train_series(&ct.data, 0);
    size_t n = ct.data.test_in.n;
    double *y1 = malloc(n * sizeof *y1), *y2 = malloc(n * sizeof *y2);

    /* A clean tone: fitted, with finite predictions inside and outside. */
    pb_status st = fit_and_predict(m, &s, &ct.data.prior, "seed-1", ct.data.test_in.t, n, y1);
    cr_assert(pb_status_has_model(st) || st == PB_UNSUPPORTED, "%s: %s on a clean tone", m->name,
              pb_status_name(st));
    if (pb_status_has_model(st)) {
        for (size_t k = 0; k < n; k++)
            cr_assert(isfinite(y1[k]), "%s: non-finite prediction", m->name);
        /* Deterministic for a seed. */
        cr_assert_eq(fit_and_predict(m, &s, &ct.data.prior, "seed-1", ct.data.test_in.t, n, y2), st);
        cr_assert_eq(memcmp(y1, y2, n * sizeof *y1), 0, "%s: two fits with one seed differ", m->name);
    }

    /* Bad input: empty, NaN, infinite. */
    pb_series empty = {0, s.t, s.y, NULL};
    cr_assert_eq(fit_and_predict(m, &empty, &ct.data.prior, "seed-1", NULL, 0, NULL), PB_BAD_INPUT, "%s: empty",
                 m->name);
    double *bad = malloc(s.n * sizeof *bad);
    memcpy(bad, s.y, s.n * sizeof *bad);
    bad[s.n / 2] = NAN;
    pb_series with_nan = {s.n, s.t, bad, NULL};
    cr_assert_eq(fit_and_predict(m, &with_nan, &ct.data.prior, "seed-1", NULL, 0, NULL), PB_BAD_INPUT, "%s: NaN",
                 m->name);
    bad[s.n / 2] = INFINITY;
    cr_assert_eq(fit_and_predict(m, &with_nan, &ct.data.prior, "seed-1", NULL, 0, NULL), PB_BAD_INPUT, "%s: inf",
                 m->name);
    free(bad);
    free(y1);
    free(y2);
    clean_tone_free(&ct);
}

ParameterizedTest(size_t *i, conformance, method)
{
    check_conformance(pb_methods_all[*i]);
}

/* Every program of methods/external/ (the search path's folder), through
 * the protocol. */
Test(conformance, external_methods, .timeout = 120)
{
    DIR *d = opendir("methods/external");
    cr_assert_not_null(d, "methods/external/ is missing");
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(d))) {
        char path[600], err[1024] = "";
        snprintf(path, sizeof path, "methods/external/%s", e->d_name);
        struct stat st;
        if (e->d_name[0] == '.' || stat(path, &st) != 0 || !S_ISREG(st.st_mode) || access(path, X_OK) != 0)
            continue;
        const pb_method_type *m = pb_external_load(path, err, sizeof err);
        cr_assert_not_null(m, "%s", err);
        check_conformance(m);
        n++;
    }
    closedir(d);
    cr_assert_gt(n, 0, "no external method was checked");
}

/* One trial of method on task with one parameter of each set (NULL: defaults). */
static void run_trial(const pb_task_type *t, const char *task_set[2], const char *method, const char *method_set[2],
                      long seed, pb_trial_result *res)
{
    const pb_method_type *m = pb_methods_find(method);
    pb_params *tp = pb_params_alloc(t->params, t->n_params), *mp = pb_params_alloc(m->params, m->n_params);
    char err[128];
    if (task_set)
        cr_assert_eq(pb_params_set(tp, task_set[0], task_set[1], err, sizeof err), 0, "%s", err);
    if (method_set)
        cr_assert_eq(pb_params_set(mp, method_set[0], method_set[1], err, sizeof err), 0, "%s", err);
    pb_trial_spec spec = {t, tp, m, mp, seed};
    pb_trial_run(&spec, res);
    pb_params_free(tp);
    pb_params_free(mp);
}

/* ls-direct is the exact reference: on the seed's sin31 it must find
 * f = 31 / 2 pi to 1e-6 relative and learn the function. */
Test(ls_direct, finds_sin31)
{
    const char *smaller[2] = {"n", "4096"};
    pb_trial_result res;
    run_trial(&pb_task_sin31, smaller, "ls-direct", NULL, 0, &res);
    cr_assert_eq(res.status, PB_OK, "%s", res.message);
    cr_assert_eq(res.success, 1);
    cr_assert_eq(res.found, 1);
    cr_assert_leq(fabs(res.freq_est - 31.0 / (2 * M_PI)) / (31.0 / (2 * M_PI)), TOL_LS_DIRECT_SIN31_REL);
}

/* sgd-sin reproduces the seed: the loss floats, the trial fails. */
Test(sgd_sin, fails_on_sin31_like_the_seed)
{
    const char *shorter[2] = {"steps", "200000"};
    pb_trial_result res;
    run_trial(&pb_task_sin31, NULL, "sgd-sin", shorter, 1, &res);
    cr_assert_eq(res.status, PB_OK, "%s", res.message);
    cr_assert_eq(res.success, 0);
    cr_assert_gt(res.nrmse_in, 0.9, "nrmse_in %g", res.nrmse_in);
}

/* The spectral methods agree with the exact reference where they apply:
 * the same frequency on a uniform tone, lomb-scargle on irregular times. */
Test(spectral, fast_methods_agree_with_ls_direct)
{
    const char *methods[2] = {"lomb-scargle", "periodogram"};
    for (int task = 0; task < 2; task++) {
        const pb_task_type *t = task ? &pb_task_tone_irregular : &pb_task_tone;
        pb_trial_result ref, res;
        run_trial(t, NULL, "ls-direct", NULL, 4, &ref);
        for (int m = 0; m < 2 - task; m++) {
            run_trial(t, NULL, methods[m], NULL, 4, &res);
            cr_assert_eq(res.status, PB_OK, "%s on %s: %s", methods[m], t->name, res.message);
            cr_assert_leq(fabs(res.freq_est - ref.freq_est), TOL_SPECTRAL_AGREEMENT * ref.freq_est,
                          "%s on %s: %.17g vs ls-direct %.17g", methods[m], t->name, res.freq_est, ref.freq_est);
        }
    }
}
