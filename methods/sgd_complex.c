/* sgd-complex: frequency estimation by gradient descent on the complex
 * exponential surrogate of Hayes, Saitis & Fazekas ("Sinusoidal frequency
 * estimation by gradient descent", ICASSP 2023), as their reference code
 * runs it: the model is the damped sinusoid s_n = Re(z^n), z complex, from
 * a random start (arg z ~ U(0, pi), |z| ~ U(0.1, 1)); the loss is the mean
 * squared difference of the FFT magnitudes (orthonormal rfft) of s and of
 * the mean-removed series, so it ignores phase and a damped z's broad
 * spectrum reaches the target's peak from afar; Adam steps z. The
 * frequency is arg z; amplitude, phase and offset then come from linear
 * least squares at that frequency (they estimate the amplitude apart too).
 * Uniform sampling only. */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fftw3.h> /* after complex.h: fftw_complex is double complex */

#include "spectral/pb_harmonic_model.h"
#include "spectral/pb_lsq.h"
#include "contract/pb_method.h"
#include "nn/pb_opt.h"

static const pb_param_def sgd_complex_params[] = {
    {"steps", PB_PARAM_INT, "20000", 1, 1e9, NULL, "Adam steps, each on the whole series"},
    {"lr", PB_PARAM_REAL, "3e-3", 0, 10, NULL, "initial learning rate (cosine decay to 0 over the steps)"},
    {"max_n", PB_PARAM_REAL, "65536", 16, 1e8, NULL, "longest series attempted (two FFTs per step); above: unsupported"},
};

/* The loss's state: the target's FFT magnitudes, the FFTW plans, and the
 * powers z^i of the current step (reused by the gradient). */
typedef struct spectral_loss {
    size_t n, half;
    double *x, *target_mag;
    double complex *pw;
    fftw_complex *spec;
    fftw_plan fwd, adj;
} spectral_loss;

static void spectral_loss_free(spectral_loss *L)
{
    if (L->fwd)
        fftw_destroy_plan(L->fwd);
    if (L->adj)
        fftw_destroy_plan(L->adj);
    fftw_free(L->x);
    fftw_free(L->spec);
    free(L->target_mag);
    free(L->pw);
}

static int spectral_loss_init(spectral_loss *L, const double *y, size_t n)
{
    memset(L, 0, sizeof *L);
    L->n = n;
    L->half = n / 2 + 1;
    L->x = fftw_malloc(n * sizeof *L->x);
    L->spec = fftw_malloc(L->half * sizeof *L->spec);
    L->target_mag = malloc(L->half * sizeof *L->target_mag);
    L->pw = malloc(n * sizeof *L->pw);
    if (!L->x || !L->spec || !L->target_mag || !L->pw)
        return -1;
    L->fwd = fftw_plan_dft_r2c_1d((int)n, L->x, L->spec, FFTW_ESTIMATE);
    L->adj = fftw_plan_dft_c2r_1d((int)n, L->spec, L->x, FFTW_ESTIMATE);
    if (!L->fwd || !L->adj)
        return -1;
    double mean = 0;
    for (size_t i = 0; i < n; i++)
        mean += y[i] / (double)n;
    for (size_t i = 0; i < n; i++)
        L->x[i] = y[i] - mean;
    fftw_execute(L->fwd);
    for (size_t k = 0; k < L->half; k++)
        L->target_mag[k] = cabs(L->spec[k]) / sqrt((double)n);
    return 0;
}

/* Loss of s_n = Re(z^n) and its gradient (d/d Re z, d/d Im z). */
static double spectral_loss_grad(spectral_loss *L, double complex z, double g[2])
{
    size_t n = L->n, half = L->half;
    double complex pw = 1.0;
    for (size_t i = 0; i < n; i++, pw *= z) {
        L->pw[i] = pw;
        L->x[i] = creal(pw);
    }
    fftw_execute(L->fwd);
    double loss = 0, rn = 1.0 / sqrt((double)n);
    for (size_t k = 0; k < half; k++) { /* dL/dP_k as Re + i Im, then halved where c2r doubles */
        double complex p = L->spec[k] * rn;
        double mag = cabs(p), d = mag - L->target_mag[k];
        loss += d * d;
        double complex gk = mag > 0 ? 2.0 * d / (double)half * p / mag : 0.0;
        L->spec[k] = (k == 0 || 2 * k == n) ? gk : 0.5 * gk;
    }
    fftw_execute(L->adj); /* x_i = dL/ds_i * sqrt(n) */
    g[0] = g[1] = 0;
    for (size_t i = 1; i < n; i++) {
        double ds = L->x[i] * rn;
        double complex dz = (double)i * L->pw[i - 1]; /* d z^i / dz */
        g[0] += ds * creal(dz);
        g[1] -= ds * cimag(dz);
    }
    return loss / (double)half;
}

