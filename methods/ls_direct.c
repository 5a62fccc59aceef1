/* ls-direct: the generalized Lomb-Scargle periodogram (floating mean) by
 * direct O(N M) sums over a grid in the prior band, the highest peak refined
 * by Brent's method on the exact power, then offset, amplitude and phase by
 * linear least squares. The exact reference for the faster spectral methods. */
#include <math.h>
#include <stdio.h>

#include "spectral/pb_gls.h"
#include "spectral/pb_grid.h"
#include "spectral/pb_harmonic_model.h"
#include "spectral/pb_lsq.h"
#include "contract/pb_method.h"

static const pb_param_def ls_direct_params[] = {
    {"samples_per_peak", PB_PARAM_REAL, "5", 1, 1000, NULL, "grid step = 1 / (samples_per_peak * T), T = time span"},
    {"max_ops", PB_PARAM_REAL, PB_GRID_MAX_EXACT_OPS_TEXT, 1, 1e15, NULL,
     "largest N * M (samples x grid frequencies) attempted; above it: unsupported"},
    {"refine_tol", PB_PARAM_REAL, "1e-13", 1e-16, 1e-2, NULL, "Brent's relative tolerance on the peak frequency"},
};

static pb_status ls_direct_fit(const pb_series *train, const pb_prior *prior, const pb_params *params, gsl_rng *rng,
                               void **model, pb_fit_report *report)
{
    (void)rng;
    *model = NULL;
    if (pb_series_check(train, 4, report->message, sizeof report->message) != 0)
        return PB_BAD_INPUT;
    pb_grid g;
    int grid = pb_grid_auto(pb_series_time_span(train), pb_params_real(params, "samples_per_peak"), prior->fmin,
                            prior->fmax, &g);
    if (grid == -1) {
        snprintf(report->message, sizeof report->message, "prior band [%g, %g] is empty", prior->fmin, prior->fmax);
        return PB_BAD_INPUT;
    }
    double m_real = grid == -2 ? INFINITY : (double)g.m, df = g.df, f_lo = g.f0, f_hi = prior->fmax;
    if (m_real * (double)train->n > pb_params_real(params, "max_ops")) {
        snprintf(report->message, sizeof report->message,
                 "exact search needs %.3g frequencies x %zu samples = %.3g > max_ops %.3g", m_real, train->n,
                 m_real * (double)train->n, pb_params_real(params, "max_ops"));
        return PB_UNSUPPORTED;
    }
    size_t m = (size_t)m_real, best_j = 0;
    double best_power = 0;
    pb_gls_data d;
    if (pb_gls_data_init(&d, train) != 0)
        return PB_OUT_OF_MEMORY;
    if (pb_gls_grid_argmax(&d, f_lo, df, m, &best_j, &best_power) != 0) {
        pb_gls_data_free(&d);
        return PB_OUT_OF_MEMORY;
    }
    long brent_iters = 0;
    double f = pb_gls_refine_peak(&d, f_lo + (double)best_j * df, df, f_lo, f_hi, pb_params_real(params, "refine_tol"), &brent_iters);
    double power = pb_gls_power(&d, f);
    pb_gls_data_free(&d);
    pb_harmonic_model *hm = pb_harmonic_model_alloc(1);
    if (!hm)
        return PB_OUT_OF_MEMORY;
    hm->k = 1;
    if (pb_lsq_fit(train, &f, 1, hm->comp, &hm->offset, NULL) != 0) {
        pb_harmonic_model_free(hm);
        snprintf(report->message, sizeof report->message, "least squares at f = %.17g failed", f);
        return PB_INTERNAL_ERROR;
    }
    report->iterations = (long)m + brent_iters;
    report->evaluations = (long)m + brent_iters;
    snprintf(report->message, sizeof report->message, "grid %zu frequencies, peak power %.6f at f = %.12g", m, power,
             f);
    *model = hm;
    return PB_OK;
}

const pb_method_type pb_method_ls_direct = {
    "ls-direct", "spectral",
    "generalized Lomb-Scargle by direct sums on a grid (5 per peak), peak refined, then linear least squares",
    ls_direct_params, sizeof ls_direct_params / sizeof ls_direct_params[0],
    ls_direct_fit, pb_harmonic_model_predict, pb_harmonic_model_components, pb_harmonic_model_free,
    1, NULL /* validate */
};
