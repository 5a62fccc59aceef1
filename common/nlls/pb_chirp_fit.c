#include "nlls/pb_chirp_fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_multifit_nlinear.h>

#define CHIRP_XTOL 1e-12
#define CHIRP_GTOL 1e-12

/* Parameters: offset, a, b, F, C with F = f h, C = rate h^2 and x = tau / h
 * (h: half the span), so that every column is of order one. */
typedef struct chirp_problem {
    size_t n;
    const double *x, *y;
    int fit_rate;
} chirp_problem;

static double phase_of(const gsl_vector *p, double x, int fit_rate)
{
    return 2.0 * M_PI * (gsl_vector_get(p, 3) * x + (fit_rate ? 0.5 * gsl_vector_get(p, 4) * x * x : 0.0));
}

static int chirp_f(const gsl_vector *p, void *params, gsl_vector *f)
{
    const chirp_problem *q = params;
    for (size_t i = 0; i < q->n; i++) {
        double th = phase_of(p, q->x[i], q->fit_rate);
        double v = gsl_vector_get(p, 0) + gsl_vector_get(p, 1) * cos(th) + gsl_vector_get(p, 2) * sin(th);
        gsl_vector_set(f, i, v - q->y[i]);
    }
    return GSL_SUCCESS;
}

static int chirp_df(const gsl_vector *p, void *params, gsl_matrix *J)
{
    const chirp_problem *q = params;
    double a = gsl_vector_get(p, 1), b = gsl_vector_get(p, 2);
    for (size_t i = 0; i < q->n; i++) {
        double x = q->x[i], th = phase_of(p, x, q->fit_rate), c = cos(th), s = sin(th);
        double dth = 2.0 * M_PI * (b * c - a * s); /* d model / d theta, times 2 pi */
        gsl_matrix_set(J, i, 0, 1.0);
        gsl_matrix_set(J, i, 1, c);
        gsl_matrix_set(J, i, 2, s);
        gsl_matrix_set(J, i, 3, dth * x);
        if (q->fit_rate)
            gsl_matrix_set(J, i, 4, dth * 0.5 * x * x);
    }
    return GSL_SUCCESS;
}

/* Offset and amplitudes at the start (F, C) by linear least squares. */
static int start_amplitudes(const chirp_problem *q, gsl_vector *p)
{
    gsl_matrix *X = gsl_matrix_alloc(q->n, 3), *cov = gsl_matrix_alloc(3, 3);
    gsl_vector *yv = gsl_vector_alloc(q->n), *c = gsl_vector_alloc(3);
    gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(q->n, 3);
    int rc = -2;
    if (X && cov && yv && c && ws) {
        for (size_t i = 0; i < q->n; i++) {
            double th = phase_of(p, q->x[i], q->fit_rate);
            gsl_matrix_set(X, i, 0, 1.0);
            gsl_matrix_set(X, i, 1, cos(th));
            gsl_matrix_set(X, i, 2, sin(th));
            gsl_vector_set(yv, i, q->y[i]);
        }
        double chisq;
        rc = gsl_multifit_linear(X, yv, c, cov, &chisq, ws) == GSL_SUCCESS ? 0 : -1;
        for (size_t j = 0; j < 3 && rc == 0; j++)
            gsl_vector_set(p, j, gsl_vector_get(c, j));
    }
    gsl_multifit_linear_free(ws);
    gsl_vector_free(c), gsl_vector_free(yv);
    gsl_matrix_free(cov), gsl_matrix_free(X);
    return rc;
}

int pb_chirp_fit(const pb_series *s, double f0, double rate0, int fit_rate, size_t max_iter, pb_chirp_model *out)
{
    memset(out, 0, sizeof *out);
    size_t n = s->n, np = fit_rate ? 5 : 4;
    if (n <= np || !(s->t[n - 1] > s->t[0]))
        return -1;
    double mid = 0.5 * (s->t[0] + s->t[n - 1]), h = 0.5 * (s->t[n - 1] - s->t[0]);
    double *x = malloc(n * sizeof *x);
    gsl_vector *p = gsl_vector_alloc(np);
    gsl_matrix *covar = gsl_matrix_alloc(np, np);
    gsl_multifit_nlinear_parameters par = gsl_multifit_nlinear_default_parameters();
    gsl_multifit_nlinear_workspace *w = x && p && covar ? gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust,
                                                                                       &par, n, np)
                                                          : NULL;
    int rc = -2;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    if (!w)
        goto done;
    for (size_t i = 0; i < n; i++)
        x[i] = (s->t[i] - mid) / h;
    chirp_problem q = {n, x, s->y, fit_rate};
    gsl_vector_set(p, 3, f0 * h);
    if (fit_rate)
        gsl_vector_set(p, 4, rate0 * h * h);
    if ((rc = start_amplitudes(&q, p)) != 0)
        goto done;
    gsl_multifit_nlinear_fdf fdf = {chirp_f, chirp_df, NULL, n, np, &q, 0, 0, 0};
    int info = 0, status = gsl_multifit_nlinear_init(p, &fdf, w);
    if (status == GSL_SUCCESS)
        status = gsl_multifit_nlinear_driver(max_iter, CHIRP_XTOL, CHIRP_GTOL, 0.0, NULL, NULL, &info, w);
    double rss = NAN;
    rc = -1;
    if (gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(w), 0.0, covar) == GSL_SUCCESS)
        gsl_blas_ddot(w->f, w->f, &rss);
    if (!isfinite(rss))
        goto done;
    double s2 = rss / (double)(n - np);
    const gsl_vector *r = w->x;
    *out = (pb_chirp_model){mid, gsl_vector_get(r, 0), gsl_vector_get(r, 1), gsl_vector_get(r, 2),
                            gsl_vector_get(r, 3) / h, fit_rate ? gsl_vector_get(r, 4) / (h * h) : 0.0,
                            sqrt(fmax(0.0, s2 * gsl_matrix_get(covar, 3, 3))) / h,
                            fit_rate ? sqrt(fmax(0.0, s2 * gsl_matrix_get(covar, 4, 4))) / (h * h) : 0.0, rss,
                            (long)gsl_multifit_nlinear_niter(w), status == GSL_SUCCESS || info == GSL_ENOPROG};
    if (out->freq < 0) { /* cos(-x) = cos x, sin(-x) = -sin x: the same chirp with positive frequency */
        out->freq = -out->freq, out->rate = -out->rate, out->b = -out->b;
    }
    rc = 0;
done:
    gsl_set_error_handler(old);
    gsl_multifit_nlinear_free(w);
    gsl_matrix_free(covar);
    gsl_vector_free(p);
    free(x);
    return rc;
}

void pb_chirp_eval(const pb_chirp_model *m, const double *t, size_t n, double *y)
{
    for (size_t i = 0; i < n; i++) {
        double tau = t[i] - m->t_mid, th = 2.0 * M_PI * (m->freq * tau + 0.5 * m->rate * tau * tau);
        y[i] = m->offset + m->a * cos(th) + m->b * sin(th);
    }
}
