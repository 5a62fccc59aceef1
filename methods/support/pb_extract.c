#include "support/pb_extract.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spectral/pb_lsq.h"

#define EXTRACT_MAX 64
/* A residual whose RMS is below this share of the data's is rounding noise
 * (a noiseless signal already fitted): nothing more to extract. */
#define EXTRACT_NEGLIGIBLE_RMS 1e-7

/* Fits the fundamentals f[0..k), each with its harmonics up to h below
 * fmax, jointly into hm. Returns pb_lsq_fit's status. */
static int fit_harmonics(const pb_series *train, const double *f, size_t k, size_t h, double fmax, int trend_degree,
                         pb_harmonic_model *hm)
{
    double freqs[EXTRACT_MAX];
    size_t used = 0;
    for (size_t c = 0; c < k; c++)
        for (size_t j = 0; j < h && (j == 0 || (double)(j + 1) * f[c] < fmax); j++)
            freqs[used++] = (double)(j + 1) * f[c];
    pb_trend trend = pb_trend_scaled_to(train->t, train->n, trend_degree);
    if (pb_lsq_fit_trend(train, freqs, used, &trend, hm->comp, &hm->offset, NULL) != 0)
        return -1;
    hm->trend = trend_degree > 0 ? trend : pb_trend_none();
    hm->k = used;
    return 0;
}

pb_status pb_extract_components(const pb_series *train, const pb_extract_options *opt, pb_extract_finder find,
                                void *ctx, pb_harmonic_model **model, pb_fit_report *report)
{
    size_t n = train->n, h = opt->harmonics ? opt->harmonics : 1, k = opt->components;
    *model = NULL;
    if (k * h > EXTRACT_MAX)
        k = EXTRACT_MAX / h;
    pb_harmonic_model *hm = pb_harmonic_model_alloc(k * h);
    double *resid = malloc(n * sizeof *resid), fundamentals[EXTRACT_MAX];
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
        pb_series r = {n, train->t, resid, train->dy};
        double fap = NAN;
        if ((st = find(&r, ctx, &fundamentals[c], &fap, report)) != PB_OK)
            break;
        if (c > 0 && !(fap <= opt->fap_max))
            break; /* not significant: the residual looks like noise */
        if (fit_harmonics(train, fundamentals, c + 1, h, opt->harmonic_fmax, opt->trend_degree, hm) != 0) {
            snprintf(report->message, sizeof report->message,
                     "least squares failed with %zu components (frequencies too close?)", c + 1);
            st = PB_INTERNAL_ERROR;
            break;
        }
        pb_harmonic_model_predict(hm, train->t, n, resid);
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
