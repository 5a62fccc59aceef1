/* pb_data_periods: periods.csv, the known periods of data files. Columns
 * file,period (a header row naming them, in that order); one row per known
 * period, several rows per file allowed; file is the file's name with or
 * without .csv; period a positive number in the file's time unit (days
 * when its times are dates). Blank lines, CRLF and a BOM are accepted. */
#ifndef PB_DATA_PERIODS_H
#define PB_DATA_PERIODS_H

#include <stddef.h>

#include "contract/pb_task.h"

#define PB_DATA_PERIODS_FILE "periods.csv"

typedef struct pb_data_periods_row {
    size_t row; /* 1-based line of the file */
    char stem[256];
    double period;
} pb_data_periods_row;

typedef struct pb_data_periods_table {
    char path[4200];
    size_t n;
    pb_data_periods_row *rows;
} pb_data_periods_table;

/* One file's known periods, in periods.csv's order. */
typedef struct pb_data_periods {
    size_t n;
    double period[PB_MAX_TRUTH];
    size_t row[PB_MAX_TRUTH];
} pb_data_periods;

/* Reads dir/periods.csv; none there is an empty table. Returns 0, or -1
 * with err naming the file and row. */
int pb_data_periods_read(const char *dir, pb_data_periods_table *t, char *err, size_t errlen);
void pb_data_periods_table_free(pb_data_periods_table *t);
/* Adds row's period to p (at most PB_MAX_TRUTH, none twice). Returns 0, or
 * -1 with err naming path and the row. */
int pb_data_periods_add(pb_data_periods *p, const pb_data_periods_row *row, const char *path, char *err,
                        size_t errlen);
/* Whether dir/STEM.csv is a regular file. */
int pb_data_periods_file_exists(const char *dir, const char *stem);

#endif
