/* What fit writes, fit reads: --predict's dates are four-digit years (year 1
 * came out '1-01-01'), their form and the parser's agree at every second of
 * the years 0000-9999 tried, and a time outside them is refused, not
 * printed. A refused answer leaves nothing on stdout (a table row glued to
 * the error before). */
#include <criterion/criterion.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/pb_iso8601.h"
#include "helpers/cli_run.h"

#define REPRO "tests/data/reproducers/"

Test(predict_output, dates_format_and_parse_round_trip, .timeout = 30)
{
    static const double edges[] = {-62167219200.0, -62135596800.0, -1, 0, 951782400.0, 253402300799.0};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    for (int i = 0; i < 100000 + 6; i++) {
        double s = i < 6 ? edges[i] : floor(-62167219200.0 + gsl_rng_uniform(r) * (253402300799.0 + 62167219200.0));
        char buf[32];
        double back = NAN;
        cr_assert_eq(pb_iso8601_format(s, buf, sizeof buf), 0, "%.0f", s);
        cr_assert_eq(strlen(buf), 20, "%s", buf);
        cr_assert_eq(pb_iso8601_parse(buf, &back), 0, "%s", buf);
        cr_assert_eq(back, s, "%.0f -> %s -> %.0f", s, buf, back);
    }
    gsl_rng_free(r);
    char buf[32];
    cr_assert_eq(pb_iso8601_format(-62167219201.0, buf, sizeof buf), -1);
    cr_assert_eq(pb_iso8601_format(253402300800.0, buf, sizeof buf), -1);
    cr_assert_eq(pb_iso8601_format(NAN, buf, sizeof buf), -1);
    cr_assert_eq(pb_iso8601_format(0, buf, sizeof buf), 0);
    cr_assert_str_eq(buf, "1970-01-01T00:00:00Z");
}

Test(predict_output, fit_reads_what_predict_writes, .timeout = 60)
{
    char out[64], err[4096], line[256];
    snprintf(out, sizeof out, "/tmp/pb-pred-%d.csv", (int)getpid());
    cr_assert_eq(pb_test_run("fit " REPRO "dates_weekly.csv --predict " REPRO "predict_year1.csv", out, err, sizeof err),
                 0, "%s", err);
    FILE *f = fopen(out, "r");
    cr_assert_not_null(f);
    cr_assert_not_null(fgets(line, sizeof line, f));
    cr_assert_str_eq(line, "time_utc,value\n");
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        char when[64];
        double v, t;
        cr_assert_eq(sscanf(line, "%63[^,],%lf", when, &v), 2, "%s", line);
        cr_assert_eq(pb_iso8601_parse(when, &t), 0, "fit cannot read back '%s'", when);
        rows++;
    }
    fclose(f);
    cr_assert_geq(rows, 2);
    /* The written file as fit's own --predict input: its dates parse. */
    char args[256];
    snprintf(args, sizeof args, "fit " REPRO "dates_weekly.csv --predict %s", out);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    unlink(out);
}

Test(predict_output, a_refused_answer_leaves_no_partial_table, .timeout = 60)
{
    char out[64], err[4096];
    snprintf(out, sizeof out, "/tmp/pb-partial-%d.txt", (int)getpid());
    /* The period forced, so that its row is printed and its infinite amplitude refused (unforced,
     * the refit takes it for a cancelling pair and prints no row). */
    int rc = pb_test_run("fit --periods 1 " REPRO "amplitude_overflow_partial_output.csv", out, err, sizeof err);
    cr_assert_eq(rc, 2, "%s", err);
    cr_assert_not_null(strstr(err, "no answer"), "%s", err);
    struct stat st;
    cr_assert_eq(stat(out, &st), 0);
    cr_assert_eq(st.st_size, 0, "%lld bytes on stdout after a refused answer", (long long)st.st_size);
    unlink(out);
}
