#include "spectral/pb_fftspec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <fftw3.h>

struct pb_fftspec {
    size_t n, len;
    pb_window window;
    double *in, *w, sum_w2;
    fftw_complex *out;
    fftw_plan plan;
};

pb_fftspec *pb_fftspec_alloc(size_t n, size_t pad, pb_window window)
{
    pb_fftspec *s = calloc(1, sizeof *s);
    if (!s || n < 2 || pad < 1) {
        free(s);
        return NULL;
    }
    s->n = n;
    s->len = n * pad;
    s->window = window;
    s->in = fftw_malloc(s->len * sizeof *s->in);
    s->out = fftw_malloc((s->len / 2 + 1) * sizeof *s->out);
    s->w = malloc(n * sizeof *s->w);
    if (!s->in || !s->out || !s->w) {
        pb_fftspec_free(s);
        return NULL;
    }
    for (size_t k = 0; k < n; k++) {
        s->w[k] = window == PB_WINDOW_HANN ? 0.5 - 0.5 * cos(2.0 * M_PI * (double)k / (double)(n - 1)) : 1.0;
        s->sum_w2 += s->w[k] * s->w[k];
    }
    s->plan = fftw_plan_dft_r2c_1d((int)s->len, s->in, s->out, FFTW_ESTIMATE);
    if (!s->plan) {
        pb_fftspec_free(s);
        return NULL;
    }
    return s;
}

void pb_fftspec_free(pb_fftspec *s)
{
    if (!s)
        return;
    if (s->plan)
        fftw_destroy_plan(s->plan);
    fftw_free(s->in);
    fftw_free(s->out);
    free(s->w);
    free(s);
}

size_t pb_fftspec_bins(const pb_fftspec *s)
{
    return s->len / 2 + 1;
}

/* The transform of x = y - mean(y), times the window if windowed, zero
 * padded; returns sum x^2 (0: a constant series, nothing transformed). */
static double transform_centred(pb_fftspec *s, const double *y, int windowed)
{
    double mean = 0, sxx = 0;
    for (size_t k = 0; k < s->n; k++)
        mean += y[k];
    mean /= (double)s->n;
    for (size_t k = 0; k < s->n; k++) {
        double x = y[k] - mean;
        sxx += x * x;
        s->in[k] = windowed ? s->w[k] * x : x;
    }
    if (sxx <= 0)
        return 0;
    memset(s->in + s->n, 0, (s->len - s->n) * sizeof *s->in);
    fftw_execute(s->plan);
    return sxx;
}

int pb_fftspec_power(pb_fftspec *s, const double *y, double *power)
{
    double sxx = transform_centred(s, y, 1);
    if (sxx <= 0)
        return -1;
    double scale = 2.0 / (s->sum_w2 * sxx);
    for (size_t j = 0; j < s->len / 2 + 1; j++)
        power[j] = scale * (s->out[j][0] * s->out[j][0] + s->out[j][1] * s->out[j][1]);
    return 0;
}

/* sum_{k<n} exp(2 pi i mu k): the Dirichlet kernel, in closed form. */
static void dirichlet(double mu, size_t n, double *re, double *im)
{
    double half = sin(M_PI * mu);
    if (fabs(half) < 1e-15) { /* mu an integer: every term is 1 */
        *re = (double)n;
        *im = 0;
        return;
    }
    double ratio = sin(M_PI * mu * (double)n) / half, phase = M_PI * mu * (double)(n - 1);
    *re = ratio * cos(phase);
    *im = ratio * sin(phase);
}

int pb_fftspec_ls_power(pb_fftspec *s, const double *y, double *power)
{
    double sxx = transform_centred(s, y, 0);
    if (sxx <= 0)
        return -1;
    double n = (double)s->n;
    for (size_t j = 0; j < s->len / 2 + 1; j++) {
        /* X = sum x exp(-i theta): xc = sum x cos theta, xs = sum x sin theta */
        double xc = s->out[j][0], xs = -s->out[j][1], d_re, d_im;
        dirichlet(2.0 * (double)j / (double)s->len, s->n, &d_re, &d_im);
        double cc = 0.5 * (n + d_re), ss = 0.5 * (n - d_re), cs = 0.5 * d_im, det = cc * ss - cs * cs;
        double p;
        if (det > 1e-9 * n * n) /* the projection onto cos and sin at nu_j */
            p = (xc * xc * ss - 2 * xc * xs * cs + xs * xs * cc) / det;
        else /* DC or Nyquist: one of them vanishes on the samples */
            p = cc >= ss ? (cc > 0 ? xc * xc / cc : 0) : xs * xs / ss;
        power[j] = p / sxx;
    }
    return 0;
}

#define DFT_RESYNC 1024

void pb_dft_at(const double *x, size_t n, double nu, double *re, double *im)
{
    double sr = 0, si = 0, step_c = cos(2.0 * M_PI * nu), step_s = -sin(2.0 * M_PI * nu);
    double c = 1, s = 0;
    for (size_t k = 0; k < n; k++) {
        if (k % DFT_RESYNC == 0) {
            /* exp(-2 pi i nu k) afresh, with nu k reduced modulo 1 first */
            double a = nu * (double)k;
            a -= floor(a);
            c = cos(2.0 * M_PI * a);
            s = -sin(2.0 * M_PI * a);
        }
        sr += x[k] * c;
        si += x[k] * s;
        double nc = c * step_c - s * step_s;
        s = s * step_c + c * step_s;
        c = nc;
    }
    *re = sr;
    *im = si;
}
