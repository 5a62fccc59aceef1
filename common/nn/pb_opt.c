#include "nn/pb_opt.h"

#include <math.h>
#include <stdlib.h>

struct pb_opt {
    pb_opt_kind kind;
    size_t n;
    long t;
    double lr, momentum;
    double *m, *v; /* SGD: m = velocity; Adam: first and second moments */
};

pb_opt *pb_opt_alloc(pb_opt_kind kind, size_t n, double lr, double momentum)
{
    pb_opt *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    *o = (pb_opt){kind, n, 0, lr, momentum, calloc(n, sizeof(double)), calloc(n, sizeof(double))};
    if (!o->m || !o->v) {
        pb_opt_free(o);
        return NULL;
    }
    return o;
}

void pb_opt_free(pb_opt *o)
{
    if (!o)
        return;
    free(o->m);
    free(o->v);
    free(o);
}

void pb_opt_set_lr(pb_opt *o, double lr)
{
    o->lr = lr;
}

void pb_opt_step(pb_opt *o, double *p, const double *g, const unsigned char *trainable)
{
    o->t++;
    if (o->kind == PB_OPT_SGD) {
        for (size_t i = 0; i < o->n; i++) {
            double step = trainable && !trainable[i] ? 0.0 : 1.0;
            o->m[i] = o->momentum * o->m[i] + g[i];
            p[i] -= step * o->lr * o->m[i];
        }
        return;
    }
    const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
    double c1 = 1.0 - pow(b1, (double)o->t), c2 = 1.0 - pow(b2, (double)o->t);
    double a = o->lr / c1, s2 = 1.0 / sqrt(c2);
#pragma omp simd
    for (size_t i = 0; i < o->n; i++) {
        double step = trainable && !trainable[i] ? 0.0 : 1.0;
        o->m[i] = b1 * o->m[i] + (1.0 - b1) * g[i];
        o->v[i] = b2 * o->v[i] + (1.0 - b2) * g[i] * g[i];
        p[i] -= step * a * o->m[i] / (sqrt(o->v[i]) * s2 + eps);
    }
}