static pb_status sgd_complex_fit(const pb_series *train, const pb_prior *prior, const pb_params *params, gsl_rng *rng,
                                 void **model, pb_fit_report *report)
{
    (void)prior;
    *model = NULL;
    if (pb_series_check(train, 8, report->message, sizeof report->message) != 0)
        return PB_BAD_INPUT;
    double dt = pb_series_uniform_step(train);
    if (!(dt > 0)) {
        snprintf(report->message, sizeof report->message, "needs uniform sampling (the model is indexed by sample)");
        return PB_UNSUPPORTED;
    }
    if ((double)train->n > pb_params_real(params, "max_n")) {
        snprintf(report->message, sizeof report->message, "%zu samples > max_n %.6g", train->n,
                 pb_params_real(params, "max_n"));
        return PB_UNSUPPORTED;
    }
    spectral_loss L;
    double p[2];
    pb_opt *opt = pb_opt_alloc(PB_OPT_ADAM, 2, pb_params_real(params, "lr"), 0.0);
    pb_harmonic_model *hm = pb_harmonic_model_alloc(1);
    if (spectral_loss_init(&L, train->y, train->n) != 0 || !opt || !hm) {
        spectral_loss_free(&L);
        pb_opt_free(opt);
        pb_harmonic_model_free(hm);
        return PB_OUT_OF_MEMORY;
    }
    double theta0 = M_PI * gsl_rng_uniform(rng), r0 = 0.1 + 0.9 * gsl_rng_uniform(rng);
    p[0] = r0 * cos(theta0);
    p[1] = r0 * sin(theta0);
    long steps = pb_params_int(params, "steps");
    double lr = pb_params_real(params, "lr");
    double g[2], loss = NAN;
    for (long s = 0; s < steps; s++) {
        loss = spectral_loss_grad(&L, p[0] + I * p[1], g);
        if (!isfinite(loss))
            break;
        /* cosine decay: large steps while the damped spectrum is broad, small ones to settle on the peak */
        pb_opt_set_lr(opt, lr * 0.5 * (1.0 + cos(M_PI * (double)s / (double)steps)));
        pb_opt_step(opt, p, g, NULL);
        double r = hypot(p[0], p[1]);
        if (r > 1.0) { /* |z| <= 1: a growing exponential would overflow on long series */
            p[0] /= r;
            p[1] /= r;
        }
    }
    spectral_loss_free(&L);
    pb_opt_free(opt);
    report->iterations = steps;
    report->evaluations = steps;
    double f = fabs(atan2(p[1], p[0])) / (2.0 * M_PI * dt), span = pb_series_time_span(train);
    /* Below half a cycle per window a sinusoid and the offset are nearly the same column: least
     * squares would trade huge opposite amplitudes. Then the model is the mean alone. */
    int degenerate = f * span < 0.5;
    double f_fit = degenerate ? 0.0 : f;
    if (!isfinite(loss) || pb_lsq_fit(train, &f_fit, degenerate ? 0 : 1, hm->comp, &hm->offset, NULL) != 0) {
        pb_harmonic_model_free(hm);
        snprintf(report->message, sizeof report->message, "the loss became non-finite, or no fit at f = %g", f);
        return PB_DIVERGED;
    }
    hm->k = degenerate ? 0 : 1;
    snprintf(report->message, sizeof report->message, "start f = %.6g, |z| = %.3g; final f = %.9g, |z| = %.6f, loss %.3g%s",
             theta0 / (2.0 * M_PI * dt), r0, f, hypot(p[0], p[1]), loss,
             degenerate ? "; under half a cycle per window: the model is the mean" : "");
    *model = hm;
    return PB_OK;
}

const pb_method_type pb_method_sgd_complex = {
    "sgd-complex", "sgd",
    "gradient descent on the damped complex sinusoid Re(z^n) with an FFT-magnitude loss (Hayes et al. 2023)",
    sgd_complex_params, sizeof sgd_complex_params / sizeof sgd_complex_params[0],
    sgd_complex_fit, pb_harmonic_model_predict, pb_harmonic_model_components, pb_harmonic_model_free,
    0, NULL /* validate */
};
