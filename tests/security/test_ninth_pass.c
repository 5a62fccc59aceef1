/* What a ninth adversarial pass found, each now refused: a row without a
 * model (a timeout, a crash) that holds scores, and a data success whose
 * bar the table's own baseline rows no longer show (rewritten as timeouts,
 * with or without scores, or given other scores) kept by --resume and
 * merge. The bar is now scored afresh from the trial's data. */
#include <criterion/criterion.h>
#include <stdio.h>

#include "helpers/cli_run.h"
#include "helpers/forged_tables.h"
#include "helpers/scratch.h"

#define RUN "run --tasks data:%s/w.csv --methods lomb-scargle --seeds 2 --quiet"
/* awk: lomb-scargle's rows claim a success at an error 5 times the
 * signal's, and the baselines' rows become timeouts without a score. */
#define FORGE_SUCCESS                                                                                                   \
    "$3 == \"lomb-scargle\" { $7 = 1; $8 = 1; $10 = 5 } $3 == \"mean\" || $3 == \"seasonal-naive\" { $6 = "        \
    "\"timeout\"; $7 = 0; for (i = 8; i <= 19; i++) $i = \"\" } { print }"

Test(ninth_pass, a_row_without_a_model_holds_no_score, .timeout = 60)
{
    pb_test_forged_resume_refused(RUN, 1, "mean", "$6 = \"timeout\"; $7 = 0", "without a model");
    pb_test_forged_resume_refused(RUN, 1, "lomb-scargle", "$6 = \"crashed\"; $7 = 0; $9 = \"\"; $10 = \"\"",
                                  "without a model");
}

Test(ninth_pass, a_baseline_row_with_another_score_is_refused, .timeout = 60)
{
    /* Baselines made to score 100: a failed method's row would then beat them. */
    pb_test_forged_resume_refused(RUN, 1, "mean", "$10 = 100", "baselines score");
}

Test(ninth_pass, a_success_without_its_baselines_rows_is_judged_by_their_scores_afresh, .timeout = 120)
{
    char dir[] = "/tmp/pb-9th-XXXXXX", args[1600], cmd[2400];
    pb_test_make_dir(dir);
    pb_test_seasonal_file(dir);
    snprintf(args, sizeof args, RUN " --out %s/r", dir, dir);
    cr_assert_eq(pb_test_run(args, NULL, cmd, sizeof cmd), 0, "%s", cmd);
    snprintf(cmd, sizeof cmd, "cd %s/r && awk -F, -v OFS=, '" FORGE_SUCCESS "' runs.csv > f && mv f runs.csv && "
             "grep -q ',lomb-scargle,,0,ok,1,1,[^,]*,5,' runs.csv", dir);
    pb_test_sh(cmd);
    snprintf(args, sizeof args, RUN " --resume --out %s/r", dir, dir);
    pb_test_expect_refused(args, "baselines score");
    /* The same rows with the baselines' rows gone altogether. */
    snprintf(cmd, sizeof cmd, "cd %s/r && grep -v ',mean,\\|,seasonal-naive,' runs.csv > f && mv f runs.csv", dir);
    pb_test_sh(cmd);
    pb_test_expect_refused(args, "baselines score");
    pb_test_remove_tree(dir);
}

Test(ninth_pass, merge_judges_a_data_success_by_the_baselines_scored_afresh, .timeout = 180)
{
    char dir[] = "/tmp/pb-9th-XXXXXX", args[1600], cmd[2400];
    pb_test_make_dir(dir);
    pb_test_seasonal_file(dir);
    for (int s = 0; s < 2; s++) {
        snprintf(args, sizeof args, RUN " --shard %d/2 --out %s/s%d", dir, s, dir, s);
        cr_assert_eq(pb_test_run(args, NULL, cmd, sizeof cmd), 0, "%s", cmd);
    }
    snprintf(cmd, sizeof cmd, "cd %s && for s in s0 s1; do awk -F, -v OFS=, '" FORGE_SUCCESS "' $s/runs.csv > f && "
             "mv f $s/runs.csv; done && grep -q ',lomb-scargle,,0,ok,1,1,[^,]*,5,' s*/runs.csv", dir);
    pb_test_sh(cmd);
    snprintf(args, sizeof args, "merge %s/m %s/s0 %s/s1", dir, dir, dir);
    pb_test_expect_refused(args, "baselines score");
    pb_test_remove_tree(dir);
}
