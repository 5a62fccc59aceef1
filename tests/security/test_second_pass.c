/* What a second adversarial pass found after the first round of fixes, each
 * now refused by name or made harmless: a program's 'oom' and odd iteration
 * counts, components whose scores overflow, hard links and FIFOs in a result
 * directory, a shard record with foreign options, crafted rows, -0 beside 0,
 * a signal while a program runs, describe lines a user cannot set. The
 * program is tests/data/reproducers/ext_adversary.py, steered by ADV_*. */
#include <criterion/criterion.h>
#include <dirent.h>
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
#include "helpers/procs.h"
#include "helpers/run_tables.h"

#define ADV "tests/data/reproducers/ext_adversary.py"

Test(second_pass, a_program_says_only_its_own_statuses_in_plain_digits, .timeout = 120)
{
    static const char *const lines[] = {"fitted oom 1", "fitted ok 1e3", "fitted ok 0x10", "fitted ok 1 extra",
                                        "fitted ok -3"};
    char dir[] = "/tmp/pb-2nd-XXXXXX";
    pb_test_make_dir(dir);
    setenv("ADV_MODE", "status", 1);
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        setenv("ADV_FIT", lines[i], 1);
        char *t = pb_test_one_trial_table(ADV, dir);
        cr_assert_not_null(strstr(t, ",error,"), "'%s' became: %s", lines[i], t);
        free(t);
    }
    setenv("ADV_FIT", "fitted ok 7", 1);
    char *t = pb_test_one_trial_table(ADV, dir);
    cr_assert_not_null(strstr(t, ",ok,"), "%s", t);
    free(t);
    pb_test_remove_tree(dir);
}

Test(second_pass, a_component_whose_scores_overflow_is_diverged_and_the_table_resumes, .timeout = 120)
{
    char dir[] = "/tmp/pb-2nd-XXXXXX", out[200], err[4096];
    pb_test_make_dir(dir);
    setenv("ADV_MODE", "comps", 1);
    setenv("ADV_COMPS", "components 1\\n1e308 1e308 0 1e308", 1);
    snprintf(out, sizeof out, "%s/out", dir);
    const char *run[] = {"run", "--tasks", "tone", "--methods", ADV, "--seeds", "2", "--quiet", "--out", out, NULL};
    cr_assert_eq(pb_test_run_argv(run, NULL, err, sizeof err), 0, "%s", err);
    char *t = pb_test_table_without_timings(out);
    cr_assert_null(strstr(t, ",inf,"), "%s", t);
    cr_assert_not_null(strstr(t, ",diverged,"), "%s", t);
    free(t);
    const char *resume[] = {"run", "--tasks", "tone", "--methods", ADV, "--seeds", "2", "--quiet", "--out", out,
                            "--resume", NULL};
    cr_assert_eq(pb_test_run_argv(resume, NULL, err, sizeof err), 0, "%s", err);
    /* and a message with control bytes is written as one line of text that reads back */
    setenv("ADV_MODE", "ctrl-msg", 1);
    t = pb_test_one_trial_table(ADV, dir);
    cr_assert_null(strchr(t, '\033'), "%s", t);
    free(t);
    pb_test_remove_tree(dir);
}

Test(second_pass, hard_links_and_fifos_in_a_result_directory_are_refused, .timeout = 120)
{
    char dir[] = "/tmp/pb-2nd-XXXXXX", cmd[1200], err[4096], args[600];
    pb_test_make_dir(dir);
    snprintf(cmd, sizeof cmd,
             "cd %s && echo precious > victim && mkdir d && ln victim d/runs.csv && mkdir e && mkfifo e/runs.csv && "
             "mkdir -p p/plots && echo precious > victim2 && ln victim2 p/plots/success.png && "
             "printf 'task\\tm\\nt\\t0.5\\n' > p/plots/success.dat && mkdir -p q/plots && "
             "printf '0\\t1\\t2\\n' > q/plots/landscape.dat && mkfifo q/plots/landscape_zoom.dat",
             dir);
    pb_test_sh(cmd);
    static const char *const modes[] = {"--force", "--resume", ""};
    for (int m = 0; m < 3; m++)
        for (int which = 0; which < 2; which++) {
            snprintf(args, sizeof args, "run --tasks tone --methods ls-direct --seeds 1 --quiet --out %s/%s %s", dir,
                     which ? "e" : "d", modes[m]);
            time_t start = time(NULL);
            cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 2, "%s: %s", args, err);
            cr_assert_lt(time(NULL) - start, 20, "%s waited", args);
            cr_assert(strstr(err, which ? "not a regular file" : "hard links"), "%s: %s", args, err);
        }
    snprintf(args, sizeof args, "plot %s/p", dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 1, "%s", err);
    cr_assert_not_null(strstr(err, "hard links"), "%s", err);
    snprintf(args, sizeof args, "plot %s/q", dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 1, "%s", err);
    cr_assert_not_null(strstr(err, "not a regular file"), "%s", err);
    snprintf(cmd, sizeof cmd, "cd %s && test \"$(cat victim victim2)\" = \"$(printf 'precious\\nprecious')\"", dir);
    pb_test_sh(cmd);
    pb_test_remove_tree(dir);
}

