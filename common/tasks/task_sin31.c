/* sin31: the seed's experiment. y = sin(omega x), x ~ U(-L, L), noiseless;
 * extrapolation x in +-(L, 2L]. */
#include <math.h>
#include <stdio.h>

#include "base/pb_rng.h"
#include "tasks/pb_taskgen.h"
#include "tasks/pb_tasks.h"

static const pb_param_def sin31_params[] = {
    {"n", PB_PARAM_INT, "16384", 2, 1e8, NULL, "training points"},
    {"omega", PB_PARAM_REAL, "31", 1e-6, 50, NULL, "angular frequency w of sin(w x), rad per unit (prior: w <= 50)"},
    {"half_width", PB_PARAM_REAL, "1000", 1e-3, 1e9, NULL, "training x ~ U(-L, L); extrapolation +-(L, 2L]"},
    {"n_test", PB_PARAM_INT, "4096", 2, 1e7, NULL, "points in each test set"},
};

static int sin31_generate(const pb_task_type *self, const pb_params *p, const char *key, pb_task_data *d, char *err,
                        size_t errlen)
{
    (void)self;
    size_t n = (size_t)pb_params_int(p, "n");
    double omega = pb_params_real(p, "omega"), L = pb_params_real(p, "half_width");
    gsl_rng *r = pb_taskgen_begin(d, key, "train-times", 1, n, (size_t)pb_params_int(p, "n_test"), err, errlen);
    if (!r)
        return -1;
    pb_taskgen_random_times(r, d->train.t, n, -L, L);
    gsl_rng_free(r);
    /* sin(w x) = cos(2 pi f x - pi/2) with f = w / 2 pi. */
    pb_component c = {omega / (2.0 * M_PI), 1.0, -M_PI / 2.0, 0};
    d->prior = (pb_prior){0.0, 8.0, 0, 0.0};
    d->score = PB_SCORE_NRMSE;
    return pb_taskgen_finish_tone_task(d, key, &c, 1, 0.0, 0.0, -L, L, L, 2.0 * L, 1, err, errlen);
}

const pb_task_type pb_task_sin31 = {
    "sin31", "the seed's experiment: y = sin(31 x), x ~ U(-1000, 1000), noiseless; prior f in (0, 8]",
    sin31_params, sizeof sin31_params / sizeof sin31_params[0], sin31_generate, NULL, NULL, NULL, PB_SCORE_NRMSE, "the post: SGD on sin(w x) never finds w = 31",
};
