/* pb_csv_lines: the CSV rows that hold no quote, split as libcsv splits
 * them (the same calls, in the same order, as csv_parse and csv_fini with
 * CSV_APPEND_NULL off or on): a row ends at a CR or an LF; a row of nothing
 * but spaces and tabs is no row; a field is what lies between commas, less
 * the spaces and tabs about it. libcsv copies each character into its buffer
 * and tests it through its character callbacks; this does neither, which
 * is most of the time of reading 10^6 rows. Quoted text is left to libcsv. */
#ifndef PB_CSV_LINES_H
#define PB_CSV_LINES_H

#include <stddef.h>

typedef void (*pb_csv_field_fn)(void *text, size_t len, void *data);
typedef void (*pb_csv_row_fn)(int terminator, void *data);

/* Splits the complete rows of buf[0, len) - up to its last CR or LF; with
 * at_eof, all of it, the unterminated last row ended as csv_fini ends it
 * (terminator -1) - stopping before the first row that holds a quote
 * ('"'; then *quoted = 1). Returns how many bytes it consumed, always up to
 * the start of a row. buf is not changed; text points into it. */
size_t pb_csv_lines_split(const char *buf, size_t len, int at_eof, pb_csv_field_fn on_field, pb_csv_row_fn on_row,
                          void *data, int *quoted);

#endif
