#include "pb_extract.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pb_lsq.h"

#define EXTRACT_MAX 64
/* A residual whose RMS is below this share of the data's is rounding noise
 * (a noiseless signal already fitted): nothing more to extract. */
#define EXTRACT_NEGLIGIBLE_RMS 1e-7

pb_status pb_extract_components(const pb_series *train, size_t k, double fap_max, pb_extract_finder find, void *ctx,
                                pb_harmonic_model **model, pb_fit_report *report)
{
    size_t n = train->n;
    *model = NULL;
    if (k > EXTRACT_MAX)
        k = EXTRACT_MAX;
    pb_harmonic_model *hm = pb_harmonic_model_alloc(k);
    double *resid = malloc(n * sizeof *resid), freqs[EXTRACT_MAX];
    if (!hm || !resid) {
        free(resid);
        pb_harmonic_model_free(hm);
        snprintf(report->message, sizeof report->message, "out of memory");
        return PB_OUT_OF_MEMORY;
    }
    memcpy(resid, train->y, n * sizeof *resid);
    pb_status st = PB_OK;
    double data_rms = sqrt(pb_values_variance(train->y, n));
    for (size_t c = 0; c < k; c++) {
        double rms = sqrt(pb_values_variance(resid, n));
        if (rms == 0 || (c > 0 && rms < EXTRACT_NEGLIGIBLE_RMS * data_rms))
            break; /* nothing periodic left */
        pb_series r = {n, train->t, resid};
        double fap = NAN;
        if ((st = find(&r, ctx, &freqs[c], &fap, report)) != PB_OK)
            break;
        if (c > 0 && !(fap <= fap_max))
            break; /* not significant: the residual looks like noise */
        hm->k = c + 1;
        if (pb_lsq_fit(train, freqs, hm->k, hm->comp, &hm->offset, NULL) != 0) {
            snprintf(report->message, sizeof report->message,
                     "least squares failed with %zu components (frequencies too close?)", c + 1);
            st = PB_INTERNAL_ERROR;
            break;
        }
        pb_lsq_eval(hm->comp, hm->k, hm->offset, train->t, n, resid);
        for (size_t i = 0; i < n; i++)
            resid[i] = train->y[i] - resid[i];
    }
    free(resid);
    if (st == PB_OK && hm->k == 0) {
        snprintf(report->message, sizeof report->message, "constant series: no periodic component");
        st = PB_BAD_INPUT;
    }
    if (st != PB_OK) {
        pb_harmonic_model_free(hm);
        return st;
    }
    *model = hm;
    return PB_OK;
}
