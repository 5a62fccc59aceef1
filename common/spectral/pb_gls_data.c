#include "spectral/pb_gls_data.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int pb_gls_data_init(pb_gls_data *d, const pb_series *s)
{
    return pb_gls_data_init_weighted(d, s, s->dy);
}

int pb_gls_data_init_weighted(pb_gls_data *d, const pb_series *s, const double *dy)
{
    memset(d, 0, sizeof *d);
    size_t n = s->n, bytes = (n ? n : 1) * sizeof(double);
    d->n = n;
    d->nterms = 1;
    d->harmonic_fmax = INFINITY;
    d->t = malloc(bytes);
    d->y = malloc(bytes);
    d->w = malloc(bytes);
    d->wy = dy ? malloc(bytes) : d->y;
    if (!d->t || !d->y || !d->w || !d->wy) {
        pb_gls_data_free(d);
        return -1;
    }
    double wsum = 0;
    for (size_t i = 0; i < n; i++) {
        d->w[i] = dy ? 1.0 / (dy[i] * dy[i]) : 1.0;
        wsum += d->w[i];
    }
    double mean = 0, scale = (double)n / wsum;
    for (size_t i = 0; i < n; i++) {
        d->w[i] *= scale; /* mean 1: exactly 1 without errors */
        mean += d->w[i] * s->y[i];
    }
    mean /= (double)n;
    d->t_shift = s->t[0];
    for (size_t i = 0; i < n; i++) {
        d->t[i] = s->t[i] - d->t_shift;
        d->y[i] = s->y[i] - mean;
        if (dy)
            d->wy[i] = d->w[i] * d->y[i];
        d->yy += d->wy[i] * d->y[i];
    }
    d->yy /= (double)n;
    return 0;
}

void pb_gls_data_free(pb_gls_data *d)
{
    if (d->wy != d->y)
        free(d->wy);
    free(d->t);
    free(d->y);
    free(d->w);
    d->t = d->y = d->w = d->wy = NULL;
}

size_t pb_gls_ill_conditioned(const pb_gls_data *d, double f0, double df, size_t m)
{
    double span = d->n ? d->t[d->n - 1] : 0;
    size_t k = 0;
    while (k < m && (f0 + (double)k * df) * span < 0.5)
        k++;
    return k;
}
