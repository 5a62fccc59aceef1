/* The vectorisable sine/cosine against libm. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>
#include <gsl/gsl_rng.h>

#include "base/pb_sincos.h"
#include "helpers/test_thresholds.h"

Test(sincos, batch_matches_libm)
{
    enum { N = 1 << 16 };
    static double x[N], s[N], c[N];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    const double scales[4] = {1.0, 40.0, 6000.0, 1e6};
    for (int i = 0; i < N; i++)
        x[i] = (2.0 * gsl_rng_uniform(r) - 1.0) * scales[i % 4];
    gsl_rng_free(r);
    pb_sincos_batch(x, N, s, c);
    for (int i = 0; i < N; i++) {
        cr_assert_leq(fabs(s[i] - sin(x[i])), TOL_SINCOS, "sin(%.17g)", x[i]);
        cr_assert_leq(fabs(c[i] - cos(x[i])), TOL_SINCOS, "cos(%.17g)", x[i]);
    }
}

Test(sincos, batch_falls_back_for_huge_and_nan)
{
    double x[3] = {3.8e9, -1e12, 0.5}, s[3], c[3];
    pb_sincos_batch(x, 3, s, c);
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(s[i], sin(x[i]));
        cr_assert_eq(c[i], cos(x[i]));
    }
    double y[2] = {NAN, 1.0};
    pb_sincos_batch(y, 2, s, c);
    cr_assert(isnan(s[0]) && isnan(c[0]));
}

/* The fallback's one reduction (sincos) gives libm's sin and cos bit for
 * bit at the arguments sgd-sin's clock runs reach (|x| to ~1e19). */
Test(sincos, fallback_is_bitwise_libm_for_large_arguments)
{
    enum { N = 4096 };
    static double x[N], s[N], c[N];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    for (int i = 0; i < N; i++)
        x[i] = ldexp(2.0 * gsl_rng_uniform(r) - 1.0, 20 + i % 44);
    gsl_rng_free(r);
    pb_sincos_batch(x, N, s, c);
    for (int i = 0; i < N; i++) {
        double ls = sin(x[i]), lc = cos(x[i]);
        cr_assert(memcmp(&s[i], &ls, sizeof ls) == 0 && memcmp(&c[i], &lc, sizeof lc) == 0, "x = %.17g", x[i]);
    }
}
