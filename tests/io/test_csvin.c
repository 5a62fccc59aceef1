/* Reading a person's CSV: odd but meaningful input works and is reported;
 * malformed input is an error that names the problem. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io/pb_csvin.h"
#include "io/pb_iso8601.h"

static char path[64];

static void write_file(const char *content, size_t len)
{
    snprintf(path, sizeof path, "/tmp/pb-csvin-%d.csv", (int)getpid());
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fwrite(content, 1, len, f);
    fclose(f);
}

static int read_csv(const char *content, const char *tcol, const char *vcol, pb_csvin_series *s, char *err)
{
    write_file(content, strlen(content));
    pb_csvin_options o = {tcol, vcol, NULL, 0, 0, 0};
    int rc = pb_csvin_read(path, &o, s, err, 512);
    unlink(path);
    return rc;
}

static void expect_error(const char *content, const char *tcol, const char *vcol, const char *mentions)
{
    pb_csvin_series s;
    char err[512] = "";
    cr_assert_eq(read_csv(content, tcol, vcol, &s, err), -1, "accepted: %s", content);
    cr_assert(strstr(err, mentions) != NULL, "error '%s' does not mention '%s'", err, mentions);
}

Test(csvin, odd_input_is_repaired_and_reported)
{
    /* BOM, CRLF, unsorted, a duplicate time, an empty value, extra columns, spaces. */
    const char text[] = "\xEF\xBB\xBFtime,flux,err\r\n3, 30 ,1\r\n1,10,1\r\n2,,1\r\n1,14,1\r\n0,0,1\r\n";
    pb_csvin_series s;
    char err[512];
    cr_assert_eq(read_csv(text, NULL, NULL, &s, err), 0, "%s", err);
    cr_assert_str_eq(s.time_name, "time");
    cr_assert_str_eq(s.value_name, "flux");
    cr_assert_eq(s.rows, 5);
    cr_assert_eq(s.skipped, 1);
    cr_assert_eq(s.duplicates, 1);
    cr_assert(s.was_unsorted);
    cr_assert_eq(s.n, 3);
    double t[3] = {0, 1, 3}, y[3] = {0, 12, 30};
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(s.t[i], t[i]);
        cr_assert_eq(s.y[i], y[i]);
    }
    pb_csvin_free(&s);
}

Test(csvin, columns_by_name_or_index_and_dates)
{
    const char text[] = "id,when,v\n1,2024-01-01,5\n2,2024-01-02T12:00:00Z,6\n3,2024-01-03 00:00+01:00,7\n";
    pb_csvin_series s;
    char err[512];
    cr_assert_eq(read_csv(text, "when", "3", &s, err), 0, "%s", err);
    cr_assert(s.dates);
    cr_assert_eq(s.n, 3);
    cr_assert_float_eq(s.t[1], 1.5, 1e-12);
    cr_assert_float_eq(s.t[2], 2.0 - 1.0 / 24.0, 1e-12);
    cr_assert_eq(s.y[2], 7);
    pb_csvin_free(&s);
}

Test(csvin, malformed_input_is_named)
{
    expect_error("", NULL, NULL, "no header");
    expect_error("1,2\n3,4\n", NULL, NULL, "no header");
    expect_error("t,y\n", NULL, NULL, "no data rows");
    expect_error("t,y\n1,\n2,\n", NULL, NULL, "no data rows");
    expect_error("t,y\n1,2\n2,nan\n", NULL, NULL, "not finite");
    expect_error("t,y\n1,2\n2,inf\n", NULL, NULL, "not finite");
    expect_error("t,y\n1,2\n2,abc\n", NULL, NULL, "'abc' is not a number");
    expect_error("t,y\n1,2\n2024-02-30,3\n", NULL, NULL, "2024-02-30");
    expect_error("t,y\n2024-01-01,2\n5,3\n", NULL, NULL, "mixes");
    expect_error("t,y\n1,2\n", "time", NULL, "'time' does not exist");
    expect_error("t,y\n1,2\n", NULL, "7", "column 7 does not exist");
    expect_error("t,y\n1,2\n", "t", "1", "same column");
}

