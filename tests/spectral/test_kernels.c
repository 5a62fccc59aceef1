/* The spectral kernels against naive references. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

#include "spectral/pb_crlb.h"
#include "spectral/pb_fap.h"
#include "spectral/pb_peaks.h"
#include "spectral/pb_fftspec.h"
#include "spectral/pb_gls.h"
#include "spectral/pb_lsq.h"
#include "helpers/test_thresholds.h"

/* An irregular (clustered) series: a tone plus noise at gapped times. */
static void clustered_series(size_t n, double *t, double *y, unsigned long seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    double now = 10.0;
    for (size_t i = 0; i < n; i++) {
        now += (i % 50 == 0) ? 40.0 * gsl_rng_uniform(r) : 0.3 * gsl_rng_uniform(r);
        t[i] = now;
        y[i] = 1.7 * cos(2 * M_PI * 0.137 * now + 0.4) + 0.3 + gsl_ran_gaussian(r, 0.8);
    }
    gsl_rng_free(r);
}

/* The definition: power = 1 - chi2(f) / chi2_0 with chi2 from a linear
 * least-squares fit of offset + cos + sin (pb_lsq, via GSL's SVD solver). */
static double brute_force_power(const pb_series *s, double f)
{
    double mean = 0, ss0 = 0, offset, rss;
    pb_component comp;
    for (size_t i = 0; i < s->n; i++)
        mean += s->y[i] / (double)s->n;
    for (size_t i = 0; i < s->n; i++)
        ss0 += (s->y[i] - mean) * (s->y[i] - mean);
    cr_assert_eq(pb_lsq_fit(s, &f, 1, &comp, &offset, &rss), 0);
    return 1.0 - rss / ss0;
}

Test(kernels, gls_grid_matches_exact_and_brute_force)
{
    enum { N = 700, M = 900 };
    static double t[N], y[N], grid[M];
    clustered_series(N, t, y, 7);
    pb_series s = {N, t, y, NULL};
    pb_gls_data d;
    cr_assert_eq(pb_gls_data_init(&d, &s), 0);
    double f0 = 0.0013, df = 0.0011;
    cr_assert_eq(pb_gls_power_grid(&d, f0, df, M, grid), 0);
    for (size_t j = 0; j < M; j++) {
        double f = f0 + (double)j * df, exact = pb_gls_power(&d, f);
        cr_assert_leq(fabs(grid[j] - exact), TOL_GLS_GRID_VS_EXACT, "f = %g: grid %.17g exact %.17g", f, grid[j],
                      exact);
        if (j % 30 == 0) {
            double bf = brute_force_power(&s, f);
            cr_assert_leq(fabs(exact - bf), TOL_GLS_VS_BRUTE_FORCE, "f = %g: %.17g vs %.17g", f, exact, bf);
        }
        cr_assert(grid[j] >= -1e-12 && grid[j] <= 1.0 + 1e-12);
    }
    size_t best;
    double best_power;
    cr_assert_eq(pb_gls_grid_argmax(&d, f0, df, M, &best, &best_power), 0);
    cr_assert_leq(fabs(f0 + best * df - 0.137), df, "peak at %g", f0 + best * df);
    pb_gls_data_free(&d);
}

Test(kernels, lsq_recovers_components_exactly)
{
    enum { N = 300 };
    double t[N], y[N], freqs[2] = {0.05, 0.21}, offset;
    pb_component truth[2] = {{0.05, 1.5, 0.3, 0}, {0.21, 0.4, -2.0, 0}}, est[2];
    for (int i = 0; i < N; i++)
        t[i] = i * 1.3 + 0.01 * (i % 7);
    pb_lsq_eval(truth, 2, 0.25, t, N, y);
    pb_series s = {N, t, y, NULL};
    cr_assert_eq(pb_lsq_fit(&s, freqs, 2, est, &offset, NULL), 0);
    cr_assert_float_eq(offset, 0.25, 1e-12);
    for (int k = 0; k < 2; k++) {
        cr_assert_float_eq(est[k].amp, truth[k].amp, 1e-12);
        cr_assert_float_eq(est[k].phase, truth[k].phase, 1e-12);
    }
}

/* At the Nyquist frequency of uniform times the sine column is rounding
 * noise: it is left out, so the fit is the exact cosine, not huge opposite
 * amplitudes (sgd-complex once ended at f = 0.5 and predicted 1e9). */
Test(kernels, lsq_at_nyquist_drops_the_absent_sine)
{
    enum { N = 4096 };
    double t[N], y[N], f = 0.5, offset;
    for (int i = 0; i < N; i++) {
        t[i] = i;
        y[i] = 0.3 + 0.7 * cos(M_PI * i) + 0.01 * sin(0.37 * i);
    }
    pb_series s = {N, t, y, NULL};
    pb_component est;
    cr_assert_eq(pb_lsq_fit(&s, &f, 1, &est, &offset, NULL), 0);
    cr_assert(fabs(est.amp - 0.7) < 1e-3 && fabs(offset - 0.3) < 1e-3, "amp %g, offset %g", est.amp, offset);
}

