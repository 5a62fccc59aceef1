/* periodogram: the FFT periodogram of a uniformly sampled series (FFTW,
 * zero padding, rectangular or Hann window for the coarse search), the
 * highest peak in the prior band, sub-bin interpolation (Candan 2011, or the
 * iterative Aboutanios-Mulgrew 2005 estimator), optionally polished to the
 * maximum of the exact power, then offset, amplitude and phase by linear
 * least squares. Several components by iterative extraction:
 * each next peak is sought in the residual of a joint fit of those found. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spectral/pb_fftspec.h"
#include "support/pb_extract.h"
#include "spectral/pb_fap.h"
#include "spectral/pb_gls.h"
#include "spectral/pb_harmonic_model.h"
#include "contract/pb_method.h"

#define PERIODOGRAM_MAX_COMPONENTS 16

static const pb_param_def periodogram_params[] = {
    {"pad", PB_PARAM_INT, "2", 1, 64, NULL, "zero padding: FFT length = pad * N"},
    {"window", PB_PARAM_CHOICE, "rect", 0, 0, "rect|hann", "window of the coarse peak search"},
    {"interp", PB_PARAM_CHOICE, "am", 0, 0, "none|candan|am",
     "sub-bin interpolation: none (grid peak), candan (three-bin, Candan 2011), am (Aboutanios-Mulgrew 2005)"},
    {"am_iterations", PB_PARAM_INT, "2", 1, 50, NULL, "iterations of the Aboutanios-Mulgrew estimator"},
    {"refine", PB_PARAM_CHOICE, "ml", 0, 0, "none|ml",
     "ml: polish the interpolated frequency to the maximum of the exact (Lomb-Scargle) power within +-1/(2T)"},
    {"components", PB_PARAM_INT, "8", 1, PERIODOGRAM_MAX_COMPONENTS, NULL,
     "most sinusoids extracted one after another (each from the residual of a joint fit)"},
    {"fap_max", PB_PARAM_REAL, "1e-3", 0, 1, NULL,
     "a component after the first is kept only if its peak's false-alarm probability (Baluev 2008) is at most this"},
};

/* Candan (2011): bias-corrected Jacobsen estimator on the three DFT bins
 * around nu (cycles per sample). */
static double interp_candan(const double *x, size_t n, double nu)
{
    double N = (double)n, k = nearbyint(nu * N);
    double r[3], i[3];
    for (int j = 0; j < 3; j++)
        pb_dft_at(x, n, (k + j - 1) / N, &r[j], &i[j]);
    /* Re[(X- - X+) / (2 X0 - X- - X+)] */
    double nr = r[0] - r[2], ni = i[0] - i[2];
    double dr = 2 * r[1] - r[0] - r[2], di = 2 * i[1] - i[0] - i[2];
    double den = dr * dr + di * di;
    if (den == 0)
        return nu;
    double delta = (nr * dr + ni * di) / den * tan(M_PI / N) / (M_PI / N);
    return (k + delta) / N;
}

/* Aboutanios & Mulgrew (2005): DFT at half a bin either side of the current
 * estimate; delta = Re[(X+ + X-) / (X+ - X-)] / 2 bins, iterated. */
static double interp_am(const double *x, size_t n, double nu, long iterations)
{
    double N = (double)n;
    for (long it = 0; it < iterations; it++) {
        double pr, pi, mr, mi;
        pb_dft_at(x, n, nu + 0.5 / N, &pr, &pi);
        pb_dft_at(x, n, nu - 0.5 / N, &mr, &mi);
        double nr = pr + mr, ni = pi + mi, dr = pr - mr, di = pi - mi, den = dr * dr + di * di;
        if (den == 0)
            break;
        nu += 0.5 * (nr * dr + ni * di) / den / N;
    }
    return nu;
}

/* The highest power at a bin inside [fmin, fmax]; -1 if none. */
static long band_argmax(const double *power, size_t bins, double bin_freq, double fmin, double fmax)
{
    long best = -1;
    for (size_t j = 1; j < bins; j++) {
        double f = (double)j * bin_freq;
        if (f >= fmin && f <= fmax && (best < 0 || power[j] > power[best]))
            best = (long)j;
    }
    return best;
}

typedef struct periodogram_search {
    const pb_prior *prior;
    const pb_params *params;
    pb_fftspec *spec;
    double *power, *x;
    size_t pad;
} periodogram_search;

