/* run records periodbench's own revision, fixed at build time, and runs no
 * git: started inside a prepared repository whose .git/config names a
 * command (core.fsmonitor, which git diff would run), it runs nothing and
 * does not record that repository's commit. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers/cli_run.h"

Test(security, run_starts_no_git_in_the_current_directory, .timeout = 120)
{
    if (system("command -v git >/dev/null") != 0)
        cr_skip_test("git is not installed: nothing could run it");
    char top[] = "/tmp/pb-gitcfg-XXXXXX", cmd[2048], canary[128], line[256];
    cr_assert_not_null(mkdtemp(top));
    snprintf(canary, sizeof canary, "%s/ran", top);
    snprintf(cmd, sizeof cmd,
             "cd %s && git init -q . && echo x > f && git -c user.name=t -c user.email=t@t add f && "
             "git -c user.name=t -c user.email=t@t commit -qm x && git config core.fsmonitor 'touch %s; false' && "
             "git rev-parse --short=12 HEAD > head.txt",
             top, canary);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    snprintf(cmd, sizeof cmd, "cd %s && %s run --tasks tone --methods ls-direct --seeds 1 --quiet --out out >/dev/null 2>&1",
             top, pb_test_bin());
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    cr_assert_neq(access(canary, F_OK), 0, "run started git in the current directory, which ran its fsmonitor");
    snprintf(cmd, sizeof cmd, "%s/head.txt", top);
    FILE *f = fopen(cmd, "r");
    char head[64] = "";
    cr_assert_not_null(f);
    cr_assert_not_null(fgets(head, sizeof head, f));
    fclose(f);
    head[strcspn(head, "\n")] = '\0';
    snprintf(cmd, sizeof cmd, "%s/out/environment.txt", top);
    f = fopen(cmd, "r");
    cr_assert_not_null(f);
    int found = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "git: ", 5) == 0) {
            found = 1;
            cr_assert_null(strstr(line, head), "environment.txt names the current directory's commit: %s", line);
        }
    fclose(f);
    cr_assert(found, "environment.txt has no git line");
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
    cr_assert_eq(system(cmd), 0);
}
