/* chirp: one linear chirp (a rhythm whose frequency drifts at a constant
 * rate) plus an offset. The search is the dechirped periodogram
 * (pb_chirp_search: for each rate of a grid, demodulate the quadratic
 * phase and take the FFT peak in the band); the refinement is nonlinear
 * least squares on offset, amplitudes, frequency and rate (pb_chirp_fit).
 * A tone is fitted too, from the rate-0 row's peak, and the rate is kept
 * only if it pays for itself by BIC (n ln(RSS_tone / RSS_chirp) > ln n):
 * on a tone it is 0, and the frequency as precise as a tone fit's. Uniform
 * sampling only (the dechirped transform is an FFT); otherwise unsupported. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "contract/pb_method.h"
#include "nlls/pb_chirp_fit.h"
#include "spectral/pb_chirp_search.h"

static const pb_param_def chirp_params[] = {
    {"max_cells", PB_PARAM_REAL, "3.3554432e7", 1e4, 1e10, NULL,
     "most rates x FFT length in the search (rates spaced 0.5/T^2 over |rate| <= band/T; fewer: that range "
     "shrinks, and the message says so)"},
    {"max_iter", PB_PARAM_INT, "200", 1, 1e6, NULL, "trust-region iterations per fit"},
};

static pb_status chirp_predict(const void *model, const double *t, size_t n, double *y)
{
    pb_chirp_eval(model, t, n, y);
    return PB_OK;
}

/* The frequency at the middle of the span (the mean over the window),
 * amplitude and phase there, as one component. */
static size_t chirp_components(const void *model, pb_component *out, size_t max)
{
    const pb_chirp_model *m = model;
    if (max < 1)
        return 0;
    double phase_mid = atan2(-m->b, m->a); /* a cos + b sin = A cos(theta + phi) */
    double phase0 = phase_mid - 2.0 * M_PI * m->freq * m->t_mid;
    out[0] = (pb_component){m->freq, hypot(m->a, m->b), remainder(phase0, 2.0 * M_PI), m->freq_se};
    return 1;
}

static void chirp_free(void *model)
{
    free(model);
}

static pb_status chirp_fit(const pb_series *train, const pb_prior *prior, const pb_params *params, gsl_rng *rng,
                           void **model, pb_fit_report *report)
{
    (void)rng;
    *model = NULL;
    if (pb_series_check(train, 8, report->message, sizeof report->message))
        return PB_BAD_INPUT;
    if (!prior->uniform) {
        snprintf(report->message, sizeof report->message,
                 "uniform sampling only: the dechirped periodogram is an FFT (this series is not uniform)");
        return PB_UNSUPPORTED;
    }
    double fmin = fmax(prior->fmin, 1.0 / ((double)train->n * prior->dt)), fmax_ = prior->fmax;
    pb_chirp_peak peak;
    if (pb_chirp_search(train, prior->dt, fmin, fmax_, pb_params_real(params, "max_cells"), &peak) != 0) {
        snprintf(report->message, sizeof report->message, "the dechirped search failed (empty band or no memory)");
        return PB_BAD_INPUT;
    }
    size_t max_iter = (size_t)pb_params_int(params, "max_iter");
    pb_chirp_model tone, chirp, *m = malloc(sizeof *m);
    int tone_rc = pb_chirp_fit(train, peak.tone_freq, 0.0, 0, max_iter, &tone);
    int chirp_rc = pb_chirp_fit(train, peak.freq, peak.rate, 1, max_iter, &chirp);
    if (!m || (tone_rc != 0 && chirp_rc != 0)) {
        free(m);
        snprintf(report->message, sizeof report->message, "the chirp and tone fits are degenerate");
        return tone_rc == -2 || chirp_rc == -2 || !m ? PB_OUT_OF_MEMORY : PB_BAD_INPUT;
    }
    double n = (double)train->n;
    int keep_rate = chirp_rc == 0 && (tone_rc != 0 || (chirp.rss > 0 && n * log(tone.rss / chirp.rss) > log(n)));
    *m = keep_rate ? chirp : tone;
    report->iterations = (long)peak.n_rates + tone.iterations + chirp.iterations;
    snprintf(report->message, sizeof report->message,
             "%s: f = %.10g +- %.3g at the middle, rate = %.6g +- %.3g per unit^2 (search: %zu rates, |rate| <= "
             "%.3g%s); rms residual %.4g",
             keep_rate ? "chirp (the rate pays for itself by BIC)" : "tone (a rate does not pay for itself by BIC)",
             m->freq, m->freq_se, m->rate, m->rate_se, peak.n_rates, peak.rate_max,
             peak.range_cut ? ", cut by max_cells" : "", sqrt(m->rss / n));
    *model = m;
    return m->converged ? PB_OK : PB_NO_CONVERGENCE;
}

const pb_method_type pb_method_chirp = {
    "chirp", "nlls",
    "one linear chirp: dechirped periodogram over a rate grid, then nonlinear least squares on frequency and rate",
    chirp_params, sizeof chirp_params / sizeof chirp_params[0],
    chirp_fit, chirp_predict, chirp_components, chirp_free,
    0, NULL /* validate */
};
