#include "spectral/pb_grid.h"

#include <math.h>

int pb_grid_auto(double span, double samples_per_peak, double fmin, double fmax, pb_grid *g)
{
    if (!(span > 0) || !(samples_per_peak > 0))
        return -1;
    g->df = 1.0 / (samples_per_peak * span);
    g->f0 = fmin > 0 ? fmin : g->df;
    g->m = 0;
    if (!(fmax >= g->f0))
        return -1;
    double count = floor((fmax - g->f0) / g->df) + 1;
    if (!(count <= 1e15))
        return -2;
    g->m = (size_t)count;
    return 0;
}

int pb_grid_fixed(double fmin, double fmax, size_t m, pb_grid *g)
{
    if (m < 2 || !(fmin < fmax))
        return -1;
    g->f0 = fmin;
    g->df = (fmax - fmin) / (double)(m - 1);
    g->m = m;
    return 0;
}
