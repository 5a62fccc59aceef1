/* fold's counter staircase through the method's own interface: the clock
 * from 4096 samples (one year, so the test is quick) read by each channel's
 * counter exactly inside the window on every seed and outside it on most
 * (outside, the slope's own uncertainty grows with the distance: on 20
 * seeds, 17 read >= 99.9 %, the others 99.83-99.88 %); with profile=bins the
 * counter is not tried, and the same data read far worse. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "contract/pb_method.h"
#include "contract/pb_task.h"
#include "harness/pb_metrics.h"
#include "harness/pb_thresholds.h"
#include "tasks/pb_tasks.h"

extern const pb_method_type pb_method_fold;

/* The exact-reading rates (inside, outside) of fold on the clock, seed `seed`. */
static void read_clock(int seed, const char *profile, double *in, double *out, int *counters)
{
    const pb_task_type *tt = pb_tasks_find("clock");
    char err[256], key[64];
    pb_params *p = pb_params_alloc(tt->params, tt->n_params), *mp = pb_params_alloc(pb_method_fold.params,
                                                                                      pb_method_fold.n_params);
    cr_assert_eq(pb_params_set(p, "n", "4096", err, sizeof err), 0, "%s", err);
    cr_assert_eq(pb_params_set(p, "years", "1", err, sizeof err), 0, "%s", err);
    cr_assert_eq(pb_params_set(mp, "profile", profile, err, sizeof err), 0, "%s", err);
    pb_task_data d;
    memset(&d, 0, sizeof d);
    snprintf(key, sizeof key, "fold-counter-test/%d", seed);
    cr_assert_eq(tt->generate(tt, p, key, &d, err, sizeof err), 0, "%s", err);
    double *pi[3], *po[3];
    *counters = 0;
    for (int c = 0; c < 3; c++) {
        pb_series s = {d.train.n, d.train.t, d.train.y[c], NULL};
        void *model = NULL;
        pb_fit_report report = {0};
        cr_assert_eq(pb_method_fold.fit(&s, &d.prior, mp, NULL, &model, &report), PB_OK, "%s", report.message);
        *counters += strstr(report.message, "a counter of") != NULL;
        pi[c] = malloc(d.test_in.n * sizeof *pi[c]);
        po[c] = malloc(d.test_out.n * sizeof *po[c]);
        cr_assert_eq(pb_method_fold.predict(model, d.test_in.t, d.test_in.n, pi[c]), PB_OK);
        cr_assert_eq(pb_method_fold.predict(model, d.test_out.t, d.test_out.n, po[c]), PB_OK);
        pb_method_fold.free_model(model);
    }
    long moduli[3] = {d.truth[0].modulus, d.truth[1].modulus, d.truth[2].modulus};
    *in = pb_metric_exact_rate(pi, d.test_in.y, moduli, 3, d.test_in.n);
    *out = pb_metric_exact_rate(po, d.test_out.y, moduli, 3, d.test_out.n);
    for (int c = 0; c < 3; c++)
        free(pi[c]), free(po[c]);
    pb_task_data_free(&d);
    pb_params_free(p);
    pb_params_free(mp);
}

Test(fold_counter, reads_the_clock_from_4096_samples, .timeout = 120)
{
    int exact_outside = 0;
    for (int seed = 0; seed < 3; seed++) {
        double in, out, in_bins, out_bins;
        int counters, none;
        read_clock(seed, "auto", &in, &out, &counters);
        cr_assert_eq(counters, 3, "seed %d: every channel a counter", seed);
        cr_assert_geq(in, PB_SUCCESS_EXACT, "seed %d: inside %.5f", seed, in);
        cr_assert_geq(out, 0.995, "seed %d: outside %.5f", seed, out);
        exact_outside += out >= PB_SUCCESS_EXACT;
        read_clock(seed, "bins", &in_bins, &out_bins, &none);
        cr_assert_eq(none, 0, "profile=bins tries no counter");
        cr_assert_lt(in_bins, PB_SUCCESS_EXACT, "seed %d: bins alone read %.5f: the test could not tell", seed,
                     in_bins);
    }
    cr_assert_geq(exact_outside, 2, "exact outside on %d of 3 seeds", exact_outside);
}
