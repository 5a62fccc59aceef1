#include "spectral/pb_lsq.h"

#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>

/* A design column whose RMS is below this is numerically absent: the sine
 * at 0 cycles, or at the Nyquist frequency of uniform times (rounding-level
 * values that least squares would answer with huge opposite amplitudes). */
#define PB_LSQ_ABSENT_RMS 1e-10

/* Full design [1, x, .., x^d, cos, sin, cos, sin, ...] for the trend's
 * scaled time x and the frequencies; NULL when out of memory. */
static gsl_matrix *design(const pb_series *s, const pb_trend *trend, const double *freqs, size_t k)
{
    size_t d = trend->degree > 0 ? (size_t)trend->degree : 0;
    gsl_matrix *X = gsl_matrix_alloc(s->n, 1 + d + 2 * k);
    if (!X)
        return NULL;
    for (size_t i = 0; i < s->n; i++) {
        double x = d ? (s->t[i] - trend->t_mid) / trend->t_half : 0, xp = 1;
        for (size_t j = 0; j <= d; j++, xp *= x)
            gsl_matrix_set(X, i, j, xp);
        for (size_t j = 0; j < k; j++) {
            double arg = 2.0 * M_PI * freqs[j] * s->t[i];
            gsl_matrix_set(X, i, 1 + d + 2 * j, cos(arg));
            gsl_matrix_set(X, i, 2 + d + 2 * j, sin(arg));
        }
    }
    return X;
}

int pb_lsq_fit(const pb_series *s, const double *freqs, size_t k, pb_component *comp, double *offset, double *rss)
{
    pb_trend none = pb_trend_none();
    return pb_lsq_fit_trend(s, freqs, k, &none, comp, offset, rss);
}

int pb_lsq_fit_trend(const pb_series *s, const double *freqs, size_t k, pb_trend *trend, pb_component *comp,
                     double *offset, double *rss)
{
    size_t d = trend->degree > 0 ? (size_t)trend->degree : 0, n = s->n, q_all = 1 + d + 2 * k, p = 0;
    /* col[q]: the column of coefficient q in the fitted design, or -1 if left out. */
    long *col = malloc(q_all * sizeof *col);
    gsl_matrix *full = col ? design(s, trend, freqs, k) : NULL, *X = NULL, *cov = NULL;
    gsl_vector *coef = NULL;
    gsl_multifit_linear_workspace *w = NULL;
    int rc = -1;
    if (!full)
        goto done;
    for (size_t q = 0; q < q_all; q++) {
        gsl_vector_view c = gsl_matrix_column(full, q);
        double norm = gsl_blas_dnrm2(&c.vector);
        col[q] = q <= d || norm > PB_LSQ_ABSENT_RMS * sqrt((double)n) ? (long)p++ : -1;
    }
    if (n < p)
        goto done;
    X = p == q_all ? full : gsl_matrix_alloc(n, p);
    cov = gsl_matrix_alloc(p, p);
    coef = gsl_vector_alloc(p);
    w = gsl_multifit_linear_alloc(n, p);
    if (!X || !cov || !coef || !w)
        goto done;
    for (size_t q = 0; X != full && q < q_all; q++)
        if (col[q] >= 0) {
            gsl_vector_view from = gsl_matrix_column(full, q), to = gsl_matrix_column(X, (size_t)col[q]);
            gsl_vector_memcpy(&to.vector, &from.vector);
        }
    gsl_vector_const_view y = gsl_vector_const_view_array(s->y, n);
    double chisq = 0;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int status = GSL_ENOMEM;
    if (s->dy) { /* weights 1/dy^2: chisq is then the weighted sum */
        gsl_vector *wt = gsl_vector_alloc(n);
        for (size_t i = 0; wt && i < n; i++)
            gsl_vector_set(wt, i, 1.0 / (s->dy[i] * s->dy[i]));
        if (wt)
            status = gsl_multifit_wlinear(X, wt, &y.vector, coef, cov, &chisq, w);
        gsl_vector_free(wt);
    } else {
        status = gsl_multifit_linear(X, &y.vector, coef, cov, &chisq, w);
    }
    gsl_set_error_handler(old);
    if (status != GSL_SUCCESS)
        goto done;
    *offset = gsl_vector_get(coef, 0);
    for (size_t j = 1; j <= d; j++)
        trend->coef[j] = gsl_vector_get(coef, j);
    for (size_t j = 0; j < k; j++) {
        /* a cos + b sin = A cos(x + phi) with A = hypot(a, b), phi = atan2(-b, a); a left-out column's coefficient is 0. */
        double a = col[1 + d + 2 * j] >= 0 ? gsl_vector_get(coef, (size_t)col[1 + d + 2 * j]) : 0.0;
        double b = col[2 + d + 2 * j] >= 0 ? gsl_vector_get(coef, (size_t)col[2 + d + 2 * j]) : 0.0;
        comp[j] = (pb_component){freqs[j], hypot(a, b), atan2(-b, a), 0};
    }
    if (rss)
        *rss = chisq;
    rc = 0;
done:
    free(col);
    if (X != full)
        gsl_matrix_free(X);
    gsl_matrix_free(full);
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
