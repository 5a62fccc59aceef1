/* pb_keyset: a sorted set of trial keys (pb_runs_row_key / pb_runs_spec_key)
 * for membership look-ups: which trials a table already holds, and whether
 * a table's rows belong to a plan. */
#ifndef PB_KEYSET_H
#define PB_KEYSET_H

#include <stddef.h>

#include "harness/pb_plan.h"
#include "harness/pb_runs.h"

typedef struct pb_keyset {
    char **keys;
    size_t n;
} pb_keyset;

/* The keys of a table's rows / of a plan's trials. Return 0, or -1 when out
 * of memory (the set is then empty). */
int pb_keyset_of_table(pb_keyset *s, const pb_runs_table *t);
int pb_keyset_of_plan(pb_keyset *s, const pb_plan *plan);
int pb_keyset_has(const pb_keyset *s, const char *key);
/* A key the set holds more than once (the first in sorted order), or NULL. */
const char *pb_keyset_first_duplicate(const pb_keyset *s);
void pb_keyset_free(pb_keyset *s);

#endif
