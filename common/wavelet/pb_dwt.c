#include "wavelet/pb_dwt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_wavelet.h>

double pb_dwt_soft(double x, double t)
{
    double a = fabs(x) - t;
    return a > 0 ? copysign(a, x) : 0.0;
}

static const gsl_wavelet_type *family_named(const char *name)
{
    if (strcmp(name, "daubechies") == 0)
        return gsl_wavelet_daubechies_centered;
    if (strcmp(name, "haar") == 0)
        return gsl_wavelet_haar_centered;
    if (strcmp(name, "bspline") == 0)
        return gsl_wavelet_bspline_centered;
    return NULL;
}

int pb_dwt_exists(const char *family, size_t k)
{
    const gsl_wavelet_type *type = family ? family_named(family) : NULL;
    if (!type)
        return 0;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    gsl_wavelet *w = gsl_wavelet_alloc(type, k);
    gsl_set_error_handler(old);
    gsl_wavelet_free(w);
    return w != NULL;
}

/* Median absolute deviation about 0 of x[0..n) (x is reordered). */
static double median_abs(double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        x[i] = fabs(x[i]);
    gsl_sort(x, 1, n);
    return gsl_stats_median_from_sorted_data(x, 1, n);
}

int pb_dwt_denoise(const double *y, size_t n, const char *family, size_t k, double *out, pb_dwt_report *report)
{
    memset(report, 0, sizeof *report);
    const gsl_wavelet_type *type = family ? family_named(family) : NULL;
    if (!type || n < 4)
        return -1;
    size_t m = 1;
    while (m < n)
        m <<= 1;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    gsl_wavelet *w = gsl_wavelet_alloc(type, k);
    gsl_set_error_handler(old);
    if (!w)
        return -1;
    gsl_wavelet_workspace *ws = gsl_wavelet_workspace_alloc(m);
    double *x = malloc(m * sizeof *x), *finest = malloc(m / 2 * sizeof *finest);
    int rc = -2;
    if (!ws || !x || !finest)
        goto done;
    for (size_t i = 0; i < m; i++) { /* mirror (whole-sample symmetric) beyond the end: no jump at the seam */
        size_t j = i;
        while (j >= n)
            j = j >= 2 * n - 1 ? j - (2 * n - 2) : 2 * n - 2 - j;
        x[i] = y[j];
    }
    old = gsl_set_error_handler_off();
    int status = gsl_wavelet_transform_forward(w, x, 1, m, ws);
    gsl_set_error_handler(old);
    if (status != GSL_SUCCESS) {
        rc = -1;
        goto done;
    }
    /* Layout after the transform: x[0] scaling, level j details at [2^j, 2^(j+1)); finest at [m/2, m). */
    memcpy(finest, x + m / 2, m / 2 * sizeof *finest);
    report->sigma = median_abs(finest, m / 2) / 0.6745;
    report->threshold = report->sigma * sqrt(2.0 * log((double)n));
    report->coefficients = m - 1;
    for (size_t i = 1; i < m; i++) {
        x[i] = pb_dwt_soft(x[i], report->threshold);
        report->kept += x[i] != 0.0;
    }
    old = gsl_set_error_handler_off();
    status = gsl_wavelet_transform_inverse(w, x, 1, m, ws);
    gsl_set_error_handler(old);
    if (status != GSL_SUCCESS) {
        rc = -1;
        goto done;
    }
    memcpy(out, x, n * sizeof *out);
    rc = 0;
done:
    free(x);
    free(finest);
    gsl_wavelet_workspace_free(ws);
    gsl_wavelet_free(w);
    return rc;
}
