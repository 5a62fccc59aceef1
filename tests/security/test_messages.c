/* An error message is one line: newlines and control bytes from a file, a
 * path or a program are shown escaped, never passed to the terminal raw. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers/cli_run.h"

static void assert_one_clean_line(const char *err)
{
    size_t n = strlen(err);
    cr_assert_gt(n, 0, "no message");
    cr_assert_eq(err[n - 1], '\n', "%s", err);
    cr_assert_null(memchr(err, '\n', n - 1), "a message of more than one line: %s", err);
    for (size_t i = 0; i + 1 < n; i++)
        cr_assert(!((unsigned char)err[i] < 0x20 && err[i] != '\t') && (unsigned char)err[i] != 0x7f,
                  "a raw control byte 0x%02x in: %s", (unsigned char)err[i], err);
}

Test(security, a_stray_quote_does_not_print_the_rest_of_the_file, .timeout = 30)
{
    char err[8192];
    const char *argv[] = {"periodogram", "tests/data/reproducers/stray_quote2.csv", NULL};
    cr_assert_eq(pb_test_run_argv(argv, NULL, err, sizeof err), 2, "%s", err);
    assert_one_clean_line(err);
}

Test(security, control_bytes_in_a_path_are_escaped, .timeout = 30)
{
    char err[4096];
    const char *argv[] = {"periodogram", "no\nsuch\033[31mfile\r.csv", NULL};
    cr_assert_eq(pb_test_run_argv(argv, NULL, err, sizeof err), 2, "%s", err);
    assert_one_clean_line(err);
    cr_assert_not_null(strstr(err, "\\x1b[31m"), "%s", err);
}

/* A program's description with a control byte (ESC, which list and the
 * tables would pass to a terminal) is refused by name. */
Test(security, a_description_with_control_bytes_is_refused, .timeout = 30)
{
    char prog[] = "/tmp/pb-escdesc-XXXXXX", err[4096];
    int fd = mkstemp(prog);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("#!/bin/sh\nprintf 'periodbench-method 1\\nname x-esc\\nfamily test\\nsummary red \\033[31mtext\\n"
          "uses_errors 0\\nend\\n'\n", f);
    fclose(f);
    cr_assert_eq(chmod(prog, 0755), 0);
    const char *argv[] = {"run", "--tasks", "tone", "--methods", prog, "--seeds", "1", "--quiet", NULL};
    cr_assert_eq(pb_test_run_argv(argv, NULL, err, sizeof err), 2, "%s", err);
    assert_one_clean_line(err);
    cr_assert_not_null(strstr(err, "control character"), "%s", err);
    unlink(prog);
}

/* Column names come from the file: the line saying what was read escapes them. */
Test(security, column_names_with_control_bytes_are_escaped, .timeout = 30)
{
    char path[] = "/tmp/pb-ctlhdr-XXXXXX", err[4096];
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("\"t\033[31m\",\"y\nz\"\n1,2\n2,3\n3,1\n4,5\n", f);
    fclose(f);
    const char *argv[] = {"periodogram", path, NULL};
    cr_assert_eq(pb_test_run_argv(argv, NULL, err, sizeof err), 0, "%s", err);
    assert_one_clean_line(err);
    cr_assert_not_null(strstr(err, "t\\x1b[31m"), "%s", err);
    unlink(path);
}
