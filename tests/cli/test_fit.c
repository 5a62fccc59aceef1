/* periodbench fit on series with known answers: two public series with a
 * well-known rhythm (tests/data, public domain, from statsmodels' datasets:
 * yearly sunspot numbers 1700-2008, weekly Mauna Loa CO2 1958-2001 with its
 * dates rewritten as ISO 8601), two series generated here, and every kind
 * of malformed input (exit status 2, a line naming the problem). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "helpers/cli_run.h"

#define FIT_MAX_ROWS 16

typedef struct fit_row {
    double period, period_err, freq, freq_err, amp, phase, power, fap;
    int significant;
    char kind[16];
} fit_row;

static char data_path[64], out_path[64];

static void paths(void)
{
    snprintf(data_path, sizeof data_path, "/tmp/pb-fit-data-%d.csv", (int)getpid());
    snprintf(out_path, sizeof out_path, "/tmp/pb-fit-out-%d.csv", (int)getpid());
}

static void write_data(const char *content)
{
    paths();
    FILE *f = fopen(data_path, "wb");
    cr_assert_not_null(f);
    fputs(content, f);
    fclose(f);
}

/* Runs "fit FILE --csv EXTRA" and reads the rows (strongest first). */
static size_t fit_csv(const char *file, const char *extra, fit_row *rows)
{
    char args[512], err[512];
    paths();
    snprintf(args, sizeof args, "fit %s --csv %s", file, extra);
    int rc = pb_test_run(args, out_path, err, sizeof err);
    cr_assert_eq(rc, 0, "fit %s exited %d: %s", file, rc, err);
    FILE *f = fopen(out_path, "r");
    cr_assert_not_null(f);
    char line[1024];
    cr_assert_not_null(fgets(line, sizeof line, f));
    cr_assert(strcmp(line, "period,period_err,frequency,frequency_err,amplitude,phase,power,fap,significant,kind,"
                           "freq_spread,freq_low,freq_high\n") == 0,
              "%s", line);
    size_t n = 0;
    while (n < FIT_MAX_ROWS && fgets(line, sizeof line, f)) {
        fit_row *r = &rows[n++];
        double *field[8] = {&r->period, &r->period_err, &r->freq, &r->freq_err, &r->amp, &r->phase, &r->power, &r->fap};
        char *p = line;
        for (int k = 0; k < 8; k++) { /* an empty field (no standard error) reads as NaN */
            char *end;
            if (k == 7 && strncmp(p, "<1e-300,", 8) == 0) { /* below the double range: an upper bound */
                *field[k] = 0;
                end = p + 7;
            } else {
                *field[k] = strtod(p, &end);
            }
            if (end == p)
                *field[k] = NAN;
            cr_assert(*end == ',', "row '%s', field %d", line, k + 1);
            p = end + 1;
        }
        cr_assert_eq(sscanf(p, "%d,%15[^,]", &r->significant, r->kind), 2, "row '%s': significant, kind", line);
    }
    fclose(f);
    unlink(out_path);
    return n;
}

Test(fit, sunspots_eleven_year_cycle_first)
{
    fit_row r[FIT_MAX_ROWS];
    cr_assert_geq(fit_csv("tests/data/sunspots_yearly.csv", "", r), 1);
    cr_assert(r[0].period > 10.0 && r[0].period < 12.0, "strongest period %g years", r[0].period);
    cr_assert(r[0].fap < 1e-10, "fap %g", r[0].fap);
}

Test(fit, co2_yearly_cycle_first_from_iso_dates)
{
    fit_row r[FIT_MAX_ROWS];
    cr_assert_geq(fit_csv("tests/data/co2_weekly.csv", "", r), 1);
    cr_assert(fabs(r[0].period - 365.25) < 2.0, "strongest period %g days", r[0].period);
}

/* Irregular numeric times written out of order, with duplicates, missing
 * values and a linear trend: two periods, 7.3 and 23. */
