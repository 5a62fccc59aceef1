/* What a fourth adversarial pass found, each now refused by name or made
 * finite: a summary RMS that overflowed to inf, a run table whose times sum
 * to inf, rows whose success contradicts their own scores, --resume under
 * other limits or other data, a newline in --out forging lines of
 * environment.txt, CSV numbers too close to 0 read as 0, hexadecimal read
 * as a number, a long field that hid the reason of its refusal, merge
 * blaming an option nobody typed, a ./runs link followed, lenient --seeds,
 * and a refusal that blamed the values for an ill-conditioned model. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers/cli_run.h"
#include "helpers/scratch.h"

#define ADV "tests/data/reproducers/ext_adversary.py"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "%s", path);
    char *text = calloc(1, 1 << 20);
    size_t got = fread(text, 1, (1 << 20) - 1, f);
    text[got] = '\0';
    fclose(f);
    return text;
}

Test(fourth_pass, a_summary_of_huge_finite_ratios_stays_finite, .timeout = 120)
{
    char dir[] = "/tmp/pb-4th-XXXXXX", path[600], err[4096];
    pb_test_make_dir(dir);
    setenv("ADV_MODE", "comps", 1);
    setenv("ADV_COMPS", "components 1\n1e150 1 0", 1);
    snprintf(path, sizeof path, "%s/out", dir);
    const char *run[] = {"run", "--tasks", "tone", "--methods", ADV, "--seeds", "2", "--quiet", "--out", path, NULL};
    cr_assert_eq(pb_test_run_argv(run, NULL, err, sizeof err), 0, "%s", err);
    unsetenv("ADV_MODE");
    unsetenv("ADV_COMPS");
    snprintf(path, sizeof path, "%s/out/summary.csv", dir);
    char *csv = slurp(path);
    cr_assert_null(strstr(csv, "inf"), "summary.csv holds inf:\n%s", csv);
    free(csv);
    snprintf(path, sizeof path, "%s/out/summary.md", dir);
    char *md = slurp(path);
    cr_assert_null(strstr(md, "inf"), "summary.md holds inf");
    free(md);
    pb_test_remove_tree(dir);
}

Test(fourth_pass, tables_that_contradict_themselves_are_refused, .timeout = 120)
{
    char dir[] = "/tmp/pb-4th-XXXXXX", args[1400], cmd[1400];
    pb_test_make_dir(dir);
    snprintf(args, sizeof args, "run --tasks tone --methods ls-direct --seeds 1 --quiet --out %s/r", dir);
    cr_assert_eq(pb_test_run(args, NULL, cmd, sizeof cmd), 0, "%s", cmd);
    /* A success with nrmse 5 and 7 (the rule is <= 0.1). */
    snprintf(cmd, sizeof cmd, "cp %s/r/runs.csv %s/keep.csv && echo 'tone,,ls-direct,,1,ok,1,1,5,7,0.3,0.1,,,,,,,,0.01,"
             "0.01,0.001,10,\"hand edited\"' >> %s/r/runs.csv", dir, dir, dir);
    pb_test_sh(cmd);
    snprintf(args, sizeof args, "run --tasks tone --methods ls-direct --seeds 2 --quiet --resume --out %s/r", dir);
    pb_test_expect_refused(args, "contradicts the row's own");
    /* Times no sum can hold: bench --scaling of them. */
    snprintf(cmd, sizeof cmd, "cp %s/keep.csv %s/r/runs.csv && echo 'tone,,ls-direct,,1,ok,0,0,1.7e308,1.7e308,0.3,"
             "1.7e308,1e200,1e200,1e200,,,,,1.7e308,1.7e308,1.7e308,10,x' >> %s/r/runs.csv", dir, dir, dir);
    pb_test_sh(cmd);
    snprintf(args, sizeof args, "bench --scaling %s/r/runs.csv --rank0-us 10 --out %s/b", dir, dir);
    pb_test_expect_refused(args, "fit_seconds");
    pb_test_remove_tree(dir);
}

