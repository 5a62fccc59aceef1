#include "helpers/forged_tables.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>

#include "helpers/cli_run.h"
#include "helpers/scratch.h"

void pb_test_seasonal_file(const char *dir)
{
    char path[800];
    snprintf(path, sizeof path, "%s/w.csv", dir);
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp, "%s", path);
    fputs("t,y\n", fp);
    for (int i = 0; i < 120; i++)
        fprintf(fp, "%d,%.17g\n", i, sin(2 * M_PI * i / 12.0) + 0.05 * i + 0.1 * sin(7.7 * i * i));
    fclose(fp);
    snprintf(path, sizeof path, "%s/periods.csv", dir);
    pb_test_write_file(path, "file,period\nw,12\n");
}

void pb_test_forged_resume_refused(const char *run, int seasonal, const char *method, const char *program,
                                   const char *mentions)
{
    char dir[] = "/tmp/pb-forged-XXXXXX", cmdline[1600], args[1800], cmd[2400];
    pb_test_make_dir(dir);
    if (seasonal)
        pb_test_seasonal_file(dir);
    snprintf(cmdline, sizeof cmdline, run, dir);
    snprintf(args, sizeof args, "%s --out %s/r", cmdline, dir);
    cr_assert_eq(pb_test_run(args, NULL, cmd, sizeof cmd), 0, "%s", cmd);
    snprintf(cmd, sizeof cmd, "cd %s/r && awk -F, -v OFS=, '$3 == \"%s\" { %s } { print }' runs.csv > forged && "
             "! cmp -s forged runs.csv && mv forged runs.csv", dir, method, program);
    pb_test_sh(cmd);
    snprintf(args, sizeof args, "%s --resume --out %s/r", cmdline, dir);
    pb_test_expect_refused(args, mentions);
    pb_test_remove_tree(dir);
}