Test(fit, generated_two_periods_with_trend_and_odd_rows)
{
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 7);
    enum { N = 400 };
    double t[N];
    for (int i = 0; i < N; i++)
        t[i] = 200.0 * gsl_rng_uniform(g);
    char *text = malloc(N * 64 + 64);
    size_t used = (size_t)sprintf(text, "t,y\n");
    for (int i = 0; i < N; i++) {
        double y = 3.0 + 0.02 * t[i] + 2.0 * cos(2 * M_PI * t[i] / 7.3 + 1.0) + 0.8 * cos(2 * M_PI * t[i] / 23.0 + 0.3) +
                   gsl_ran_gaussian(g, 0.3);
        used += (size_t)sprintf(text + used, i % 97 == 5 ? "%.10f,NA\n" : "%.10f,%.10f\n", t[i], y);
        if (i % 80 == 3) /* the same time twice */
            used += (size_t)sprintf(text + used, "%.10f,%.10f\n", t[i], y);
    }
    gsl_rng_free(g);
    write_data(text);
    free(text);
    fit_row r[FIT_MAX_ROWS];
    size_t n = fit_csv(data_path, "", r);
    unlink(data_path);
    cr_assert_geq(n, 2);
    cr_assert(fabs(r[0].period - 7.3) < 4 * r[0].period_err, "%g +- %g", r[0].period, r[0].period_err);
    cr_assert(fabs(r[1].period - 23.0) < 4 * r[1].period_err, "%g +- %g", r[1].period, r[1].period_err);
    cr_assert(fabs(r[0].amp - 2.0) < 0.15 && fabs(r[1].amp - 0.8) < 0.15, "amplitudes %g %g", r[0].amp, r[1].amp);
    cr_assert(r[0].fap < 1e-6 && r[1].fap < 1e-6);
}

/* Hourly ISO 8601 date-times with a BOM and CRLF line ends, a daily rhythm. */
Test(fit, generated_daily_rhythm_from_date_times)
{
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 11);
    char *text = malloc(24 * 20 * 64 + 64);
    size_t used = (size_t)sprintf(text, "\xEF\xBB\xBFwhen,activity\r\n");
    for (int d = 0; d < 20; d++)
        for (int h = 0; h < 24; h++) {
            double days = d + h / 24.0;
            double y = 10.0 + 3.0 * cos(2 * M_PI * days + 0.5) + gsl_ran_gaussian(g, 0.5);
            used += (size_t)sprintf(text + used, "2024-03-%02dT%02d:00:00Z,%.6f\r\n", d + 1, h, y);
        }
    gsl_rng_free(g);
    write_data(text);
    free(text);
    fit_row r[FIT_MAX_ROWS];
    cr_assert_geq(fit_csv(data_path, "", r), 1);
    cr_assert(fabs(r[0].period - 1.0) < 4 * r[0].period_err && r[0].period_err < 1e-3, "%g +- %g days", r[0].period,
              r[0].period_err);
    /* --predict at two date-times: the model continues the rhythm. */
    FILE *f = fopen("/tmp/pb-fit-times.csv", "w");
    cr_assert_not_null(f);
    fputs("when\n2024-03-25T00:00:00Z\n2024-03-25T12:00:00Z\n", f);
    fclose(f);
    char args[256], err[512], line[256];
    snprintf(args, sizeof args, "fit %s --predict /tmp/pb-fit-times.csv", data_path);
    cr_assert_eq(pb_test_run(args, out_path, err, sizeof err), 0, "%s", err);
    f = fopen(out_path, "r");
    cr_assert_not_null(f);
    cr_assert_not_null(fgets(line, sizeof line, f));
    cr_assert_str_eq(line, "time_utc,value\n");
    for (int k = 0; k < 2; k++) {
        double y;
        char when[32];
        cr_assert_not_null(fgets(line, sizeof line, f));
        cr_assert_eq(sscanf(line, "%20[^,],%lf", when, &y), 2, "%s", line);
        double truth = 10.0 + 3.0 * cos(2 * M_PI * (24.0 + 0.5 * k) + 0.5);
        cr_assert(fabs(y - truth) < 0.3, "%s: predicted %g, truth %g", when, y, truth);
    }
    fclose(f);
    unlink(out_path);
    unlink(data_path);
    unlink("/tmp/pb-fit-times.csv");
}

static void expect_bad(const char *content, const char *extra, const char *mentions)
{
    char args[512], err[512];
    write_data(content);
    snprintf(args, sizeof args, "fit %s %s", data_path, extra);
    int rc = pb_test_run(args, NULL, err, sizeof err);
    unlink(data_path);
    cr_assert_eq(rc, 2, "'%s' on '%s' exited %d (%s)", extra, content, rc, err);
    cr_assert(strncmp(err, "periodbench: ", 13) == 0, "error line '%s'", err);
    cr_assert(strstr(err, mentions) != NULL, "'%s' does not mention '%s'", err, mentions);
}

