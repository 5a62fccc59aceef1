#include "wavelet/pb_cwt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

/* exp(-d^2 / 2) is exactly 0 in double beyond |d| = 38.6: the wavelet's
 * transform is computed only within this distance of its peak (the same
 * values, and zeros elsewhere; most of a row's time was the exps). */
#define MORLET_ZERO_BEYOND 40.0

void pb_cwt_plan_row(pb_cwt_plan *p, double s, double complex *row)
{
    memset(p->prod, 0, p->m * sizeof *p->prod);
    /* positive frequencies only (the analytic wavelet), s omega within the band */
    double per_k = 2.0 * M_PI / ((double)p->m * p->dt);
    double k_lo = floor((p->omega0 - MORLET_ZERO_BEYOND) / (s * per_k)) - 1;
    double k_hi = ceil((p->omega0 + MORLET_ZERO_BEYOND) / (s * per_k)) + 1;
    size_t first = k_lo > 1 ? (size_t)k_lo : 1, end = k_hi + 1 < (double)p->half ? (size_t)k_hi + 1 : p->half;
    double amp = sqrt(2.0 * M_PI * s / p->dt) * pow(M_PI, -0.25); /* pb_cwt_morlet_hat's, in its order */
    for (size_t k = first; k < end; k++) {
        double omega = 2.0 * M_PI * (double)k / ((double)p->m * p->dt), d = s * omega - p->omega0;
        p->prod[k] = p->xh[k] * (amp * exp(-0.5 * d * d) / (double)p->m);
    }
    fftw_execute(p->inv);
    memcpy(row, p->prod, p->n * sizeof *row);
}

/* The scales x times matrix (270 MB for 2^16 points and 257 scales): on
 * huge pages where the system grants them on request (Linux's madvise
 * mode), since faulting in 4 KiB pages took a third of the transform's time. */
#define HUGE_PAGE (2u << 20)

static void *alloc_matrix(size_t bytes)
{
    void *m = NULL;
    if (bytes < HUGE_PAGE)
        return malloc(bytes);
    if (posix_memalign(&m, HUGE_PAGE, bytes) != 0)
        return NULL;
#ifdef MADV_HUGEPAGE
    madvise(m, bytes, MADV_HUGEPAGE); /* advice only: no error matters */
#endif
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
    pb_cwt_plan *p = pb_cwt_plan_alloc(y, n, dt, omega0);
    out->scale = malloc(n_scales * sizeof *out->scale);
    out->w = alloc_matrix(n_scales * n * sizeof *out->w);
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
