/* Inputs that were misread silently, each now read correctly or refused by
 * name (exit 2): a NUL byte inside a field ('1\0e300' read as 1), a file of
 * dates without a header (its first row taken for one), a quote never closed
 * (accepted), and a header whose names are numbers ('2,1,note': its columns
 * taken by name for positions). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "helpers/cli_run.h"

#define REPRO "tests/data/reproducers/"

Test(csv_misreads, each_is_read_right_or_refused_by_name, .timeout = 60)
{
    pb_test_expect_refused("periodogram " REPRO "nul_byte_value.csv", "NUL byte");
    pb_test_expect_refused("periodogram " REPRO "noheader_dates.csv", "no header");
    pb_test_expect_refused("periodogram " REPRO "unterminated_quote.csv", "never closed");
    /* By position when no column is named; a number that names one column and numbers another is ambiguous. */
    char err[4096];
    cr_assert_eq(pb_test_run("periodogram " REPRO "header_named_by_numbers.csv", NULL, err, sizeof err), 0, "%s", err);
    cr_assert_not_null(strstr(err, "100 points (time '2', value '1')"), "%s", err);
    cr_assert_null(strstr(err, "duplicate"), "%s", err);
    pb_test_expect_refused("periodogram " REPRO "header_named_by_numbers.csv --time-col 2", "ambiguous");
    /* a quoted field that is closed still reads */
    FILE *f = fopen("/tmp/pb-quoted-ok.csv", "w");
    cr_assert_not_null(f);
    fputs("t,y\n1,2\n2,\"3\"\n3,1\n4,5\n5,\"7\"", f);
    fclose(f);
    cr_assert_eq(pb_test_run("periodogram /tmp/pb-quoted-ok.csv", NULL, err, sizeof err), 0, "%s", err);
    remove("/tmp/pb-quoted-ok.csv");
}
