#include "pb_lsq.h"

#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>

int pb_lsq_fit(const pb_series *s, const double *freqs, size_t k, pb_component *comp, double *offset, double *rss)
{
    size_t p = 1 + 2 * k, n = s->n;
    if (n < p)
        return -1;
    gsl_matrix *X = gsl_matrix_alloc(n, p), *cov = gsl_matrix_alloc(p, p);
    gsl_vector *coef = gsl_vector_alloc(p);
    gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc(n, p);
    int rc = -1;
    if (!X || !cov || !coef || !w)
        goto done;
    for (size_t i = 0; i < n; i++) {
        gsl_matrix_set(X, i, 0, 1.0);
        for (size_t j = 0; j < k; j++) {
            double arg = 2.0 * M_PI * freqs[j] * s->t[i];
            gsl_matrix_set(X, i, 1 + 2 * j, cos(arg));
            gsl_matrix_set(X, i, 2 + 2 * j, sin(arg));
        }
    }
    gsl_vector_const_view y = gsl_vector_const_view_array(s->y, n);
    double chisq = 0;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int status = gsl_multifit_linear(X, &y.vector, coef, cov, &chisq, w);
    gsl_set_error_handler(old);
    if (status != GSL_SUCCESS)
        goto done;
    *offset = gsl_vector_get(coef, 0);
    for (size_t j = 0; j < k; j++) {
        /* a cos + b sin = A cos(x + phi) with A = hypot(a, b), phi = atan2(-b, a). */
        double a = gsl_vector_get(coef, 1 + 2 * j), b = gsl_vector_get(coef, 2 + 2 * j);
        comp[j] = (pb_component){freqs[j], hypot(a, b), atan2(-b, a), 0};
    }
    if (rss)
        *rss = chisq;
    rc = 0;
done:
    gsl_matrix_free(X);
    gsl_matrix_free(cov);
    gsl_vector_free(coef);
    gsl_multifit_linear_free(w);
    return rc;
}

void pb_lsq_eval(const pb_component *comp, size_t k, double offset, const double *t, size_t n, double *y)
{
    for (size_t i = 0; i < n; i++) {
        double v = offset;
        for (size_t j = 0; j < k; j++)
            v += comp[j].amp * cos(2.0 * M_PI * comp[j].freq * t[i] + comp[j].phase);
        y[i] = v;
    }
}
