/* Faults injected into run: its parent killed outright (no worker may
 * outlive it), and a write that fails half-way through the table (a file
 * size limit standing in for a full disk: what was written stays readable
 * and --resume completes it as an undisturbed run would have written it). */
#include <criterion/criterion.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/pb_proc.h"
#include "helpers/cli_run.h"
#include "helpers/run_tables.h"

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* The pids whose parent is ppid (from /proc), up to max. */
static size_t children_of(pid_t ppid, pid_t *out, size_t max)
{
    DIR *d = opendir("/proc");
    cr_assert_not_null(d);
    size_t n = 0;
    struct dirent *e;
    pb_proc_stat st;
    while ((e = readdir(d)) && n < max) {
        long pid = strtol(e->d_name, NULL, 10);
        if (pid > 0 && pb_proc_read((pid_t)pid, &st) == 0 && st.ppid == (long)ppid)
            out[n++] = (pid_t)pid;
    }
    closedir(d);
    return n;
}

/* Whether pid is still running (not gone, not a zombie). */
static int alive(pid_t pid)
{
    pb_proc_stat st;
    return pb_proc_read(pid, &st) == 0 && st.state != 'Z' && st.state != 'X';
}

Test(faults, no_worker_outlives_a_killed_run, .timeout = 120)
{
    char dir[] = "/tmp/pb-fault-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char *argv[] = {(char *)pb_test_bin(), "run", "--tasks", "tone", "--methods", "sgd-sin", "--set",
                    "sgd-sin.steps=1e10", "--seeds", "2", "--jobs", "2", "--timeout", "30", "--quiet", "--out", dir,
                    NULL};
    pid_t run = fork();
    if (run == 0) {
        if (!freopen("/dev/null", "w", stdout))
            _exit(127);
        execv(argv[0], argv);
        _exit(127);
    }
    pid_t workers[8];
    size_t n = 0;
    for (int waited = 0; waited < 20000 && n < 2; waited += 10) {
        sleep_ms(10);
        n = children_of(run, workers, 8);
    }
    cr_assert_eq(n, 2, "the run started %zu workers", n);
    kill(run, SIGKILL);
    waitpid(run, NULL, 0);
    int still = 2;
    for (int waited = 0; waited < 5000 && still; waited += 10) {
        sleep_ms(10);
        still = alive(workers[0]) + alive(workers[1]);
    }
    cr_assert_eq(still, 0, "%d worker(s) outlived the killed run (the trials' timeout is 30 s)", still);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

#define PLAN "run --tasks tone,close-tones --methods ls-direct,lomb-scargle --seeds 4 --jobs 2 --quiet"

Test(faults, a_write_that_fails_half_way_loses_nothing_written, .timeout = 120)
{
    char dir[] = "/tmp/pb-fault-XXXXXX", clean[] = "/tmp/pb-fault-clean-XXXXXX", args[600], err[2048];
    cr_assert_not_null(mkdtemp(dir));
    cr_assert_not_null(mkdtemp(clean));
    char *argv[] = {(char *)pb_test_bin(), "run", "--tasks", "tone,close-tones", "--methods", "ls-direct,lomb-scargle",
                    "--seeds", "4", "--jobs", "2", "--quiet", "--out", dir, NULL};
    pid_t run = fork();
    if (run == 0) {
        /* Room for the header and a few rows: then every write fails (EFBIG). */
        struct rlimit fsize = {1500, 1500};
        signal(SIGXFSZ, SIG_IGN);
        if (setrlimit(RLIMIT_FSIZE, &fsize) != 0 || !freopen("/dev/null", "w", stdout) ||
            !freopen("/tmp/pb-fault-err.txt", "w", stderr))
            _exit(127);
        execv(argv[0], argv);
        _exit(127);
    }
    int status;
    waitpid(run, &status, 0);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 1, "a failed write is exit status 1 (got %d)",
              WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    FILE *f = fopen("/tmp/pb-fault-err.txt", "r");
    cr_assert_not_null(f);
    size_t got = fread(err, 1, sizeof err - 1, f);
    err[got] = '\0';
    fclose(f);
    unlink("/tmp/pb-fault-err.txt");
    cr_assert(strstr(err, "runs.csv") && strstr(err, "File too large"), "the error names the file and why: %s", err);
    char path[600];
    snprintf(path, sizeof path, "%s/runs.csv", dir);
    size_t rows = pb_test_count_lines(path);
    cr_assert(rows >= 2 && rows < 17, "the limit cut the table after %zu lines", rows);
    snprintf(path, sizeof path, "%s/summary.md", dir);
    cr_assert(access(path, F_OK) != 0, "no summary of a table that was not finished");

    snprintf(args, sizeof args, PLAN " --resume --out %s", dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    snprintf(args, sizeof args, PLAN " --out %s", clean);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    char *resumed = pb_test_table_without_timings(dir), *undisturbed = pb_test_table_without_timings(clean);
    cr_assert_str_eq(resumed, undisturbed, "resumed after the failed write, the table differs");
    free(resumed);
    free(undisturbed);
    snprintf(args, sizeof args, "rm -rf '%s' '%s'", dir, clean);
    cr_assert_eq(system(args), 0);
}
