/* pb_label_matrix: the summary's groups laid out as a table of task
 * configurations (rows) x method configurations (columns), labelled
 * "task(params)" and "method(params)": the shape of headline.md and of the
 * heat maps. */
#ifndef PB_LABEL_MATRIX_H
#define PB_LABEL_MATRIX_H

#include <stddef.h>

#include "harness/pb_summary_groups.h"

void pb_label_task(const pb_summary_group *g, char *buf, size_t len);
void pb_label_method(const pb_summary_group *g, char *buf, size_t len);

/* Labels in order of first appearance; each cell the index of its group or -1. */
typedef struct pb_label_matrix {
    char (*tasks)[160], (*methods)[160];
    size_t nt, nm;
    long *cell; /* nt x nm */
} pb_label_matrix;

/* Returns 0, or -1 when out of memory (free it either way). */
int pb_label_matrix_build(pb_label_matrix *m, const pb_summary_group *g, long n);
void pb_label_matrix_free(pb_label_matrix *m);

#endif
