/* The multi-harmonic power (nterms): one term is the classic power; K terms
 * are a weighted least-squares fit of 2K + 1 columns done here with GSL,
 * and astropy's LombScargle(..., nterms=K); the fast sums match the exact
 * power at every grid frequency. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

#include "helpers/gls_reference.h"
#include "spectral/pb_gls.h"
#include "spectral/pb_gls_harmonics.h"
#include "helpers/test_thresholds.h"

enum { N = PB_TEST_FORMULA_N };

static const double freqs[8] = {0.013, 0.05, 0.0999, 0.1, 0.1003, 0.2, 0.37, 0.49};

static double fit_power(const double *t, const double *y, const double *dy, size_t n, double f, int K)
{
    return pb_test_fit_power(t, y, dy, n, f, K, -1);
}

Test(gls_harmonics, one_term_is_the_classic_power)
{
    for (int weighted = 0; weighted < 2; weighted++) {
        pb_gls_data d;
        pb_test_formula_data(&d, weighted);
        for (int k = 0; k < 8; k++) {
            double classic = pb_gls_power(&d, freqs[k]), general = pb_glsh_power(&d, freqs[k]);
            cr_assert_leq(fabs(classic - general), 1e-12, "f %g: %.17g vs %.17g", freqs[k], classic, general);
        }
        pb_gls_data_free(&d);
    }
}

Test(gls_harmonics, power_is_the_least_squares_definition)
{
    static double t[N], y[N], dy[N];
    pb_test_formula_series(t, y, dy);
    pb_series s = {N, t, y, NULL};
    const int terms[3] = {2, 3, 6};
    for (int weighted = 0; weighted < 2; weighted++) {
        pb_gls_data d;
        cr_assert_eq(pb_gls_data_init_weighted(&d, &s, weighted ? dy : NULL), 0);
        for (int c = 0; c < 3; c++) {
            d.nterms = terms[c];
            for (int k = 0; k < 8; k++) {
                double p = pb_gls_power(&d, freqs[k]), ref = fit_power(t, y, weighted ? dy : NULL, N, freqs[k], terms[c]);
                cr_assert_leq(fabs(p - ref), TOL_GLS_VS_BRUTE_FORCE, "nterms %d, f %g: %.17g vs %.17g", terms[c],
                              freqs[k], p, ref);
            }
        }
        pb_gls_data_free(&d);
    }
}

/* Reference values: astropy 5.2's LombScargle(t, y, dy, nterms=K).power(f,
 * method='chi2') for pb_test_formula_series (computed once with Debian's
 * python3-astropy). */
Test(gls_harmonics, power_matches_astropy)
{
    static const double astropy[2][8] = {
        {0.004005077834083864, 0.7918733862897119, 0.7906166772670424, 0.7914103132764077, 0.7818385234868085,
         4.170415511274853e-05, 0.2569045186118376, 0.0002657070649440797},
        {0.005412267869606698, 0.7919751723194765, 0.7906990566285751, 0.7914491143044978, 0.7818483963313629,
         0.000325245406928529, 0.29170049041019497, 0.000742686051253881}};
    pb_gls_data d;
    pb_test_formula_data(&d, 1);
    for (int c = 0; c < 2; c++) {
        d.nterms = c + 2;
        for (int k = 0; k < 8; k++) {
            double p = pb_gls_power(&d, freqs[k]);
            cr_assert_leq(fabs(p - astropy[c][k]), 1e-10, "nterms %d, f %g: %.17g vs astropy %.17g", c + 2, freqs[k],
                          p, astropy[c][k]);
        }
    }
    pb_gls_data_free(&d);
}

/* Fast sums (grid from f0 = 0: real grids; from any f0: complex ones) and
 * the grid walk against the exact power, clustered times, nterms 3. */
Test(gls_harmonics, fast_and_grid_powers_match_exact, .timeout = 60)
{
    enum { NP = 2000, M = 1200 };
    static double t[NP], y[NP], fast[M], grid[M];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double now = 3.0;
    for (size_t i = 0; i < NP; i++) {
        now += (i % 40 == 0) ? 30.0 * gsl_rng_uniform(r) : 0.4 * gsl_rng_uniform(r);
        t[i] = now;
        double phase = fmod(0.0517 * now, 1.0);
        y[i] = phase - 0.5 + gsl_ran_gaussian(r, 0.2); /* a sawtooth: harmonics */
    }
    gsl_rng_free(r);
    pb_series s = {NP, t, y, NULL};
    pb_gls_data d;
    cr_assert_eq(pb_gls_data_init(&d, &s), 0);
    d.nterms = 3;
    double df = 1.0 / (5.0 * (t[NP - 1] - t[0]));
    const double starts[2] = {0.0, 0.37 * df + 0.01};
    for (int c = 0; c < 2; c++) {
        cr_assert_eq(pb_gls_power_fast(&d, starts[c], df, M, PB_GLS_FAST_TOL, fast), 0);
        cr_assert_eq(pb_gls_power_grid(&d, starts[c], df, M, grid), 0);
        for (size_t k = 0; k < M; k++) {
            double f = starts[c] + (double)k * df, exact = pb_gls_power(&d, f);
            cr_assert_leq(fabs(fast[k] - exact), TOL_LS_FAST_VS_DIRECT, "f %g: fast %.17g exact %.17g", f, fast[k],
                          exact);
            cr_assert_leq(fabs(grid[k] - exact), 1e-12, "grid, f %g", f);
            cr_assert(exact >= -1e-12 && exact <= 1.0 + 1e-12, "f %g: power %g", f, exact);
        }
    }
    pb_gls_data_free(&d);
}

/* Uniform times: at f = 1/4 the second harmonic sits at the Nyquist
 * frequency, where its sine column vanishes (rounding noise); the fit
 * leaves it out, so it matches a fit without that column (GSL given the
 * noise column fits it with a huge amplitude). */
Test(gls_harmonics, a_vanishing_column_is_left_out)
{
    enum { NU = 64 };
    static double t[NU], y[NU];
    for (int i = 0; i < NU; i++) {
        t[i] = i;
        y[i] = cos(2 * M_PI * 0.25 * i + 0.3) + 0.4 * cos(M_PI * i) + 0.1 * sin(0.77 * i * i);
    }
    pb_series s = {NU, t, y, NULL};
    pb_gls_data d;
    cr_assert_eq(pb_gls_data_init(&d, &s), 0);
    d.nterms = 2;
    double p = pb_gls_power(&d, 0.25), ref = pb_test_fit_power(t, y, NULL, NU, 0.25, 2, 4);
    cr_assert(p >= 0 && p <= 1.0 + 1e-12, "power %g", p);
    cr_assert_leq(fabs(p - ref), TOL_GLS_VS_BRUTE_FORCE, "%.17g vs %.17g", p, ref);
    pb_gls_data_free(&d);
}
