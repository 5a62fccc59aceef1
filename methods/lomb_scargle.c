/* lomb-scargle: the generalized Lomb-Scargle periodogram (floating mean) for
 * any sampling, computed fast: the trigonometric sums by a non-uniform FFT
 * (pb_nufft, exponential-of-semicircle spreading, FFTW) on an automatic grid
 * over the prior band, the top peaks refined by Brent's method on the exact
 * power, the best kept; then offset, amplitude and phase by linear least
 * squares. Further components from the residual while they are significant
 * (false-alarm probability, Baluev 2008). With nterms > 1 the power and the
 * fit are those of nterms harmonics of each frequency (non-sinusoidal
 * shapes; for uniform times, harmonics below Nyquist only); a fundamental
 * f / j explains everything f does, so a multiple j f is preferred when it
 * explains nearly as much; Baluev's probability is for one term, so one
 * fundamental is fitted. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "support/pb_extract.h"
#include "spectral/pb_fap.h"
#include "spectral/pb_gls.h"
#include "spectral/pb_gls_harmonics.h"
#include "spectral/pb_grid.h"
#include "contract/pb_method.h"
#include "spectral/pb_peaks.h"
#include "spectral/pb_trend.h"

#define LS_MAX_CANDIDATES 32

static const pb_param_def lomb_scargle_params[] = {
    {"samples_per_peak", PB_PARAM_REAL, "5", 1, 1000, NULL, "grid step = 1 / (samples_per_peak * T), T = time span"},
    {"tol", PB_PARAM_REAL, PB_GLS_FAST_TOL_TEXT, 1e-15, 1e-3, NULL, "relative tolerance of the fast trigonometric sums"},
    {"candidates", PB_PARAM_INT, "3", 1, LS_MAX_CANDIDATES, NULL,
     "highest grid peaks refined on the exact power; the best refined peak wins"},
    {"components", PB_PARAM_INT, "8", 1, 16, NULL, "most sinusoids extracted one after another"},
    {"nterms", PB_PARAM_INT, "1", 1, PB_GLS_MAX_NTERMS, NULL,
     "harmonics of each frequency in the power and the fit (astropy's nterms); above 1, one fundamental"},
    {"fap_max", PB_PARAM_REAL, "1e-3", 0, 1, NULL,
     "a component after the first is kept only if its peak's false-alarm probability is at most this"},
    {"max_freqs", PB_PARAM_REAL, PB_GRID_MAX_FREQS_TEXT, 10, 1e9, NULL,
     "largest grid attempted (memory ~150 bytes per frequency); above it: unsupported"},
    {"trend", PB_PARAM_CHOICE, "none", 0, 0, PB_TREND_NAMES,
     "polynomial trend in the model beside the offset, fitted together with the sinusoids (in the power "
     "and in the least squares); nterms 1 only"},
};

typedef struct ls_search {
    const pb_prior *prior;
    const pb_params *params;
    pb_grid grid;
    double *power;
} ls_search;

/* With nterms = K, the model at f / j contains the one at f: the peak may
 * be a sub-multiple of the rhythm. The largest multiple j f (j <= K, within
 * the band) is taken instead when the f-model's extra columns (d = 2 (K -
 * floor(K / j)), those not in the j f model) explain no more than noise
 * would: a chi-square drop of at most d + 3 sqrt(2 d) residual variances. */
static double prefer_multiple(const ls_search *ls, const pb_gls_data *d, double f, double p, long *evals)
{
    int k = pb_glsh_terms_at(d, f);
    for (int j = k; j >= 2; j--) {
        double fj = (double)j * f;
        if (fj > ls->prior->fmax)
            continue;
        fj = pb_gls_refine_peak(d, fj, ls->grid.df, ls->prior->fmin, ls->prior->fmax, PB_GLS_REFINE_TOL, evals);
        double pj = pb_gls_power(d, fj), dof = 2.0 * (k - k / j);
        double noise = (dof + 3.0 * sqrt(2.0 * dof)) * (1.0 - pj) / ((double)d->n - 2.0 * k - 1.0);
        if (p - pj <= noise)
            return fj;
    }
    return f;
}

