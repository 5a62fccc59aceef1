/* What a seventh adversarial pass found, each now refused or made right:
 * a success on a built-in task judged by the rule its row's columns chose
 * (exact readings on a tone, nrmse on the clock), a --resume that mixed two
 * versions of a data file once plan.txt (or its line) was gone, and fit
 * judging an external method's periods by its own predictions. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers/cli_run.h"
#include "helpers/forged_tables.h"
#include "helpers/scratch.h"

#define ADV "tests/data/reproducers/ext_adversary.py"

Test(seventh_pass, a_tone_row_is_not_judged_by_exact_readings, .timeout = 60)
{
    pb_test_forged_resume_refused("run --tasks tone --methods mean --seeds 2 --quiet", 0, "mean", "$7 = 1; $16 = 1; $17 = 1",
                          "not scored by exact readings");
}

Test(seventh_pass, a_clock_row_is_not_judged_by_nrmse, .timeout = 120)
{
    pb_test_forged_resume_refused("run --tasks clock --set clock.n=4096 --methods mean --seeds 1 --quiet", 0, "mean",
                          "$7 = 1; $9 = 0.01; $10 = 0.01; $16 = \"\"; $17 = \"\"", "scored by exact readings");
}

Test(seventh_pass, rows_of_a_data_file_without_its_fingerprint_are_refused, .timeout = 60)
{
    char dir[] = "/tmp/pb-7th-XXXXXX", path[800], args[1600], cmd[2400];
    pb_test_make_dir(dir);
    snprintf(path, sizeof path, "%s/s.csv", dir);
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs("t,y\n", fp);
    for (int i = 0; i < 100; i++)
        fprintf(fp, "%d,%.17g\n", i, sin(0.7 * i));
    fclose(fp);
    snprintf(args, sizeof args, "run --tasks data:%s --methods mean --seeds 2 --quiet --out %s/r", path, dir);
    cr_assert_eq(pb_test_run(args, NULL, cmd, sizeof cmd), 0, "%s", cmd);
    /* Interrupted (a row gone); the file's line in plan.txt removed, then the whole record. */
    snprintf(cmd, sizeof cmd, "sed -i '$d' %s/r/runs.csv && sed -i '/^data: /d' %s/r/plan.txt", dir, dir);
    pb_test_sh(cmd);
    snprintf(args, sizeof args, "run --tasks data:%s --methods mean --seeds 2 --quiet --resume --out %s/r", path, dir);
    pb_test_expect_refused(args, "no fingerprint");
    snprintf(cmd, sizeof cmd, "rm %s/r/plan.txt", dir);
    pb_test_sh(cmd);
    pb_test_expect_refused(args, "no fingerprint");
    pb_test_remove_tree(dir);
}

Test(seventh_pass, fit_judges_a_programs_periods_by_the_data, .timeout = 120)
{
    /* The program reports a tone at 0.1 that the data (a tone at 0.23 in noise) lack, and
     * predicts either 0 or the data minus that tone: neither makes it significant. */
    char dir[] = "/tmp/pb-7th-XXXXXX", path[800], args[1600], out[900], err[2048];
    pb_test_make_dir(dir);
    snprintf(path, sizeof path, "%s/s.csv", dir);
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs("t,y\n", fp);
    for (int i = 0; i < 200; i++)
        fprintf(fp, "%d,%.17g\n", i, cos(2 * M_PI * 0.23 * i) + 0.3 * sin(7.3 * i * i));
    fclose(fp);
    snprintf(out, sizeof out, "%s/out.csv", dir);
    const char *modes[] = {"ok", "liar"};
    for (size_t m = 0; m < 2; m++) {
        setenv("ADV_MODE", modes[m], 1);
        snprintf(args, sizeof args, "fit --csv --method " ADV " %s", path);
        cr_assert_eq(pb_test_run(args, out, err, sizeof err), 0, "%s: %s", modes[m], err);
        cr_assert(strstr(err, "no significant period"), "%s: %s", modes[m], err);
    }
    unsetenv("ADV_MODE");
    pb_test_remove_tree(dir);
}
