/* dwt-denoise: wavelet shrinkage ahead of the spectral estimate. The series
 * is denoised with GSL's discrete wavelet transform (pb_dwt: universal soft
 * threshold, noise level from the finest details), then the lomb-scargle
 * method runs on the denoised series; its model is the prediction. It asks
 * whether cleaning the data in the wavelet domain helps a frequency
 * estimator. Uniform sampling only (the DWT assumes it). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "wavelet/pb_dwt.h"
#include "contract/pb_method.h"

extern const pb_method_type pb_method_lomb_scargle;

static const pb_param_def dwt_denoise_params[] = {
    {"wavelet", PB_PARAM_CHOICE, "daubechies", 0, 0, PB_DWT_FAMILIES, "GSL wavelet family (centred)"},
    {"k", PB_PARAM_INT, "8", 2, 309, NULL,
     "family member: daubechies 4..20 even, haar 2, bspline 103, 105, 202, ..., 309"},
};

static pb_status dwt_denoise_fit(const pb_series *train, const pb_prior *prior, const pb_params *params,
                                 gsl_rng *rng, void **model, pb_fit_report *report)
{
    *model = NULL;
    if (pb_series_check(train, 8, report->message, sizeof report->message) != 0)
        return PB_BAD_INPUT;
    if (!(pb_series_uniform_step(train) > 0)) {
        snprintf(report->message, sizeof report->message, "needs uniform sampling (the discrete wavelet transform does)");
        return PB_UNSUPPORTED;
    }
    double *clean = malloc(train->n * sizeof *clean);
    if (!clean)
        return PB_OUT_OF_MEMORY;
    pb_dwt_report dr;
    const char *family = pb_params_choice(params, "wavelet");
    long k = pb_params_int(params, "k");
    int rc = pb_dwt_denoise(train->y, train->n, family, (size_t)k, clean, &dr);
    if (rc != 0) {
        free(clean);
        snprintf(report->message, sizeof report->message, rc == -1 ? "GSL has no %s wavelet with k = %ld" : "out of memory",
                 family, k);
        return rc == -1 ? PB_BAD_INPUT : PB_OUT_OF_MEMORY;
    }
    const pb_method_type *ls = &pb_method_lomb_scargle;
    pb_params *lp = pb_params_alloc(ls->params, ls->n_params);
    pb_series denoised = {train->n, train->t, clean, NULL};
    pb_status st = lp ? ls->fit(&denoised, prior, lp, rng, model, report) : PB_OUT_OF_MEMORY;
    pb_params_free(lp);
    free(clean);
    if (st == PB_OK) {
        char ls_message[PB_MESSAGE_MAX];
        snprintf(ls_message, sizeof ls_message, "%s", report->message);
        snprintf(report->message, sizeof report->message,
                 "noise sd %.4g, threshold %.4g, %zu of %zu details kept; then lomb-scargle: %.400s", dr.sigma,
                 dr.threshold, dr.kept, dr.coefficients, ls_message);
    }
    return st;
}

static int dwt_denoise_validate(const pb_params *params, char *err, size_t errlen)
{
    const char *family = pb_params_choice(params, "wavelet");
    long k = pb_params_int(params, "k");
    if (pb_dwt_exists(family, (size_t)k))
        return 0;
    snprintf(err, errlen, "GSL has no %s wavelet with k = %ld (daubechies 4..20 even, haar 2, bspline 103, 105, "
             "202, 204, 206, 208, 301, 303, 305, 307, 309)", family, k);
    return -1;
}

static pb_status dwt_denoise_predict(const void *model, const double *t, size_t n, double *y)
{
    return pb_method_lomb_scargle.predict(model, t, n, y);
}

static size_t dwt_denoise_components(const void *model, pb_component *out, size_t max)
{
    return pb_method_lomb_scargle.components(model, out, max);
}

static void dwt_denoise_free(void *model)
{
    pb_method_lomb_scargle.free_model(model);
}

const pb_method_type pb_method_dwt_denoise = {
    "dwt-denoise", "wavelet",
    "GSL discrete wavelet shrinkage (universal soft threshold), then lomb-scargle on the denoised series",
    dwt_denoise_params, sizeof dwt_denoise_params / sizeof dwt_denoise_params[0],
    dwt_denoise_fit, dwt_denoise_predict, dwt_denoise_components, dwt_denoise_free,
    0, dwt_denoise_validate
};
