/* The periodbench command line, run as a user would run it: exit codes,
 * error lines, identical tables from identical runs, and resume after a kill. */
#include <criterion/criterion.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helpers/cli_run.h"
#include "helpers/gls_reference.h"
#include "helpers/run_tables.h"
#include "harness/pb_runs.h"

static int run(const char *args, char *err, size_t errlen)
{
    return pb_test_run(args, NULL, err, errlen);
}

static void expect_usage_error(const char *args, const char *mentions)
{
    char err[512];
    int rc = run(args, err, sizeof err);
    cr_assert_eq(rc, 2, "'%s' exited %d (%s)", args, rc, err);
    cr_assert(strncmp(err, "periodbench: ", 13) == 0, "'%s': error line '%s'", args, err);
    cr_assert(strstr(err, mentions) != NULL, "'%s': '%s' does not mention '%s'", args, err, mentions);
}

/* "COMMAND FILE OPTIONS" is a usage error that mentions what it should. */
static void expect_file_usage_error(const char *command, const char *file, const char *options, const char *mentions)
{
    char args[700];
    snprintf(args, sizeof args, "%s %s %s", command, file, options);
    expect_usage_error(args, mentions);
}

Test(cli, exit_codes_for_bad_arguments)
{
    expect_usage_error("", "usage");
    expect_usage_error("frobnicate", "frobnicate");
    expect_usage_error("list things", "things");
    expect_usage_error("run --tasks nope", "nope");
    expect_usage_error("run --methods nope", "nope");
    expect_usage_error("run --seeds abc", "abc");
    expect_usage_error("run --seeds 5-2", "5-2");
    expect_usage_error("run --seeds 0", "--seeds");
    expect_usage_error("run --jobs 0", "--jobs");
    expect_usage_error("run --timeout -1", "--timeout");
    expect_usage_error("run --memory lots", "--memory");
    expect_usage_error("run --set tone.bogus=1 --tasks tone", "bogus");
    expect_usage_error("run --set tone.snr_db=abc --tasks tone", "snr_db");
    expect_usage_error("run --set tone.n=1e12 --tasks tone", "out of range");
    expect_usage_error("run --set clock.n=16 --tasks tone", "clock");
    expect_usage_error("run --set tone.snr_db=1 --set tone.snr_db=2 --tasks tone", "twice");
    expect_usage_error("run --set nodot=1", "NAME.PARAM");
    expect_usage_error("run --tasks cycles --set cycles.cycles=10,3000", "Nyquist");
    expect_usage_error("run --tasks close-tones --set close-tones.separation=40", "Nyquist");
    expect_usage_error("run --out", "missing value");
    expect_usage_error("run --frobnicate", "frobnicate");
    expect_usage_error("bench --repeat 0", "--repeat");
    expect_usage_error("track --task nope", "nope");
    expect_usage_error("track --methods nope", "nope");
    expect_usage_error("track --seed -1", "--seed");
    expect_usage_error("landscape --frobnicate", "frobnicate");
    expect_usage_error("oracle --seeds 5-2", "--seeds");
    expect_usage_error("oracle --frobnicate", "frobnicate");
    expect_usage_error("fit", "missing FILE.csv");
    expect_usage_error("bench --max-n 5", "--max-n");
}

