/* Every external program, in every command, runs under a time limit and is
 * reaped with everything it started: children in its process group, children
 * that left it with setsid, double-forked orphans, from describe as from
 * serve; fit and track give up on a program that never answers. And only
 * the harness decides a row's status. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "helpers/cli_run.h"
#include "helpers/procs.h"
#include "helpers/run_tables.h"

#define REPRO "tests/data/reproducers/"

/* A program that escapes every way it can: describe leaves a setsid'd
 * sleep; serve starts one in its group, one with setsid and one
 * double-forked, says ready, then never answers. Markers from the pid. */
static long write_escaper(const char *dir, char *path, size_t len)
{
    long mark = 900000 + (long)getpid() % 90000 * 10;
    snprintf(path, len, "%s/escaper.sh", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fprintf(f,
            "#!/bin/sh\n"
            "if [ \"$1\" = describe ]; then\n"
            "  setsid sleep %ld </dev/null >/dev/null 2>&1 &\n"
            "  printf 'periodbench-method 1\\nname x-escaper-%ld\\nfamily test\\nsummary escapes\\nuses_errors 0\\nend\\n'\n"
            "  exit 0\n"
            "fi\n"
            "sleep %ld </dev/null >/dev/null 2>&1 &\n"
            "setsid sleep %ld </dev/null >/dev/null 2>&1 &\n"
            "( setsid sleep %ld </dev/null >/dev/null 2>&1 & ) &\n"
            "echo ready\n"
            "exec sleep %ld\n",
            mark, mark, mark + 1, mark + 2, mark + 3, mark + 4);
    fclose(f);
    cr_assert_eq(chmod(path, 0755), 0);
    return mark;
}

static void assert_none_left(long mark, const char *after)
{
    for (long m = mark; m <= mark + 4; m++)
        cr_assert_eq(pb_test_still_sleeping(m), 0, "after %s, 'sleep %ld' (started by the program) still runs", after, m);
}

static void write_series(const char *path)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("t,y\n", f);
    for (int i = 0; i < 64; i++)
        fprintf(f, "%d,%.6f\n", i, (i % 7) / 7.0);
    fclose(f);
}

