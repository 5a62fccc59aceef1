/* mean: the training mean, everywhere. The baseline of doing nothing: a
 * method that predicts no better has learnt nothing of the series. */
#include <stdlib.h>

#include "contract/pb_method.h"

typedef struct mean_model {
    double mean;
} mean_model;

static pb_status mean_fit(const pb_series *train, const pb_prior *prior, const pb_params *params, gsl_rng *rng,
                          void **model, pb_fit_report *report)
{
    (void)prior;
    (void)params;
    (void)rng;
    *model = NULL;
    if (pb_series_check(train, 1, report->message, sizeof report->message) != 0)
        return PB_BAD_INPUT;
    mean_model *m = malloc(sizeof *m);
    if (!m)
        return PB_OUT_OF_MEMORY;
    /* Compensated (Kahan) sum: a long series of large values keeps its mean. */
    double sum = 0, c = 0;
    for (size_t i = 0; i < train->n; i++) {
        double yk = train->y[i] - c, t = sum + yk;
        c = (t - sum) - yk;
        sum = t;
    }
    m->mean = sum / (double)train->n;
    *model = m;
    return PB_OK;
}

static pb_status mean_predict(const void *model, const double *t, size_t n, double *y)
{
    (void)t;
    const mean_model *m = model;
    for (size_t i = 0; i < n; i++)
        y[i] = m->mean;
    return PB_OK;
}

const pb_method_type pb_method_mean = {
    "mean", "baseline", "the training mean at every time: the baseline of doing nothing",
    NULL, 0, mean_fit, mean_predict, NULL, free, 0, NULL /* validate */
};
