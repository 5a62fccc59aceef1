#include "harness/pb_baselines.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "harness/pb_metrics.h"
#include "registry.h"

static double nrmse_out_of(const pb_method_type *m, const pb_task_data *d)
{
    pb_series train = pb_task_train_series(d, 0);
    pb_fit_report report = {0};
    void *model = NULL;
    double *pred = malloc((d->test_out.n ? d->test_out.n : 1) * sizeof *pred);
    double score = NAN;
    /* Both baselines are deterministic: they draw nothing from a stream. */
    if (pred && pb_status_has_model(m->fit(&train, &d->prior, NULL, NULL, &model, &report)) && model &&
        m->predict(model, d->test_out.t, d->test_out.n, pred) == PB_OK)
        score = pb_metric_nrmse(pred, d->test_out.y[0], d->test_out.n);
    if (model)
        m->free_model(model);
    free(pred);
    return score;
}

const pb_method_type *const pb_baselines[PB_BASELINES_N] = {&pb_method_mean, &pb_method_seasonal_naive};

void pb_baselines_nrmse_out(const pb_task_data *d, double out[2])
{
    for (int b = 0; b < PB_BASELINES_N; b++)
        out[b] = nrmse_out_of(pb_baselines[b], d);
}

int pb_baselines_is_baseline(const char *method_name)
{
    for (int b = 0; b < PB_BASELINES_N; b++)
        if (strcmp(pb_baselines[b]->name, method_name) == 0)
            return 1;
    return 0;
}
