/* Methods that take measurement errors (uses_errors): every one of them in
 * the registry weights by 1/dy^2, and equal errors change nothing. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "spectral/pb_harmonic_model.h"
#include "base/pb_rng.h"
#include "registry.h"

enum { N = 400 };

static const double F_TRUE = 0.1234, AMP = 1.3, OFFSET = 0.4;

static double truth(double t)
{
    return AMP * cos(2 * M_PI * F_TRUE * t + 0.7) + OFFSET;
}

/* Fits with default parameters; returns the model's predictions at t. */
static void fit_predict(const pb_method_type *m, const pb_series *s, double *pred)
{
    pb_params *p = pb_params_alloc(m->params, m->n_params);
    pb_prior prior = {0.01, 0.5, 1, 1.0};
    gsl_rng *rng = pb_rng_alloc("errors", m->name);
    pb_fit_report rep = {0};
    void *model = NULL;
    pb_status st = m->fit(s, &prior, p, rng, &model, &rep);
    cr_assert(st == PB_OK || st == PB_NO_CONVERGENCE, "%s: %s: %s", m->name, pb_status_name(st), rep.message);
    cr_assert_eq(m->predict(model, s->t, s->n, pred), PB_OK);
    m->free_model(model);
    gsl_rng_free(rng);
    pb_params_free(p);
}

/* Every 4th sample is off by +5 but says so (error 1e3); the rest carry
 * small noise and error 0.05. Weighted, the fit follows the good samples. */
Test(errors, methods_weight_by_the_errors)
{
    static double t[N], y[N], dy[N], pred[N];
    for (int i = 0; i < N; i++) {
        t[i] = i;
        int bad = i % 4 == 0;
        y[i] = truth(i) + (bad ? 5.0 : 0.02 * sin(7.1 * i * i));
        dy[i] = bad ? 1e3 : 0.05;
    }
    pb_series weighted = {N, t, y, dy};
    size_t tested = 0;
    for (size_t k = 0; pb_methods_all[k]; k++) {
        const pb_method_type *m = pb_methods_all[k];
        if (!m->uses_errors)
            continue;
        fit_predict(m, &weighted, pred);
        double worst = 0;
        for (int i = 1; i < N; i += 4)
            worst = fmax(worst, fabs(pred[i] - truth(i)));
        cr_assert_leq(worst, 0.1, "%s: a good sample is predicted %.3g off (the bad ones pulled the fit)", m->name,
                      worst);
        tested++;
    }
    cr_assert_geq(tested, 3, "lomb-scargle, ls-direct and nlls take errors");
}

/* Equal errors are the unweighted fit, to the precision the peak is
 * refined to: weights of mean 1 differ from 1 by rounding, which moves the
 * refined frequency by up to ~1e-7 of a grid step, i.e. the predictions by
 * ~1e-7 (seen with the sanitizer build). */
Test(errors, equal_errors_change_nothing)
{
    static double t[N], y[N], dy[N], plain[N], weighted_pred[N];
    for (int i = 0; i < N; i++) {
        t[i] = i + 0.3 * sin(i);
        y[i] = truth(t[i]) + 0.3 * sin(3.7 * i * i);
        dy[i] = 0.7;
    }
    pb_series with = {N, t, y, dy}, without = {N, t, y, NULL};
    for (size_t k = 0; pb_methods_all[k]; k++) {
        const pb_method_type *m = pb_methods_all[k];
        if (!m->uses_errors)
            continue;
        fit_predict(m, &with, weighted_pred);
        fit_predict(m, &without, plain);
        for (int i = 0; i < N; i++)
            cr_assert_leq(fabs(weighted_pred[i] - plain[i]), 1e-6, "%s: sample %d: %.17g vs %.17g", m->name, i,
                          weighted_pred[i], plain[i]);
    }
}
