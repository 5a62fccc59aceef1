/* run --tasks data:PATH from the command line: a bad file stops the run
 * before any trial with nothing written, data tasks mix with built-in ones,
 * and shards of a data plan merge into the table one run gives (and refuse
 * a file changed in between). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers/cli_run.h"
#include "helpers/run_tables.h"
#include "helpers/scratch.h"

/* dir/name: 120 points of a period-9.7 wave with a little deterministic wobble. */
static void write_wave(const char *dir, const char *name, double phase)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("time,value\n", f);
    for (int i = 0; i < 120; i++)
        fprintf(f, "%d,%.10f\n", i, cos(2 * M_PI * i / 9.7 + phase) + 0.05 * sin(1.7 * i * i));
    fclose(f);
}

static void data_dir(char *dir)
{
    char path[600];
    pb_test_make_dir(dir);
    write_wave(dir, "alpha.csv", 0.0);
    write_wave(dir, "beta.csv", 1.0);
    snprintf(path, sizeof path, "%s/periods.csv", dir);
    pb_test_write_file(path, "file,period\nalpha.csv,9.7\n");
}

Test(data_tasks, a_malformed_file_stops_the_run_before_any_trial, .timeout = 60)
{
    char dir[] = "/tmp/pb-datacli-XXXXXX", path[700], args[1600];
    data_dir(dir);
    snprintf(path, sizeof path, "%s/gamma.csv", dir);
    pb_test_write_file(path, "time,value\n1,2\n2,3\n3,oops\n");
    snprintf(args, sizeof args, "run --tasks tone,data:%s --methods ls-direct --seeds 1 --quiet --out %s/out", dir,
             dir);
    pb_test_expect_refused(args, "gamma.csv");
    snprintf(path, sizeof path, "%s/out", dir);
    cr_assert_neq(access(path, F_OK), 0, "a refused run writes nothing");
    /* A known period the training span cannot hold. */
    remove(strcat(strcpy(path, dir), "/gamma.csv"));
    snprintf(path, sizeof path, "%s/periods.csv", dir);
    pb_test_write_file(path, "file,period\nalpha.csv,9.7\nbeta,500\n");
    pb_test_expect_refused(args, "known period 500");
    /* An empty directory, and a missing one. */
    snprintf(path, sizeof path, "%s/empty", dir);
    cr_assert_eq(mkdir(path, 0700), 0);
    snprintf(args, sizeof args, "run --tasks data:%s/empty --methods ls-direct --seeds 1 --quiet --out %s/out", dir,
             dir);
    pb_test_expect_refused(args, "no .csv file");
    snprintf(args, sizeof args, "run --tasks data:%s/nowhere --methods ls-direct --seeds 1 --quiet --out %s/out",
             dir, dir);
    pb_test_expect_refused(args, "nowhere");
    snprintf(path, sizeof path, "%s/out", dir);
    cr_assert_neq(access(path, F_OK), 0, "a refused run writes nothing");
    pb_test_remove_tree(dir);
}

Test(data_tasks, shards_of_a_data_plan_merge_into_one_run, .timeout = 300)
{
    char dir[] = "/tmp/pb-datacli-XXXXXX", args[2400], err[4096], cmd[800];
    data_dir(dir);
#define DATA_PLAN "run --tasks data:%s,tone --methods ls-direct,mean,seasonal-naive --seeds 2 --quiet " \
                  "--set data.holdout=0.25,0.3"
    snprintf(args, sizeof args, DATA_PLAN " --out %s/whole", dir, dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    for (int i = 0; i < 2; i++) {
        snprintf(args, sizeof args, DATA_PLAN " --shard %d/2 --out %s/s%d", dir, i, dir, i);
        cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    }
    snprintf(args, sizeof args, "merge %s/merged %s/s0 %s/s1 --quiet", dir, dir, dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    char whole[700], merged[700];
    snprintf(whole, sizeof whole, "%s/whole", dir);
    snprintf(merged, sizeof merged, "%s/merged", dir);
    char *a = pb_test_table_without_timings(whole), *b = pb_test_table_without_timings(merged);
    cr_assert_str_eq(a, b, "the merged shards differ from one run");
    cr_assert(strstr(a, "data:alpha") && strstr(a, "data:beta") && strstr(a, "tone"), "every task has rows");
    free(a);
    free(b);
    /* The summary says why beta has no success. */
    snprintf(cmd, sizeof cmd, "grep -q 'No known period for this file' '%s/whole/summary.md'", dir);
    pb_test_sh(cmd);
    /* A file changed after the shards ran: another plan. */
    write_wave(dir, "beta.csv", 2.0);
    snprintf(args, sizeof args, "merge %s/merged2 %s/s0 %s/s1 --quiet", dir, dir, dir);
    pb_test_expect_refused(args, "data file");
    pb_test_remove_tree(dir);
}

Test(data_tasks, columns_are_chosen_as_fit_chooses_them, .timeout = 120)
{
    char dir[] = "/tmp/pb-datacli-XXXXXX", path[700], args[1600], err[2048];
    pb_test_make_dir(dir);
    snprintf(path, sizeof path, "%s/w.csv", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("note,when,flux,sigma\n", f);
    for (int i = 0; i < 200; i++) /* every 7th point is noisy, and says so */
        fprintf(f, "x,%.4f,%.6f,%g\n", i * 0.37, cos(2 * M_PI * i * 0.37 / 6.1) + (i % 7 == 0 ? 0.8 * sin(i * 1.3) : 0),
                i % 7 == 0 ? 0.8 : 0.01);
    fclose(f);
    snprintf(args, sizeof args, "run --tasks data:%s --methods nlls --seeds 1 --quiet --out %s/a --time-col when "
             "--value-col flux --err-col sigma", path, dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    snprintf(args, sizeof args, "run --tasks data:%s --methods nlls --seeds 1 --quiet --out %s/b --time-col 2 "
             "--value-col 3", path, dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    char a[700], b[700];
    snprintf(a, sizeof a, "%s/a", dir);
    snprintf(b, sizeof b, "%s/b", dir);
    char *ta = pb_test_table_without_timings(a), *tb = pb_test_table_without_timings(b);
    cr_assert_str_neq(ta, tb, "the errors weight the fit: the tables differ");
    cr_assert(strstr(ta, "seasonal-naive") && strstr(ta, "mean"), "the baselines stand beside nlls: %s", ta);
    free(ta);
    free(tb);
    snprintf(args, sizeof args, "run --tasks data:%s --err-col nope --out %s/c", path, dir);
    pb_test_expect_refused(args, "'nope' does not exist");
    pb_test_expect_refused("run --tasks tone --value-col 2 --out /tmp/pb-never", "data: files");
    pb_test_remove_tree(dir);
}
