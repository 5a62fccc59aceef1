/* What a sixth adversarial pass found, each now refused by name: data rows
 * whose success their own row or their trial's baseline rows contradict
 * (kept by --resume and merge), a CSV row with more fields than its header
 * (a decimal comma, 0,5, read as 0), and options in hexadecimal or below
 * double's range accepted or refused with the wrong reason. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers/cli_run.h"
#include "helpers/forged_tables.h"
#include "helpers/scratch.h"

#define RUN "run --tasks data:%s/w.csv --methods lomb-scargle --seeds 2 --quiet"

Test(sixth_pass, a_data_success_with_a_missed_period_is_refused, .timeout = 120)
{
    pb_test_forged_resume_refused(RUN, 1, "lomb-scargle", "$7 = 1; $8 = 0", "found 0");
}

Test(sixth_pass, a_baseline_never_succeeds, .timeout = 120)
{
    pb_test_forged_resume_refused(RUN, 1, "mean", "$7 = 1", "baseline");
}

Test(sixth_pass, a_success_the_baselines_beat_is_refused, .timeout = 120)
{
    pb_test_forged_resume_refused(RUN, 1, "lomb-scargle", "$7 = 1; $8 = 1; $10 = 1000", "baselines");
}

Test(sixth_pass, a_failure_that_beats_the_baselines_is_refused, .timeout = 120)
{
    pb_test_forged_resume_refused(RUN, 1, "lomb-scargle", "$7 = 0; $8 = 1; $10 = 1e-9", "baselines");
}

Test(sixth_pass, merge_judges_a_data_success_against_the_other_shards_baselines, .timeout = 180)
{
    char dir[] = "/tmp/pb-6th-XXXXXX", args[1600], cmd[2400];
    pb_test_make_dir(dir);
    pb_test_seasonal_file(dir);
    for (int s = 0; s < 3; s++) {
        snprintf(args, sizeof args, "run --tasks data:%s/w.csv --methods lomb-scargle --seeds 1 --quiet --shard %d/3 "
                 "--out %s/s%d", dir, s, dir, s);
        cr_assert_eq(pb_test_run(args, NULL, cmd, sizeof cmd), 0, "%s", cmd);
    }
    /* The method's row, wherever it fell, claims a success at an error 1000
     * times the signal's: its shard alone may hold no baseline row. */
    snprintf(cmd, sizeof cmd, "cd %s && for s in s0 s1 s2; do awk -F, -v OFS=, '$3 == \"lomb-scargle\" { $7 = 1; $8 = 1; "
             "$10 = 1000 } { print }' $s/runs.csv > f && mv f $s/runs.csv; done && grep -q ',lomb-scargle,,0,[a-z-]*,1,1,' "
             "s*/runs.csv", dir);
    pb_test_sh(cmd);
    snprintf(args, sizeof args, "merge %s/m %s/s0 %s/s1 %s/s2", dir, dir, dir, dir);
    pb_test_expect_refused(args, "baselines");
    pb_test_remove_tree(dir);
}

Test(sixth_pass, a_row_with_more_fields_than_its_header_is_refused, .timeout = 60)
{
    char dir[] = "/tmp/pb-6th-XXXXXX", path[800], args[1600], err[2048];
    pb_test_make_dir(dir);
    /* Decimal commas: "0,5" is two fields, and the value would read as 0. */
    snprintf(path, sizeof path, "%s/euro.csv", dir);
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs("t,y\n", fp);
    for (int i = 0; i < 60; i++)
        fprintf(fp, "%d,%d,%d\n", i, i % 5, (i * 37) % 10);
    fclose(fp);
    snprintf(args, sizeof args, "fit %s", path);
    pb_test_expect_refused(args, "decimal comma");
    snprintf(args, sizeof args, "periodogram %s", path);
    pb_test_expect_refused(args, "decimal comma");
    snprintf(args, sizeof args, "run --tasks data:%s --methods mean --seeds 1 --out %s/never", path, dir);
    pb_test_expect_refused(args, "decimal comma");
    /* One such row among many is refused too, by its row number. */
    snprintf(path, sizeof path, "%s/one.csv", dir);
    fp = fopen(path, "w");
    fputs("t,y\n", fp);
    for (int i = 0; i < 60; i++)
        fprintf(fp, i == 40 ? "%d,0,%d\n" : "%d,%d\n", i, i % 7);
    fclose(fp);
    snprintf(args, sizeof args, "fit %s", path);
    pb_test_expect_refused(args, "row 42");
    /* A trailing comma (an empty field past the header) carries nothing: read. */
    snprintf(path, sizeof path, "%s/trailing.csv", dir);
    fp = fopen(path, "w");
    fputs("t,y\n", fp);
    for (int i = 0; i < 60; i++)
        fprintf(fp, "%d,%g, \n", i, sin(0.9 * i));
    fclose(fp);
    snprintf(args, sizeof args, "fit %s", path);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    pb_test_remove_tree(dir);
}

Test(sixth_pass, options_are_decimal_and_refused_for_their_reason, .timeout = 60)
{
    char dir[] = "/tmp/pb-6th-XXXXXX", path[800], args[1600];
    pb_test_make_dir(dir);
    snprintf(path, sizeof path, "%s/s.csv", dir);
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs("t,y\n", fp);
    for (int i = 0; i < 60; i++)
        fprintf(fp, "%d,%g\n", i, sin(0.9 * i));
    fclose(fp);
    const char *hex[] = {"run --tasks tone --methods mean --timeout 0x10 --out /tmp/pb-never",
                         "run --tasks tone --methods mean --memory 0x100 --out /tmp/pb-never", "fit --fap 0x1p-3",
                         "fit --timeout 0x20", "periodogram --fmax 0x1"};
    for (size_t i = 0; i < sizeof hex / sizeof hex[0]; i++) {
        snprintf(args, sizeof args, "%s %s", hex[i], i < 2 ? "" : path);
        pb_test_expect_refused(args, "hexadecimal");
    }
    snprintf(args, sizeof args, "fit --fap 1e-400 %s", path);
    pb_test_expect_refused(args, "too close to 0");
    snprintf(args, sizeof args, "fit --fmin 1e-320 %s", path);
    pb_test_expect_refused(args, "too close to 0");
    snprintf(args, sizeof args, "fit --fmax 1e400 %s", path);
    pb_test_expect_refused(args, "beyond the range");
    pb_test_remove_tree(dir);
}
