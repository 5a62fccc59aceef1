#include "spectral/pb_harmonic_model.h"

#include <stdlib.h>

#include "spectral/pb_lsq.h"

pb_harmonic_model *pb_harmonic_model_alloc(size_t k)
{
    pb_harmonic_model *m = calloc(1, sizeof(pb_harmonic_model) + k * sizeof(pb_component));
    if (m)
        m->trend = pb_trend_none();
    return m;
}

pb_status pb_harmonic_model_predict(const void *model, const double *t, size_t n, double *y)
{
    const pb_harmonic_model *m = model;
    pb_lsq_eval(m->comp, m->k, m->offset, t, n, y);
    if (m->trend.degree > 0)
        for (size_t i = 0; i < n; i++)
            y[i] += pb_trend_eval(&m->trend, t[i]);
    return PB_OK;
}

size_t pb_harmonic_model_components(const void *model, pb_component *out, size_t max)
{
    const pb_harmonic_model *m = model;
    size_t k = m->k < max ? m->k : max;
    for (size_t j = 0; j < k; j++)
        out[j] = m->comp[j];
    return k;
}

void pb_harmonic_model_free(void *model)
{
    free(model);
}
