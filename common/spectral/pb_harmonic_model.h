/* pb_harmonic_model: the fitted model most methods end with, an offset (and
 * a polynomial trend, when one was fitted jointly) plus a sum of sinusoids. Its predict, components and free functions have the
 * method-contract signatures, so a method can use them directly. */
#ifndef PB_HARMONIC_MODEL_H
#define PB_HARMONIC_MODEL_H

#include <stddef.h>

#include "base/pb_series.h"
#include "base/pb_status.h"
#include "spectral/pb_trend.h"

typedef struct pb_harmonic_model {
    double offset;
    pb_trend trend; /* its x and x^2 terms (coef[0] is 0: the offset holds the constant); degree -1: none */
    size_t k;
    pb_component comp[]; /* k entries */
} pb_harmonic_model;

/* A model with room for k components (zeroed, no trend); NULL on allocation failure. */
pb_harmonic_model *pb_harmonic_model_alloc(size_t k);
pb_status pb_harmonic_model_predict(const void *model, const double *t, size_t n, double *y);
size_t pb_harmonic_model_components(const void *model, pb_component *out, size_t max);
void pb_harmonic_model_free(void *model);

#endif
