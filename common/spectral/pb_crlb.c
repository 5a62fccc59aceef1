#include "spectral/pb_crlb.h"

#include <math.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

static double mean_of(const double *t, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += t[i];
    return s / (double)n;
}

double pb_crlb_tone_freq_var(double sigma, double amp, const double *t, size_t n)
{
    double tbar = mean_of(t, n), ss = 0;
    for (size_t i = 0; i < n; i++)
        ss += (t[i] - tbar) * (t[i] - tbar);
    return 2.0 * sigma * sigma / (4.0 * M_PI * M_PI * amp * amp * ss);
}

double pb_crlb_uniform_freq_var(double snr, size_t n, double dt)
{
    double N = (double)n;
    return 12.0 / (4.0 * M_PI * M_PI * snr * N * (N * N - 1.0) * dt * dt);
}

/* F = (J^T J)^-1 in the scaled parameters, J's columns divided by their
 * norms (Jacobi scaling, kept in scale) before the Cholesky inversion:
 * the bound of parameter q is sigma^2 F_qq / scale_q^2. Returns 0, or -1
 * if a column is zero or the information matrix is singular. */
static int inverse_information(gsl_matrix *J, gsl_vector *scale, gsl_matrix *F)
{
    for (size_t j = 0; j < J->size2; j++) {
        gsl_vector_view col = gsl_matrix_column(J, j);
        double norm = gsl_blas_dnrm2(&col.vector);
        if (norm == 0)
            return -1;
        gsl_vector_set(scale, j, norm);
        gsl_vector_scale(&col.vector, 1.0 / norm);
    }
    gsl_blas_dsyrk(CblasLower, CblasTrans, 1.0, J, 0.0, F);
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int status = gsl_linalg_cholesky_decomp1(F);
    if (status == GSL_SUCCESS)
        status = gsl_linalg_cholesky_invert(F);
    gsl_set_error_handler(old);
    return status == GSL_SUCCESS ? 0 : -1;
}

int pb_crlb_fisher_freq_var(double sigma, const pb_component *comp, size_t k, const double *t, size_t n,
                            double *var)
{
    size_t p = 1 + 3 * k;
    if (n < p || sigma <= 0)
        return -1;
    gsl_matrix *J = gsl_matrix_alloc(n, p), *F = gsl_matrix_alloc(p, p);
    gsl_vector *scale = gsl_vector_alloc(p);
    int rc = -1;
    if (!J || !F || !scale)
        goto done;
    /* Times centred on their mean: a reparametrisation of the phases that
     * leaves the frequency bound unchanged and keeps F well conditioned. */
    double tbar = mean_of(t, n);
    for (size_t i = 0; i < n; i++) {
        double tc = t[i] - tbar;
        gsl_matrix_set(J, i, 0, 1.0);
        for (size_t j = 0; j < k; j++) {
            double arg = 2.0 * M_PI * comp[j].freq * tc + comp[j].phase;
            double c = cos(arg), s = sin(arg);
            gsl_matrix_set(J, i, 1 + 3 * j, c);
            gsl_matrix_set(J, i, 2 + 3 * j, -comp[j].amp * s);
            gsl_matrix_set(J, i, 3 + 3 * j, -comp[j].amp * 2.0 * M_PI * tc * s);
        }
    }
    if (inverse_information(J, scale, F) != 0)
        goto done;
    for (size_t j = 0; j < k; j++) {
        size_t q = 3 + 3 * j;
        double s = gsl_vector_get(scale, q);
        var[j] = sigma * sigma * gsl_matrix_get(F, q, q) / (s * s);
    }
    rc = 0;
done:
    gsl_matrix_free(J);
    gsl_matrix_free(F);
    gsl_vector_free(scale);
    return rc;
}

int pb_crlb_chirp_var(double sigma, double amp, double freq, double rate, double phase, double t_mid, const double *t,
                      size_t n, double *var_freq, double *var_rate)
{
    enum { P = 5 }; /* offset, amplitude, phase, frequency at t_mid, rate */
    if (n < P || sigma <= 0)
        return -1;
    gsl_matrix *J = gsl_matrix_alloc(n, P), *F = gsl_matrix_alloc(P, P);
    gsl_vector *scale = gsl_vector_alloc(P);
    int rc = -1;
    if (J && F && scale) {
        for (size_t i = 0; i < n; i++) {
            double tau = t[i] - t_mid, arg = 2.0 * M_PI * (freq * tau + 0.5 * rate * tau * tau) + phase;
            double c = cos(arg), s = sin(arg);
            double row[P] = {1.0, c, -amp * s, -amp * s * 2.0 * M_PI * tau, -amp * s * M_PI * tau * tau};
            for (size_t j = 0; j < P; j++)
                gsl_matrix_set(J, i, j, row[j]);
        }
        if (inverse_information(J, scale, F) == 0) {
            double s3 = gsl_vector_get(scale, 3), s4 = gsl_vector_get(scale, 4);
            *var_freq = sigma * sigma * gsl_matrix_get(F, 3, 3) / (s3 * s3);
            *var_rate = sigma * sigma * gsl_matrix_get(F, 4, 4) / (s4 * s4);
            rc = 0;
        }
    }
    gsl_matrix_free(J);
    gsl_matrix_free(F);
    gsl_vector_free(scale);
    return rc;
}
