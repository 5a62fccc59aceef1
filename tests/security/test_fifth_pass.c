/* What a fifth adversarial pass found in the data tasks, each now refused
 * by name or made right: a FIFO at plan.txt, a resume that mixed two
 * versions of a file (data:a inside data:ab), a record past 64 KiB refused,
 * an interpolation set of one value scored as diverged, a forged success
 * on a file without a known period, a path with a line break in a shard,
 * periods in hexadecimal, a periods.csv linked to nothing, a dotted file
 * name --set could not reach, and figures too tall for Cairo. */
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

/* dir/name: n points y = f(i) at t = i. */
static void series(const char *dir, const char *name, int n, double (*f)(int))
{
    char path[800];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp, "%s", path);
    fputs("t,y\n", fp);
    for (int i = 0; i < n; i++)
        fprintf(fp, "%d,%.17g\n", i, f(i));
    fclose(fp);
}

static double wave(int i)
{
    return sin(0.7 * i) + 0.3 * cos(0.13 * i * i);
}

static double other_wave(int i)
{
    return cos(0.4 * i);
}

static double spikes(int i)
{
    return i % 7 == 0;
}

Test(fifth_pass, plan_txt_is_read_only_as_a_regular_file, .timeout = 60)
{
    char dir[] = "/tmp/pb-5th-XXXXXX", args[1200], cmd[1200];
    pb_test_make_dir(dir);
    snprintf(args, sizeof args, "run --tasks tone --methods mean --seeds 1 --quiet --out %s/r", dir);
    cr_assert_eq(pb_test_run(args, NULL, cmd, sizeof cmd), 0, "%s", cmd);
    snprintf(cmd, sizeof cmd, "rm %s/r/plan.txt && mkfifo %s/r/plan.txt", dir, dir);
    pb_test_sh(cmd);
    snprintf(args, sizeof args, "run --tasks tone --methods mean --seeds 2 --quiet --resume --out %s/r", dir);
    pb_test_expect_refused(args, "plan.txt");
    pb_test_remove_tree(dir);
}

Test(fifth_pass, resume_tells_data_a_from_data_ab, .timeout = 120)
{
    char dir[] = "/tmp/pb-5th-XXXXXX", args[1600], cmd[1600];
    pb_test_make_dir(dir);
    series(dir, "ab.csv", 80, wave);
    series(dir, "a.csv", 80, other_wave);
    snprintf(args, sizeof args, "run --tasks data:%s/ab.csv,data:%s/a.csv --methods mean --seeds 2 --quiet --out %s/r",
             dir, dir, dir);
    cr_assert_eq(pb_test_run(args, NULL, cmd, sizeof cmd), 0, "%s", cmd);
    /* Interrupted (the last row gone), then a.csv becomes a copy of ab.csv. */
    snprintf(cmd, sizeof cmd, "sed -i '$d' %s/r/runs.csv && cp %s/ab.csv %s/a.csv", dir, dir, dir);
    pb_test_sh(cmd);
    snprintf(args, sizeof args, "run --tasks data:%s/ab.csv,data:%s/a.csv --methods mean --seeds 2 --quiet --resume "
             "--out %s/r", dir, dir, dir);
    pb_test_expect_refused(args, "data:a ");
    pb_test_remove_tree(dir);
}

