/* The weighted generalized Lomb-Scargle power (weights 1/dy^2): against a
 * weighted least-squares fit done here with GSL, against astropy, and the
 * fast and grid powers against the exact one. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_multifit.h>

#include "pb_gls.h"
#include "test_thresholds.h"

enum { N = 200 };

/* The series astropy's values below were computed for (formulas, no RNG,
 * so both sides make the same numbers). */
static void formula_series(double *t, double *y, double *dy)
{
    for (int i = 0; i < N; i++) {
        t[i] = i + 0.3 * sin(i);
        y[i] = sin(2 * M_PI * 0.1 * t[i]) + 0.5 * cos(1.7 * i) + 0.2 * i / (double)N;
        dy[i] = 0.5 + 0.4 * sin(3.0 * i) * sin(3.0 * i);
    }
}

/* The definition, done independently: 1 - chi2(f) / chi2_0 from GSL's
 * weighted linear least squares of offset + cos + sin, chi2_0 about the
 * weighted mean. */
static double weighted_fit_power(const double *t, const double *y, const double *dy, double f)
{
    gsl_matrix *x = gsl_matrix_alloc(N, 3), *cov = gsl_matrix_alloc(3, 3);
    gsl_vector *w = gsl_vector_alloc(N), *yv = gsl_vector_alloc(N), *c = gsl_vector_alloc(3);
    gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(N, 3);
    double sw = 0, swy = 0, chi2, chi2_0 = 0;
    for (int i = 0; i < N; i++) {
        gsl_matrix_set(x, i, 0, 1.0);
        gsl_matrix_set(x, i, 1, cos(2 * M_PI * f * t[i]));
        gsl_matrix_set(x, i, 2, sin(2 * M_PI * f * t[i]));
        gsl_vector_set(w, i, 1.0 / (dy[i] * dy[i]));
        gsl_vector_set(yv, i, y[i]);
        sw += 1.0 / (dy[i] * dy[i]);
        swy += y[i] / (dy[i] * dy[i]);
    }
    for (int i = 0; i < N; i++)
        chi2_0 += (y[i] - swy / sw) * (y[i] - swy / sw) / (dy[i] * dy[i]);
    cr_assert_eq(gsl_multifit_wlinear(x, w, yv, c, cov, &chi2, ws), 0);
    gsl_multifit_linear_free(ws);
    gsl_matrix_free(x);
    gsl_matrix_free(cov);
    gsl_vector_free(w);
    gsl_vector_free(yv);
    gsl_vector_free(c);
    return 1.0 - chi2 / chi2_0;
}

static const double freqs[8] = {0.013, 0.05, 0.0999, 0.1, 0.1003, 0.2, 0.37, 0.49};

Test(weights, power_is_the_weighted_least_squares_definition)
{
    static double t[N], y[N], dy[N];
    formula_series(t, y, dy);
    pb_series s = {N, t, y};
    pb_gls_data d;
    cr_assert_eq(pb_gls_data_init_weighted(&d, &s, dy), 0);
    for (int k = 0; k < 8; k++) {
        double p = pb_gls_power(&d, freqs[k]), ref = weighted_fit_power(t, y, dy, freqs[k]);
        cr_assert_leq(fabs(p - ref), TOL_GLS_VS_BRUTE_FORCE, "f %g: %.17g vs %.17g", freqs[k], p, ref);
    }
    pb_gls_data_free(&d);
}

/* Reference values: astropy 5.2's LombScargle(t, y, dy).power(f,
 * method='cython') for formula_series (computed once with Debian's
 * python3-astropy; method='slow' agrees to 2e-15). */
Test(weights, power_matches_astropy)
{
    static const double astropy[8] = {0.0019776207700652857, 0.001325594016585571,  0.7904741952419335,
                                      0.7912994927212444,    0.7818037382679748,    2.4071403254050503e-05,
                                      5.003698252336915e-06, 0.0001840432279451908};
    static double t[N], y[N], dy[N];
    formula_series(t, y, dy);
    pb_series s = {N, t, y};
    pb_gls_data d;
    cr_assert_eq(pb_gls_data_init_weighted(&d, &s, dy), 0);
    for (int k = 0; k < 8; k++) {
        double p = pb_gls_power(&d, freqs[k]);
        cr_assert_leq(fabs(p - astropy[k]), 1e-12, "f %g: %.17g vs astropy %.17g", freqs[k], p, astropy[k]);
    }
    pb_gls_data_free(&d);
}

/* Equal errors weigh nothing differently: the unweighted power. */
Test(weights, equal_errors_give_the_unweighted_power)
{
    static double t[N], y[N], dy[N];
    formula_series(t, y, dy);
    for (int i = 0; i < N; i++)
        dy[i] = 3.7;
    pb_series s = {N, t, y};
    pb_gls_data dw, du;
    cr_assert_eq(pb_gls_data_init_weighted(&dw, &s, dy), 0);
    cr_assert_eq(pb_gls_data_init(&du, &s), 0);
    for (int k = 0; k < 8; k++)
        cr_assert_leq(fabs(pb_gls_power(&dw, freqs[k]) - pb_gls_power(&du, freqs[k])), 1e-13, "f %g", freqs[k]);
    pb_gls_data_free(&dw);
    pb_gls_data_free(&du);
}

/* The grid walk and the fast sums (aligned one-pass grid and any-f0
 * two-pass grid) with weights, at every frequency, against the exact power. */
Test(weights, grid_and_fast_powers_match_the_exact_weighted_power)
{
    enum { M = 1500 };
    static double t[N], y[N], dy[N], grid[M], fast[M];
    formula_series(t, y, dy);
    pb_series s = {N, t, y};
    pb_gls_data d;
    cr_assert_eq(pb_gls_data_init_weighted(&d, &s, dy), 0);
    double df = 1.0 / (5.0 * (t[N - 1] - t[0]));
    const double starts[2] = {df, 0.37 * df};
    for (int c = 0; c < 2; c++) {
        cr_assert_eq(pb_gls_power_grid(&d, starts[c], df, M, grid), 0);
        cr_assert_eq(pb_gls_power_fast(&d, starts[c], df, M, PB_GLS_FAST_TOL, fast), 0);
        for (size_t k = 0; k < M; k++) {
            double f = starts[c] + (double)k * df, exact = pb_gls_power(&d, f);
            cr_assert_leq(fabs(grid[k] - exact), TOL_GLS_GRID_VS_EXACT, "grid, f %g", f);
            cr_assert_leq(fabs(fast[k] - exact), TOL_LS_FAST_VS_DIRECT, "fast, f %g", f);
        }
    }
    pb_gls_data_free(&d);
}
