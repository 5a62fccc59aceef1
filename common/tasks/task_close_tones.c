/* close-tones: two equal-amplitude tones d/T apart (below the Rayleigh
 * limit 1/T for d < 1), random phases, uniform t = 0..N-1. */
#include <math.h>
#include <stdio.h>

#include "base/pb_rng.h"
#include "tasks/pb_taskgen.h"
#include "tasks/pb_tasks.h"

static const pb_param_def close_tones_params[] = {
    {"n", PB_PARAM_INT, "256", 8, 1e7, NULL, "samples N; window T = N"},
    {"separation", PB_PARAM_REAL, "0.5", 0.01, 100, NULL, "frequency gap in units of 1/T (Rayleigh limit = 1)"},
    {"snr_db", PB_PARAM_REAL, "30", -40, 200, NULL, "SNR of each tone, dB"},
    {"n_test", PB_PARAM_INT, "2048", 2, 1e7, NULL, "points in each test set"},
};

/* f1 ~ U(0.1, 0.4): the second tone must stay below Nyquist for any draw. */
static int close_tones_validate(const pb_task_type *self, const pb_params *p, char *err, size_t errlen)
{
    (void)self;
    double gap = pb_params_real(p, "separation") / (double)pb_params_int(p, "n");
    if (0.4 + gap >= 0.5) {
        snprintf(err, errlen, "separation/n = %g: the second tone (up to 0.4 + %g) would pass Nyquist", gap, gap);
        return -1;
    }
    return 0;
}

static int close_tones_generate(const pb_task_type *self, const pb_params *p, const char *key, pb_task_data *d, char *err,
                        size_t errlen)
{
    (void)self;
    size_t n = (size_t)pb_params_int(p, "n");
    double N = (double)n, gap = pb_params_real(p, "separation") / N;
    if (close_tones_validate(self, p, err, errlen) != 0)
        return -1;
    gsl_rng *r = pb_taskgen_begin(d, key, "truth", 1, n, (size_t)pb_params_int(p, "n_test"), err, errlen);
    if (!r)
        return -1;
    double f1 = 0.1 + 0.3 * gsl_rng_uniform(r);
    pb_component c[2] = {{f1, 1.0, 2.0 * M_PI * gsl_rng_uniform(r), 0}, {f1 + gap, 1.0, 2.0 * M_PI * gsl_rng_uniform(r), 0}};
    gsl_rng_free(r);
    pb_taskgen_uniform_times(d->train.t, n, 0.0, 1.0);
    d->prior = (pb_prior){0.0, 0.5, 1, 1.0};
    d->score = PB_SCORE_NRMSE;
    double sigma = pb_taskgen_sigma_for_snr(1.0, pb_params_real(p, "snr_db"));
    return pb_taskgen_finish_tone_task(d, key, c, 2, 0.0, sigma, 0.0, N, N, 2.0 * N, 0, err, errlen);
}

const pb_task_type pb_task_close_tones = {
    "close-tones", "two equal tones 0.5/T apart (below the Rayleigh limit), N = 256, 30 dB each; prior (0, 0.5]",
    close_tones_params, sizeof close_tones_params / sizeof close_tones_params[0], close_tones_generate,
    close_tones_validate, NULL, NULL, PB_SCORE_NRMSE, "two tones closer than the Rayleigh limit, told apart",
};