static pb_status find_peak(const pb_series *r, void *ctx, double *freq, double *fap, pb_fit_report *report)
{
    ls_search *ls = ctx;
    pb_gls_data d;
    int failed = pb_gls_data_init(&d, r) != 0 ||
                 pb_gls_data_trend(&d, pb_trend_degree_named(pb_params_choice(ls->params, "trend"))) != 0;
    d.nterms = pb_params_int(ls->params, "nterms");
    d.harmonic_fmax = ls->prior->uniform ? 0.5 / ls->prior->dt : INFINITY;
    if (failed ||
        pb_gls_power_fast(&d, ls->grid.f0, ls->grid.df, ls->grid.m, pb_params_real(ls->params, "tol"), ls->power)) {
        pb_gls_data_free(&d);
        snprintf(report->message, sizeof report->message, "out of memory");
        return PB_OUT_OF_MEMORY;
    }
    size_t idx[LS_MAX_CANDIDATES];
    size_t found = pb_peaks_top(ls->power, ls->grid.m, (size_t)pb_params_int(ls->params, "candidates"), idx);
    double best_f = ls->grid.f0, best_p = -1;
    for (size_t c = 0; c < found; c++) {
        double f = pb_gls_refine_peak(&d, ls->grid.f0 + (double)idx[c] * ls->grid.df, ls->grid.df, ls->prior->fmin,
                                      ls->prior->fmax, PB_GLS_REFINE_TOL, &report->evaluations);
        double p = pb_gls_power(&d, f);
        if (p > best_p) {
            best_p = p;
            best_f = f;
        }
    }
    if (d.nterms > 1)
        best_f = prefer_multiple(ls, &d, best_f, best_p, &report->evaluations);
    *freq = best_f;
    *fap = d.nterms == 1 ? pb_fap_baluev(best_p, ls->prior->fmax, r->t, r->n) : NAN;
    pb_gls_data_free(&d);
    report->iterations += (long)ls->grid.m;
    return PB_OK;
}

static pb_status lomb_scargle_fit(const pb_series *train, const pb_prior *prior, const pb_params *params,
                                  gsl_rng *rng, void **model, pb_fit_report *report)
{
    (void)rng;
    *model = NULL;
    if (pb_series_check(train, 4, report->message, sizeof report->message) != 0)
        return PB_BAD_INPUT;
    int nterms = pb_params_int(params, "nterms");
    if (train->n < 2 * (size_t)nterms + 2) {
        snprintf(report->message, sizeof report->message, "nterms %d needs at least %d points (got %zu)", nterms,
                 2 * nterms + 2, train->n);
        return PB_BAD_INPUT;
    }
    int trend = pb_trend_degree_named(pb_params_choice(params, "trend"));
    if (trend > 0 && nterms > 1) {
        snprintf(report->message, sizeof report->message, "trend %s with nterms %d: a trend is fitted with one term "
                 "only (nterms 1)", pb_params_choice(params, "trend"), nterms);
        return PB_UNSUPPORTED;
    }
    if (train->n < 2 * (size_t)nterms + 2 + (size_t)trend) {
        snprintf(report->message, sizeof report->message, "a %s trend and a sinusoid need at least %zu points (got "
                 "%zu)", pb_params_choice(params, "trend"), (size_t)(4 + trend), train->n);
        return PB_BAD_INPUT;
    }
    ls_search ls = {prior, params, {0, 0, 0}, NULL};
    int grid = pb_grid_auto(pb_series_time_span(train), pb_params_real(params, "samples_per_peak"), prior->fmin,
                            prior->fmax, &ls.grid);
    if (grid == -1) {
        snprintf(report->message, sizeof report->message, "prior band [%g, %g] is empty", prior->fmin, prior->fmax);
        return PB_BAD_INPUT;
    }
    double max_freqs = pb_params_real(params, "max_freqs");
    if (grid == -2 || (double)ls.grid.m > max_freqs) {
        snprintf(report->message, sizeof report->message,
                 "the grid needs %s%.3g frequencies (span %.3g, band up to %.3g) > max_freqs %.3g",
                 grid == -2 ? "more than " : "", grid == -2 ? 1e15 : (double)ls.grid.m, pb_series_time_span(train),
                 prior->fmax, max_freqs);
        return PB_UNSUPPORTED;
    }
    ls.power = malloc(ls.grid.m * sizeof *ls.power);
    if (!ls.power) {
        snprintf(report->message, sizeof report->message, "out of memory");
        return PB_OUT_OF_MEMORY;
    }
    pb_harmonic_model *hm = NULL;
    /* Harmonics at or above Nyquist of uniform times alias onto lower frequencies. */
    pb_extract_options eo = {(size_t)pb_params_int(params, "components"), (size_t)pb_params_int(params, "nterms"),
                             prior->uniform ? 0.5 / prior->dt : INFINITY, pb_params_real(params, "fap_max"), trend};
    pb_status st = pb_extract_components(train, &eo, find_peak, &ls, &hm, report);
    free(ls.power);
    if (st != PB_OK)
        return st;
    snprintf(report->message, sizeof report->message, "%zu component(s), grid %zu frequencies, strongest f = %.12g",
             hm->k, ls.grid.m, hm->comp[0].freq);
    *model = hm;
    return PB_OK;
}

const pb_method_type pb_method_lomb_scargle = {
    "lomb-scargle", "spectral",
    "generalized Lomb-Scargle by fast sums (non-uniform FFT), top peaks refined exactly, significant components",
    lomb_scargle_params, sizeof lomb_scargle_params / sizeof lomb_scargle_params[0],
    lomb_scargle_fit, pb_harmonic_model_predict, pb_harmonic_model_components, pb_harmonic_model_free,
    1, NULL /* validate */
};
