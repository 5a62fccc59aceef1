/* pb_data_task: a user's own series as tasks. `--tasks data:PATH` names a
 * CSV file or a directory of them; each file becomes the task data:STEM
 * (STEM: the file name without .csv), read as fit reads it (io/pb_csvin).
 * The last `holdout` share of its time span is the extrapolation set, a
 * seeded `interp` share of the points before it (never the first or the
 * last) the interpolation set; methods see the rest. An optional
 * periods.csv beside the files (columns file,period) gives known periods.
 * Every file is read, and every period checked, when the tasks are made:
 * before any trial runs. The split rule and the scoring are in
 * common/tasks/README.md. */
#ifndef PB_DATA_TASK_H
#define PB_DATA_TASK_H

#include <stddef.h>

#include "contract/pb_task.h"
#include "io/pb_csvin.h"

#define PB_DATA_PREFIX "data:"
/* The target of `--set data.PARAM=...`: every data task. */
#define PB_DATA_FAMILY "data"
/* The most files one data:PATH may hold. */
#define PB_DATA_MAX_FILES 100000
/* The fewest training points a split may leave, and test points per set. */
#define PB_DATA_MIN_TRAIN 8
#define PB_DATA_MIN_TEST 2

typedef struct pb_data_source pb_data_source;

typedef struct pb_data_tasks {
    size_t n;
    pb_task_type *types;     /* n tasks named data:STEM, sorted by name */
    pb_data_source **sources; /* what each type's source points to */
} pb_data_tasks;

/* Reads path (a regular .csv file, or every *.csv file in a directory but
 * periods.csv) and periods.csv beside it, and appends a task per file to
 * *out (zero it first). Returns 0, or -1 with err naming the file (and row)
 * and the problem: an unreadable or malformed file, a name that cannot be
 * a task's, an empty directory, a periods.csv row that names no file or
 * holds no positive period. */
int pb_data_tasks_load(const char *path, const pb_csvin_options *opt, pb_data_tasks *out, char *err, size_t errlen);
void pb_data_tasks_free(pb_data_tasks *t);

/* Whether t was made from a file. */
int pb_task_is_data(const pb_task_type *t);
/* How many known periods periods.csv gave its file (0 for a built-in task). */
size_t pb_data_task_known_periods(const pb_task_type *t);
/* Its file's path, or NULL for a built-in task. */
const char *pb_data_task_path(const pb_task_type *t);

#endif
