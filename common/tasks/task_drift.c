/* drift: a tone whose frequency drifts linearly from f0 to f0 (1 + r) over
 * the window (a free-running rhythm); extrapolation continues the drift.
 * The truth scored for frequency recovery is the frequency at the middle of
 * the sampled span, t_c = (N - 1)/2 (the mean over the samples), with the
 * Cramer-Rao bound of the chirp model (every parameter unknown, rate too). */
#include <math.h>
#include <stdio.h>

#include "base/pb_rng.h"
#include "spectral/pb_crlb.h"
#include "tasks/pb_taskgen.h"
#include "tasks/pb_tasks.h"

static const pb_param_def drift_params[] = {
    {"f0", PB_PARAM_REAL, "0.02", 1e-6, 0.4, NULL, "starting frequency, cycles per sample"},
    {"drift", PB_PARAM_REAL, "0.2", -0.9, 1, NULL, "relative frequency change over the window"},
    {"n", PB_PARAM_INT, "2048", 8, 1e8, NULL, "samples N, uniform; window T = N"},
    {"snr_db", PB_PARAM_REAL, "10", -40, 200, NULL, "SNR, dB"},
    {"n_test", PB_PARAM_INT, "2048", 2, 1e7, NULL, "points in each test set"},
};

static void fill_chirp(pb_sampleset *s, double f0, double rate, double phi)
{
    for (size_t i = 0; i < s->n; i++) {
        double t = s->t[i];
        s->y[0][i] = cos(2.0 * M_PI * f0 * (t + 0.5 * rate * t * t) + phi);
    }
}

static int drift_validate(const pb_task_type *self, const pb_params *p, char *err, size_t errlen)
{
    (void)self;
    double f0 = pb_params_real(p, "f0"), r = pb_params_real(p, "drift");
    if (f0 * (1.0 + 2.0 * r) > 0.5 || 1.0 + 2.0 * r <= 0.0) {
        snprintf(err, errlen, "f0=%g with drift=%g leaves (0, 0.5] within the training and extrapolation windows",
                 f0, r);
        return -1;
    }
    return 0;
}

static int drift_generate(const pb_task_type *self, const pb_params *p, const char *key, pb_task_data *d, char *err,
                        size_t errlen)
{
    (void)self;
    size_t n = (size_t)pb_params_int(p, "n");
    double N = (double)n, f0 = pb_params_real(p, "f0"), r_drift = pb_params_real(p, "drift");
    double rate = r_drift / N; /* f(t) = f0 (1 + rate t) */
    if (drift_validate(self, p, err, errlen) != 0)
        return -1;
    gsl_rng *r = pb_taskgen_begin(d, key, "truth", 1, n, (size_t)pb_params_int(p, "n_test"), err, errlen);
    if (!r)
        return -1;
    double phi = 2.0 * M_PI * gsl_rng_uniform(r);
    gsl_rng_free(r);
    gsl_rng *noise = pb_rng_alloc(key, "noise");
    if (!noise || pb_taskgen_test_times(key, d, 0.0, N, N, 2.0 * N, 0) != 0) {
        gsl_rng_free(noise);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    pb_taskgen_uniform_times(d->train.t, n, 0.0, 1.0);
    fill_chirp(&d->train, f0, rate, phi);
    fill_chirp(&d->test_in, f0, rate, phi);
    fill_chirp(&d->test_out, f0, rate, phi);
    double sigma = pb_taskgen_sigma_for_snr(1.0, pb_params_real(p, "snr_db"));
    pb_taskgen_add_noise(noise, d->train.y[0], n, sigma);
    gsl_rng_free(noise);
    double tc = 0.5 * (N - 1.0), fc = f0 * (1.0 + rate * tc);
    pb_component c = {fc, 1.0, phi, 0};
    pb_taskgen_set_truth(d, &c, 1, 0.0);
    d->noise_sigma = sigma;
    double var_f, var_rate, phase_c = 2.0 * M_PI * f0 * (tc + 0.5 * rate * tc * tc) + phi;
    if (sigma > 0 && pb_crlb_chirp_var(sigma, 1.0, fc, f0 * rate, phase_c, tc, d->train.t, n, &var_f, &var_rate) == 0)
        d->truth[0].crlb_sd[0] = sqrt(var_f);
    d->prior = (pb_prior){0.0, 0.5, 1, 1.0};
    d->window_start = 0.0;
    d->window_end = N;
    d->score = PB_SCORE_NRMSE;
    return 0;
}

const pb_task_type pb_task_drift = {
    "drift", "a tone from 0.02 cycles/sample drifting linearly by +20% over N = 2048 uniform samples, 10 dB",
    drift_params, sizeof drift_params / sizeof drift_params[0], drift_generate, drift_validate, NULL, NULL, PB_SCORE_NRMSE, "a rhythm whose period drifts, continued past the window",
};
