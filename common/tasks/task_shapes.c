/* shapes: non-sinusoidal periodic shapes (sawtooth, square with duty 0.3,
 * narrow pulse with duty 0.05), C cycles in the window, irregular times,
 * noise sigma = noise_frac * RMS of the shape about its mean. The truth
 * scored for frequency recovery is the fundamental. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/pb_rng.h"
#include "tasks/pb_taskgen.h"
#include "tasks/pb_tasks.h"

#define SHAPE_PROFILE_POINTS 4096

static const pb_param_def shapes_params[] = {
    {"shape", PB_PARAM_CHOICE, "sawtooth", 0, 0, "sawtooth|square|pulse",
     "sawtooth 2u-1; square: 1 for u < 0.3; pulse: 1 for u < 0.05 (u = phase in [0, 1))"},
    {"cycles", PB_PARAM_REAL, "20", 0.5, 1e6, NULL, "cycles in the window"},
    {"n", PB_PARAM_INT, "2048", 8, 1e8, NULL, "samples, sorted U(0, N); window T = N"},
    {"noise_frac", PB_PARAM_REAL, "0.1", 0, 100, NULL, "noise sigma as a share of the shape's RMS"},
    {"n_test", PB_PARAM_INT, "2048", 2, 1e7, NULL, "points in each test set"},
};

double pb_task_shapes_value(const char *shape, double u)
{
    if (strcmp(shape, "sawtooth") == 0)
        return 2.0 * u - 1.0;
    return u < (strcmp(shape, "square") == 0 ? 0.3 : 0.05) ? 1.0 : 0.0;
}

static void fill_shape(pb_sampleset *s, const char *shape, double f, double u0)
{
    for (size_t i = 0; i < s->n; i++) {
        double u = f * s->t[i] + u0;
        s->y[0][i] = pb_task_shapes_value(shape, u - floor(u));
    }
}

static int shapes_validate(const pb_task_type *self, const pb_params *p, char *err, size_t errlen)
{
    (void)self;
    double C = pb_params_real(p, "cycles"), N = (double)pb_params_int(p, "n");
    if (C / N > 0.5) {
        snprintf(err, errlen, "cycles=%g in a window of n=%g samples is above Nyquist (at most n/2)", C, N);
        return -1;
    }
    return 0;
}

static int shapes_generate(const pb_task_type *self, const pb_params *p, const char *key, pb_task_data *d, char *err,
                        size_t errlen)
{
    (void)self;
    const char *shape = pb_params_choice(p, "shape");
    size_t n = (size_t)pb_params_int(p, "n");
    double N = (double)n, f = pb_params_real(p, "cycles") / N;
    if (shapes_validate(self, p, err, errlen) != 0)
        return -1;
    gsl_rng *r = pb_taskgen_begin(d, key, "truth", 1, n, (size_t)pb_params_int(p, "n_test"), err, errlen);
    if (!r)
        return -1;
    double u0 = gsl_rng_uniform(r);
    gsl_rng *times = pb_rng_alloc(key, "train-times"), *noise = pb_rng_alloc(key, "noise");
    int ok = times && noise && pb_taskgen_test_times(key, d, 0.0, N, N, 2.0 * N, 0) == 0;
    if (ok) {
        pb_taskgen_random_times(times, d->train.t, n, 0.0, N);
        double profile[SHAPE_PROFILE_POINTS];
        for (size_t j = 0; j < SHAPE_PROFILE_POINTS; j++)
            profile[j] = pb_task_shapes_value(shape, (double)j / SHAPE_PROFILE_POINTS);
        double var = pb_values_variance(profile, SHAPE_PROFILE_POINTS);
        fill_shape(&d->train, shape, f, u0);
        fill_shape(&d->test_in, shape, f, u0);
        fill_shape(&d->test_out, shape, f, u0);
        double sigma = pb_params_real(p, "noise_frac") * sqrt(var);
        pb_taskgen_add_noise(noise, d->train.y[0], n, sigma);
        pb_component c = pb_taskgen_fundamental(profile, SHAPE_PROFILE_POINTS);
        c.freq = f;
        c.phase += 2.0 * M_PI * u0;
        pb_taskgen_set_truth(d, &c, 1, 0.0); /* no sinusoidal Cramer-Rao bound for a shape */
        d->noise_sigma = sigma;
    } else {
        snprintf(err, errlen, "out of memory");
    }
    gsl_rng_free(r);
    gsl_rng_free(times);
    gsl_rng_free(noise);
    d->prior = (pb_prior){0.0, 0.5, 0, 0.0};
    d->window_start = 0.0;
    d->window_end = N;
    d->score = PB_SCORE_NRMSE;
    return ok ? 0 : -1;
}

const pb_task_type pb_task_shapes = {
    "shapes", "sawtooth | square (duty 0.3) | pulse (duty 0.05), 20 cycles, 2048 irregular samples, noise 0.1 RMS",
    shapes_params, sizeof shapes_params / sizeof shapes_params[0], shapes_generate, shapes_validate, NULL, NULL, PB_SCORE_NRMSE, "non-sinusoidal shapes: sawtooth, square, pulse",
};
