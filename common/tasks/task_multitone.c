/* multitone: hourly samples for Y years of four biological rhythms
 * (24 h, 12.42 h tide, 29.53 d lunar, 365.25 d annual) plus noise;
 * time unit: hours; extrapolation: the following year. */
#include <math.h>
#include <stdio.h>

#include "base/pb_rng.h"
#include "tasks/pb_taskgen.h"
#include "tasks/pb_tasks.h"

#define HOURS_PER_YEAR (365.25 * 24.0)

static const pb_param_def multitone_params[] = {
    {"years", PB_PARAM_REAL, "3", 0.1, 100, NULL, "length of the hourly record, years of 365.25 days"},
    {"sigma", PB_PARAM_REAL, "1", 0, 1e6, NULL, "noise standard deviation"},
    {"n_test", PB_PARAM_INT, "4096", 2, 1e7, NULL, "points in each test set"},
};

static int multitone_generate(const pb_task_type *self, const pb_params *p, const char *key, pb_task_data *d, char *err,
                        size_t errlen)
{
    (void)self;
    static const double period_h[4] = {24.0, 12.42, 29.53 * 24.0, HOURS_PER_YEAR};
    static const double amp[4] = {1.0, 0.5, 0.7, 2.0};
    double T = round(pb_params_real(p, "years") * HOURS_PER_YEAR);
    size_t n = (size_t)T;
    gsl_rng *r = pb_taskgen_begin(d, key, "truth", 1, n, (size_t)pb_params_int(p, "n_test"), err, errlen);
    if (!r)
        return -1;
    pb_component c[4];
    for (int k = 0; k < 4; k++)
        c[k] = (pb_component){1.0 / period_h[k], amp[k], 2.0 * M_PI * gsl_rng_uniform(r), 0};
    gsl_rng_free(r);
    pb_taskgen_uniform_times(d->train.t, n, 0.0, 1.0);
    d->prior = (pb_prior){0.0, 0.5, 1, 1.0};
    d->score = PB_SCORE_NRMSE;
    return pb_taskgen_finish_tone_task(d, key, c, 4, 0.0, pb_params_real(p, "sigma"), 0.0, T, T, T + HOURS_PER_YEAR,
                                       0, err, errlen);
}

const pb_task_type pb_task_multitone = {
    "multitone", "hourly, 3 years: 24 h, 12.42 h, 29.53 d, 365.25 d rhythms (amplitudes 1, 0.5, 0.7, 2), sigma 1",
    multitone_params, sizeof multitone_params / sizeof multitone_params[0], multitone_generate, NULL, NULL, NULL, PB_SCORE_NRMSE, "several tones at once",
};
