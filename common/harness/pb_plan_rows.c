#include "harness/pb_plan_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tasks/pb_data_task.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int pb_plan_rows_check(const pb_plan *plan, const pb_runs_table *t, const char *path, char *err, size_t errlen)
{
    /* The names of the plan's data tasks without a known period, sorted. */
    const char **names = malloc((plan->n ? plan->n : 1) * sizeof *names);
    size_t n = 0;
    if (!names) {
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    const pb_task_type *last = NULL;
    for (size_t i = 0; i < plan->n; i++) {
        const pb_task_type *task = plan->trials[i].task;
        if (task != last && pb_task_is_data(task) && pb_data_task_known_periods(task) == 0)
            names[n++] = task->name;
        last = task;
    }
    qsort(names, n, sizeof *names, by_name);
    int rc = 0;
    for (size_t i = 0; i < t->n && !rc && n; i++) {
        const pb_runs_row *r = &t->rows[i];
        const char *task = r->field[PB_COL_TASK];
        if ((r->field[PB_COL_SUCCESS][0] || r->field[PB_COL_FOUND][0]) && bsearch(&task, names, n, sizeof *names, by_name)) {
            snprintf(err, errlen, "%s: data row %zu claims success '%s', found '%s' for %s, a file without a known "
                     "period (both are empty there): not a row a run wrote; remove it, or --force", path, i + 1,
                     r->field[PB_COL_SUCCESS], r->field[PB_COL_FOUND], task);
            rc = 2;
        }
    }
    free(names);
    return rc;
}
