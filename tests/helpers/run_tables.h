/* Reading what a run wrote, for comparing runs in tests. */
#ifndef PB_TEST_RUN_TABLES_H
#define PB_TEST_RUN_TABLES_H

#include <stddef.h>

/* DIR/runs.csv without the timing columns, as one string (free it). */
char *pb_test_table_without_timings(const char *dir);
/* Lines in the file at path (0 if it cannot be read). */
size_t pb_test_count_lines(const char *path);

#endif