/* The periodogram command on files: errors exit 2 naming the problem. */
static void write_text(const char *file, const char *text)
{
    FILE *f = fopen(file, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

Test(cli, periodogram_command)
{
    char err[512], args[600], file[64];
    snprintf(file, sizeof file, "/tmp/pb-cli-pg-%d.csv", (int)getpid());
    write_text(file, "t,y\n0,1\n1,2\n2,1.5\n3,0.2\n4,1\n5,3\n6,2\n7,0\n");
    snprintf(args, sizeof args, "periodogram %s", file);
    cr_assert_eq(run(args, err, sizeof err), 0, "%s", err);
    snprintf(args, sizeof args, "periodogram %s --method periodogram --fmax 0.5", file);
    cr_assert_eq(run(args, err, sizeof err), 0, "%s", err);
    expect_file_usage_error("periodogram", file, "--value-col nope", "nope");
    expect_file_usage_error("periodogram", file, "--nfreq 1", "--nfreq");
    expect_file_usage_error("periodogram", file, "--method fancy", "fancy");
    write_text(file, "t,y\n0,1\n1,1\n2,1\n3,1\n4,1\n");
    expect_file_usage_error("periodogram", file, "", "equal");
    write_text(file, "t,y\n0,1\n1,2\n2,3\n");
    expect_file_usage_error("periodogram", file, "", "too few points");
    write_text(file, "t,y\n0,1\n1,2\n2.5,3\n3,1\n4,2\n");
    expect_file_usage_error("periodogram", file, "--method periodogram", "uniformly spaced");
    expect_usage_error("periodogram /nonexistent.csv", "nonexistent");
    expect_usage_error("periodogram", "missing FILE");
    unlink(file);
}

/* Runs a periodogram command whose grid has two frequencies and checks
 * both powers against the expected ones (within 1e-9). */
static void expect_two_powers(const char *args, const char *out, const double expected[2])
{
    char err[512];
    cr_assert_eq(pb_test_run(args, out, err, sizeof err), 0, "%s: %s", args, err);
    FILE *o = fopen(out, "r");
    cr_assert_not_null(o);
    char header[64];
    cr_assert(fgets(header, sizeof header, o) != NULL);
    for (int k = 0; k < 2; k++) {
        double fr, pw;
        cr_assert_eq(fscanf(o, "%lf,%lf", &fr, &pw), 2);
        cr_assert_leq(fabs(pw - expected[k]), 1e-9, "%s: f %g: %.17g vs astropy %.17g", args, fr, pw, expected[k]);
    }
    fclose(o);
}

/* --err-col and --nterms: the weighted and multi-harmonic powers, end to
 * end, against astropy 5.2 at f = 0.05 and 0.1 for pb_test_formula_series
 * (the series of test_weights.c and test_gls_harmonics.c). */
Test(cli, periodogram_with_errors_and_harmonics_matches_astropy)
{
    char err[512], args[700], file[64], out[64];
    double t[PB_TEST_FORMULA_N], y[PB_TEST_FORMULA_N], dy[PB_TEST_FORMULA_N];
    snprintf(file, sizeof file, "/tmp/pb-cli-pgw-%d.csv", (int)getpid());
    snprintf(out, sizeof out, "/tmp/pb-cli-pgw-%d.out", (int)getpid());
    pb_test_formula_series(t, y, dy);
    FILE *f = fopen(file, "w");
    cr_assert_not_null(f);
    fprintf(f, "time,flux,flux_err\n");
    for (int i = 0; i < PB_TEST_FORMULA_N; i++)
        fprintf(f, "%.17g,%.17g,%.17g\n", t[i], y[i], dy[i]);
    fclose(f);
    /* LombScargle(t, y, dy).power(f, method='cython') */
    const double weighted[2] = {0.001325594016585571, 0.7912994927212444};
    const char *methods[2] = {"lomb-scargle", "ls-direct"};
    for (int m = 0; m < 2; m++) {
        snprintf(args, sizeof args, "periodogram %s --err-col flux_err --fmin 0.05 --fmax 0.1 --nfreq 2 --method %s",
                 file, methods[m]);
        expect_two_powers(args, out, weighted);
    }
    cr_assert_eq(pb_test_run(args, out, err, sizeof err), 0, "%s", err);
    cr_assert(strstr(err, "error 'flux_err'") != NULL, "stderr does not say the errors were used: %s", err);
    /* LombScargle(t, y, nterms=2).power(f, method='chi2'), unweighted */
    const double two_terms[2] = {0.7940314732738759, 0.793997177599878};
    snprintf(args, sizeof args, "periodogram %s --nterms 2 --fmin 0.05 --fmax 0.1 --nfreq 2", file);
    expect_two_powers(args, out, two_terms);
    expect_file_usage_error("periodogram", file, "--nterms 2 --method periodogram", "takes no harmonics");
    expect_file_usage_error("periodogram", file, "--err-col flux_err --method periodogram",
                            "takes no measurement errors");
    expect_file_usage_error("periodogram", file, "--err-col sigma", "'sigma' does not exist");
    write_text(file, "t,y\n0,1\n1,2\n2,1.5\n3,0.2\n4,1\n5,3\n6,2\n7,0\n8,1\n9,2\n");
    expect_file_usage_error("periodogram", file, "--nterms 5", "too few points for nterms 5"); /* 11 parameters */
    unlink(file);
    unlink(out);
}

Test(cli, help_version_and_list)
{
    char err[512];
    cr_assert_eq(run("--version", err, sizeof err), 0);
    cr_assert_eq(run("--help", err, sizeof err), 0);
    cr_assert_eq(run("run --help", err, sizeof err), 0);
    cr_assert_eq(run("list --help", err, sizeof err), 0);
    cr_assert_eq(run("list", err, sizeof err), 0);
    cr_assert_eq(run("list tasks", err, sizeof err), 0);
    cr_assert_eq(run("list methods", err, sizeof err), 0);
    cr_assert_eq(run("periodogram --help", err, sizeof err), 0);
    cr_assert_eq(run("bench --help", err, sizeof err), 0);
    cr_assert_eq(run("fit --help", err, sizeof err), 0);
    cr_assert_eq(run("track --help", err, sizeof err), 0);
    cr_assert_eq(run("landscape --help", err, sizeof err), 0);
    cr_assert_eq(run("oracle --help", err, sizeof err), 0);
}

#define SMALL_RUN "run --tasks tone,close-tones,tone-irregular --methods ls-direct,sgd-sin --seeds 4 " \
                  "--set sgd-sin.steps=300000 --quiet"

Test(cli, identical_runs_and_resume_after_kill, .timeout = 300)
{
    char a[] = "/tmp/pb-cli-a-XXXXXX", b[] = "/tmp/pb-cli-b-XXXXXX", c[] = "/tmp/pb-cli-c-XXXXXX";
    cr_assert_not_null(mkdtemp(a));
    cr_assert_not_null(mkdtemp(b));
    cr_assert_not_null(mkdtemp(c));
    char args[1024], err[512];
    snprintf(args, sizeof args, "%s --jobs 2 --out %s", SMALL_RUN, a);
    cr_assert_eq(run(args, err, sizeof err), 0, "%s", err);
    snprintf(args, sizeof args, "%s --jobs 1 --out %s", SMALL_RUN, b);
    cr_assert_eq(run(args, err, sizeof err), 0, "%s", err);
    char *ta = pb_test_table_without_timings(a), *tb = pb_test_table_without_timings(b);
    cr_assert_str_eq(ta, tb, "two identical runs (2 jobs and 1 job) differ");

    /* Kill a run half-way (SIGKILL: no chance to tidy up), then resume it. */
    char runs[600];
    snprintf(runs, sizeof runs, "%s/runs.csv", c);
    pid_t pid = fork();
    if (pid == 0) {
        char out[64];
        snprintf(out, sizeof out, "%s", c);
        execl(pb_test_bin(), pb_test_bin(), "run", "--tasks", "tone,close-tones,tone-irregular", "--methods", "ls-direct,sgd-sin",
              "--seeds", "4", "--set", "sgd-sin.steps=300000", "--quiet", "--jobs", "2", "--out", out, (char *)NULL);
        _exit(127);
    }
    size_t total = 3 * 2 * 4;
    struct timespec pause_ts = {0, 2000000};
    while (pb_test_count_lines(runs) < 1 + total / 2)
        nanosleep(&pause_ts, NULL);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    size_t before = pb_test_count_lines(runs) - 1;
    cr_assert_lt(before, total, "the kill came too late to test anything");
    snprintf(args, sizeof args, "%s --jobs 2 --resume --out %s", SMALL_RUN, c);
    cr_assert_eq(run(args, err, sizeof err), 0, "%s", err);
    char *tc = pb_test_table_without_timings(c);
    cr_assert_str_eq(ta, tc, "killed after %zu rows and resumed: the table differs", before);
    free(ta);
    free(tb);
    free(tc);
    snprintf(args, sizeof args, "rm -rf %s %s %s", a, b, c);
    cr_assert_eq(system(args), 0);
}

/* A zipped sweep runs the pairs it lists, not their cross product; a value
 * with the wrong number of fields, or a parameter swept twice, is refused. */
Test(cli, zipped_sweep_runs_the_listed_pairs, .timeout = 120)
{
    char dir[] = "/tmp/pb-cli-zip-XXXXXX", args[512], err[512], path[600];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(args, sizeof args,
             "run --tasks tone --methods siren --seeds 1 --quiet --force --out %s "
             "--set siren.steps:batch=20:4,10:8",
             dir);
    cr_assert_eq(run(args, err, sizeof err), 0, "%s", err);
    snprintf(path, sizeof path, "%s/runs.csv", dir);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    char line[4096];
    int rows = 0, first = 0, second = 0;
    while (fgets(line, sizeof line, f)) {
        rows++;
        first += strstr(line, ",steps=20;batch=4,") != NULL;
        second += strstr(line, ",steps=10;batch=8,") != NULL;
    }
    fclose(f);
    cr_assert_eq(rows, 3, "header and two rows expected, got %d lines", rows);
    cr_assert(first == 1 && second == 1, "the rows are not the two pairs given");
    expect_usage_error("run --tasks tone --methods siren --set siren.steps:batch=20:4,10", "fields");
    expect_usage_error("run --tasks tone --methods siren --set siren.steps:batch=20:4 --set siren.batch=8", "twice");
    expect_usage_error("run --tasks tone --methods siren --set siren.steps:bogus=20:4", "bogus");
}

/* periodbench oracle on two seeds: one row per shape and what it is given,
 * the rule's allowance of wrong test points worked out from each shape
 * (jump^2 / n_test per point against 0.01 of its variance). */
Test(cli, oracle_scores_each_shape, .timeout = 120)
{
    char path[] = "/tmp/pb-oracle-XXXXXX", err[512];
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    close(fd);
    char args[64];
    snprintf(args, sizeof args, "oracle --seeds 0-1 --out %s", path);
    cr_assert_eq(run(args, err, sizeof err), 0, "%s", err);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    char line[512];
    int rows = 0;
    const char *allowed[] = {"| sawtooth | 1 |", "| square | 4 |", "| pulse | 0 |"};
    while (fgets(line, sizeof line, f))
        if (rows < 6 && strncmp(line, allowed[rows / 2], strlen(allowed[rows / 2])) == 0) {
            cr_assert(strstr(line, rows % 2 ? "the shape and the period" : "| the shape |"), "%s", line);
            cr_assert(strstr(line, "/2 |"), "%s", line);
            rows++;
        }
    fclose(f);
    unlink(path);
    cr_assert_eq(rows, 6, "%d of 6 rows", rows);
}

/* A run whose every trial has no model (cwt-ridge on sin31 is unsupported)
 * still draws its plots: the cost-accuracy figure leaves such a task out
 * instead of handing gnuplot an empty panel. */
Test(cli, plots_of_a_run_without_models, .timeout = 60)
{
    char dir[] = "/tmp/pb-noplot-XXXXXX", err[512], args[128];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(args, sizeof args, "run --tasks sin31,tone --methods cwt-ridge --seeds 1 --quiet --out %s --force", dir);
    cr_assert_eq(run(args, err, sizeof err), 0, "%s", err);
    cr_assert_null(strstr(err, "gnuplot failed"), "%s", err);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}
