#include "spectral/pb_trend.h"

#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>

pb_trend pb_trend_none(void)
{
    return (pb_trend){-1, 0, 1, {0, 0, 0}};
}

pb_trend pb_trend_scaled_to(const double *t, size_t n, int degree)
{
    pb_trend tr = {degree, 0.5 * (t[0] + t[n - 1]), 0.5 * (t[n - 1] - t[0]), {0, 0, 0}};
    if (!(tr.t_half > 0))
        tr.t_half = 1; /* one time: x is 0 there, whatever the scale */
    return tr;
}

static const char *const trend_names[] = {"none", "linear", "quadratic"};

int pb_trend_degree_named(const char *name)
{
    for (int d = 0; d < 3; d++)
        if (strcmp(name, trend_names[d]) == 0)
            return d;
    return -1;
}

const char *pb_trend_name(int degree)
{
    return degree >= 0 && degree <= 2 ? trend_names[degree] : "none";
}

int pb_trend_fit(const double *t, const double *y, const double *dy, size_t n, int degree, pb_trend *trend)
{
    *trend = pb_trend_none();
    if (degree < 0)
        return 0;
    size_t p = (size_t)degree + 1;
    if (degree > 2 || n <= p || !(t[n - 1] > t[0]))
        return -1;
    *trend = pb_trend_scaled_to(t, n, -1);
    gsl_matrix *X = gsl_matrix_alloc(n, p), *cov = gsl_matrix_alloc(p, p);
    gsl_vector *c = gsl_vector_alloc(p), *wt = dy ? gsl_vector_alloc(n) : NULL;
    gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc(n, p);
    int rc = -1;
    if (X && cov && c && w && (!dy || wt)) {
        for (size_t i = 0; i < n; i++) {
            double x = (t[i] - trend->t_mid) / trend->t_half, xp = 1;
            for (size_t j = 0; j < p; j++, xp *= x)
                gsl_matrix_set(X, i, j, xp);
        }
        for (size_t i = 0; dy && i < n; i++)
            gsl_vector_set(wt, i, 1.0 / (dy[i] * dy[i]));
        gsl_vector_const_view yv = gsl_vector_const_view_array(y, n);
        double chisq;
        gsl_error_handler_t *old = gsl_set_error_handler_off();
        int status = dy ? gsl_multifit_wlinear(X, wt, &yv.vector, c, cov, &chisq, w)
                        : gsl_multifit_linear(X, &yv.vector, c, cov, &chisq, w);
        if (status == GSL_SUCCESS) {
            trend->degree = degree;
            for (size_t j = 0; j < p; j++)
                trend->coef[j] = gsl_vector_get(c, j);
            rc = 0;
        }
        gsl_set_error_handler(old);
    }
    gsl_matrix_free(X);
    gsl_matrix_free(cov);
    gsl_vector_free(c);
    gsl_vector_free(wt);
    gsl_multifit_linear_free(w);
    return rc;
}

double pb_trend_eval(const pb_trend *trend, double t)
{
    if (trend->degree < 0)
        return 0;
    double x = (t - trend->t_mid) / trend->t_half;
    return trend->coef[0] + x * (trend->coef[1] + x * trend->coef[2]);
}

double pb_trend_slope(const pb_trend *trend, double t)
{
    if (trend->degree < 1)
        return 0;
    double x = (t - trend->t_mid) / trend->t_half;
    return (trend->coef[1] + 2.0 * x * trend->coef[2]) / trend->t_half;
}