Test(fifth_pass, a_long_record_resumes, .timeout = 300)
{
    /* 1,200 files with long names: a plan.txt of more than 64 KiB. */
    char dir[] = "/tmp/pb-5th-XXXXXX", sub[800], name[200], args[2400], err[2048];
    pb_test_make_dir(dir);
    snprintf(sub, sizeof sub, "%s/d", dir);
    cr_assert_eq(mkdir(sub, 0700), 0);
    for (int k = 0; k < 1200; k++) {
        snprintf(name, sizeof name, "a_rather_long_file_name_for_a_series_of_the_study_%05d.csv", k);
        series(sub, name, 30, wave);
    }
    snprintf(args, sizeof args, "run --tasks data:%s --methods mean --seeds 1 --quiet --jobs 2 --out %s/r", sub, dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    char path[900];
    snprintf(path, sizeof path, "%s/r/plan.txt", dir);
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_gt(st.st_size, 65536, "the record is %lld bytes", (long long)st.st_size);
    snprintf(args, sizeof args, "run --tasks data:%s --methods mean --seeds 1 --quiet --jobs 2 --resume --out %s/r",
             sub, dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "an unchanged directory resumes: %s", err);
    pb_test_remove_tree(dir);
}

Test(fifth_pass, spikes_are_scored_not_diverged, .timeout = 120)
{
    char dir[] = "/tmp/pb-5th-XXXXXX", args[1600], err[2048], path[800];
    pb_test_make_dir(dir);
    series(dir, "spikes.csv", 40, spikes);
    snprintf(args, sizeof args, "run --tasks data:%s/spikes.csv --methods mean,seasonal-naive --seeds 3 --quiet "
             "--out %s/r", dir, dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    snprintf(path, sizeof path, "%s/r/runs.csv", dir);
    char cmd[2000];
    snprintf(cmd, sizeof cmd, "! grep -q diverged %s && test $(grep -c ',ok,' %s) -eq 6", path, path);
    pb_test_sh(cmd);
    pb_test_remove_tree(dir);
}

Test(fifth_pass, a_forged_success_on_a_file_without_a_period_is_refused, .timeout = 120)
{
    char dir[] = "/tmp/pb-5th-XXXXXX", args[1600], cmd[1600];
    pb_test_make_dir(dir);
    series(dir, "b.csv", 80, wave);
    snprintf(args, sizeof args, "run --tasks data:%s/b.csv --methods mean --seeds 1 --quiet --out %s/r", dir, dir);
    cr_assert_eq(pb_test_run(args, NULL, cmd, sizeof cmd), 0, "%s", cmd);
    /* A failure claimed (a success on a baseline's row is refused by the row alone). */
    snprintf(cmd, sizeof cmd, "sed -i 's/^data:b,\\([^,]*\\),mean,,0,ok,,/data:b,\\1,mean,,0,ok,0,/' %s/r/runs.csv && "
             "grep -q ',ok,0,' %s/r/runs.csv", dir, dir);
    pb_test_sh(cmd);
    snprintf(args, sizeof args, "run --tasks data:%s/b.csv --methods mean --seeds 2 --quiet --resume --out %s/r", dir,
             dir);
    pb_test_expect_refused(args, "without a known period");
    pb_test_remove_tree(dir);
}

Test(fifth_pass, odd_names_and_periods_are_refused_or_reached, .timeout = 120)
{
    char dir[] = "/tmp/pb-5th-XXXXXX", args[2400], err[2048], path[900], sub[800];
    pb_test_make_dir(dir);
    /* A directory with a line break: a shard could not record it. */
    snprintf(sub, sizeof sub, "%s/x\ny", dir);
    cr_assert_eq(mkdir(sub, 0700), 0);
    series(sub, "s.csv", 60, wave);
    snprintf(path, sizeof path, "data:%s", sub);
    char never[900];
    snprintf(never, sizeof never, "%s/never", dir);
    const char *run[] = {"run", "--tasks", path, "--methods", "mean", "--seeds", "2", "--quiet", "--shard", "0/2",
                         "--out", never, NULL};
    cr_assert_eq(pb_test_run_argv(run, NULL, err, sizeof err), 2, "%s", err);
    cr_assert(strstr(err, "line break"), "%s", err);
    /* periods in hexadecimal; periods.csv a link to nothing. */
    series(dir, "a.csv", 60, wave);
    snprintf(path, sizeof path, "%s/periods.csv", dir);
    pb_test_write_file(path, "file,period\na,0xC\n");
    snprintf(args, sizeof args, "run --tasks data:%s/a.csv --methods mean --seeds 1 --out /tmp/pb-never", dir);
    pb_test_expect_refused(args, "hexadecimal");
    remove(path);
    cr_assert_eq(symlink("/nonexistent/periods", path), 0);
    pb_test_expect_refused(args, "periods.csv");
    remove(path);
    /* A dotted stem reached by --set. */
    series(dir, "a.b.csv", 60, wave);
    snprintf(args, sizeof args, "run --tasks data:%s/a.b.csv --methods mean --seeds 1 --quiet "
             "--set data:a.b.holdout=0.5 --out %s/dotted", dir, dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    snprintf(path, sizeof path, "%s/dotted", dir);
    char *t = pb_test_table_without_timings(path);
    cr_assert(strstr(t, "holdout=0.5"), "%s", t);
    free(t);
    pb_test_remove_tree(dir);
}

Test(fifth_pass, figures_of_hundreds_of_files_are_drawn, .timeout = 300)
{
    if (system("command -v gnuplot >/dev/null") != 0)
        cr_skip_test("gnuplot is not installed: no figures to draw");
    char dir[] = "/tmp/pb-5th-XXXXXX", sub[800], name[64], args[1600], err[2048], cmd[1600];
    pb_test_make_dir(dir);
    snprintf(sub, sizeof sub, "%s/d", dir);
    cr_assert_eq(mkdir(sub, 0700), 0);
    for (int k = 0; k < 250; k++) {
        snprintf(name, sizeof name, "s%03d.csv", k);
        series(sub, name, 30, wave);
    }
    snprintf(args, sizeof args, "run --tasks data:%s --methods mean --seeds 1 --quiet --jobs 2 --out %s/r", sub, dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    cr_assert_null(strstr(err, "gnuplot failed"), "%s", err);
    snprintf(cmd, sizeof cmd, "test -s %s/r/plots/cost_accuracy.png && test -s %s/r/plots/success.png", dir, dir);
    pb_test_sh(cmd);
    pb_test_remove_tree(dir);
}