Test(second_pass, merge_takes_only_a_shards_plan_options_and_regular_tables, .timeout = 120)
{
    char dir[] = "/tmp/pb-2nd-XXXXXX", cmd[1200], err[4096];
    pb_test_make_dir(dir);
    for (int i = 0; i < 2; i++) {
        snprintf(cmd, sizeof cmd, "run --tasks tone --methods ls-direct --seeds 2 --quiet --shard %d/2 --out %s/s%d",
                 i, dir, i);
        cr_assert_eq(pb_test_run(cmd, NULL, err, sizeof err), 0, "%s", err);
    }
    snprintf(cmd, sizeof cmd, "cp -r %s/s0 %s/h0 && cp -r %s/s1 %s/h1 && echo 'arg --help' >> %s/h0/shard.txt && "
             "echo 'arg --help' >> %s/h1/shard.txt", dir, dir, dir, dir, dir, dir);
    pb_test_sh(cmd);
    char out_path[200];
    snprintf(out_path, sizeof out_path, "%s/stdout", dir);
    snprintf(cmd, sizeof cmd, "merge %s/m %s/h0 %s/h1", dir, dir, dir);
    cr_assert_eq(pb_test_run(cmd, out_path, err, sizeof err), 2, "%s", err);
    cr_assert_not_null(strstr(err, "not an option a shard records"), "%s", err);
    struct stat st;
    cr_assert(stat(out_path, &st) == 0 && st.st_size == 0, "merge printed on stdout");
    /* a shard's table that is a device: refused, not read until memory runs out */
    snprintf(cmd, sizeof cmd, "rm %s/s1/runs.csv && ln -s /dev/zero %s/s1/runs.csv", dir, dir);
    pb_test_sh(cmd);
    snprintf(cmd, sizeof cmd, "merge %s/m2 %s/s0 %s/s1", dir, dir, dir);
    cr_assert_eq(pb_test_run(cmd, NULL, err, sizeof err), 2, "%s", err);
    cr_assert_not_null(strstr(err, "not a regular file"), "%s", err);
    pb_test_remove_tree(dir);
}

Test(second_pass, crafted_rows_are_refused_on_resume, .timeout = 120)
{
    static const char *const rows[][2] = {
        {"tone,,ls-direct,,1,timeout,1,,,,,,,,,,,,,,,,,\n", "success 1"},
        {"tone,,ls-direct,,1,ok,0,1,-1,-7,,,,,,,,,,,,,,\n", "nrmse_in '-1'"},
        {"tone,,ls-direct,,1,error,0,,,,,,,,,,,,,-2,,,,\n", "fit_seconds '-2'"},
        {"tone,,ls-direct,,1,error,0,,,,,,,,,,,,,,,,1e300,\n", "iterations"},
        {"tone,,ls-direct,,1,error,0,,,,,,,,,,1.5,,,,,,,\n", "exact_"},
        {"tone,,ls-direct,,1,error,0,,,,,,,,,,,,,,,,,\"a\033[31mb\"\n", "control byte"},
    };
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        char dir[] = "/tmp/pb-2nd-XXXXXX", args[600], err[4096], path[300];
        pb_test_make_dir(dir);
        snprintf(args, sizeof args, "run --tasks tone --methods ls-direct --seeds 1 --quiet --force --out %s", dir);
        cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
        snprintf(path, sizeof path, "%s/runs.csv", dir);
        FILE *f = fopen(path, "a");
        cr_assert_not_null(f);
        fputs(rows[k][0], f);
        fclose(f);
        snprintf(args, sizeof args, "run --tasks tone --methods ls-direct --seeds 2 --quiet --resume --out %s", dir);
        cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 2, "%s: %s", rows[k][0], err);
        cr_assert_not_null(strstr(err, rows[k][1]), "%s: %s", rows[k][0], err);
        pb_test_remove_tree(dir);
    }
}

