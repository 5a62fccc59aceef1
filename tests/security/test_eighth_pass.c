/* What an eighth adversarial pass found, each now refused or made right:
 * fit's refit made a period significant from columns that repeat each
 * other (a frequency reported twice, its alias, dwt-denoise's lines closer
 * than the data resolve on white noise); a data row with no success on a
 * file with a known period (and a timeout row with a success on a file
 * without one); a decimal comma hidden by the header's trailing separator;
 * a trend's power above 1 under errors 1e10 apart; merge joining shards of
 * two versions of a data file once shard.txt was edited. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers/cli_run.h"
#include "helpers/scratch.h"

#define ADV "tests/data/reproducers/ext_adversary.py"
#define DIR "tests/data/reproducers/"

/* fit ARGS exits 0 and says "no significant period". */
static void expect_no_period(const char *args)
{
    char err[4096];
    cr_assert_eq(pb_test_run(args, "/dev/null", err, sizeof err), 0, "%s: %s", args, err);
    cr_assert(strstr(err, "no significant period"), "%s: %s", args, err);
}

Test(eighth_pass, repeated_columns_make_no_period, .timeout = 120)
{
    setenv("ADV_MODE", "comps", 1);
    static const char *const comps[] = {"components 2\\n0.2 1 0\\n0.2 1 0", "components 2\\n0.2 1 0\\n1.2 1 0"};
    for (size_t k = 0; k < 2; k++) {
        setenv("ADV_COMPS", comps[k], 1);
        expect_no_period("fit --csv --detrend none --method " ADV " " DIR "white_noise_200.csv");
    }
    unsetenv("ADV_MODE");
    unsetenv("ADV_COMPS");
    expect_no_period("fit --csv --method dwt-denoise " DIR "white_noise_200.csv");
}

Test(eighth_pass, a_data_row_has_a_success_exactly_where_its_file_has_a_period, .timeout = 120)
{
    char dir[] = "/tmp/pb-8th-XXXXXX", path[800], args[1600], cmd[2400];
    pb_test_make_dir(dir);
    for (int known = 0; known < 2; known++) {
        snprintf(cmd, sizeof cmd, "mkdir -p %s/%d", dir, known);
        pb_test_sh(cmd);
        snprintf(path, sizeof path, "%s/%d/w.csv", dir, known);
        FILE *fp = fopen(path, "w");
        cr_assert_not_null(fp);
        fputs("t,y\n", fp);
        for (int i = 0; i < 3000; i++)
            fprintf(fp, "%d,%.17g\n", i, sin(2 * M_PI * i / 23.0) + 0.3 * sin(7.7 * i * i));
        fclose(fp);
        if (known) {
            snprintf(path, sizeof path, "%s/%d/periods.csv", dir, known);
            pb_test_write_file(path, "file,period\nw,23\n");
        }
    }
    /* Known period: a row emptied of its success hides a failure. */
    snprintf(args, sizeof args, "run --tasks data:%s/1/w.csv --methods lomb-scargle --seeds 2 --quiet --out %s/r1",
             dir, dir);
    cr_assert_eq(pb_test_run(args, NULL, cmd, sizeof cmd), 0, "%s", cmd);
    snprintf(cmd, sizeof cmd, "cd %s/r1 && awk -F, -v OFS=, '$3 == \"lomb-scargle\" { $7 = \"\"; $8 = \"\" } { print }' "
             "runs.csv > f && mv f runs.csv", dir);
    pb_test_sh(cmd);
    snprintf(args, sizeof args, "run --tasks data:%s/1/w.csv --methods lomb-scargle --seeds 3 --quiet --resume --out "
             "%s/r1", dir, dir);
    pb_test_expect_refused(args, "no success");
    /* No known period: a trial that timed out has no success either, and resumes. */
    snprintf(args, sizeof args, "run --tasks data:%s/0/w.csv --methods siren --seeds 1 --timeout 0.001 --quiet --out "
             "%s/r0", dir, dir);
    cr_assert_eq(pb_test_run(args, NULL, cmd, sizeof cmd), 0, "%s", cmd);
    snprintf(cmd, sizeof cmd, "grep -q ',siren,,0,timeout,,' %s/r0/runs.csv && sed -i '$d' %s/r0/runs.csv", dir, dir);
    pb_test_sh(cmd);
    snprintf(args, sizeof args, "run --tasks data:%s/0/w.csv --methods siren --seeds 1 --timeout 0.001 --quiet "
             "--resume --out %s/r0", dir, dir);
    cr_assert_eq(pb_test_run(args, NULL, cmd, sizeof cmd), 0, "%s", cmd);
    pb_test_remove_tree(dir);
}