/* The next frequency: FFT peak in the band, interpolated, optionally polished. */
static pb_status find_peak(const pb_series *r, void *ctx, double *freq, double *fap, pb_fit_report *report)
{
    periodogram_search *ps = ctx;
    size_t n = r->n;
    double dt = ps->prior->dt;
    pb_fftspec_power(ps->spec, r->y, ps->power);
    long j = band_argmax(ps->power, pb_fftspec_bins(ps->spec), 1.0 / ((double)(n * ps->pad) * dt), ps->prior->fmin,
                         ps->prior->fmax);
    if (j < 0) {
        snprintf(report->message, sizeof report->message, "no FFT bin inside the prior band [%g, %g]",
                 ps->prior->fmin, ps->prior->fmax);
        return PB_UNSUPPORTED;
    }
    double mean = 0, nu = (double)j / (double)(n * ps->pad);
    for (size_t i = 0; i < n; i++)
        mean += r->y[i] / (double)n;
    for (size_t i = 0; i < n; i++)
        ps->x[i] = r->y[i] - mean;
    const char *interp = pb_params_choice(ps->params, "interp");
    if (strcmp(interp, "candan") == 0)
        nu = interp_candan(ps->x, n, nu);
    else if (strcmp(interp, "am") == 0)
        nu = interp_am(ps->x, n, nu, pb_params_int(ps->params, "am_iterations"));
    *freq = nu / dt;
    pb_gls_data d;
    if (pb_gls_data_init(&d, r) != 0) {
        snprintf(report->message, sizeof report->message, "out of memory");
        return PB_OUT_OF_MEMORY;
    }
    if (strcmp(pb_params_choice(ps->params, "refine"), "ml") == 0)
        /* The interpolators are biased by the real signal's negative-frequency
         * image (badly near 0 and Nyquist); the exact power's maximum is not. */
        *freq = pb_gls_refine_peak(&d, *freq, 0.5 / ((double)n * dt), ps->prior->fmin, ps->prior->fmax,
                                   PB_GLS_REFINE_TOL, &report->evaluations);
    *fap = pb_fap_baluev(pb_gls_power(&d, *freq), ps->prior->fmax, r->t, n);
    pb_gls_data_free(&d);
    report->iterations++;
    return PB_OK;
}

static pb_status periodogram_fit(const pb_series *train, const pb_prior *prior, const pb_params *params,
                                 gsl_rng *rng, void **model, pb_fit_report *report)
{
    (void)rng;
    *model = NULL;
    if (pb_series_check(train, 4, report->message, sizeof report->message) != 0)
        return PB_BAD_INPUT;
    if (!prior->uniform || !pb_series_is_uniform(train, prior->dt, NULL)) {
        snprintf(report->message, sizeof report->message,
                 "needs uniformly sampled data (use lomb-scargle for irregular times)");
        return PB_UNSUPPORTED;
    }
    size_t n = train->n, pad = (size_t)pb_params_int(params, "pad");
    pb_window window = strcmp(pb_params_choice(params, "window"), "hann") == 0 ? PB_WINDOW_HANN : PB_WINDOW_RECT;
    periodogram_search ps = {prior, params, pb_fftspec_alloc(n, pad, window), NULL, malloc(n * sizeof(double)), pad};
    ps.power = ps.spec ? malloc(pb_fftspec_bins(ps.spec) * sizeof *ps.power) : NULL;
    pb_status st = PB_OUT_OF_MEMORY;
    pb_harmonic_model *hm = NULL;
    if (ps.spec && ps.power && ps.x)
    {
        pb_extract_options eo = {(size_t)pb_params_int(params, "components"), 1, INFINITY,
                                 pb_params_real(params, "fap_max"), 0};
        st = pb_extract_components(train, &eo, find_peak, &ps, &hm, report);
    }
    else
        snprintf(report->message, sizeof report->message, "out of memory");
    pb_fftspec_free(ps.spec);
    free(ps.power);
    free(ps.x);
    if (st != PB_OK)
        return st;
    snprintf(report->message, sizeof report->message, "%zu component(s), FFT length %zu, strongest at f = %.12g",
             hm->k, n * pad, hm->comp[0].freq);
    *model = hm;
    return PB_OK;
}

const pb_method_type pb_method_periodogram = {
    "periodogram", "spectral",
    "FFT periodogram (uniform sampling), peak, Aboutanios-Mulgrew interpolation, exact-power polish, least squares",
    periodogram_params, sizeof periodogram_params / sizeof periodogram_params[0],
    periodogram_fit, pb_harmonic_model_predict, pb_harmonic_model_components, pb_harmonic_model_free,
    0, NULL /* validate */
};
