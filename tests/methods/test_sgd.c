/* The published answer to "gradient descent can't find the frequency":
 * on a clean uniform tone, from random starts, sgd-complex (the damped
 * complex surrogate with an FFT-magnitude loss) finds the frequency where
 * the seed's sgd-sin does not. */
#include <criterion/criterion.h>

#include <math.h>

#include "sgd/pb_landscape.h"
#include "tasks/pb_tasks.h"
#include "harness/pb_trial.h"
#include "registry.h"

/* How many of seeds 0..n-1 put the method's estimate within 0.5/T of a clean tone. */
static int found_on_clean_tone(const char *method, const char *param, const char *value, long n)
{
    const pb_task_type *task = pb_tasks_find("tone");
    const pb_method_type *m = pb_methods_find(method);
    cr_assert(task && m);
    char err[200];
    pb_params *tp = pb_params_alloc(task->params, task->n_params), *mp = pb_params_alloc(m->params, m->n_params);
    cr_assert_eq(pb_params_set(tp, "snr_db", "200", err, sizeof err), 0);
    if (param)
        cr_assert_eq(pb_params_set(mp, param, value, err, sizeof err), 0);
    int found = 0;
    for (long seed = 0; seed < n; seed++) {
        pb_trial_spec spec = {task, tp, m, mp, seed};
        pb_trial_result res;
        pb_trial_run(&spec, &res);
        found += res.found == 1;
    }
    pb_params_free(tp);
    pb_params_free(mp);
    return found;
}

Test(sgd, complex_surrogate_finds_the_frequency_where_sgd_sin_does_not)
{
    int complex_found = found_on_clean_tone("sgd-complex", NULL, NULL, 8);
    int sin_found = found_on_clean_tone("sgd-sin", "steps", "100000", 8);
    cr_assert_geq(complex_found, 6, "sgd-complex found %d of 8 (measured 7 when this test was written)", complex_found);
    cr_assert_eq(sin_found, 0, "sgd-sin found %d of 8", sin_found);
}

/* The landscape kernel (vectorised sine/cosine) against naive libm sums. */
Test(sgd, landscape_matches_naive_sums)
{
    enum { N = 1000 };
    double t[N], y[N];
    for (size_t i = 0; i < N; i++) {
        t[i] = -1000.0 + 2000.0 * (double)((i * 7919) % N) / N + 0.37;
        y[i] = sin(31.0 * t[i]);
    }
    pb_series s = {N, t, y, NULL};
    double loss[5], grad[5];
    cr_assert_eq(pb_landscape_sin(&s, 29.0, 33.0, 5, loss, grad), 0);
    for (size_t j = 0; j < 5; j++) {
        double w = 29.0 + (double)j, l = 0, g = 0;
        for (size_t i = 0; i < N; i++) {
            double r = sin(w * t[i]) - y[i];
            l += r * r / N;
            g += 2.0 * r * cos(w * t[i]) * t[i] / N;
        }
        cr_assert(fabs(loss[j] - l) < 1e-12 && fabs(grad[j] - g) < 1e-9 * fmax(1.0, fabs(g)), "w %g: %g %g vs %g %g", w,
                  loss[j], grad[j], l, g);
    }
    cr_assert(loss[2] < 1e-20, "the loss at w = 31 is %g", loss[2]);
}
