/* The run-table reader (what --resume, merge, summaries and bench --scaling
 * read) on arbitrary bytes: it either fails with a message naming the file
 * and line, or returns rows that keep every promise its readers rely on -
 * every field present, task names that are names (kebab-case or data:STEM)
 * and kebab-case method names, of at most 64 characters, a whole seed, a
 * known status, success 0 or 1 (or empty for a data task), every number
 * finite or empty, a
 * scored row wherever the status has a model - and whose keys and key set
 * can be built. A broken promise aborts. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/pb_names.h"
#include "base/pb_status.h"
#include "fuzz_io.h"
#include "harness/pb_keyset.h"
#include "harness/pb_runs.h"
#include "harness/pb_trial.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *why, size_t i)
{
    fprintf(stderr, "pb_runs_read broke its promise: %s (row %zu)\n", why, i);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64], err[600] = "";
    int fd = pb_fuzz_file(data, size, path, sizeof path);
    pb_runs_table t;
    long complete = -1;
    if (pb_runs_read(path, &t, &complete, err, sizeof err) == 0) {
        if (complete < 0 || (size_t)complete > size)
            broken("complete_bytes outside the file", 0);
        for (size_t i = 0; i < t.n; i++) {
            const pb_runs_row *r = &t.rows[i];
            for (int c = 0; c < PB_RUNS_NCOLS; c++)
                if (!r->field[c])
                    broken("a missing field", i);
            if (!pb_name_is_task(r->field[PB_COL_TASK]) || !pb_name_is_kebab(r->field[PB_COL_METHOD]))
                broken("a task or method that is not a name", i);
            int st = pb_status_from_name(r->field[PB_COL_STATUS]);
            if (st < 0)
                broken("an unknown status", i);
            const char *success = r->field[PB_COL_SUCCESS];
            if (strcmp(success, "0") != 0 && strcmp(success, "1") != 0 &&
                (success[0] || strncmp(r->field[PB_COL_TASK], "data:", 5) != 0))
                broken("a success that is neither 0, 1 nor a data task's empty one", i);
            double nin = pb_runs_number(r, PB_COL_NRMSE_IN), nout = pb_runs_number(r, PB_COL_NRMSE_OUT);
            if (pb_status_has_model((pb_status)st) && !(isfinite(nin) && isfinite(nout)))
                broken("a row with a model and no finite score", i);
            char key[PB_KEY_MAX];
            pb_runs_row_key(r, key, sizeof key);
        }
        pb_keyset keys;
        if (pb_keyset_of_table(&keys, &t) == 0) {
            (void)pb_keyset_first_duplicate(&keys);
            pb_keyset_free(&keys);
        }
        pb_runs_table_free(&t);
    } else if (!err[0]) {
        broken("a failure without a message", 0);
    }
    close(fd);
    return 0;
}
