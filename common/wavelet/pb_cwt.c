#include "wavelet/pb_cwt.h"

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

struct pb_cwt_plan {
    size_t n, m, half;
    double dt, omega0;
    fftw_complex *xh, *prod;
    fftw_plan inv;
};

void pb_cwt_plan_free(pb_cwt_plan *p)
{
    if (!p)
        return;
    if (p->inv)
        fftw_destroy_plan(p->inv);
    fftw_free(p->xh);
    fftw_free(p->prod);
    free(p);
}

pb_cwt_plan *pb_cwt_plan_alloc(const double *y, size_t n, double dt, double omega0)
{
    if (n < 2 || !(dt > 0) || !(omega0 > 0))
        return NULL;
    pb_cwt_plan *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->n = n;
    p->m = padded_length(n);
    p->half = p->m / 2 + 1;
    p->dt = dt;
    p->omega0 = omega0;
    double *x = fftw_malloc(p->m * sizeof *x);
    p->xh = fftw_malloc(p->half * sizeof *p->xh);
    p->prod = fftw_malloc(p->m * sizeof *p->prod);
    fftw_plan fwd = x && p->xh ? fftw_plan_dft_r2c_1d((int)p->m, x, p->xh, FFTW_ESTIMATE) : NULL;
    p->inv = p->prod ? fftw_plan_dft_1d((int)p->m, p->prod, p->prod, FFTW_BACKWARD, FFTW_ESTIMATE) : NULL;
    if (!fwd || !p->inv) {
        if (fwd)
            fftw_destroy_plan(fwd);
        fftw_free(x);
        pb_cwt_plan_free(p);
        return NULL;
    }
    memcpy(x, y, n * sizeof *x);
    memset(x + n, 0, (p->m - n) * sizeof *x);
    fftw_execute(fwd);
    fftw_destroy_plan(fwd);
    fftw_free(x);
    return p;
}

void pb_cwt_plan_row(pb_cwt_plan *p, double s, double complex *row)
{
    memset(p->prod, 0, p->m * sizeof *p->prod);
    for (size_t k = 1; k < p->half; k++) { /* positive frequencies only: the analytic wavelet */
        double omega = 2.0 * M_PI * (double)k / ((double)p->m * p->dt);
        p->prod[k] = p->xh[k] * (pb_cwt_morlet_hat(s * omega, p->omega0, s, p->dt) / (double)p->m);
    }
    fftw_execute(p->inv);
    memcpy(row, p->prod, p->n * sizeof *row);
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
    pb_cwt_plan *p = pb_cwt_plan_alloc(y, n, dt, omega0);
    out->scale = malloc(n_scales * sizeof *out->scale);
    out->w = malloc(n_scales * n * sizeof *out->w);
    if (!p || !out->scale || !out->w) {
        pb_cwt_plan_free(p);
        pb_cwt_free(out);
        return -2;
    }
    for (size_t j = 0; j < n_scales; j++) {
        pb_cwt_plan_row(p, scale[j], out->w + j * n);
        out->scale[j] = scale[j];
    }
    pb_cwt_plan_free(p);
    out->n = n;
    out->n_scales = n_scales;
    out->dt = dt;
    out->omega0 = omega0;
    return 0;
}

void pb_cwt_free(pb_cwt *c)
{
    free(c->scale);
    free(c->w);
    c->scale = NULL;
    c->w = NULL;
    c->n = c->n_scales = 0;
}
