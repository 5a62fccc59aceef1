/* One row per trial key, always, and no silent limit: a sweep that names a
 * value twice (by value), a table that holds a trial twice, a name too long
 * for a key, empty list items, --resume without a directory and a plan too
 * large to hold are refused by name (exit 2), before anything runs. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "helpers/cli_run.h"

Test(security, a_plan_runs_each_trial_once_or_is_refused, .timeout = 60)
{
    pb_test_expect_refused("run --tasks tone --methods ls-direct --seeds 2 --quiet --set tone.snr_db=10,10,1e1",
                   "one trial twice");
    pb_test_expect_refused("run --tasks tone --methods ls-direct,ls-direct --seeds 2 --quiet", "twice");
    pb_test_expect_refused("run --tasks tone,, --methods ls-direct --seeds 1 --quiet", "empty item");
    pb_test_expect_refused("run --tasks tone --methods ls-direct, --seeds 1 --quiet", "empty item");
    pb_test_expect_refused("run --tasks tone --methods ls-direct --seeds 1 --quiet --set tone.snr_db=5,,6", "empty item");
    pb_test_expect_refused("run --tasks tone --methods ls-direct --seeds 1 --quiet --resume", "--out");
    time_t start = time(NULL);
    pb_test_expect_refused("run --tasks tone,cycles --methods all --seeds 1000000 --quiet --set tone.snr_db=1,2,3,4,5,6,7,8,9",
                   "more than one run takes");
    cr_assert_lt(time(NULL) - start, 20, "the refusal took %ld s", (long)(time(NULL) - start));
    pb_test_expect_refused("run --tasks tone --methods tests/data/reproducers/ext_long_name.py --seeds 1 --quiet",
                   "at most 64");
}

Test(security, resume_refuses_a_table_that_holds_a_trial_twice, .timeout = 60)
{
    char dir[] = "/tmp/pb-twice-XXXXXX", cmd[512];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(cmd, sizeof cmd, "run --tasks tone --methods ls-direct --seeds 3 --quiet --force --out %s", dir);
    char err[4096];
    cr_assert_eq(pb_test_run(cmd, NULL, err, sizeof err), 0, "%s", err);
    /* seed 0's row twice, with another result, and seed 2's row gone: 3 rows for 3 seeds */
    snprintf(cmd, sizeof cmd, "cd %s && sed -n 2p runs.csv | sed 's/,ok,1,/,ok,0,/' > row && sed -i '$d' runs.csv && "
             "cat row >> runs.csv", dir);
    cr_assert_eq(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "run --tasks tone --methods ls-direct --seeds 3 --quiet --resume --out %s", dir);
    pb_test_expect_refused(cmd, "twice");
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}
