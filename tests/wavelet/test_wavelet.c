/* The wavelet kernels against naive references: the FFT Morlet transform
 * against a direct time-domain convolution with the sampled wavelet, and
 * the ridge of a pure tone against its known period, amplitude and phase. */
#include <complex.h>
#include <criterion/criterion.h>
#include <math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "wavelet/pb_cwt.h"
#include "wavelet/pb_dwt.h"
#include "wavelet/pb_ridge.h"
#include "helpers/test_thresholds.h"

/* W_i(s) = sum_m y_m sqrt(dt/s) psi0*((m - i) dt / s), psi0(eta) = pi^(-1/4) e^(i w0 eta) e^(-eta^2/2). */
static double complex direct_cwt(const double *y, size_t n, double dt, double omega0, double s, size_t i)
{
    double complex sum = 0;
    for (size_t m = 0; m < n; m++) {
        double eta = ((double)m - (double)i) * dt / s;
        sum += y[m] * sqrt(dt / s) * pow(M_PI, -0.25) * cexp(-I * omega0 * eta) * exp(-0.5 * eta * eta);
    }
    return sum;
}

Test(wavelet, fft_cwt_matches_direct_convolution)
{
    enum { N = 2048 };
    double y[N], dt = 1.0;
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 3);
    for (size_t i = 0; i < N; i++)
        y[i] = cos(2 * M_PI * 0.05 * (double)i + 0.3) + 0.5 * cos(2 * M_PI * 0.013 * (double)i) + gsl_ran_gaussian(g, 0.2);
    gsl_rng_free(g);
    const double scales[] = {8, 16, 32, 64};
    const double omegas[] = {6.0, 2 * M_PI};
    for (size_t o = 0; o < 2; o++) {
        pb_cwt c;
        cr_assert_eq(pb_cwt_morlet(y, N, dt, omegas[o], scales, 4, &c), 0);
        for (size_t j = 0; j < 4; j++) {
            double worst = 0, peak = 0;
            for (size_t i = N / 4; i < 3 * N / 4; i += 7) {
                double complex d = direct_cwt(y, N, dt, omegas[o], scales[j], i);
                worst = fmax(worst, cabs(c.w[j * N + i] - d));
                peak = fmax(peak, cabs(d));
            }
            cr_assert(worst <= PB_TOL_CWT_DIRECT * peak, "w0 %g, s %g: |fft - direct| %g of the row's peak %g",
                      omegas[o], scales[j], worst / peak, peak);
        }
        pb_cwt_free(&c);
    }
}

Test(wavelet, tone_ridge_gives_period_amplitude_and_phase)
{
    enum { N = 4096 };
    double y[N], period = 37.3, amp = 1.7, phi = 0.4;
    for (size_t i = 0; i < N; i++)
        y[i] = amp * cos(2 * M_PI * (double)i / period + phi);
    double factor = pb_cwt_fourier_factor(6.0);
    enum { S = 161 }; /* periods 4 ... 1024 at 32 voices per octave */
    double scale[S];
    for (size_t j = 0; j < S; j++)
        scale[j] = 4.0 / factor * exp2((double)j / 32.0);
    pb_cwt c;
    pb_ridge r;
    cr_assert_eq(pb_cwt_morlet(y, N, 1.0, 6.0, scale, S, &c), 0);
    cr_assert_eq(pb_ridge_extract(&c, 0.0, PB_RIDGE_EDGE_DEFAULT, &r), 0);
    cr_assert(r.lo < r.hi && r.lo < N / 4 && r.hi > 3 * N / 4, "reliable stretch [%zu, %zu]", r.lo, r.hi);
    /* Over the reliable stretch (edge effects fade towards its ends) and in the middle half. */
    for (size_t i = r.lo; i <= r.hi; i++) {
        int middle = i >= N / 4 && i <= 3 * N / 4;
        double tol_amp = middle ? PB_TOL_RIDGE_AMP_MIDDLE : PB_TOL_RIDGE_AMP_EDGE;
        double tol_phase = middle ? PB_TOL_RIDGE_PHASE_MIDDLE : PB_TOL_RIDGE_PHASE_EDGE;
        double dphase = remainder(r.phase[i] - (2 * M_PI * (double)i / period + phi), 2 * M_PI);
        cr_assert(fabs(r.period[i] / period - 1) < PB_TOL_RIDGE_PERIOD, "t %zu: ridge period %g", i, r.period[i]);
        cr_assert(fabs(r.freq[i] * period - 1) < PB_TOL_RIDGE_PERIOD, "t %zu: frequency %g", i, r.freq[i]);
        cr_assert(fabs(r.amp[i] / amp - 1) < tol_amp, "t %zu: amplitude %g", i, r.amp[i]);
        cr_assert(fabs(dphase) < tol_phase, "t %zu: phase off by %g", i, dphase);
    }
    pb_ridge_free(&r);
    /* The continuity penalty must not move the ridge of a single tone. */
    cr_assert_eq(pb_ridge_extract(&c, 10.0, PB_RIDGE_EDGE_DEFAULT, &r), 0);
    for (size_t i = r.lo; i <= r.hi; i++)
        cr_assert(fabs(r.period[i] / period - 1) < PB_TOL_RIDGE_PERIOD);
    pb_ridge_free(&r);
    pb_cwt_free(&c);
}