Test(eighth_pass, a_decimal_comma_behind_a_trailing_separator_is_refused)
{
    pb_test_expect_refused("fit " DIR "decimal_comma_trailing_separator.csv", "decimal comma");
    pb_test_expect_refused("periodogram " DIR "decimal_comma_trailing_separator.csv", "decimal comma");
}

Test(eighth_pass, a_trends_power_stays_below_one_under_extreme_weights, .timeout = 60)
{
    char out[] = "/tmp/pb-8th-out-XXXXXX", err[2048], line[512];
    int fd = mkstemp(out);
    cr_assert_geq(fd, 0);
    static const char *const methods[] = {"nlls", "lomb-scargle"};
    for (size_t m = 0; m < 2; m++) {
        char args[600];
        snprintf(args, sizeof args, "fit --csv --periods 1 --err-col 3 --detrend quadratic --method %s "
                 DIR "errors_1e-10_three_points.csv", methods[m]);
        cr_assert_eq(pb_test_run(args, out, err, sizeof err), 0, "%s: %s", args, err);
        FILE *f = fopen(out, "r");
        cr_assert(f && fgets(line, sizeof line, f) && fgets(line, sizeof line, f), "%s: no row", args);
        fclose(f);
        char *field = line;
        for (int c = 0; c < 6; c++) /* the power is the 7th field */
            field = strchr(field, ',') + 1;
        double power = strtod(field, NULL);
        cr_assert(power >= 0 && power <= 1, "%s: power %g (%s)", args, power, line);
    }
    close(fd);
    unlink(out);
}

Test(eighth_pass, merge_refuses_shards_of_two_versions_of_a_file, .timeout = 120)
{
    char dir[] = "/tmp/pb-8th-XXXXXX", path[800], args[1600], cmd[2400];
    pb_test_make_dir(dir);
    snprintf(path, sizeof path, "%s/w.csv", dir);
    for (int s = 0; s < 2; s++) {
        FILE *fp = fopen(path, "w");
        cr_assert_not_null(fp);
        fputs("t,y\n", fp);
        for (int i = 0; i < 400; i++)
            fprintf(fp, "%d,%.17g\n", i, sin(2 * M_PI * i / 23.0) + 0.3 * sin((7.7 + s) * i * i));
        fclose(fp);
        snprintf(args, sizeof args, "run --tasks data:%s --methods lomb-scargle --seeds 2 --quiet --shard %d/2 --out "
                 "%s/s%d", path, s, dir, s);
        cr_assert_eq(pb_test_run(args, NULL, cmd, sizeof cmd), 0, "%s", cmd);
    }
    /* Shard 0's record made to claim shard 1's plan. */
    snprintf(cmd, sizeof cmd, "cd %s && h=$(grep plan_hash s1/shard.txt | cut -d' ' -f2) && "
             "sed -i \"s/^plan_hash .*/plan_hash $h/\" s0/shard.txt", dir);
    pb_test_sh(cmd);
    snprintf(args, sizeof args, "merge %s/m %s/s0 %s/s1", dir, dir, dir);
    pb_test_expect_refused(args, "data:w");
    pb_test_remove_tree(dir);
}