Test(fourth_pass, resume_refuses_other_limits_and_changed_data, .timeout = 120)
{
    char dir[] = "/tmp/pb-4th-XXXXXX", args[1400], path[700];
    pb_test_make_dir(dir);
    snprintf(args, sizeof args, "run --tasks tone --methods mean --seeds 1 --timeout 30 --quiet --out %s/r", dir);
    cr_assert_eq(pb_test_run(args, NULL, path, sizeof path), 0, "%s", path);
    snprintf(args, sizeof args, "run --tasks tone --methods mean --seeds 2 --timeout 600 --quiet --resume --out %s/r",
             dir);
    pb_test_expect_refused(args, "timeout_seconds: 30");
    snprintf(args, sizeof args, "run --tasks tone --methods mean --seeds 2 --timeout 30 --quiet --resume --out %s/r",
             dir);
    cr_assert_eq(pb_test_run(args, NULL, path, sizeof path), 0, "the same limits resume: %s", path);
    /* A data file changed between the run and its resume. */
    snprintf(path, sizeof path, "%s/d", dir);
    cr_assert_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/d/s.csv", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("t,y\n", f);
    for (int i = 0; i < 60; i++)
        fprintf(f, "%d,%.6f\n", i, sin(i * 0.7));
    fclose(f);
    snprintf(args, sizeof args, "run --tasks data:%s/d --methods mean --seeds 1 --quiet --out %s/dr", dir, dir);
    cr_assert_eq(pb_test_run(args, NULL, path, sizeof path), 0, "%s", path);
    snprintf(args, sizeof args, "sed -i '5s/.*/3,9/' %s/d/s.csv", dir);
    pb_test_sh(args);
    snprintf(args, sizeof args, "run --tasks data:%s/d --methods mean --seeds 2 --quiet --resume --out %s/dr", dir,
             dir);
    pb_test_expect_refused(args, "data:s");
    pb_test_remove_tree(dir);
}

Test(fourth_pass, a_newline_in_out_forges_no_line_of_environment_txt, .timeout = 120)
{
    char dir[] = "/tmp/pb-4th-XXXXXX", out[700], path[800], err[2048];
    pb_test_make_dir(dir);
    snprintf(out, sizeof out, "%s/x\ngit: 000000000000 (forged)", dir);
    const char *run[] = {"run", "--tasks", "tone", "--methods", "mean", "--seeds", "1", "--quiet", "--out", out, NULL};
    cr_assert_eq(pb_test_run_argv(run, NULL, err, sizeof err), 0, "%s", err);
    snprintf(path, sizeof path, "%s/environment.txt", out);
    char *env = slurp(path);
    int git_lines = 0;
    for (const char *p = env; (p = strstr(p, "\ngit: ")) != NULL; p++)
        git_lines++;
    cr_assert_eq(git_lines, 1, "environment.txt has %d git lines:\n%s", git_lines, env);
    free(env);
    pb_test_remove_tree(dir);
}

Test(fourth_pass, numbers_a_double_cannot_carry_are_refused_by_name, .timeout = 60)
{
    static const struct {
        const char *text, *mentions;
    } cases[] = {
        {"t,y\n0,1e-400\n1,2e-400\n2,1e-400\n3,2e-400\n4,1e-400\n5,2e-400\n", "too close to 0"},
        {"t,y\n0,8.4e-311\n1,1\n2,2\n3,1\n4,2\n5,1\n", "too close to 0"},
        {"t,y\n1e-400,1\n2e-400,2\n3e-400,1\n4e-400,2\n5e-400,1\n", "too close to 0"},
        {"t,y\n0,0x10\n1,2\n2,1\n3,2\n4,1\n", "hexadecimal"},
        {"t,y\n0x1,1\n1,2\n2,1\n3,2\n4,1\n", "hexadecimal"},
    };
    char dir[] = "/tmp/pb-4th-XXXXXX", path[600], args[800];
    pb_test_make_dir(dir);
    snprintf(path, sizeof path, "%s/in.csv", dir);
    snprintf(args, sizeof args, "periodogram %s", path);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pb_test_write_file(path, cases[i].text);
        pb_test_expect_refused(args, cases[i].mentions);
    }
    /* 0 itself, and zeros written long, are plain zeros. */
    pb_test_write_file(path, "t,y\n0,0\n1,0.000e-400\n2,1\n3,2\n4,1\n5,2\n6,1\n7,2\n");
    char err[2048];
    cr_assert_eq(pb_test_run(args, "/dev/null", err, sizeof err), 0, "%s", err);
    /* A long bad field: the message still says why. */
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("t,y\n0,1\n1,2\n2,", f);
    for (int i = 0; i < 3000; i++)
        fputc('x', f);
    fputs("\n3,1\n", f);
    fclose(f);
    pb_test_expect_refused(args, "(3000 characters) is not a number");
    pb_test_remove_tree(dir);
}

