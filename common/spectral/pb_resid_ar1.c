#include "spectral/pb_resid_ar1.h"

#include <math.h>
#include <stdlib.h>

double pb_ar1_phi(const double *r, size_t n)
{
    if (n < 3)
        return 0;
    double num = 0, den = 0;
    for (size_t i = 0; i + 1 < n; i++)
        num += r[i] * r[i + 1];
    for (size_t i = 0; i < n; i++)
        den += r[i] * r[i];
    if (!(den > 0))
        return 0;
    double phi = num / den;
    return fmax(-PB_AR1_PHI_MAX, fmin(PB_AR1_PHI_MAX, phi));
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double pb_ar1_median_step(const double *t, size_t n)
{
    if (n < 2)
        return 0;
    double *d = malloc((n - 1) * sizeof *d);
    if (!d)
        return (t[n - 1] - t[0]) / (double)(n - 1); /* the mean step: close enough without memory */
    for (size_t i = 0; i + 1 < n; i++)
        d[i] = t[i + 1] - t[i];
    qsort(d, n - 1, sizeof *d, by_value);
    size_t m = n - 1;
    double med = m % 2 ? d[m / 2] : 0.5 * (d[m / 2 - 1] + d[m / 2]);
    free(d);
    return med;
}

double pb_ar1_se_factor(double phi, double f, double dt)
{
    if (phi == 0)
        return 1;
    double den = 1 - 2 * phi * cos(2 * M_PI * f * dt) + phi * phi;
    return sqrt((1 - phi * phi) / den);
}
