#include "helpers/gls_reference.h"

#include <criterion/criterion.h>
#include <math.h>
#include <gsl/gsl_multifit.h>

void pb_test_formula_series(double *t, double *y, double *dy)
{
    for (int i = 0; i < PB_TEST_FORMULA_N; i++) {
        t[i] = i + 0.3 * sin(i);
        y[i] = sin(2 * M_PI * 0.1 * t[i]) + 0.5 * cos(1.7 * i) + 0.2 * i / (double)PB_TEST_FORMULA_N;
        dy[i] = 0.5 + 0.4 * sin(3.0 * i) * sin(3.0 * i);
    }
}

void pb_test_formula_data(pb_gls_data *d, int weighted)
{
    double t[PB_TEST_FORMULA_N], y[PB_TEST_FORMULA_N], dy[PB_TEST_FORMULA_N];
    pb_test_formula_series(t, y, dy);
    pb_series s = {PB_TEST_FORMULA_N, t, y, NULL};
    cr_assert_eq(pb_gls_data_init_weighted(d, &s, weighted ? dy : NULL), 0);
}

double pb_test_fit_power(const double *t, const double *y, const double *dy, size_t n, double f, int K, int skip)
{
    size_t p = 2 * (size_t)K + 1 - (skip >= 0);
    gsl_matrix *x = gsl_matrix_alloc(n, p), *cov = gsl_matrix_alloc(p, p);
    gsl_vector *w = gsl_vector_alloc(n), *yv = gsl_vector_alloc(n), *c = gsl_vector_alloc(p);
    gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(n, p);
    double sw = 0, swy = 0, chi2, chi2_0 = 0;
    for (size_t i = 0; i < n; i++) {
        double wi = dy ? 1.0 / (dy[i] * dy[i]) : 1.0;
        for (int col = 0, out = 0; col <= 2 * K; col++) {
            int k = (col + 1) / 2;
            double v = col == 0 ? 1.0 : col % 2 ? cos(2 * M_PI * k * f * t[i]) : sin(2 * M_PI * k * f * t[i]);
            if (col != skip)
                gsl_matrix_set(x, i, (size_t)out++, v);
        }
        gsl_vector_set(w, i, wi);
        gsl_vector_set(yv, i, y[i]);
        sw += wi;
        swy += wi * y[i];
    }
    for (size_t i = 0; i < n; i++)
        chi2_0 += (y[i] - swy / sw) * (y[i] - swy / sw) * gsl_vector_get(w, i);
    cr_assert_eq(gsl_multifit_wlinear(x, w, yv, c, cov, &chi2, ws), 0);
    gsl_multifit_linear_free(ws);
    gsl_matrix_free(x);
    gsl_matrix_free(cov);
    gsl_vector_free(w);
    gsl_vector_free(yv);
    gsl_vector_free(c);
    return 1.0 - chi2 / chi2_0;
}