Test(fit, malformed_input_exits_2_naming_the_problem)
{
    const char *ten_equal = "t,y\n1,5\n2,5\n3,5\n4,5\n5,5\n6,5\n7,5\n8,5\n9,5\n10,5\n";
    const char *ok = "t,y\n1,5\n2,3\n3,6\n4,2\n5,5\n6,1\n7,5\n8,3\n9,4\n10,2\n";
    expect_bad("1,2\n3,4\n", "", "no header");
    expect_bad("t,y\n", "", "no data rows");
    expect_bad("t,y\n,\nNA,NA\n", "", "no data rows");
    expect_bad("t,y\n1,2\n2,3\n3,1\n", "", "fewer than");
    expect_bad(ten_equal, "", "values are equal");
    expect_bad("t,y\n1,2\n2,nan\n", "", "not finite");
    expect_bad("t,y\n1,2\n2,inf\n", "", "not finite");
    expect_bad("t,y\n1,2\n2,abc\n", "", "not a number");
    expect_bad("date,y\n2024-01-01,1\n2024-13-45,2\n", "", "ISO 8601");
    expect_bad(ok, "--value-col nope", "does not exist");
    expect_bad(ok, "--time-col 9", "does not exist");
    expect_bad(ok, "--periods 0", "--periods");
    expect_bad(ok, "--detrend cubic", "--detrend");
    expect_bad(ok, "--method nope", "nope");
    expect_bad(ok, "--set bogus=1", "bogus");
    expect_bad(ok, "--method fold --periods 2", "--periods");
    expect_bad(ok, "--fmin 0.3 --fmax 0.1", "band");
    expect_bad(ok, "--fap 0", "--fap");
    expect_bad(ok, "--fap 2", "--fap");
    expect_bad(ok, "--errors red", "--errors");
    expect_bad(ok, "--set components=3", "--periods");
    expect_bad(ok, "--set fap_max=0.1", "--fap");
    expect_bad(ok, "--predict /nonexistent.csv", "nonexistent");
    const char *with_err = "t,y,e\n1,5,1\n2,3,1\n3,6,1\n4,2,1\n5,5,1\n6,1,1\n7,5,1\n8,3,1\n9,4,1\n10,2,1\n";
    expect_bad(with_err, "--err-col e --method fold", "method fold takes no measurement errors");
    expect_bad(with_err, "--err-col sigma", "'sigma' does not exist");
    expect_bad("t,y,e\n1,5,1\n2,3,0\n3,6,1\n", "--err-col e", "row 3: error '0'");
}

/* --err-col: a third of the samples are off by a large amount and say so
 * (error 50); weighted, the period and amplitude come from the good ones,
 * with the trend; unweighted, the bad ones would bias the amplitude. */
Test(fit, errors_weight_the_fit)
{
    enum { N = 600 };
    char *text = malloc(N * 80 + 64);
    size_t used = (size_t)sprintf(text, "t,y,sigma\n");
    for (int i = 0; i < N; i++) {
        double t = i * 0.37 + 0.2 * sin(i), bad = i % 3 == 0;
        double y = 1.0 + 0.01 * t + 1.5 * cos(2 * M_PI * t / 9.1 + 0.4) + 0.05 * sin(5.3 * i * i);
        used += (size_t)sprintf(text + used, "%.10f,%.10f,%g\n", t, y + (bad ? 8.0 * cos(1.9 * i) : 0.0),
                                bad ? 50.0 : 0.05);
    }
    write_data(text);
    free(text);
    const char *methods[3] = {"nlls", "lomb-scargle", "ls-direct"};
    for (int m = 0; m < 3; m++) {
        char extra[128];
        snprintf(extra, sizeof extra, "--err-col sigma --method %s", methods[m]);
        fit_row r[FIT_MAX_ROWS];
        cr_assert_geq(fit_csv(data_path, extra, r), 1);
        cr_assert(fabs(r[0].period - 9.1) < 0.01, "%s: period %g", methods[m], r[0].period);
        cr_assert(fabs(r[0].amp - 1.5) < 0.02, "%s: amplitude %g", methods[m], r[0].amp);
    }
    fit_row r[FIT_MAX_ROWS];
    cr_assert_geq(fit_csv(data_path, "--method nlls", r), 1);
    cr_assert(fabs(r[0].amp - 1.5) > 0.02 || fabs(r[0].period - 9.1) > 0.01,
              "unweighted, the bad samples should show (amplitude %g, period %g)", r[0].amp, r[0].period);
    unlink(data_path);
}

/* Writes n uniform samples of a tone (frequency f, amplitude a) in
 * Gaussian noise of standard deviation sd, seeded. */
static void write_tone(int n, double f, double a, double sd, unsigned long seed)
{
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, seed);
    char *text = malloc((size_t)n * 48 + 16);
    size_t used = (size_t)sprintf(text, "t,y\n");
    for (int i = 0; i < n; i++)
        used += (size_t)sprintf(text + used, "%d,%.12f\n", i, a * cos(2 * M_PI * f * i + 0.7) + gsl_ran_gaussian(g, sd));
    gsl_rng_free(g);
    write_data(text);
    free(text);
}

