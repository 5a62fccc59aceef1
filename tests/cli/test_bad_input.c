/* Inputs that once got an answer they should not have (tests/data/reproducers,
 * from the adversarial pass): each now gets exit status 2 with a message
 * naming the problem, or a correct answer made only of finite numbers. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/pb_out.h"
#include "helpers/cli_run.h"

#define DIR "tests/data/reproducers/"

/* Whether the file holds a non-finite number as printf writes one. */
static int holds_non_finite(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f);
    static char text[1 << 22];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    return pb_out_has_non_finite(text);
}

/* Exit 0, only finite numbers; returns the first data line of stdout. */
static void expect_finite_answer(const char *args, char *first, size_t len)
{
    char err[2048], out[] = "/tmp/pb-bad-out-XXXXXX";
    int fd = mkstemp(out);
    cr_assert_geq(fd, 0);
    int rc = pb_test_run(args, out, err, sizeof err);
    cr_assert_eq(rc, 0, "'%s' exited %d: %s", args, rc, err);
    cr_assert(!holds_non_finite(out), "'%s' printed a non-finite number", args);
    FILE *f = fdopen(fd, "r");
    char line[4096] = "";
    cr_assert(fgets(line, sizeof line, f) && fgets(line, sizeof line, f), "'%s' printed no data line", args);
    snprintf(first, len, "%s", line);
    fclose(f);
    unlink(out);
}

/* The frequency of the highest power in a periodogram's CSV. */
static double peak_frequency(const char *args)
{
    char err[2048], out[] = "/tmp/pb-bad-pg-XXXXXX";
    int fd = mkstemp(out);
    cr_assert_geq(fd, 0);
    cr_assert_eq(pb_test_run(args, out, err, sizeof err), 0, "%s", err);
    cr_assert(!holds_non_finite(out), "'%s' printed a non-finite number", args);
    FILE *f = fdopen(fd, "r");
    char line[256];
    double best_f = NAN, best_p = -1, fr, pw;
    cr_assert(fgets(line, sizeof line, f));
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "%lf,%lf", &fr, &pw) == 2 && pw > best_p) {
            best_p = pw;
            best_f = fr;
        }
    fclose(f);
    unlink(out);
    cr_assert_gt(best_p, 0.9, "'%s': the sine's peak has power %g", args, best_p);
    return best_f;
}

Test(bad_input, huge_values_are_scaled_not_overflowed)
{
    /* 1e155 gave every power 0, 1e200 every power -nan; the peak is the sine's. */
    static const char *const files[] = {DIR "values_1e155_sine.csv", DIR "values_1e200_sine.csv"};
    for (size_t i = 0; i < 2; i++) {
        char args[300];
        snprintf(args, sizeof args, "periodogram %s", files[i]);
        cr_assert_float_eq(peak_frequency(args), 1.0 / 9.0, 1e-12, "%s", files[i]);
    }
    /* The fit sees the same series as one of unit size: the same frequency,
     * the amplitude in the file's units (one period asked for: the file's
     * rounded values hold six weaker exact lines besides). */
    char line[4096];
    double period, period_err, freq, freq_err, amp;
    expect_finite_answer("fit --csv --periods 1 " DIR "values_1e200_sine.csv", line, sizeof line);
    cr_assert_eq(sscanf(line, "%lf,%lf,%lf,%lf,%lf", &period, &period_err, &freq, &freq_err, &amp), 5, "%s", line);
    cr_assert(fabs(freq - 0.111431) < 1e-5 && amp > 9e199 && amp < 1.1e200, "%s", line);
    static const char *const methods[] = {"ls-direct", "lomb-scargle", "nlls", "periodogram"};
    for (size_t m = 0; m < 4; m++) {
        char args[300];
        snprintf(args, sizeof args, "fit --csv --method %s " DIR "values_1e198_ls_direct.csv", methods[m]);
        expect_finite_answer(args, line, sizeof line);
        snprintf(args, sizeof args, "fit --csv --method %s " DIR "values_1e308.csv", methods[m]);
        expect_finite_answer(args, line, sizeof line);
    }
}

Test(bad_input, a_grid_too_large_is_an_error_with_a_written_message)
{
    /* Was: exit 1 and uninitialised bytes after a 1e14-byte allocation. */
    pb_test_expect_refused("periodogram " DIR "span1e15_100pts.csv --fmin 0.01 --fmax 0.4", "frequencies");
    pb_test_expect_refused("periodogram " DIR "span1e15_100pts.csv --nfreq 20000000 --fmin 0.01 --fmax 0.4", "--nfreq");
}

Test(bad_input, exact_sums_beyond_their_budget_are_refused)
{
    /* 5,000 points over 10^6 time units: the band 0.01 .. 0.4 at 5 samples per peak is ~2e6
     * frequencies, 1e10 pairs for the exact sums at --samples-per-peak 5, 2.5e10 at 12.5. */
    char path[] = "/tmp/pb-exact-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "t,y\n");
    for (int i = 0; i < 5000; i++)
        fprintf(f, "%d,%g\n", i * 200, sin(0.37 * i));
    fclose(f);
    char args[600];
    snprintf(args, sizeof args, "periodogram %s --method ls-direct --fmin 0.01 --fmax 0.4 --samples-per-peak 12.5",
             path);
    pb_test_expect_refused(args, "lomb-scargle");
    unlink(path);
}

Test(bad_input, times_no_arithmetic_can_carry_are_refused)
{
    /* Subnormal times are refused as they are read: they lose their digits. */
    pb_test_expect_refused("periodogram " DIR "subnormal_times.csv", "too close to 0");
    pb_test_expect_refused("fit " DIR "subnormal_times.csv", "too close to 0");
    pb_test_expect_refused("fit " DIR "times_1e-300_apart.csv", "span");
    pb_test_expect_refused("periodogram " DIR "times_1e-300_apart.csv", "span");
}

Test(bad_input, parameters_that_only_look_valid_are_refused)
{
    pb_test_expect_refused("run --tasks tone --methods dwt-denoise --set dwt-denoise.k=7 --out /tmp/pb-never", "k = 7");
    pb_test_expect_refused("fit tests/data/sunspots_yearly.csv --method dwt-denoise --set k=7", "k = 7");
    pb_test_expect_refused("run --tasks tone --set tone.n=0x10 --out /tmp/pb-never", "decimal");
    pb_test_expect_refused("run --tasks tone --set tone.snr_db=inf --out /tmp/pb-never", "decimal");
    pb_test_expect_refused("run --seeds 10000000 --out /tmp/pb-never", "1000000");
    pb_test_expect_refused("run --seeds 1,,2 --out /tmp/pb-never", "empty");
    pb_test_expect_refused("run --seeds 3,3,3 --out /tmp/pb-never", "twice");
}
