#include "pb_cwt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <fftw3.h> /* after complex.h: fftw_complex is double complex */

double pb_cwt_fourier_factor(double omega0)
{
    return 4.0 * M_PI / (omega0 + sqrt(2.0 + omega0 * omega0));
}

double pb_cwt_morlet_hat(double s_omega, double omega0, double s, double dt)
{
    if (s_omega <= 0)
        return 0;
    double d = s_omega - omega0;
    return sqrt(2.0 * M_PI * s / dt) * pow(M_PI, -0.25) * exp(-0.5 * d * d);
}

double pb_cwt_coi(double s)
{
    return M_SQRT2 * s;
}

static size_t padded_length(size_t n)
{
    size_t m = 1;
    while (m < 2 * n)
        m <<= 1;
    return m;
}

int pb_cwt_morlet(const double *y, size_t n, double dt, double omega0, const double *scale, size_t n_scales,
                  pb_cwt *out)
{
    memset(out, 0, sizeof *out);
    if (n < 2 || !(dt > 0) || n_scales == 0 || !(omega0 > 0))
        return -1;
    for (size_t j = 0; j < n_scales; j++)
        if (!(scale[j] > 0))
            return -1;
    size_t m = padded_length(n), half = m / 2 + 1;
    double *x = fftw_malloc(m * sizeof *x);
    fftw_complex *xh = fftw_malloc(half * sizeof *xh), *prod = fftw_malloc(m * sizeof *prod);
    out->scale = malloc(n_scales * sizeof *out->scale);
    out->w = malloc(n_scales * n * sizeof *out->w);
    fftw_plan fwd = NULL, inv = NULL;
    int rc = -2;
    if (!x || !xh || !prod || !out->scale || !out->w)
        goto done;
    fwd = fftw_plan_dft_r2c_1d((int)m, x, xh, FFTW_ESTIMATE);
    inv = fftw_plan_dft_1d((int)m, prod, prod, FFTW_BACKWARD, FFTW_ESTIMATE);
    if (!fwd || !inv)
        goto done;
    memcpy(x, y, n * sizeof *x);
    memset(x + n, 0, (m - n) * sizeof *x);
    fftw_execute(fwd);
    for (size_t j = 0; j < n_scales; j++) {
        double s = scale[j];
        memset(prod, 0, m * sizeof *prod);
        for (size_t k = 1; k < half; k++) { /* positive frequencies only: the analytic wavelet */
            double omega = 2.0 * M_PI * (double)k / ((double)m * dt);
            double g = pb_cwt_morlet_hat(s * omega, omega0, s, dt) / (double)m;
            prod[k] = xh[k] * g;
        }
        fftw_execute(inv);
        for (size_t i = 0; i < n; i++)
            out->w[j * n + i] = prod[i];
        out->scale[j] = s;
    }
    out->n = n;
    out->n_scales = n_scales;
    out->dt = dt;
    out->omega0 = omega0;
    rc = 0;
done:
    if (fwd)
        fftw_destroy_plan(fwd);
    if (inv)
        fftw_destroy_plan(inv);
    fftw_free(x);
    fftw_free(xh);
    fftw_free(prod);
    if (rc != 0)
        pb_cwt_free(out);
    return rc;
}

void pb_cwt_free(pb_cwt *c)
{
    free(c->scale);
    free(c->w);
    c->scale = NULL;
    c->w = NULL;
    c->n = c->n_scales = 0;
}