Test(kernels, crlb_closed_form_matches_fisher_matrix)
{
    enum { N = 64 };
    double t[N], var;
    pb_component c = {0.19, 1.0, 0.7, 0};
    for (int i = 0; i < N; i++)
        t[i] = i;
    cr_assert_eq(pb_crlb_fisher_freq_var(0.3, &c, 1, t, N, &var), 0);
    double closed = pb_crlb_tone_freq_var(0.3, 1.0, t, N);
    cr_assert_leq(fabs(var / closed - 1.0), TOL_CRLB_CLOSED_VS_FISHER, "fisher %g closed %g", var, closed);
    /* The uniform formula is the same expression for t = 0..N-1. */
    double snr = 1.0 / (2.0 * 0.3 * 0.3);
    cr_assert_float_eq(pb_crlb_uniform_freq_var(snr, N, 1.0), closed, 1e-12 * closed);
    /* Irregular times too (the closed form is a large-N approximation: the
     * sin^2 weights average to 1/2 only over many samples). */
    enum { NI = 4096 };
    static double ti[NI];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    for (int i = 0; i < NI; i++)
        ti[i] = 3000.0 * gsl_rng_uniform(r);
    gsl_rng_free(r);
    cr_assert_eq(pb_crlb_fisher_freq_var(0.3, &c, 1, ti, NI, &var), 0);
    closed = pb_crlb_tone_freq_var(0.3, 1.0, ti, NI);
    cr_assert_leq(fabs(var / closed - 1.0), TOL_CRLB_CLOSED_VS_FISHER, "fisher %g closed %g", var, closed);
}

Test(kernels, crlb_of_two_close_tones_exceeds_single_tone_bound)
{
    enum { N = 256 };
    double t[N], var[2];
    for (int i = 0; i < N; i++)
        t[i] = i;
    pb_component c[2] = {{0.2, 1.0, 0.1, 0}, {0.2 + 0.5 / N, 1.0, 1.9, 0}};
    cr_assert_eq(pb_crlb_fisher_freq_var(0.05, c, 2, t, N, var), 0);
    double single = pb_crlb_tone_freq_var(0.05, 1.0, t, N);
    cr_assert_gt(var[0], 2.0 * single, "coupling below the Rayleigh limit must raise the bound");
    pb_component same[2] = {{0.2, 1.0, 0.1, 0}, {0.2, 1.0, 0.1, 0}};
    cr_assert_eq(pb_crlb_fisher_freq_var(0.05, same, 2, t, N, var), -1, "identical tones are not identifiable");
}

/* The FFT periodogram against a naive O(N^2) DFT of the same definition,
 * and its equality with the Lomb-Scargle power at Fourier frequencies. */
Test(kernels, fft_periodogram_matches_naive_dft)
{
    enum { N = 300, PAD = 3 };
    static double y[N], t[N], power[N * PAD / 2 + 1];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    for (int k = 0; k < N; k++) {
        t[k] = k;
        y[k] = cos(2 * M_PI * 0.1234 * k + 1.0) + 0.5 + gsl_ran_gaussian(r, 0.7);
    }
    gsl_rng_free(r);
    for (int w = 0; w < 2; w++) {
        pb_fftspec *s = pb_fftspec_alloc(N, PAD, w ? PB_WINDOW_HANN : PB_WINDOW_RECT);
        cr_assert_not_null(s);
        cr_assert_eq(pb_fftspec_bins(s), N * PAD / 2 + 1);
        cr_assert_eq(pb_fftspec_power(s, y, power), 0);
        double mean = 0, sxx = 0, sw2 = 0, x[N];
        for (int k = 0; k < N; k++)
            mean += y[k] / N;
        for (int k = 0; k < N; k++) {
            double wk = w ? 0.5 - 0.5 * cos(2 * M_PI * k / (N - 1.0)) : 1.0;
            sxx += (y[k] - mean) * (y[k] - mean);
            sw2 += wk * wk;
            x[k] = wk * (y[k] - mean);
        }
        for (int j = 0; j < N * PAD / 2 + 1; j += 7) {
            double re = 0, im = 0;
            for (int k = 0; k < N; k++) {
                re += x[k] * cos(2 * M_PI * (double)j * k / (N * PAD));
                im -= x[k] * sin(2 * M_PI * (double)j * k / (N * PAD));
            }
            double naive = 2 * (re * re + im * im) / (sw2 * sxx);
            cr_assert_leq(fabs(power[j] - naive), TOL_GLS_GRID_VS_EXACT, "bin %d: %.17g vs %.17g", j, power[j], naive);
            double dre, dim;
            pb_dft_at(x, N, (double)j / (N * PAD), &dre, &dim);
            cr_assert_leq(fabs(dre - re) + fabs(dim - im), 1e-10, "pb_dft_at at bin %d", j);
        }
        pb_fftspec_free(s);
    }
    /* Rectangular window, no padding: the Lomb-Scargle power at k/N. */
    pb_fftspec *s = pb_fftspec_alloc(N, 1, PB_WINDOW_RECT);
    pb_fftspec_power(s, y, power);
    pb_series series = {N, t, y, NULL};
    pb_gls_data d;
    pb_gls_data_init(&d, &series);
    for (int j = 1; j < N / 2; j += 5)
        cr_assert_leq(fabs(power[j] - pb_gls_power(&d, (double)j / N)), TOL_GLS_GRID_VS_EXACT, "bin %d", j);
    pb_gls_data_free(&d);
    pb_fftspec_free(s);
}

