/* run never loses a result: no silent overwrite, one writer per output
 * directory, --out parents that must exist, rows that must validate on
 * resume, a default --out away from every table, and pictures from every
 * run. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helpers/scratch.h"
#include "helpers/cli_run.h"
#include "helpers/run_tables.h"

#define QUICK "run --tasks tone --methods ls-direct --seeds 2 --quiet"
#define OTHER "run --tasks tone --methods lomb-scargle --seeds 2 --quiet"

static int run_into(const char *plan, const char *dir, const char *extra, char *err, size_t errlen)
{
    char args[1200];
    snprintf(args, sizeof args, "%s --out %s %s", plan, dir, extra);
    return pb_test_run(args, NULL, err, errlen);
}

static int exists(const char *path)
{
    return access(path, F_OK) == 0;
}

Test(outdir, an_existing_table_is_never_replaced_silently, .timeout = 120)
{
    char dir[] = "/tmp/pb-out-XXXXXX", sub[600], err[2048];
    pb_test_make_dir(dir);
    snprintf(sub, sizeof sub, "%s/t", dir);
    cr_assert_eq(run_into(QUICK, sub, "", err, sizeof err), 0, "%s", err);
    char *first = pb_test_table_without_timings(sub);

    /* Another plan into the same directory: refused, with the three ways on. */
    int rc = run_into(OTHER, sub, "", err, sizeof err);
    cr_assert_eq(rc, 2, "exit %d: %s", rc, err);
    cr_assert(strstr(err, "another plan") && strstr(err, "--out") && strstr(err, "--resume") && strstr(err, "--force"),
              "%s", err);
    /* --resume does not take another plan's table either. */
    cr_assert_eq(run_into(OTHER, sub, "--resume", err, sizeof err), 2, "%s", err);
    /* The same plan again without a flag: refused too (it would start the table afresh). */
    cr_assert_eq(run_into(QUICK, sub, "", err, sizeof err), 2, "%s", err);
    cr_assert(strstr(err, "of this plan"), "%s", err);
    char *still = pb_test_table_without_timings(sub);
    cr_assert_str_eq(first, still, "a refused run changed the table");

    /* --resume of the same plan has nothing to do; --force replaces. */
    cr_assert_eq(run_into(QUICK, sub, "--resume", err, sizeof err), 0, "%s", err);
    cr_assert_eq(run_into(OTHER, sub, "--force", err, sizeof err), 0, "%s", err);
    char *other = pb_test_table_without_timings(sub);
    cr_assert(strstr(other, "lomb-scargle") && !strstr(other, "ls-direct"), "--force did not replace the table");
    cr_assert_eq(run_into(OTHER, sub, "--resume --force", err, sizeof err), 2, "%s", err);
    free(first);
    free(still);
    free(other);
    pb_test_remove_tree(dir);
}

