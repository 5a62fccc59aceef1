/* Array jobs without MPI: run --shard I/K for I = 0..K-1, merged, gives the
 * table one run of the plan gives; a merge with a shard missing, twice, of
 * another plan or incomplete is refused, naming it. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers/cli_run.h"
#include "helpers/run_tables.h"

#define SHARD_PLAN "run --tasks tone,close-tones,tone-irregular --methods ls-direct,lomb-scargle,sgd-sin " \
                   "--set sgd-sin.steps=20000 --seeds 3 --quiet"

static void expect_merge_refused(const char *dirs, const char *mentions)
{
    char args[4400], err[2048];
    snprintf(args, sizeof args, "merge %s", dirs);
    int rc = pb_test_run(args, NULL, err, sizeof err);
    cr_assert_eq(rc, 2, "'%s' exited %d: %s", args, rc, err);
    cr_assert(strstr(err, mentions), "'%s': '%s' does not name '%s'", args, err, mentions);
}

Test(shards, merged_shards_are_one_run_and_a_bad_set_is_refused, .timeout = 300)
{
    char top[] = "/tmp/pb-shards-XXXXXX", args[4400], err[2048], d[6][200];
    cr_assert_not_null(mkdtemp(top));
    for (int i = 0; i < 3; i++) {
        snprintf(d[i], sizeof d[i], "%s/s%d", top, i);
        snprintf(args, sizeof args, SHARD_PLAN " --jobs %d --shard %d/3 --out %s", 1 + i % 2, i, d[i]);
        cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    }
    snprintf(d[3], sizeof d[3], "%s/single", top);
    snprintf(args, sizeof args, SHARD_PLAN " --jobs 2 --out %s", d[3]);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    snprintf(d[4], sizeof d[4], "%s/merged", top);
    snprintf(args, sizeof args, "merge %s %s %s %s --quiet", d[4], d[2], d[0], d[1]);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    char *single = pb_test_table_without_timings(d[3]), *merged = pb_test_table_without_timings(d[4]);
    cr_assert_str_eq(single, merged, "the merged shards differ from one run of the plan");
    free(single);
    free(merged);

    char set[1400];
    snprintf(set, sizeof set, "%s/m2 %s %s", top, d[0], d[2]);
    expect_merge_refused(set, "shard 1/3 is missing");
    snprintf(set, sizeof set, "%s/m2 %s %s %s %s", top, d[0], d[1], d[1], d[2]);
    expect_merge_refused(set, "given twice");
    /* A shard of another plan. */
    snprintf(d[5], sizeof d[5], "%s/foreign", top);
    snprintf(args, sizeof args, "run --tasks tone --methods ls-direct --seeds 3 --quiet --shard 1/3 --out %s", d[5]);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    snprintf(set, sizeof set, "%s/m2 %s %s %s", top, d[0], d[5], d[2]);
    expect_merge_refused(set, d[5]);
    /* An incomplete shard (its last row gone). */
    snprintf(args, sizeof args, "sed -i '$d' '%s/runs.csv'", d[1]);
    cr_assert_eq(system(args), 0);
    snprintf(set, sizeof set, "%s/m2 %s %s %s", top, d[0], d[1], d[2]);
    expect_merge_refused(set, "incomplete");
    snprintf(args, sizeof args, "rm -rf '%s'", top);
    cr_assert_eq(system(args), 0);
}
