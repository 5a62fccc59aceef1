/* clock: the Clock Problem. t = integer seconds since T0 (0 days 0:00:00),
 * uniform over [0, Y years) of 365.25 days; three channels H (0-23),
 * M (0-59), S (0-59); extrapolation [Y, 2Y) and [-Y, 0) (t = -1 reads
 * 23:59:59). Scored by the exact-match rate of the whole HH:MM:SS. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/pb_rng.h"
#include "tasks/pb_taskgen.h"
#include "tasks/pb_tasks.h"

#define SECONDS_PER_YEAR (365.25 * 86400.0)

static const pb_param_def clock_params[] = {
    {"n", PB_PARAM_INT, "1048576", 16, 1e8, NULL, "training samples (integer seconds, sorted; duplicates possible)"},
    {"years", PB_PARAM_REAL, "120", 0.01, 1000, NULL, "training window [0, Y years), 365.25-day years"},
    {"n_test", PB_PARAM_INT, "65536", 2, 1e7, NULL, "points in each test set"},
};

/* Channel c of the reading at second t: hours, minutes or seconds. */
static double clock_reading(int64_t t, int channel)
{
    static const int64_t unit[3] = {3600, 60, 1}, range[3] = {24, 60, 60};
    int64_t q = t / unit[channel];
    if (t % unit[channel] != 0 && t < 0)
        q--; /* floor division */
    int64_t r = q % range[channel];
    return (double)(r < 0 ? r + range[channel] : r);
}

/* n sorted integers uniform in [a, a + span): 64-bit draws, modulo bias < 1e-9. */
static void integer_times(gsl_rng *r, double *t, size_t n, int64_t a, int64_t span)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t u = ((uint64_t)gsl_rng_get(r) << 32) ^ (uint64_t)gsl_rng_get(r);
        t[i] = (double)(a + (int64_t)(u % (uint64_t)span));
    }
    pb_taskgen_sort(t, n);
}

static void fill_readings(pb_sampleset *s)
{
    for (int c = 0; c < 3; c++)
        for (size_t i = 0; i < s->n; i++)
            s->y[c][i] = clock_reading((int64_t)s->t[i], c);
}

/* Fundamental of one channel's staircase over its own period. */
static pb_component channel_fundamental(int channel)
{
    static const int64_t period[3] = {86400, 3600, 60};
    size_t m = (size_t)period[channel];
    double *shape = malloc(m * sizeof *shape);
    pb_component c = {1.0 / (double)period[channel], NAN, NAN, 0};
    if (!shape)
        return c;
    for (size_t j = 0; j < m; j++)
        shape[j] = clock_reading((int64_t)j, channel);
    c = pb_taskgen_fundamental(shape, m);
    c.freq = 1.0 / (double)period[channel];
    free(shape);
    return c;
}

static int clock_generate(const pb_task_type *self, const pb_params *p, const char *key, pb_task_data *d, char *err,
                        size_t errlen)
{
    (void)self;
    static const char *names[3] = {"H", "M", "S"};
    static const long moduli[3] = {24, 60, 60};
    size_t n = (size_t)pb_params_int(p, "n"), n_test = (size_t)pb_params_int(p, "n_test");
    int64_t T = (int64_t)llround(pb_params_real(p, "years") * SECONDS_PER_YEAR);
    gsl_rng *r = pb_taskgen_begin(d, key, "train-times", 3, n, n_test, err, errlen);
    if (!r)
        return -1;
    integer_times(r, d->train.t, n, 0, T);
    gsl_rng_free(r);
    r = pb_rng_alloc(key, "test-times");
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    integer_times(r, d->test_in.t, n_test, 0, T);
    size_t half = n_test / 2;
    integer_times(r, d->test_out.t, half, -T, T);
    integer_times(r, d->test_out.t + half, n_test - half, T, T);
    gsl_rng_free(r);
    fill_readings(&d->train);
    fill_readings(&d->test_in);
    fill_readings(&d->test_out);
    for (int c = 0; c < 3; c++) {
        pb_channel_truth *tr = &d->truth[c];
        tr->name = names[c];
        tr->modulus = moduli[c];
        tr->n_components = 1;
        tr->comp[0] = channel_fundamental(c);
        tr->crlb_sd[0] = NAN; /* noiseless */
    }
    d->noise_sigma = 0.0;
    d->prior = (pb_prior){1.0 / (10.0 * 86400.0), 0.5, 0, 0.0};
    d->window_start = 0.0;
    d->window_end = (double)T;
    d->score = PB_SCORE_EXACT;
    return 0;
}

const pb_task_type pb_task_clock = {
    "clock", "the Clock Problem: 2^20 integer seconds over 120 years -> H, M, S; prior periods 2 s to 10 days",
    clock_params, sizeof clock_params / sizeof clock_params[0], clock_generate, NULL, NULL, NULL, PB_SCORE_EXACT, "the post: no network learns a digital clock over 120 years",
};
