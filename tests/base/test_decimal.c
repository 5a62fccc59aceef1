/* pb_decimal: the same bits and the same end as glibc's strtod (correctly
 * rounded) on random decimal numbers of every length and exponent the fast
 * path takes and beyond it, on printed doubles (%.17g, %.6g, %.3f), on
 * halfway cases, and on text that is not a plain decimal number. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>

#include "base/pb_decimal.h"

static void expect_same(const char *text)
{
    char *e1, *e2;
    double a = strtod(text, &e1), b = pb_decimal_parse(text, &e2);
    cr_assert(memcmp(&a, &b, sizeof a) == 0, "'%s': strtod %.17g, pb_decimal_parse %.17g", text, a, b);
    cr_assert_eq(e1, e2, "'%s': end at %td against strtod's %td", text, e2 - text, e1 - text);
}

Test(decimal, random_decimals_match_strtod)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 5);
    char buf[80];
    for (int k = 0; k < 400000; k++) {
        int nd = 1 + (int)gsl_rng_uniform_int(r, 21), point = (int)gsl_rng_uniform_int(r, (unsigned long)nd + 2);
        char *p = buf;
        if (gsl_rng_uniform(r) < 0.3)
            *p++ = '-';
        for (int j = 0; j < nd; j++) {
            if (j == point)
                *p++ = '.';
            *p++ = (char)('0' + gsl_rng_uniform_int(r, 10));
        }
        if (gsl_rng_uniform(r) < 0.5)
            p += sprintf(p, "e%d", (int)gsl_rng_uniform_int(r, 81) - 40);
        *p = '\0';
        expect_same(buf);
    }
    gsl_rng_free(r);
}

Test(decimal, printed_doubles_match_strtod)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 6);
    char buf[80];
    static const char *const formats[] = {"%.17g", "%.16g", "%.15g", "%.6g", "%.3f", "%.10f", "%.12e"};
    for (int k = 0; k < 300000; k++) {
        double x = ldexp(gsl_rng_uniform(r) + 0.5, (int)gsl_rng_uniform_int(r, 161) - 80);
        snprintf(buf, sizeof buf, formats[k % 7], gsl_rng_uniform(r) < 0.5 ? -x : x);
        expect_same(buf);
    }
    gsl_rng_free(r);
}

Test(decimal, halfway_cases_and_other_text_match_strtod)
{
    static const char *const texts[] = {
        "9007199254740993", "9007199254740995", "9007199254740992.5", "900719925474099.25", "18014398509481985",
        "0.1", "0.3", "1e23", "8.98846567431158e307", "2.2250738585072014e-308", "4.9e-324", "1e-27", "1e27",
        "9999999999999999999", "99999999999999999999", "0.0000000000000000000000000001", "123456789012345678e-27",
        "0", "-0", "-0.0", "+1.5", "1.", ".5", "-.5e3", ".", "-", "+", "", "e5", "1e", "1e+", "1e-x", "0x1p3",
        "0X10", "inf", "-Infinity", "nan", " 5", "5 ", "1,5", "1.5.2", "12abc", "1e400", "1e-400", "007", "1e0000005",
        "3.14159265358979323846264338327950288", "1.7976931348623157e308",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        expect_same(texts[i]);
}