/* The FFT's classic Lomb-Scargle power at every bin against a naive least
 * squares: the 2 x 2 normal equations of cos and sin at nu_j summed
 * directly (one column alone where the other vanishes on the samples),
 * padded and not, odd and even n; every value in [0, 1]; and the alternating
 * series, all of whose variance is at Nyquist, has power 1 there (the
 * classical 2 |X|^2 / (n sum x^2) said 2). */
Test(kernels, fft_ls_power_matches_naive_least_squares)
{
    static const size_t sizes[] = {7, 16, 33};
    for (size_t si = 0; si < 3; si++)
        for (size_t pad = 1; pad <= 4; pad += 3) {
            size_t n = sizes[si];
            double y[64], x[64], mean = 0, sxx = 0;
            for (size_t k = 0; k < n; k++) {
                y[k] = (double)k * 0.3 + sin(0.7 * (double)k) + (k % 3 == 0 ? 0.5 : 0);
                mean += y[k] / (double)n;
            }
            for (size_t k = 0; k < n; k++) {
                x[k] = y[k] - mean;
                sxx += x[k] * x[k];
            }
            pb_fftspec *s = pb_fftspec_alloc(n, pad, PB_WINDOW_RECT);
            double *power = malloc(pb_fftspec_bins(s) * sizeof *power);
            cr_assert_eq(pb_fftspec_ls_power(s, y, power), 0);
            for (size_t j = 0; j < pb_fftspec_bins(s); j++) {
                double nu = (double)j / (double)(n * pad), cc = 0, ss = 0, cs = 0, xc = 0, xs = 0;
                for (size_t k = 0; k < n; k++) {
                    double c = cos(2 * M_PI * nu * (double)k), si2 = sin(2 * M_PI * nu * (double)k);
                    cc += c * c, ss += si2 * si2, cs += c * si2, xc += x[k] * c, xs += x[k] * si2;
                }
                double det = cc * ss - cs * cs, want;
                if (det > 1e-9 * (double)(n * n))
                    want = (xc * xc * ss - 2 * xc * xs * cs + xs * xs * cc) / det / sxx;
                else
                    want = (cc >= ss ? xc * xc / cc : xs * xs / ss) / sxx;
                cr_assert_leq(fabs(power[j] - want), 1e-9, "n %zu pad %zu bin %zu: %.17g against %.17g", n, pad, j,
                              power[j], want);
                cr_assert(power[j] >= -1e-12 && power[j] <= 1 + 1e-12, "power %.17g outside [0, 1]", power[j]);
            }
            free(power);
            pb_fftspec_free(s);
        }
    double alt[64], p[33];
    for (size_t k = 0; k < 64; k++)
        alt[k] = k % 2 ? -1 : 1;
    pb_fftspec *s = pb_fftspec_alloc(64, 1, PB_WINDOW_RECT);
    cr_assert_eq(pb_fftspec_ls_power(s, alt, p), 0);
    cr_assert_float_eq(p[32], 1.0, 1e-12);
    pb_fftspec_free(s);
}

/* lomb-scargle's fast power against the direct double-precision sums, at
 * every grid frequency: uniform and clustered times, N up to 1e5. */
