/* pb_shard: a deterministic share of a plan, for scheduler array jobs:
 * shard I of K holds the trials whose plan index i has i mod K = I. Its
 * directory records which shard it is and of which plan (DIR/shard.txt: the
 * plan's trial count and a hash of its trial keys, and the options that made
 * it), so that periodbench merge can check that K directories are the
 * shards of one plan, none missing or twice. */
#ifndef PB_SHARD_H
#define PB_SHARD_H

#include <stddef.h>
#include <stdint.h>

#include "harness/pb_plan.h"

typedef struct pb_shard_record {
    long index, count;
    size_t plan_trials;
    uint64_t plan_hash;
    int argc;    /* the plan's options, as given to run */
    char **argv; /* NULL-terminated */
} pb_shard_record;

/* The trials of shard index of count, appended to out (an initialised
 * plan that owns none of their parameters). Returns 0 or -1. */
int pb_shard_select(const pb_plan *plan, long index, long count, pb_plan *out);
/* FNV-1a over the plan's trial keys in order, and data tasks' digests. */
uint64_t pb_shard_plan_hash(const pb_plan *plan);

/* DIR/shard.txt. Return 0, or -1 with err. */
int pb_shard_write(const char *dir, const pb_shard_record *r, char *err, size_t errlen);
int pb_shard_read(const char *dir, pb_shard_record *r, char *err, size_t errlen);
void pb_shard_record_free(pb_shard_record *r);

#endif