Test(csvin, missing_file)
{
    pb_csvin_series s;
    pb_csvin_options o = {NULL, NULL, NULL, 0, 0, 0};
    char err[512];
    cr_assert_eq(pb_csvin_read("/nonexistent/x.csv", &o, &s, err, sizeof err), -1);
    cr_assert(strstr(err, "No such file") != NULL, "%s", err);
}

Test(csvin, iso8601)
{
    double s;
    cr_assert_eq(pb_iso8601_parse("1970-01-01", &s), 0);
    cr_assert_eq(s, 0);
    cr_assert_eq(pb_iso8601_parse("2000-03-01T00:00:00Z", &s), 0);
    cr_assert_eq(s, 951868800.0);
    cr_assert_eq(pb_iso8601_parse("1969-12-31T23:59:59.5", &s), 0);
    cr_assert_eq(s, -0.5);
    cr_assert_eq(pb_iso8601_parse("2024-02-29", &s), 0);
    cr_assert_eq(pb_iso8601_parse("2023-02-29", &s), -1);
    cr_assert_eq(pb_iso8601_parse("2024-13-01", &s), -1);
    cr_assert_eq(pb_iso8601_parse("2024-01-01T25:00", &s), -1);
    cr_assert_eq(pb_iso8601_parse("2024-01-01x", &s), -1);
}

static int read_with_errors(const char *content, const char *ecol, pb_csvin_series *s, char *err)
{
    write_file(content, strlen(content));
    pb_csvin_options o = {NULL, NULL, ecol, 0, 0, 0};
    int rc = pb_csvin_read(path, &o, s, err, 512);
    unlink(path);
    return rc;
}

/* An error column: rows without an error skipped; duplicate times merged
 * by inverse-variance weighting. */
Test(csvin, error_column_is_read_and_merged_by_weight)
{
    const char text[] = "t,y,sigma\n2,5,0.5\n1,10,1\n1,16,2\n3,7,NA\n0,1,0.25\n";
    pb_csvin_series s;
    char err[512];
    cr_assert_eq(read_with_errors(text, "sigma", &s, err), 0, "%s", err);
    cr_assert_str_eq(s.err_name, "sigma");
    cr_assert_eq(s.n, 3);
    cr_assert_eq(s.skipped, 1);
    cr_assert_eq(s.duplicates, 1);
    /* t = 1: weights 1 and 1/4: y = (10 + 16/4) / 1.25 = 11.2, dy = 1/sqrt(1.25) */
    cr_assert_float_eq(s.y[1], 11.2, 1e-12);
    cr_assert_float_eq(s.dy[1], 1.0 / sqrt(1.25), 1e-12);
    cr_assert_eq(s.dy[0], 0.25);
    cr_assert_eq(s.dy[2], 0.5);
    pb_csvin_free(&s);
}

static void expect_error_column_error(const char *content, const char *ecol, const char *mentions)
{
    pb_csvin_series s;
    char err[512] = "";
    cr_assert_eq(read_with_errors(content, ecol, &s, err), -1, "accepted: %s", content);
    cr_assert(strstr(err, mentions) != NULL, "error '%s' does not mention '%s'", err, mentions);
}

Test(csvin, bad_errors_are_named)
{
    expect_error_column_error("t,y,e\n1,2,0\n", "e", "row 2: error '0' is not a positive finite number");
    expect_error_column_error("t,y,e\n1,2,-1\n", "e", "error '-1'");
    expect_error_column_error("t,y,e\n1,2,abc\n", "e", "error 'abc'");
    expect_error_column_error("t,y,e\n1,2,inf\n", "e", "error 'inf'");
    expect_error_column_error("t,y,e\n1,2,1e-200\n", "e", "error '1e-200'"); /* 1/dy^2 overflows */
    expect_error_column_error("t,y,e\n1,2,1\n", "dy", "error column 'dy' does not exist");
    expect_error_column_error("t,y,e\n1,2,1\n", "y", "also the value column");
    expect_error_column_error("t,y,e\n1,2,\n", "e", "a time, a value and an error");
}
