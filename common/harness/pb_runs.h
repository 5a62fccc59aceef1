/* pb_runs: runs.csv, the long-format table with one row per trial.
 * Rows are kept as text fields so a table can be read back, merged with new
 * rows (--resume) and rewritten without losing anything. */
#ifndef PB_RUNS_H
#define PB_RUNS_H

#include <stdio.h>

#include "harness/pb_trial.h"

enum {
    PB_COL_TASK, PB_COL_TASK_PARAMS, PB_COL_METHOD, PB_COL_METHOD_PARAMS, PB_COL_SEED, PB_COL_STATUS,
    PB_COL_SUCCESS, PB_COL_FOUND, PB_COL_NRMSE_IN, PB_COL_NRMSE_OUT, PB_COL_FREQ_EST, PB_COL_FREQ_ERR,
    PB_COL_CRLB_RATIO, PB_COL_FREQ_SE, PB_COL_CRLB_SD, PB_COL_EXACT_IN, PB_COL_EXACT_OUT, PB_COL_EXACT_FIELDS_IN,
    PB_COL_EXACT_FIELDS_OUT, PB_COL_FIT_SECONDS, PB_COL_FIT_CPU_SECONDS,
    PB_COL_PREDICT_SECONDS, PB_COL_ITERATIONS, PB_COL_MESSAGE, PB_RUNS_NCOLS
};

/* Header names, in column order (README.md documents each). */
extern const char *const pb_runs_columns[PB_RUNS_NCOLS];

typedef struct pb_runs_row {
    char *field[PB_RUNS_NCOLS]; /* owned strings; "" for n/a */
} pb_runs_row;

typedef struct pb_runs_table {
    size_t n, cap;
    pb_runs_row *rows;
} pb_runs_table;

/* The largest iteration count a row may hold (the external protocol's). */
#define PB_RUNS_MAX_ITERATIONS 1e15
/* The largest time a row may hold, seconds (about 32 years): sums of a
 * table's times stay finite. */
#define PB_RUNS_MAX_SECONDS 1e9

/* Reads path into t (empty table if the file does not exist). Columns are
 * matched by name: a table written before exact_fields_in/out existed
 * reads with those empty (the only columns that may be missing). A last line
 * without its newline (a write cut short by a kill) is ignored; *complete_bytes
 * (if not NULL) gets the length of the file up to its last full line.
 * Returns 0, or -1 with err (bad header, unreadable file). */
int pb_runs_read(const char *path, pb_runs_table *t, long *complete_bytes, char *err, size_t errlen);
void pb_runs_table_free(pb_runs_table *t);
/* Appends a copy of row (takes ownership of the strings). Returns 0 or -1. */
int pb_runs_table_push(pb_runs_table *t, pb_runs_row *row);

/* Fills row from a trial (allocates the strings). Returns 0 or -1. */
int pb_runs_row_from_trial(pb_runs_row *row, const pb_trial_spec *spec, const pb_trial_result *res);
void pb_runs_row_free(pb_runs_row *row);
/* The identity of a row's trial: task, task_params, method, method_params, seed. */
void pb_runs_row_key(const pb_runs_row *row, char *buf, size_t len);
void pb_runs_spec_key(const pb_trial_spec *spec, char *buf, size_t len);

int pb_runs_write_header(FILE *f);
/* One line, quoted where needed. Returns 0, or -1 on a write error. */
int pb_runs_write_row(FILE *f, const pb_runs_row *row);

/* A field as a number; NAN when empty or not a number. */
double pb_runs_number(const pb_runs_row *row, int col);

#endif
