/* A normalised power is in [0, 1], or the input is refused by name: values
 * whose variation double arithmetic cannot resolve (1 + k eps: 152.8 before)
 * and the alternating series under the FFT periodogram (2.0 at Nyquist
 * before), through every method of the periodogram command. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers/cli_run.h"

/* Runs the periodogram; returns its exit status, and checks every power. */
static int powers_in_range(const char *file, const char *method, char *err, size_t errlen)
{
    char out[64], args[512];
    snprintf(out, sizeof out, "/tmp/pb-power-%d.csv", (int)getpid());
    snprintf(args, sizeof args, "periodogram %s --method %s", file, method);
    int rc = pb_test_run(args, out, err, errlen);
    FILE *f = fopen(out, "r");
    cr_assert_not_null(f);
    char line[256];
    size_t rows = 0;
    while (fgets(line, sizeof line, f)) {
        double fr, p;
        if (sscanf(line, "%lf,%lf", &fr, &p) != 2)
            continue;
        rows++;
        cr_assert(p >= 0 && p <= 1, "%s --method %s: power %.17g at %.17g", file, method, p, fr);
    }
    fclose(f);
    unlink(out);
    cr_assert(rc != 0 || rows > 0, "%s --method %s: exit 0 and no power", file, method);
    cr_assert(rc == 0 || rows == 0, "%s --method %s: exit %d after %zu rows", file, method, rc, rows);
    return rc;
}

Test(power_range, every_power_is_in_0_1_or_the_input_is_refused, .timeout = 60)
{
    static const char *const methods[] = {"lomb-scargle", "ls-direct", "periodogram"};
    char err[2048];
    for (int m = 0; m < 3; m++) {
        int rc = powers_in_range("tests/data/reproducers/power_above_one_nearly_constant.csv", methods[m], err,
                                 sizeof err);
        cr_assert_eq(rc, 2, "%s: exit %d: %s", methods[m], rc, err);
        cr_assert_not_null(strstr(err, "cannot resolve"), "%s", err);
        cr_assert_eq(powers_in_range("tests/data/reproducers/pgram_alternating.csv", methods[m], err, sizeof err), 0,
                     "%s: %s", methods[m], err);
    }
    /* fit found "periods" of amplitude 1e-16 at FAP 1e-82 in the same rounding noise */
    int rc = pb_test_run("fit tests/data/reproducers/power_above_one_nearly_constant.csv", NULL, err, sizeof err);
    cr_assert_eq(rc, 2, "fit: exit %d: %s", rc, err);
    cr_assert_not_null(strstr(err, "cannot resolve"), "%s", err);
}
