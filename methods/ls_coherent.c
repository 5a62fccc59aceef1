/* ls-coherent: the phase-coherent period search of pb_coherent (a cheap
 * full-band periodogram on a first stretch, then the baseline extended
 * stage by stage while the phase stays unambiguous), then offset,
 * amplitude and phase by linear least squares: one sinusoid. */
#include <math.h>
#include <stdio.h>

#include "longbaseline/pb_coherent_params.h"
#include "spectral/pb_harmonic_model.h"
#include "spectral/pb_lsq.h"
#include "contract/pb_method.h"

static const pb_param_def ls_coherent_params[] = {PB_COHERENT_PARAM_DEFS};

/* "n1/span1 -> n2/span2 -> ...: f = ..., sigma = ..." */
static void describe_stages(const pb_coherent_result *r, char *buf, size_t len)
{
    size_t used = (size_t)snprintf(buf, len, "%zu stages (points/span:", r->n_stages);
    for (size_t i = 0; i < r->n_stages && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, " %zu/%.3g", r->stage[i].n, r->stage[i].span);
    if (used < len)
        snprintf(buf + used, len - used, "), f = %.15g +- %.3g", r->freq, r->sigma);
}

static pb_status ls_coherent_fit(const pb_series *train, const pb_prior *prior, const pb_params *params,
                                 gsl_rng *rng, void **model, pb_fit_report *report)
{
    (void)rng;
    *model = NULL;
    if (pb_series_check(train, 4, report->message, sizeof report->message) != 0)
        return PB_BAD_INPUT;
    pb_coherent_result r;
    pb_status searched = pb_coherent_search_params(train, prior, params, &r, report->message, sizeof report->message);
    if (searched != PB_OK)
        return searched;
    pb_harmonic_model *hm = pb_harmonic_model_alloc(1);
    if (!hm) {
        snprintf(report->message, sizeof report->message, "out of memory");
        return PB_OUT_OF_MEMORY;
    }
    hm->k = 1;
    if (pb_lsq_fit(train, &r.freq, 1, hm->comp, &hm->offset, NULL) != 0) {
        pb_harmonic_model_free(hm);
        snprintf(report->message, sizeof report->message, "least squares at f = %.17g failed", r.freq);
        return PB_INTERNAL_ERROR;
    }
    hm->comp[0].freq_se = r.sigma; /* the last stage's standard error, reported with the estimate */
    report->iterations = (long)r.n_stages;
    report->evaluations = r.evaluations;
    describe_stages(&r, report->message, sizeof report->message);
    *model = hm;
    return PB_OK;
}

const pb_method_type pb_method_ls_coherent = {
    "ls-coherent", "spectral",
    "phase-coherent search: periodogram of a first stretch, baseline extended while the phase stays unambiguous",
    ls_coherent_params, sizeof ls_coherent_params / sizeof ls_coherent_params[0],
    ls_coherent_fit, pb_harmonic_model_predict, pb_harmonic_model_components, pb_harmonic_model_free,
    0, NULL /* validate */
};