/* Runs "fit DATA EXTRA" (the table) and returns its exit status; out gets stdout. */
static int fit_table(const char *extra, char *out, size_t len)
{
    char args[512], err[1024];
    snprintf(args, sizeof args, "fit %s %s", data_path, extra);
    int rc = pb_test_run(args, out_path, err, sizeof err);
    FILE *f = fopen(out_path, "r");
    size_t got = f ? fread(out, 1, len - 1, f) : 0;
    out[got] = '\0';
    if (f)
        fclose(f);
    unlink(out_path);
    if (rc != 0)
        snprintf(out, len, "%s", err);
    return rc;
}

/* Pure noise: "no significant period", the best candidate and its FAP, exit 0. */
Test(fit, pure_noise_says_no_significant_period)
{
    write_tone(300, 0.1, 0.0, 1.0, 17);
    char out[8192];
    cr_assert_eq(fit_table("", out, sizeof out), 0, "%s", out);
    cr_assert(strstr(out, "no significant period") && strstr(out, "best candidate") && strstr(out, "FAP"), "%s", out);
    fit_row r[FIT_MAX_ROWS];
    cr_assert_eq(fit_csv(data_path, "", r), 0, "the CSV of pure noise has rows");
    unlink(data_path);
}

/* A FAP below the double range prints as an upper bound, never 0. */
Test(fit, an_underflowing_fap_prints_as_a_bound)
{
    write_tone(20000, 0.1, 1.0, 0.1, 3);
    char out[8192];
    cr_assert_eq(fit_table("", out, sizeof out), 0, "%s", out);
    cr_assert(strstr(out, "<1e-300") != NULL, "%s", out);
    fit_row r[FIT_MAX_ROWS];
    cr_assert_eq(fit_csv(data_path, "", r), 1);
    cr_assert(r[0].fap == 0 && r[0].significant == 1 && strcmp(r[0].kind, "line") == 0);
    unlink(data_path);
}

/* --periods K gives exactly K rows, each marked; fewer distinct periods
 * than K (a noiseless single tone) is exit 2 saying why. */
Test(fit, forced_periods_are_exactly_k_or_an_error)
{
    write_tone(400, 0.123, 1.0, 0.3, 5);
    fit_row r[FIT_MAX_ROWS];
    cr_assert_eq(fit_csv(data_path, "--periods 3", r), 3);
    cr_assert(r[0].significant == 1 && fabs(r[0].freq - 0.123) < 1e-3, "row 1: %g", r[0].freq);
    cr_assert(r[1].significant == 0 && r[2].significant == 0, "noise rows marked significant");
    char out[8192];
    cr_assert_eq(fit_table("--periods 3", out, sizeof out), 0, "%s", out);
    cr_assert(strstr(out, "NOT significant") != NULL, "%s", out);
    write_tone(64, 0.1, 1.0, 0.0, 1);
    cr_assert_eq(fit_table("--periods 3 --detrend none", out, sizeof out), 2, "%s", out);
    cr_assert(strstr(out, "asked for 3 periods") && strstr(out, "ask for at most"), "%s", out);
    unlink(data_path);
}

/* Found by fuzz_fit: a forced K whose fits with more components fail (nine
 * points) freed the kept model twice. The K asked for is still answered. */
Test(fit, a_forced_period_on_nine_points_is_answered)
{
    char out[8192];
    paths();
    snprintf(data_path, sizeof data_path, "tests/data/reproducers/forced_refit_nine_points.csv");
    cr_assert_eq(fit_table("--periods 1", out, sizeof out), 0, "%s", out);
    cr_assert(strstr(out, "1 period(s) forced") && strstr(out, "significant"), "%s", out);
}

Test(fit, the_trend_is_fitted_by_the_method_or_refused)
{
    /* nlls and lomb-scargle fit it with the periods; another method fits none, and says so. */
    char err[2048];
    cr_assert_eq(pb_test_run("fit --method lomb-scargle --detrend quadratic tests/data/co2_weekly.csv", "/dev/null",
                             err, sizeof err), 0, "%s", err);
    pb_test_expect_refused("fit --method ls-direct --detrend linear tests/data/co2_weekly.csv", "fits no trend");
    pb_test_expect_refused("fit --set trend=linear tests/data/co2_weekly.csv", "--detrend");
    pb_test_expect_refused("fit --method lomb-scargle --set nterms=2 tests/data/co2_weekly.csv", "nterms");
    char out[] = "/tmp/pb-fit-trend-XXXXXX";
    int fd = mkstemp(out);
    cr_assert_geq(fd, 0);
    cr_assert_eq(pb_test_run("fit --method ls-direct tests/data/co2_weekly.csv", out, err, sizeof err), 0, "%s", err);
    char line[512] = "";
    FILE *f = fdopen(fd, "r");
    cr_assert(fgets(line, sizeof line, f));
    fclose(f);
    unlink(out);
    cr_assert(strstr(line, "trend none"), "%s", line);
}
