/* merge runs no program that a results directory names: the external
 * method a shard's shard.txt names by its path is asked to describe itself
 * only when the user names it (--program), and only after every shard has
 * been checked. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers/scratch.h"
#include "helpers/cli_run.h"

#define ECHO "tests/methods/external/echo.py"

Test(security, merge_runs_no_program_a_shard_names, .timeout = 120)
{
    char top[] = "/tmp/pb-mergeprog-XXXXXX", cmd[2048], err[4096], canary[128], evil[128];
    cr_assert_not_null(mkdtemp(top));
    snprintf(canary, sizeof canary, "%s/ran", top);
    snprintf(evil, sizeof evil, "%s/evil.sh", top);
    FILE *f = fopen(evil, "w");
    cr_assert_not_null(f);
    fprintf(f, "#!/bin/sh\ntouch '%s'\nexit 1\n", canary);
    fclose(f);
    cr_assert_eq(chmod(evil, 0755), 0);
    for (int i = 0; i < 2; i++) {
        snprintf(cmd, sizeof cmd, "run --tasks tone --methods " ECHO " --seeds 2 --quiet --shard %d/2 --out %s/s%d", i,
                 top, i);
        cr_assert_eq(pb_test_run(cmd, NULL, err, sizeof err), 0, "%s", err);
    }
    /* The user names the program: the shards merge. */
    snprintf(cmd, sizeof cmd, "merge %s/m %s/s0 %s/s1 --quiet --program " ECHO, top, top, top);
    cr_assert_eq(pb_test_run(cmd, NULL, err, sizeof err), 0, "%s", err);
    /* Unnamed: refused, saying how. */
    snprintf(cmd, sizeof cmd, "merge %s/m2 %s/s0 %s/s1 --quiet", top, top, top);
    cr_assert_eq(pb_test_run(cmd, NULL, err, sizeof err), 2, "%s", err);
    cr_assert_not_null(strstr(err, "--program"), "%s", err);
    /* A shard record rewritten to name another program: it never starts. */
    snprintf(cmd, sizeof cmd, "sed -i 's|^arg " ECHO "$|arg %s|' %s/s0/shard.txt %s/s1/shard.txt", evil, top, top);
    pb_test_sh(cmd);
    snprintf(cmd, sizeof cmd, "merge %s/m3 %s/s0 %s/s1 --quiet", top, top, top);
    cr_assert_eq(pb_test_run(cmd, NULL, err, sizeof err), 2, "%s", err);
    cr_assert_neq(access(canary, F_OK), 0, "merge ran the program a shard named: %s", err);
    /* Naming the real program does not let the shard's run. */
    snprintf(cmd, sizeof cmd, "merge %s/m4 %s/s0 %s/s1 --quiet --program " ECHO, top, top, top);
    cr_assert_eq(pb_test_run(cmd, NULL, err, sizeof err), 2, "%s", err);
    cr_assert_neq(access(canary, F_OK), 0, "merge ran the program a shard named: %s", err);
    /* A shard whose table is bad is refused before any program starts, even a named one. */
    snprintf(cmd, sizeof cmd, "sed -i 's|^arg %s$|arg " ECHO "|' %s/s0/shard.txt %s/s1/shard.txt && sed -i '$d' "
                              "%s/s1/runs.csv", evil, top, top, top);
    pb_test_sh(cmd);
    snprintf(cmd, sizeof cmd, "merge %s/m5 %s/s0 %s/s1 --quiet --program %s", top, top, top, evil);
    cr_assert_eq(pb_test_run(cmd, NULL, err, sizeof err), 2, "%s", err);
    cr_assert_not_null(strstr(err, "incomplete"), "%s", err);
    cr_assert_neq(access(canary, F_OK), 0, "merge started a program before checking the shards: %s", err);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
    pb_test_sh(cmd);
}
