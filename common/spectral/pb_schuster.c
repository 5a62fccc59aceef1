#include "spectral/pb_schuster.h"

#include <stdlib.h>

#include "spectral/pb_nufft.h"

struct pb_schuster {
    size_t m;
    pb_nufft *plan;
    double *re, *im;
};

pb_schuster *pb_schuster_alloc(size_t m, double tol)
{
    pb_schuster *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->m = m;
    p->plan = pb_nufft_alloc(m, tol);
    p->re = malloc(2 * (m ? m : 1) * sizeof *p->re);
    if (!p->plan || !p->re) {
        pb_schuster_free(p);
        return NULL;
    }
    p->im = p->re + m;
    return p;
}

void pb_schuster_free(pb_schuster *p)
{
    if (!p)
        return;
    pb_nufft_free(p->plan);
    free(p->re);
    free(p);
}

int pb_schuster_power(pb_schuster *p, const pb_gls_data *d, double f0, double df, double *power)
{
    const double *coef[1] = {d->wy};
    double *re[1] = {p->re}, *im[1] = {p->im};
    if (pb_nufft_trig_sums(p->plan, d->t, d->n, 1.0, f0, df, coef, 1, re, im) != 0)
        return -1;
    double norm = (double)d->n * (d->yy > 0 ? d->yy : 1.0);
    for (size_t k = 0; k < p->m; k++)
        power[k] = (p->re[k] * p->re[k] + p->im[k] * p->im[k]) / norm;
    return 0;
}
