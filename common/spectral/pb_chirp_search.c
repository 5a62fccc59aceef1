#include "spectral/pb_chirp_search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <fftw3.h>

/* Zero padding: FFT length >= PAD n (bins of 1/(PAD T)): a start for the fit, which refines it. */
#define PAD 2

static size_t next_pow2(size_t n)
{
    size_t m = 1;
    while (m < n)
        m <<= 1;
    return m;
}

/* The highest |X_k|^2 with bin frequency k/(m dt) in [fmin, fmax], refined
 * by a parabola through the log powers of its neighbours. */
static void row_peak(const fftw_complex *X, size_t m, double dt, double f_lo, double f_hi, double *freq,
                     double *power)
{
    size_t lo = (size_t)ceil(f_lo * (double)m * dt), hi = (size_t)floor(f_hi * (double)m * dt);
    if (hi > m / 2)
        hi = m / 2;
    size_t best = lo;
    double bp = -1;
    for (size_t k = lo; k <= hi; k++) {
        double p = X[k][0] * X[k][0] + X[k][1] * X[k][1];
        if (p > bp)
            bp = p, best = k;
    }
    double shift = 0;
    if (best > 0 && best + 1 < m) {
        double a = X[best - 1][0] * X[best - 1][0] + X[best - 1][1] * X[best - 1][1];
        double c = X[best + 1][0] * X[best + 1][0] + X[best + 1][1] * X[best + 1][1];
        if (a > 0 && c > 0 && bp > 0) {
            double la = log(a), lb = log(bp), lc = log(c), den = la - 2 * lb + lc;
            if (den < 0)
                shift = fmax(-0.5, fmin(0.5, 0.5 * (la - lc) / den));
        }
    }
    *freq = ((double)best + shift) / ((double)m * dt);
    *power = bp;
}

int pb_chirp_search(const pb_series *s, double dt, double fmin, double fmax, double max_cells, pb_chirp_peak *out)
{
    memset(out, 0, sizeof *out);
    size_t n = s->n;
    if (n < 4 || !(dt > 0) || !(fmax > fmin))
        return -1;
    size_t m = next_pow2(PAD * n);
    double rates_allowed = floor(max_cells / (double)m);
    size_t max_rates = rates_allowed >= 1 ? (rates_allowed < 1e9 ? (size_t)rates_allowed : (size_t)1e9) : 1;
    double T = (double)n * dt, step = 0.5 / (T * T), mean = 0;
    double rate_max = (fmax - fmin) / T;
    size_t half = (size_t)floor(rate_max / step);
    if (2 * half + 1 > max_rates) {
        half = (max_rates - 1) / 2;
        out->range_cut = 1;
    }
    out->n_rates = 2 * half + 1;
    out->rate_max = (double)half * step;
    fftw_complex *x = fftw_malloc(m * sizeof *x), *X = fftw_malloc(m * sizeof *X);
    double *tau = malloc(n * sizeof *tau), *y = malloc(n * sizeof *y);
    fftw_plan plan = x && X ? fftw_plan_dft_1d((int)m, x, X, FFTW_FORWARD, FFTW_ESTIMATE) : NULL;
    int rc = -1;
    if (!plan || !tau || !y)
        goto done;
    for (size_t i = 0; i < n; i++)
        mean += s->y[i] / (double)n;
    double mid = 0.5 * (double)(n - 1);
    for (size_t i = 0; i < n; i++) {
        tau[i] = ((double)i - mid) * dt;
        y[i] = s->y[i] - mean;
    }
    out->power = -1;
    for (size_t r = 0; r < out->n_rates; r++) {
        double c = ((double)r - (double)half) * step;
        memset(x, 0, m * sizeof *x);
        for (size_t i = 0; i < n; i++) {
            double ph = -M_PI * c * tau[i] * tau[i];
            x[i][0] = y[i] * cos(ph);
            x[i][1] = y[i] * sin(ph);
        }
        fftw_execute(plan);
        double f, p;
        row_peak(X, m, dt, fmin, fmax, &f, &p);
        p /= (double)n;
        if (p > out->power)
            out->power = p, out->freq = f, out->rate = c;
        if (r == half)
            out->tone_freq = f, out->tone_power = p;
    }
    /* The transform counted time from the first sample; the frequency is the
     * same at the middle (a tone's frequency does not depend on the origin). */
    rc = 0;
done:
    if (plan)
        fftw_destroy_plan(plan);
    fftw_free(x);
    fftw_free(X);
    free(tau);
    free(y);
    return rc;
}
