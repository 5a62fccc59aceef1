#include "spectral/pb_am_line.h"

#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>

#define AM_COLUMNS 5

int pb_am_line_rss(const pb_series *s, double f, double *rss)
{
    size_t n = s->n;
    if (n < 2 * AM_COLUMNS || !(s->t[n - 1] > s->t[0]))
        return -1;
    double mid = 0.5 * (s->t[0] + s->t[n - 1]), half = 0.5 * (s->t[n - 1] - s->t[0]);
    gsl_matrix *X = gsl_matrix_alloc(n, AM_COLUMNS), *cov = gsl_matrix_alloc(AM_COLUMNS, AM_COLUMNS);
    gsl_vector *y = gsl_vector_alloc(n), *w = gsl_vector_alloc(n), *c = gsl_vector_alloc(AM_COLUMNS);
    gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(n, AM_COLUMNS);
    int rc = -1;
    if (X && cov && y && w && c && ws) {
        for (size_t i = 0; i < n; i++) {
            double x = (s->t[i] - mid) / half, ph = 2 * M_PI * f * (s->t[i] - mid);
            double cs = cos(ph), sn = sin(ph);
            double row[AM_COLUMNS] = {1, cs, x * cs, sn, x * sn};
            for (size_t j = 0; j < AM_COLUMNS; j++)
                gsl_matrix_set(X, i, j, row[j]);
            gsl_vector_set(y, i, s->y[i]);
            gsl_vector_set(w, i, s->dy ? 1.0 / (s->dy[i] * s->dy[i]) : 1.0);
        }
        double chisq;
        gsl_error_handler_t *old = gsl_set_error_handler_off(); /* a singular system is a return code here */
        int st = gsl_multifit_wlinear(X, w, y, c, cov, &chisq, ws);
        gsl_set_error_handler(old);
        if (st == GSL_SUCCESS && isfinite(chisq)) {
            *rss = chisq;
            rc = 0;
        }
    }
    gsl_multifit_linear_free(ws);
    gsl_vector_free(c), gsl_vector_free(w), gsl_vector_free(y);
    gsl_matrix_free(cov), gsl_matrix_free(X);
    return rc;
}