Test(fourth_pass, merge_names_the_shard_whose_options_fail, .timeout = 120)
{
    char dir[] = "/tmp/pb-4th-XXXXXX", args[1400], cmd[1400];
    pb_test_make_dir(dir);
    for (int i = 0; i < 2; i++) {
        snprintf(args, sizeof args, "run --tasks tone --methods mean --seeds 2 --quiet --shard %d/2 --out %s/s%d", i,
                 dir, i);
        cr_assert_eq(pb_test_run(args, NULL, cmd, sizeof cmd), 0, "%s", cmd);
    }
    snprintf(cmd, sizeof cmd, "sed -i 's/^arg tone$/arg tone-x/' %s/s0/shard.txt %s/s1/shard.txt && grep -q tone-x "
             "%s/s0/shard.txt", dir, dir, dir);
    pb_test_sh(cmd);
    snprintf(args, sizeof args, "merge %s/m %s/s0 %s/s1 --quiet", dir, dir, dir);
    pb_test_expect_refused(args, "s0/shard.txt");
    pb_test_remove_tree(dir);
}

Test(fourth_pass, lenient_inputs_are_refused, .timeout = 120)
{
    static const char *const seeds[] = {"' 3'", "1e1", "0x10", "+2"};
    char args[800], dir[] = "/tmp/pb-4th-XXXXXX", cmd[1200], err[1024];
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        snprintf(args, sizeof args, "run --tasks tone --methods mean --seeds %s --out /tmp/pb-never", seeds[i]);
        pb_test_expect_refused(args, "--seeds");
    }
    /* ./runs a link: a run without --out does not write through it. */
    pb_test_make_dir(dir);
    snprintf(cmd, sizeof cmd, "mkdir %s/elsewhere && ln -s %s/elsewhere %s/runs", dir, dir, dir);
    pb_test_sh(cmd);
    snprintf(cmd, sizeof cmd, "cd %s && %s run --tasks tone --methods mean --seeds 1 --quiet 2>%s/err >/dev/null",
             dir, pb_test_bin(), dir);
    cr_assert_neq(system(cmd), 0, "a run followed ./runs, a symbolic link");
    snprintf(cmd, sizeof cmd, "%s/err", dir);
    char *e = slurp(cmd);
    snprintf(err, sizeof err, "%s", e);
    free(e);
    cr_assert(strstr(err, "symbolic link"), "%s", err);
    snprintf(cmd, sizeof cmd, "test -z \"$(ls %s/elsewhere)\"", dir);
    pb_test_sh(cmd);
    pb_test_remove_tree(dir);
}

Test(fourth_pass, an_ill_conditioned_harmonic_model_is_named_as_the_cause, .timeout = 60)
{
    /* The pass's 64 points of a sine: 33 columns nearly dependent at the
     * lowest frequency give a power of 1.117; the model is the cause. */
    pb_test_expect_refused("periodogram tests/data/reproducers/nterms16_sine64.csv --nterms 16", "ill-conditioned");
}
