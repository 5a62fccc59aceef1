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

/* The coefficient of v on u under the weights (wu = w u, sum w u^2 = n). */
static double coefficient_on(const pb_gls_data *d, const double *wu, double *v)
{
    double dot = 0;
    for (size_t i = 0; i < d->n; i++)
        dot += wu[i] * v[i];
    dot /= (double)d->n;
    return dot;
}

int pb_gls_data_trend(pb_gls_data *d, int degree)
{
    if (degree < 0 || degree > 2)
        return -1;
    if (degree == 0)
        return 0;
    size_t n = d->n;
    double span = n ? d->t[n - 1] - d->t[0] : 0, half = span > 0 ? 0.5 * span : 1, mid = n ? d->t[0] + 0.5 * span : 0;
    double *q = malloc((n ? n : 1) * sizeof *q);
    if (!q)
        return -1;
    if (d->wy == d->y) { /* unweighted: wy shares y's memory; y is about to change */
        if (!(d->wy = malloc((n ? n : 1) * sizeof *d->wy))) {
            d->wy = d->y;
            free(q);
            return -1;
        }
    }
    int rc = 0;
    for (int j = 0; j < degree && rc == 0; j++) {
        /* x^(j+1) made orthogonal to 1, q_1 .. q_j by Gram-Schmidt (twice, for rounding), then normalised. */
        for (size_t i = 0; i < n; i++)
            q[i] = pow((d->t[i] - mid) / half, j + 1);
        for (int pass = 0; pass < 2; pass++) {
            double mean = 0;
            for (size_t i = 0; i < n; i++)
                mean += d->w[i] * q[i];
            mean /= (double)n;
            for (size_t i = 0; i < n; i++)
                q[i] -= mean;
            for (int l = 0; l < j; l++) {
                double c = coefficient_on(d, d->wq[l], q);
                for (size_t i = 0; i < n; i++)
                    q[i] -= c * d->wq[l][i] / d->w[i];
            }
        }
        double norm = 0;
        for (size_t i = 0; i < n; i++)
            norm += d->w[i] * q[i] * q[i];
        norm = sqrt(norm / (double)n);
        if (!(norm > 0) || !(d->wq[j] = malloc((n ? n : 1) * sizeof *d->wq[j]))) {
            rc = -1;
            break;
        }
        for (size_t i = 0; i < n; i++)
            d->wq[j][i] = d->w[i] * q[i] / norm;
        d->trend_degree = j + 1;
        /* y loses its projection on q_j (already centred on the constant) */
        double c = coefficient_on(d, d->wq[j], d->y);
        for (size_t i = 0; i < n; i++)
            d->y[i] -= c * q[i] / norm;
    }
    free(q);
    if (d->wy != d->y) {
        d->yy = 0;
        for (size_t i = 0; i < n; i++) {
            d->wy[i] = d->w[i] * d->y[i];
            d->yy += d->wy[i] * d->y[i];
        }
        d->yy /= (double)n;
    }
    return rc;
}

void pb_gls_data_free(pb_gls_data *d)
{
    free(d->wq[0]);
    free(d->wq[1]);
    d->wq[0] = d->wq[1] = NULL;
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
    while (k < m && (f0 + (double)k * df) * span < 0.5 + d->trend_degree)
        k++;
    return k;
}