Test(outdir, a_directory_with_tables_but_no_runs_csv_is_refused, .timeout = 60)
{
    char dir[] = "/tmp/pb-out-XXXXXX", path[600], err[2048];
    pb_test_make_dir(dir);
    snprintf(path, sizeof path, "%s/summary.md", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("my own notes\n", f);
    fclose(f);
    cr_assert_eq(run_into(QUICK, dir, "", err, sizeof err), 2, "%s", err);
    cr_assert(strstr(err, "summary.md"), "%s", err);
    pb_test_remove_tree(dir);
}

Test(outdir, out_parents_must_exist, .timeout = 60)
{
    char dir[] = "/tmp/pb-out-XXXXXX", deep[600], err[2048];
    pb_test_make_dir(dir);
    snprintf(deep, sizeof deep, "%s/typo/deep/dir", dir);
    cr_assert_eq(run_into(QUICK, deep, "", err, sizeof err), 2, "%s", err);
    char parent[600];
    snprintf(parent, sizeof parent, "%s/typo/deep", dir);
    cr_assert(strstr(err, parent), "the message names the missing parent: %s", err);
    snprintf(parent, sizeof parent, "%s/typo", dir);
    cr_assert(!exists(parent), "nothing was created");
    pb_test_remove_tree(dir);
}

Test(outdir, resume_refuses_rows_that_do_not_validate, .timeout = 120)
{
    static const char *const corruptions[][2] = {
        {"garbage without commas\n", "columns"},
        {"ccycles,,ls-direct,,0,error,0,,,,,,,,,,,,,,,,,\n", "another plan"},
        {"tone,,ls-direct,,0,ok,0,,,,,,,,,,,,,,,,,\n", "without nrmse_in"},
        {"tone,,ls-direct,,0,ok,0,,inf,0.1,,,,,,,,,,,,,,\n", "finite number"},
        {"tone,,ls-direct,,0,fine,0,,,,,,,,,,,,,,,,,\n", "status"},
        {"tone,,ls-direct,,zero,ok,0,,,,,,,,,,,,,,,,,\n", "seed"},
    };
    for (size_t k = 0; k < sizeof corruptions / sizeof corruptions[0]; k++) {
        char dir[] = "/tmp/pb-out-XXXXXX", path[600], err[2048];
        pb_test_make_dir(dir);
        cr_assert_eq(run_into(QUICK, dir, "--force", err, sizeof err), 0, "%s", err);
        snprintf(path, sizeof path, "%s/runs.csv", dir);
        size_t lines = pb_test_count_lines(path);
        FILE *f = fopen(path, "a");
        cr_assert_not_null(f);
        fputs(corruptions[k][0], f);
        fclose(f);
        int rc = run_into(QUICK, dir, "--resume", err, sizeof err);
        cr_assert_eq(rc, 2, "%s: exit %d: %s", corruptions[k][0], rc, err);
        cr_assert(strstr(err, corruptions[k][1]), "%s: %s", corruptions[k][0], err);
        if (strcmp(corruptions[k][1], "another plan") != 0) {
            char where[640];
            snprintf(where, sizeof where, "%s:%zu:", path, lines + 1);
            cr_assert(strstr(err, where), "the message names file and line (%s): %s", where, err);
        }
        pb_test_remove_tree(dir);
    }
}

Test(outdir, a_second_run_into_the_same_directory_is_refused_at_once, .timeout = 300)
{
    char a[] = "/tmp/pb-out-a-XXXXXX", b[] = "/tmp/pb-out-b-XXXXXX", err[2048];
    pb_test_make_dir(a);
    pb_test_make_dir(b);
    char *slow[] = {(char *)pb_test_bin(), "run", "--tasks", "tone,close-tones", "--methods", "ls-direct,sgd-sin",
                    "--seeds", "3", "--set", "sgd-sin.steps=300000", "--quiet", "--jobs", "1", "--out", a, NULL};
    pid_t first = fork();
    if (first == 0) {
        if (!freopen("/dev/null", "w", stdout))
            _exit(127);
        execv(slow[0], slow);
        _exit(127);
    }
    char runs[600];
    snprintf(runs, sizeof runs, "%s/runs.csv", a);
    struct timespec pause_ts = {0, 2000000};
    while (pb_test_count_lines(runs) < 2)
        nanosleep(&pause_ts, NULL);
    int rc = run_into("run --tasks tone,close-tones --methods ls-direct,sgd-sin --seeds 3 "
                      "--set sgd-sin.steps=300000 --quiet --jobs 1", a, "--resume", err, sizeof err);
    int status;
    waitpid(first, &status, 0);
    cr_assert_eq(rc, 2, "the second run exited %d: %s", rc, err);
    char pid[64];
    snprintf(pid, sizeof pid, "pid %d", (int)first);
    cr_assert(strstr(err, pid), "the message names the first run (%s): %s", pid, err);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the first run failed");
    cr_assert_eq(run_into("run --tasks tone,close-tones --methods ls-direct,sgd-sin --seeds 3 "
                          "--set sgd-sin.steps=300000 --quiet --jobs 2", b, "", err, sizeof err),
                 0, "%s", err);
    char *ta = pb_test_table_without_timings(a), *tb = pb_test_table_without_timings(b);
    cr_assert_str_eq(ta, tb, "the first run's table differs from an undisturbed run's");
    char lock[600];
    snprintf(lock, sizeof lock, "%s/.periodbench.lock", a);
    cr_assert(!exists(lock), "the lock file is removed at the end");
    free(ta);
    free(tb);
    pb_test_remove_tree(a);
    pb_test_remove_tree(b);
}

Test(outdir, a_run_without_out_writes_a_new_directory, .timeout = 120)
{
    char dir[] = "/tmp/pb-out-XXXXXX", args[1200], err[2048];
    pb_test_make_dir(dir);
    /* From dir as the working directory: twice, two directories under runs/. */
    for (int k = 0; k < 2; k++) {
        snprintf(args, sizeof args, "cd '%s' && '%s' " QUICK, dir, pb_test_bin());
        char full[2200], errfile[700];
        snprintf(errfile, sizeof errfile, "%s/err%d", dir, k);
        snprintf(full, sizeof full, "%s 2>'%s' >/dev/null", args, errfile);
        cr_assert_eq(system(full), 0);
        FILE *f = fopen(errfile, "r");
        cr_assert_not_null(f);
        size_t got = fread(err, 1, sizeof err - 1, f);
        err[got] = '\0';
        fclose(f);
        cr_assert(strstr(err, "writing runs/"), "stderr names the new directory: %s", err);
    }
    char cmd[800];
    snprintf(cmd, sizeof cmd, "test $(ls '%s/runs' | wc -l) -eq 2 && ls '%s'/runs/*/runs.csv >/dev/null", dir, dir);
    cr_assert_eq(system(cmd), 0, "two runs without --out made two directories with tables");
    pb_test_remove_tree(dir);
}

Test(outdir, a_run_renders_its_plots_and_plot_renders_them_again, .timeout = 120)
{
    char dir[] = "/tmp/pb-out-XXXXXX", path[700], err[2048];
    pb_test_make_dir(dir);
    cr_assert_eq(system("command -v gnuplot >/dev/null"), 0, "gnuplot is installed by make deps");
    cr_assert_eq(run_into(QUICK, dir, "--force", err, sizeof err), 0, "%s", err);
    snprintf(path, sizeof path, "%s/plots/success.png", dir);
    cr_assert(exists(path), "run left no %s", path);
    cr_assert_eq(unlink(path), 0);
    char args[800];
    snprintf(args, sizeof args, "plot %s", dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    cr_assert(exists(path), "plot did not render %s again", path);
    snprintf(args, sizeof args, "plot %s/nowhere", dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 2, "%s", err);
    pb_test_remove_tree(dir);
}

/* A table written before exact_fields_in/out existed resumes: its rows are
 * kept, and the file is rewritten in the current columns before any row is
 * appended (a mixed file would be unreadable). */
Test(outdir, a_table_of_the_older_layout_resumes, .timeout = 120)
{
    char dir[] = "/tmp/pb-out-XXXXXX", path[600], err[2048], line[4096];
    pb_test_make_dir(dir);
    snprintf(path, sizeof path, "%s/runs.csv", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("task,task_params,method,method_params,seed,status,success,found,nrmse_in,nrmse_out,freq_est,freq_err,"
          "crlb_ratio,freq_se,crlb_sd,exact_in,exact_out,fit_seconds,fit_cpu_seconds,predict_seconds,iterations,"
          "message\n"
          "tone,,ls-direct,,0,ok,1,1,0.01,0.02,0.1,1e-06,1,,1e-06,,,0.001,0.001,0.0001,1,\"written, by hand\"\n",
          f);
    fclose(f);
    cr_assert_eq(run_into(QUICK, dir, "--resume", err, sizeof err), 0, "%s", err);
    f = fopen(path, "r");
    cr_assert_not_null(f);
    cr_assert_not_null(fgets(line, sizeof line, f));
    cr_assert(strstr(line, ",exact_out,exact_fields_in,exact_fields_out,fit_seconds,") != NULL, "header %s", line);
    int rows = 0, kept = 0;
    while (fgets(line, sizeof line, f)) {
        rows++;
        kept += strstr(line, ",,,,0.001,0.001,0.0001,1,\"written, by hand\"") != NULL;
    }
    fclose(f);
    cr_assert_eq(rows, 2, "%d rows after resuming a 1-row table of a 2-trial plan", rows);
    cr_assert_eq(kept, 1, "the hand-written row is not kept as it was");
    pb_test_remove_tree(dir);
}

/* Every --out creates only its last part, as run's does: landscape and bench
 * refused a missing parent by creating the whole tree; an empty name is
 * usage (it was exit 1, "File name too long"); bench --scaling of a missing
 * table wrote zeros and exited 0. */
Test(outdir, every_out_creates_only_its_last_part, .timeout = 60)
{
    char dir[] = "/tmp/pb-outs-XXXXXX", args[600], err[2048], path[600];
    pb_test_make_dir(dir);
    snprintf(args, sizeof args, "landscape --out %s/a/b", dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 2, "%s", err);
    cr_assert_not_null(strstr(err, "not an existing directory"), "%s", err);
    snprintf(path, sizeof path, "%s/a", dir);
    cr_assert(!exists(path), "landscape created %s", path);
    snprintf(args, sizeof args, "bench --max-n 1e3 --out %s/a/b", dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 2, "%s", err);
    cr_assert(!exists(path), "bench created %s", path);
    cr_assert_eq(pb_test_run("landscape --out ''", NULL, err, sizeof err), 2, "%s", err);
    cr_assert_not_null(strstr(err, "empty directory name"), "%s", err);
    snprintf(args, sizeof args, "bench --scaling %s/none.csv --rank0-us 20 --out %s", dir, dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 2, "%s", err);
    cr_assert_not_null(strstr(err, "No such file"), "%s", err);
    pb_test_remove_tree(dir);
}
