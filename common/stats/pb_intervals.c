#include "stats/pb_intervals.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "base/pb_rng.h"

void pb_wilson(size_t k, size_t n, double z, double *lo, double *hi)
{
    if (n == 0) {
        *lo = *hi = NAN;
        return;
    }
    double nn = (double)n, p = (double)k / nn, z2 = z * z;
    double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
    double half = z / (1 + z2 / nn) * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
    *lo = k == 0 ? 0.0 : fmax(0.0, centre - half); /* exact ends: no rounding below 0 or above 1 */
    *hi = k == n ? 1.0 : fmin(1.0, centre + half);
}

static double median_of(const double *x, size_t n, double *work)
{
    memcpy(work, x, n * sizeof *work);
    gsl_sort(work, 1, n);
    return gsl_stats_median_from_sorted_data(work, 1, n);
}

/* Root of the mean square, scaled so no square overflows. */
static double rms_of(const double *x, size_t n)
{
    double big = 0, ss = 0;
    for (size_t i = 0; i < n; i++)
        big = fmax(big, fabs(x[i]));
    for (size_t i = 0; i < n && big > 0; i++)
        ss += (x[i] / big) * (x[i] / big);
    return big > 0 ? big * sqrt(ss / (double)n) : 0.0;
}

double pb_statistic_of(pb_statistic s, const double *x, size_t n)
{
    if (s == PB_STAT_RMS)
        return rms_of(x, n);
    double *work = malloc(n * sizeof *work);
    double m = work ? median_of(x, n, work) : NAN;
    free(work);
    return m;
}

int pb_bootstrap(pb_statistic s, const double *x, size_t n, const char *key, double *lo, double *hi)
{
    *lo = *hi = NAN;
    if (n == 0)
        return 0;
    double *draw = malloc(n * sizeof *draw), *work = malloc(n * sizeof *work);
    double *stat = malloc(PB_BOOTSTRAP_RESAMPLES * sizeof *stat);
    gsl_rng *r = pb_rng_alloc(key, "bootstrap");
    int rc = draw && work && stat && r ? 0 : -1;
    for (size_t b = 0; rc == 0 && b < PB_BOOTSTRAP_RESAMPLES; b++) {
        for (size_t i = 0; i < n; i++)
            draw[i] = x[gsl_rng_uniform_int(r, n)];
        stat[b] = s == PB_STAT_RMS ? rms_of(draw, n) : median_of(draw, n, work);
    }
    if (rc == 0) {
        gsl_sort(stat, 1, PB_BOOTSTRAP_RESAMPLES);
        *lo = gsl_stats_quantile_from_sorted_data(stat, 1, PB_BOOTSTRAP_RESAMPLES, 0.025);
        *hi = gsl_stats_quantile_from_sorted_data(stat, 1, PB_BOOTSTRAP_RESAMPLES, 0.975);
    }
    gsl_rng_free(r);
    free(draw), free(work), free(stat);
    return rc;
}
