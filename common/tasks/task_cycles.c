/* cycles: a tone with C full cycles in the window, uniform t = 0..N-1;
 * extrapolation: the next window. */
#include <math.h>
#include <stdio.h>

#include "base/pb_rng.h"
#include "tasks/pb_taskgen.h"
#include "tasks/pb_tasks.h"

static const pb_param_def cycles_params[] = {
    {"cycles", PB_PARAM_REAL, "10", 0.01, 1e7, NULL, "full cycles C in the window (compare sweeps 1,3,10,30,100,300,1000)"},
    {"n", PB_PARAM_INT, "4096", 8, 1e8, NULL, "samples N; window T = N"},
    {"snr_db", PB_PARAM_REAL, "20", -40, 200, NULL, "SNR, dB"},
    {"n_test", PB_PARAM_INT, "2048", 2, 1e7, NULL, "points in each test set"},
};

static int cycles_validate(const pb_task_type *self, const pb_params *p, char *err, size_t errlen)
{
    (void)self;
    double C = pb_params_real(p, "cycles"), N = (double)pb_params_int(p, "n");
    if (C / N > 0.5) {
        snprintf(err, errlen, "cycles=%g in n=%g samples is above Nyquist (at most n/2)", C, N);
        return -1;
    }
    return 0;
}

static int cycles_generate(const pb_task_type *self, const pb_params *p, const char *key, pb_task_data *d, char *err,
                        size_t errlen)
{
    (void)self;
    size_t n = (size_t)pb_params_int(p, "n");
    double N = (double)n, f = pb_params_real(p, "cycles") / N;
    if (cycles_validate(self, p, err, errlen) != 0)
        return -1;
    gsl_rng *r = pb_taskgen_begin(d, key, "truth", 1, n, (size_t)pb_params_int(p, "n_test"), err, errlen);
    if (!r)
        return -1;
    pb_component c = {f, 1.0, 2.0 * M_PI * gsl_rng_uniform(r), 0};
    gsl_rng_free(r);
    pb_taskgen_uniform_times(d->train.t, n, 0.0, 1.0);
    d->prior = (pb_prior){0.0, 0.5, 1, 1.0};
    d->score = PB_SCORE_NRMSE;
    double sigma = pb_taskgen_sigma_for_snr(1.0, pb_params_real(p, "snr_db"));
    return pb_taskgen_finish_tone_task(d, key, &c, 1, 0.0, sigma, 0.0, N, N, 2.0 * N, 0, err, errlen);
}

const pb_task_type pb_task_cycles = {
    "cycles", "a tone with C = 10 full cycles in N = 4096 uniform samples, 20 dB; prior (0, 0.5]",
    cycles_params, sizeof cycles_params / sizeof cycles_params[0], cycles_generate, cycles_validate, NULL, NULL, PB_SCORE_NRMSE, "the post: networks fit a few cycles and continue none",
};
