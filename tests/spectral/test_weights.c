/* The weighted generalized Lomb-Scargle power (weights 1/dy^2): against a
 * weighted least-squares fit done here with GSL, against astropy, and the
 * fast and grid powers against the exact one. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "helpers/gls_reference.h"
#include "spectral/pb_gls.h"
#include "helpers/test_thresholds.h"

enum { N = PB_TEST_FORMULA_N };

static const double freqs[8] = {0.013, 0.05, 0.0999, 0.1, 0.1003, 0.2, 0.37, 0.49};

Test(weights, power_is_the_weighted_least_squares_definition)
{
    static double t[N], y[N], dy[N];
    pb_test_formula_series(t, y, dy);
    pb_series s = {N, t, y, NULL};
    pb_gls_data d;
    cr_assert_eq(pb_gls_data_init_weighted(&d, &s, dy), 0);
    for (int k = 0; k < 8; k++) {
        double p = pb_gls_power(&d, freqs[k]), ref = pb_test_fit_power(t, y, dy, N, freqs[k], 1, -1);
        cr_assert_leq(fabs(p - ref), TOL_GLS_VS_BRUTE_FORCE, "f %g: %.17g vs %.17g", freqs[k], p, ref);
    }
    pb_gls_data_free(&d);
}

/* Reference values: astropy 5.2's LombScargle(t, y, dy).power(f,
 * method='cython') for pb_test_formula_series (computed once with Debian's
 * python3-astropy; method='slow' agrees to 2e-15). */
Test(weights, power_matches_astropy)
{
    static const double astropy[8] = {0.0019776207700652857, 0.001325594016585571,  0.7904741952419335,
                                      0.7912994927212444,    0.7818037382679748,    2.4071403254050503e-05,
                                      5.003698252336915e-06, 0.0001840432279451908};
    pb_gls_data d;
    pb_test_formula_data(&d, 1);
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
    pb_test_formula_series(t, y, dy);
    for (int i = 0; i < N; i++)
        dy[i] = 3.7;
    pb_series s = {N, t, y, NULL};
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
    pb_test_formula_series(t, y, dy);
    pb_series s = {N, t, y, NULL};
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
