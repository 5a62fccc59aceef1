#include "sgd/pb_landscape.h"

#include <stdlib.h>

#include "base/pb_sincos.h"

int pb_landscape_sin(const pb_series *s, double w0, double w1, size_t m, double *loss, double *grad)
{
    double *arg = malloc(s->n * sizeof *arg), *sn = malloc(s->n * sizeof *sn), *cs = malloc(s->n * sizeof *cs);
    if (!arg || !sn || !cs) {
        free(arg);
        free(sn);
        free(cs);
        return -1;
    }
    for (size_t j = 0; j < m; j++) {
        double w = w0 + (double)j * (w1 - w0) / (double)(m - 1), l = 0, g = 0;
        for (size_t i = 0; i < s->n; i++)
            arg[i] = w * s->t[i];
        pb_sincos_batch(arg, s->n, sn, cs);
        for (size_t i = 0; i < s->n; i++) {
            double r = sn[i] - s->y[i];
            l += r * r;
            g += 2.0 * r * cs[i] * s->t[i];
        }
        loss[j] = l / (double)s->n;
        grad[j] = g / (double)s->n;
    }
    free(arg);
    free(sn);
    free(cs);
    return 0;
}