Test(wavelet, dwt_soft_threshold)
{
    cr_assert_eq(pb_dwt_soft(3.0, 1.0), 2.0);
    cr_assert_eq(pb_dwt_soft(-3.0, 1.0), -2.0);
    cr_assert_eq(pb_dwt_soft(0.5, 1.0), 0.0);
    cr_assert_eq(pb_dwt_soft(-1.0, 1.0), 0.0);
}

/* A signal constant on aligned pairs (steps at multiples of 128, constant
 * over the stretch the mirror copies) has no finest Haar details: the noise
 * estimate is 0, nothing is thresholded, and the mirrored, transformed and
 * inverted series (n not a power of two) comes back unchanged. */
Test(wavelet, dwt_reconstructs_when_there_is_no_noise)
{
    enum { N = 1000 };
    double y[N], out[N];
    for (size_t i = 0; i < N; i++)
        y[i] = (i < 512 ? 1.0 : 3.0) + (i < 896 ? (double)(i / 128 % 2) : 0.5);
    pb_dwt_report r;
    cr_assert_eq(pb_dwt_denoise(y, N, "haar", 2, out, &r), 0);
    cr_assert_eq(r.sigma, 0.0);
    for (size_t i = 0; i < N; i++)
        cr_assert(fabs(out[i] - y[i]) < 1e-12, "i %zu: %g vs %g", i, out[i], y[i]);
}

/* White noise around a slow rhythm: sigma is recovered from the finest
 * details and shrinkage brings the series closer to the truth. */
Test(wavelet, dwt_denoises_a_slow_rhythm)
{
    enum { N = 4096 };
    double y[N], truth[N], out[N], sigma = 0.5;
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 5);
    for (size_t i = 0; i < N; i++) {
        truth[i] = cos(2 * M_PI * (double)i / 512.0);
        y[i] = truth[i] + gsl_ran_gaussian(g, sigma);
    }
    gsl_rng_free(g);
    pb_dwt_report r;
    cr_assert_eq(pb_dwt_denoise(y, N, "daubechies", 8, out, &r), 0);
    cr_assert(fabs(r.sigma / sigma - 1) < 0.1, "sigma estimate %g", r.sigma);
    double before = 0, after = 0;
    for (size_t i = 0; i < N; i++) {
        before += (y[i] - truth[i]) * (y[i] - truth[i]);
        after += (out[i] - truth[i]) * (out[i] - truth[i]);
    }
    cr_assert(after < 0.25 * before, "error energy %g after, %g before", after, before); /* measured: 0.14 */
    cr_assert_eq(pb_dwt_denoise(y, N, "daubechies", 7, out, &r), -1); /* no such member */
}

/* The streaming ridge (one scale at a time) is the matrix ridge, bit for bit. */
Test(wavelet, streaming_ridge_equals_matrix_ridge)
{
    enum { N = 3000, S = 120 };
    double y[N], scale[S];
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 9);
    for (size_t i = 0; i < N; i++)
        y[i] = cos(2 * M_PI * 0.02 * (double)i * (1.0 + 0.0001 * (double)i)) + gsl_ran_gaussian(g, 0.5);
    gsl_rng_free(g);
    for (size_t j = 0; j < S; j++)
        scale[j] = 2.0 * exp2((double)j / 16.0);
    pb_cwt c;
    pb_ridge a, b;
    cr_assert_eq(pb_cwt_morlet(y, N, 1.0, 6.0, scale, S, &c), 0);
    cr_assert_eq(pb_ridge_extract(&c, 0.0, PB_RIDGE_EDGE_DEFAULT, &a), 0);
    cr_assert_eq(pb_ridge_extract_streaming(y, N, 1.0, 6.0, scale, S, PB_RIDGE_EDGE_DEFAULT, &b), 0);
    cr_assert(a.lo == b.lo && a.hi == b.hi);
    for (size_t i = 0; i < N; i++)
        cr_assert(a.period[i] == b.period[i] && a.amp[i] == b.amp[i] && a.phase[i] == b.phase[i], "t %zu", i);
    pb_ridge_free(&a);
    pb_ridge_free(&b);
    pb_cwt_free(&c);
}