static void check_fast_power(const double *t, const double *y, size_t n, double df, size_t m)
{
    /* f0 = df takes the one-pass path, f0 = 0.37 df the two-pass one. */
    for (int path = 0; path < 2; path++) {
        double f0 = path ? 0.37 * df : df;
    pb_series s = {n, t, y, NULL};
    pb_gls_data d;
    double *fast = malloc(m * sizeof *fast), *direct = malloc(m * sizeof *direct);
    cr_assert_eq(pb_gls_data_init(&d, &s), 0);
    cr_assert_eq(pb_gls_power_fast(&d, f0, df, m, 1e-12, fast), 0);
    cr_assert_eq(pb_gls_power_grid(&d, f0, df, m, direct), 0);
    for (size_t k = 0; k < m; k++)
        cr_assert_leq(fabs(fast[k] - direct[k]), TOL_LS_FAST_VS_DIRECT, "N %zu, f = %g: fast %.17g direct %.17g", n,
                      f0 + df * k, fast[k], direct[k]);
    pb_gls_data_free(&d);
    free(fast);
    free(direct);
    }
}

Test(kernels, lomb_scargle_fast_power_matches_direct, .timeout = 120)
{
    static const size_t sizes[3] = {1000, 10000, 100000};
    for (int c = 0; c < 3; c++) {
        size_t n = sizes[c];
        double *t = malloc(n * sizeof *t), *y = malloc(n * sizeof *y);
        /* uniform */
        gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
        for (size_t i = 0; i < n; i++) {
            t[i] = (double)i;
            y[i] = cos(2 * M_PI * 0.0731 * t[i]) + gsl_ran_gaussian(r, 1.0);
        }
        gsl_rng_free(r);
        size_t m = n < 10000 ? 2 * n : 4000; /* direct sums cost N m: keep the test short */
        check_fast_power(t, y, n, 1.0 / (5.0 * n), m);
        /* clustered */
        clustered_series(n, t, y, 11 + c);
        check_fast_power(t, y, n, 1.0 / (5.0 * (t[n - 1] - t[0])), m);
        free(t);
        free(y);
    }
}

/* Reference values: astropy 5.2's fap_baluev(z, fmax = 0.5, t, y, dy = None)
 * with t_i = i + 0.3 sin(i), i < 100 (computed once with Debian's python3-astropy). */
Test(kernels, fap_baluev_matches_astropy)
{
    double t[100];
    for (int i = 0; i < 100; i++)
        t[i] = i + 0.3 * sin(i);
    const double z[4] = {0.05, 0.1, 0.2, 0.3};
    const double astropy[4] = {0.9989876925463133, 0.515511001316948, 0.003575464692516781, 7.21055897873762e-06};
    for (int k = 0; k < 4; k++) {
        double fap = pb_fap_baluev(z[k], 0.5, t, 100);
        cr_assert_leq(fabs(fap - astropy[k]), 1e-12 + 1e-9 * astropy[k], "z %g: %.17g vs %.17g", z[k], fap,
                      astropy[k]);
    }
    cr_assert_eq(pb_fap_baluev(0.0, 0.5, t, 100), 1.0);
    cr_assert_eq(pb_fap_baluev(1.0, 0.5, t, 100), 0.0);
}

Test(kernels, peaks_top_k_against_a_scan)
{
    const double p[12] = {5, 1, 3, 3, 2, 7, 0, 4, 4, 9, 1, 6};
    size_t idx[4];
    /* local maxima (p[j] >= left, p[j] > right): 0 (5), 3 (3, the plateau's last), 5 (7), 9 (9), 11 (6);
     * 8 (4) is not one (its right neighbour is higher) */
    size_t k = pb_peaks_top(p, 12, 4, idx);
    cr_assert_eq(k, 4);
    const size_t expect[4] = {9, 5, 11, 0};
    for (size_t j = 0; j < 4; j++)
        cr_assert_eq(idx[j], expect[j], "peak %zu: %zu", j, idx[j]);
}

/* One reusable plan for several grids (the coherent search's chunks): each
 * call agrees with the direct sums. */
Test(kernels, reusable_fast_plan_matches_direct)
{
    enum { NP = 2000, M = 700 };
    static double t[NP], y[NP], fast[M], direct[M];
    clustered_series(NP, t, y, 5);
    pb_series s = {NP, t, y, NULL};
    pb_gls_data d;
    cr_assert_eq(pb_gls_data_init(&d, &s), 0);
    double df = 1.0 / (5.0 * (t[NP - 1] - t[0]));
    pb_gls_fast *plan = pb_gls_fast_alloc(M, 1e-12);
    cr_assert_not_null(plan);
    const double starts[3] = {0.37 * df, 123.5 * df, 0.31};
    for (int c = 0; c < 3; c++) {
        cr_assert_eq(pb_gls_fast_power(plan, &d, starts[c], df, fast), 0);
        cr_assert_eq(pb_gls_power_grid(&d, starts[c], df, M, direct), 0);
        for (size_t k = 0; k < M; k++)
            cr_assert_leq(fabs(fast[k] - direct[k]), TOL_LS_FAST_VS_DIRECT, "grid %d, k %zu", c, k);
    }
    pb_gls_fast_free(plan);
    pb_gls_data_free(&d);
}
