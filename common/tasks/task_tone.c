/* tone and tone-irregular: A cos(2 pi f t + phi) + c + noise with f ~ U(0.05, 0.45),
 * phi ~ U(0, 2 pi), c ~ U(-1, 1), A = 1; extrapolation t in [N, 2N). */
#include <math.h>
#include <stdio.h>

#include "base/pb_rng.h"
#include "tasks/pb_taskgen.h"
#include "tasks/pb_tasks.h"

#define TONE_COMMON_PARAMS                                                                                     \
    {"n", PB_PARAM_INT, "1024", 8, 1e8, NULL, "window length N (time units); uniform: samples t = 0..N-1"},  \
        {"snr_db", PB_PARAM_REAL, "10", -40, 200, NULL, "SNR = A^2/(2 sigma^2), in dB"},                     \
        {"n_test", PB_PARAM_INT, "2048", 2, 1e7, NULL, "points in each test set"}

static const pb_param_def tone_params[] = {TONE_COMMON_PARAMS};
static const pb_param_def tone_irregular_params[] = {
    TONE_COMMON_PARAMS,
    {"gap_fraction", PB_PARAM_REAL, "0.3", 0, 0.9, NULL, "share of the window removed in gaps"},
    {"gaps", PB_PARAM_INT, "4", 1, 64, NULL, "number of equal gaps"},
};

/* Draws the tone and completes the task; the training times are already set. */
static int finish_tone(const pb_params *p, const char *key, pb_task_data *d, int uniform, char *err, size_t errlen)
{
    double N = (double)pb_params_int(p, "n");
    gsl_rng *r = pb_rng_alloc(key, "truth");
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    pb_component c = {0.05 + 0.4 * gsl_rng_uniform(r), 1.0, 2.0 * M_PI * gsl_rng_uniform(r), 0};
    double offset = -1.0 + 2.0 * gsl_rng_uniform(r);
    gsl_rng_free(r);
    d->prior = (pb_prior){0.0, 0.5, uniform, uniform ? 1.0 : 0.0};
    d->score = PB_SCORE_NRMSE;
    double sigma = pb_taskgen_sigma_for_snr(1.0, pb_params_real(p, "snr_db"));
    return pb_taskgen_finish_tone_task(d, key, &c, 1, offset, sigma, 0.0, N, N, 2.0 * N, 0, err, errlen);
}

static int tone_generate(const pb_task_type *self, const pb_params *p, const char *key, pb_task_data *d, char *err,
                        size_t errlen)
{
    (void)self;
    size_t n = (size_t)pb_params_int(p, "n");
    if (pb_taskgen_alloc_sets(d, 1, n, (size_t)pb_params_int(p, "n_test")) != 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    pb_taskgen_uniform_times(d->train.t, n, 0.0, 1.0);
    return finish_tone(p, key, d, 1, err, errlen);
}

static int tone_irregular_generate(const pb_task_type *self, const pb_params *p, const char *key, pb_task_data *d, char *err,
                        size_t errlen)
{
    (void)self;
    size_t n = (size_t)pb_params_int(p, "n");
    gsl_rng *r = pb_taskgen_begin(d, key, "train-times", 1, n, (size_t)pb_params_int(p, "n_test"), err, errlen);
    if (!r)
        return -1;
    d->train.n = pb_taskgen_gapped_times(r, d->train.t, n, 0.0, (double)n, pb_params_real(p, "gap_fraction"),
                                         (int)pb_params_int(p, "gaps"));
    gsl_rng_free(r);
    return finish_tone(p, key, d, 0, err, errlen);
}

const pb_task_type pb_task_tone = {
    "tone", "A cos(2 pi f t + phi) + c + noise, t = 0..1023, f ~ U(0.05, 0.45), SNR 10 dB; prior (0, 0.5]",
    tone_params, sizeof tone_params / sizeof tone_params[0], tone_generate, NULL, NULL, NULL, PB_SCORE_NRMSE,
    "a noisy tone: how close to the Cramér–Rao bound, down to which SNR",
};

const pb_task_type pb_task_tone_irregular = {
    "tone-irregular", "the tone at ~717 sorted U(0, 1024) times with 30% of the window removed in 4 gaps",
    tone_irregular_params, sizeof tone_irregular_params / sizeof tone_irregular_params[0], tone_irregular_generate, NULL, NULL, NULL, PB_SCORE_NRMSE,
    "a tone sampled at irregular times",
};