Test(security, fit_gives_up_on_a_silent_program_and_kills_all_it_started, .timeout = 120)
{
    char dir[] = "/tmp/pb-escape-XXXXXX", prog[128], csv[128], err[4096];
    cr_assert_not_null(mkdtemp(dir));
    long mark = write_escaper(dir, prog, sizeof prog);
    snprintf(csv, sizeof csv, "%s/s.csv", dir);
    write_series(csv);
    time_t start = time(NULL);
    const char *argv[] = {"fit", csv, "--method", prog, "--timeout", "2", NULL};
    int rc = pb_test_run_argv(argv, NULL, err, sizeof err);
    cr_assert_eq(rc, 1, "exit %d: %s", rc, err);
    cr_assert_not_null(strstr(err, "timeout"), "%s", err);
    cr_assert_lt(time(NULL) - start, 30, "fit waited %ld s on a program given 2 s", (long)(time(NULL) - start));
    assert_none_left(mark, "fit");
    /* The reproducer of the report: a program that never says ready. */
    const char *hang[] = {"fit", csv, "--method", REPRO "ext_hang_ready.py", "--timeout", "1", NULL};
    cr_assert_eq(pb_test_run_argv(hang, NULL, err, sizeof err), 1, "%s", err);
    cr_assert_not_null(strstr(err, "timeout"), "%s", err);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

Test(security, run_and_list_leave_nothing_a_program_started, .timeout = 180)
{
    char dir[] = "/tmp/pb-escape-XXXXXX", prog[128], out[160], err[4096];
    cr_assert_not_null(mkdtemp(dir));
    long mark = write_escaper(dir, prog, sizeof prog);
    /* On the search path: every command asks it to describe itself. */
    setenv("PERIODBENCH_METHODS", dir, 1);
    const char *list[] = {"list", "methods", NULL};
    cr_assert_eq(pb_test_run_argv(list, NULL, err, sizeof err), 0, "%s", err);
    assert_none_left(mark, "list");
    /* A trial past its time limit: the worker and the program's whole tree die. */
    snprintf(out, sizeof out, "%s/out", dir);
    const char *run[] = {"run", "--tasks", "tone", "--methods", prog, "--seeds", "2", "--timeout", "2",
                         "--quiet", "--out", out, NULL};
    cr_assert_eq(pb_test_run_argv(run, NULL, err, sizeof err), 0, "%s", err);
    assert_none_left(mark, "run");
    char *table = pb_test_table_without_timings(out);
    cr_assert_not_null(strstr(table, ",timeout,"), "%s", table);
    free(table);
    unsetenv("PERIODBENCH_METHODS");
    /* The report's program: a child in its group outlived a normal finish. */
    snprintf(out, sizeof out, "%s/out2", dir);
    const char *grandchild[] = {"run", "--tasks", "tone", "--methods", REPRO "ext_grandchild.py", "--seeds", "1",
                                "--quiet", "--out", out, NULL};
    cr_assert_eq(pb_test_run_argv(grandchild, NULL, err, sizeof err), 0, "%s", err);
    cr_assert_eq(pb_test_still_sleeping(3003), 0, "the program's 'sleep 3003' outlived the run");
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

/* The table of one seed of tone run with program (a reproducer), as text
 * without the timing columns (free it). */
static char *table_of_one_trial(const char *program)
{
    char dir[] = "/tmp/pb-onetrial-XXXXXX", out[160], err[4096], cmd[256];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(out, sizeof out, "%s/out", dir);
    const char *run[] = {"run", "--tasks", "tone", "--methods", program, "--seeds", "1", "--quiet", "--out", out, NULL};
    cr_assert_eq(pb_test_run_argv(run, NULL, err, sizeof err), 0, "%s", err);
    char *table = pb_test_table_without_timings(out);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
    return table;
}

/* A program that says its own fit timed out (or crashed) breaks the
 * protocol: that status is the harness's to give. */
Test(security, a_program_does_not_choose_the_harness_statuses, .timeout = 120)
{
    char *table = table_of_one_trial(REPRO "ext_claims_timeout.py");
    cr_assert_null(strstr(table, ",timeout,"), "the program's word became the status: %s", table);
    cr_assert_not_null(strstr(table, ",error,"), "%s", table);
    cr_assert_not_null(strstr(table, "only the harness decides"), "%s", table);
    free(table);
}

/* A describe whose default is outside its own range: that program is
 * skipped with a warning, every other command goes on (it aborted all). */
Test(security, a_bad_default_skips_the_program_not_the_command, .timeout = 60)
{
    char dir[] = "/tmp/pb-baddef-XXXXXX", cmd[512], err[4096];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(cmd, sizeof cmd, "cp " REPRO "ext_bad_default.sh %s/", dir);
    cr_assert_eq(system(cmd), 0);
    setenv("PERIODBENCH_METHODS", dir, 1);
    const char *list[] = {"list", "methods", NULL};
    cr_assert_eq(pb_test_run_argv(list, NULL, err, sizeof err), 0, "%s", err);
    cr_assert_not_null(strstr(err, "warning"), "%s", err);
    cr_assert_not_null(strstr(err, "k=5"), "%s", err);
    unsetenv("PERIODBENCH_METHODS");
    const char *named[] = {"run", "--tasks", "tone", "--methods", REPRO "ext_bad_default.sh", "--seeds", "1",
                           "--quiet", NULL};
    cr_assert_eq(pb_test_run_argv(named, NULL, err, sizeof err), 2, "%s", err);
    cr_assert_not_null(strstr(err, "out of range"), "%s", err);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

/* Finite predictions of 1e308 overflow the error: the row is diverged,
 * never ok with an infinite nrmse. */
Test(security, an_overflowing_error_is_never_an_ok_row, .timeout = 120)
{
    char *table = table_of_one_trial(REPRO "ext_big_predict.py");
    cr_assert_null(strstr(table, ",ok,"), "%s", table);
    cr_assert_null(strstr(table, ",inf,"), "%s", table);
    cr_assert_not_null(strstr(table, ",diverged,"), "%s", table);
    free(table);
}
