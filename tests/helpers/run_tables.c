#include "helpers/run_tables.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

#include "harness/pb_runs.h"

char *pb_test_table_without_timings(const char *dir)
{
    char path[512], err[512];
    snprintf(path, sizeof path, "%s/runs.csv", dir);
    pb_runs_table t;
    cr_assert_eq(pb_runs_read(path, &t, NULL, err, sizeof err), 0, "%s", err);
    size_t cap = 1 << 20, used = 0;
    char *out = calloc(cap, 1);
    cr_assert_not_null(out);
    for (size_t i = 0; i < t.n; i++)
        for (int c = 0; c < PB_RUNS_NCOLS; c++) {
            if (c == PB_COL_FIT_SECONDS || c == PB_COL_FIT_CPU_SECONDS || c == PB_COL_PREDICT_SECONDS)
                continue;
            used += (size_t)snprintf(out + used, cap - used, "%s%c", t.rows[i].field[c],
                                     c == PB_COL_MESSAGE ? '\n' : ',');
        }
    pb_runs_table_free(&t);
    return out;
}

size_t pb_test_count_lines(const char *path)
{
    FILE *f = fopen(path, "r");
    size_t n = 0;
    int ch;
    if (!f)
        return 0;
    while ((ch = fgetc(f)) != EOF)
        n += ch == '\n';
    fclose(f);
    return n;
}
