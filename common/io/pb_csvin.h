/* pb_csvin: a person's own time series from a CSV file (libcsv). The first
 * row names the columns; the time and value columns are chosen by name or
 * 1-based index (default: the first two), and optionally a column of the
 * values' standard errors. Times are numbers, or ISO 8601
 * dates/date-times converted to days since the first sample. Odd but
 * meaningful input is repaired and reported (pb_csvin_describe): empty or NA
 * values skipped, unsorted times sorted, duplicate times averaged (weighted
 * by 1/error^2 when there are errors), a BOM
 * and CRLF line ends accepted, values too large or small to square scaled
 * by a power of two. Malformed input, and times double arithmetic cannot
 * carry (beyond +-1e100, or spanning less than 1e-100), are errors naming
 * the problem. */
#ifndef PB_CSVIN_H
#define PB_CSVIN_H

#include <stddef.h>
#include <stdio.h>

typedef struct pb_csvin_options {
    const char *time_col;  /* name or 1-based index; NULL: column 1 */
    const char *value_col; /* name or 1-based index; NULL: column 2 */
    const char *err_col;   /* the values' standard errors, name or 1-based index; NULL: none */
    /* Times alone (y all 0; value_col unused), rows kept in file order
     * without sorting or merging: times to predict at. */
    int times_only;
    /* Dates: when set, t counts days since origin_epoch (seconds since
     * 1970) instead of since the earliest sample. */
    int use_origin;
    double origin_epoch;
} pb_csvin_options;

typedef struct pb_csvin_series {
    size_t n;
    double *t, *y;           /* sorted by t, duplicates merged */
    double *dy;              /* with err_col: standard errors (finite, > 0), merged alike; else NULL */
    size_t rows;             /* data rows read */
    size_t skipped;          /* rows without a time or a value */
    size_t duplicates;       /* rows merged into an earlier one with the same time */
    int was_unsorted;        /* times had to be sorted */
    int dates;               /* times were dates: t is in days since the first sample */
    double first_epoch;      /* dates: seconds since 1970 of t = 0 (the origin) */
    double value_scale;      /* y and dy are the file's divided by this power of two (1 for ordinary
                              * magnitudes; else their squares would overflow or underflow) */
    char time_name[128], value_name[128], err_name[128];
} pb_csvin_series;

/* How a field reads as a number: strtod's reading, less what no data file
 * means by it. Hexadecimal (strtod reads 0x10 as 16) and numbers too close
 * to 0 for a normal double (1e-400 would read as 0, 1e-310 lose digits)
 * are refused, not misread. */
typedef enum pb_csvin_number_kind {
    PB_NUM_OK,
    PB_NUM_NOT_A_NUMBER,
    PB_NUM_NOT_FINITE,
    PB_NUM_UNDERFLOW,
    PB_NUM_HEX
} pb_csvin_number_kind;

/* Parses the whole of s into *x. */
pb_csvin_number_kind pb_csvin_number(const char *s, double *x);
/* The reason, as a message's predicate ("is not a number", ...). */
const char *pb_csvin_number_why(pb_csvin_number_kind k);

/* Reads path. Returns 0, or -1 with err = "what: why" (missing file, no
 * header, no such column, a value that is not a number, NaN or infinite,
 * an error that is not a positive number, a date that does not parse, no
 * data rows). */
int pb_csvin_read(const char *path, const pb_csvin_options *opt, pb_csvin_series *out, char *err, size_t errlen);
void pb_csvin_free(pb_csvin_series *s);
/* One line on what was done to the data, e.g. "data.csv: 1000 rows, 3
 * without a value skipped, sorted by time, 2 duplicate times averaged". */
void pb_csvin_describe(const pb_csvin_series *s, const char *path, FILE *f);

#endif
