#include "helpers/scratch.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

#include "helpers/cli_run.h"
#include "helpers/run_tables.h"

void pb_test_sh(const char *cmd)
{
    cr_assert_eq(system(cmd), 0, "%s", cmd);
}

void pb_test_make_dir(char *tmpl)
{
    cr_assert_not_null(mkdtemp(tmpl), "%s", tmpl);
}

void pb_test_remove_tree(const char *dir)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    pb_test_sh(cmd);
}

void pb_test_write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s", path);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0, "%s", path);
}

char *pb_test_one_trial_table(const char *method, const char *dir)
{
    char out[600], err[4096];
    snprintf(out, sizeof out, "%s/one-trial", dir);
    const char *run[] = {"run", "--tasks", "tone", "--methods", method, "--seeds", "1", "--quiet", "--out", out, NULL};
    cr_assert_eq(pb_test_run_argv(run, NULL, err, sizeof err), 0, "%s", err);
    char *t = pb_test_table_without_timings(out);
    pb_test_remove_tree(out);
    return t;
}