Test(second_pass, minus_zero_is_zero, .timeout = 60)
{
    char err[4096];
    cr_assert_eq(pb_test_run("run --tasks tone --methods ls-direct --seeds 1 --quiet --set tone.snr_db=-0,0", NULL, err,
                             sizeof err),
                 2, "%s", err);
    cr_assert_not_null(strstr(err, "one trial twice"), "%s", err);
}

Test(second_pass, an_interrupted_fit_leaves_nothing_its_program_started, .timeout = 60)
{
    static const int sigs[] = {SIGINT, SIGTERM};
    long marker; char csv[] = "/tmp/pb-2nd-csv-XXXXXX";
    int fd = mkstemp(csv);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("t,y\n", f);
    for (int i = 0; i < 40; i++)
        fprintf(f, "%d,%d\n", i, i % 7);
    fclose(f);
    for (int s = 0; s < 2; s++) {
        marker = 40000 + (long)getpid() % 10000 * 2 + s;
        char marker_text[32];
        snprintf(marker_text, sizeof marker_text, "%ld", marker);
        setenv("ADV_MODE", "fit-escape-hang", 1);
        setenv("ADV_N", marker_text, 1);
        pid_t pid = fork();
        cr_assert_geq(pid, 0);
        if (pid == 0) {
            freopen("/dev/null", "w", stdout);
            freopen("/dev/null", "w", stderr);
            execl(pb_test_bin(), pb_test_bin(), "fit", csv, "--method", ADV, (char *)NULL);
            _exit(127);
        }
        for (int i = 0; i < 100 && pb_test_sleeping(marker) == 0; i++) { /* until the program has left its escapee */
            struct timespec ts = {0, 50000000};
            nanosleep(&ts, NULL);
        }
        cr_assert_eq(pb_test_sleeping(marker), 1, "the program never started its escapee");
        kill(pid, sigs[s]);
        int ws;
        cr_assert_eq(waitpid(pid, &ws, 0), pid);
        cr_assert(WIFSIGNALED(ws) && WTERMSIG(ws) == sigs[s], "periodbench did not die of the signal");
        cr_assert_eq(pb_test_still_sleeping(marker), 0, "signal %d: 'sleep %ld' outlived periodbench", sigs[s],
                     marker);
    }
    unlink(csv);
}

Test(second_pass, describe_lines_a_user_cannot_set_are_refused, .timeout = 60)
{
    static const char *const params[][2] = {
        {"param x int 5 0 10 a\\nparam x int 5 0 10 b", "described twice"},
        {"param c choice a a|b,c|d the comma", "a choice holds ','"},
    };
    char err[4096];
    setenv("ADV_MODE", "ok", 1);
    for (size_t k = 0; k < 2; k++) {
        setenv("ADV_PARAMS", params[k][0], 1);
        const char *run[] = {"run", "--tasks", "tone", "--methods", ADV, "--seeds", "1", "--quiet", NULL};
        cr_assert_eq(pb_test_run_argv(run, NULL, err, sizeof err), 2, "%s", err);
        cr_assert_not_null(strstr(err, params[k][1]), "%s", err);
    }
    unsetenv("ADV_PARAMS");
    setenv("ADV_FAMILY", "a\tb", 1);
    const char *run[] = {"run", "--tasks", "tone", "--methods", ADV, "--seeds", "1", "--quiet", NULL};
    cr_assert_eq(pb_test_run_argv(run, NULL, err, sizeof err), 2, "%s", err);
    cr_assert_not_null(strstr(err, "control character"), "%s", err);
}
