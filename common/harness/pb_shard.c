#include "harness/pb_shard.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_fsutil.h"
#include "harness/pb_runs.h"

#define SHARD_FORMAT "periodbench-shard 1"

int pb_shard_select(const pb_plan *plan, long index, long count, pb_plan *out)
{
    for (size_t i = (size_t)index; i < plan->n; i += (size_t)count)
        if (pb_plan_add(out, &plan->trials[i]) != 0)
            return -1;
    return 0;
}

uint64_t pb_shard_plan_hash(const pb_plan *plan)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < plan->n; i++) {
        char k[PB_KEY_MAX];
        pb_runs_spec_key(&plan->trials[i], k, sizeof k);
        for (const char *c = k; *c; c++)
            h = (h ^ (unsigned char)*c) * 1099511628211ULL;
        /* A data task's rows hold its name, not its data: a changed file is another plan. */
        for (const char *c = plan->trials[i].task->digest; c && *c; c++)
            h = (h ^ (unsigned char)*c) * 1099511628211ULL;
        h = (h ^ '\n') * 1099511628211ULL;
    }
    return h;
}

int pb_shard_write(const char *dir, const pb_shard_record *r, char *err, size_t errlen)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/shard.txt", dir);
    FILE *f = pb_fs_open_temp(path);
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    fprintf(f, "%s\nshard %ld %ld\nplan_trials %zu\nplan_hash %016" PRIx64 "\n", SHARD_FORMAT, r->index, r->count,
            r->plan_trials, r->plan_hash);
    for (int i = 0; i < r->argc; i++)
        fprintf(f, "arg %s\n", r->argv[i]);
    if (pb_fs_commit_temp(f, path, 0) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int pb_shard_read(const char *dir, pb_shard_record *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    char path[4200], line[8192];
    snprintf(path, sizeof path, "%s/shard.txt", dir);
    FILE *f = pb_fs_open_regular(path);
    if (!f) {
        snprintf(err, errlen, "%s: %s (not a shard of periodbench run --shard)", path,
                 errno == EINVAL ? "not a regular file" : strerror(errno));
        return -1;
    }
    int fields = 0, ok = fgets(line, sizeof line, f) && strncmp(line, SHARD_FORMAT, strlen(SHARD_FORMAT)) == 0;
    while (ok && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (sscanf(line, "shard %ld %ld", &r->index, &r->count) == 2 ||
            sscanf(line, "plan_trials %zu", &r->plan_trials) == 1 ||
            sscanf(line, "plan_hash %" SCNx64, &r->plan_hash) == 1) {
            fields++;
        } else if (strncmp(line, "arg ", 4) == 0) {
            char **grown = realloc(r->argv, (size_t)(r->argc + 2) * sizeof *grown);
            ok = grown && (grown[r->argc] = strdup(line + 4)) != NULL;
            if (grown) {
                r->argv = grown;
                if (ok)
                    r->argv[++r->argc] = NULL;
            }
        } else {
            ok = 0;
        }
    }
    fclose(f);
    if (!ok || fields != 3 || r->count < 1 || r->index < 0 || r->index >= r->count) {
        snprintf(err, errlen, "%s: not a shard record of this periodbench", path);
        pb_shard_record_free(r);
        return -1;
    }
    return 0;
}

void pb_shard_record_free(pb_shard_record *r)
{
    for (int i = 0; i < r->argc; i++)
        free(r->argv[i]);
    free(r->argv);
    r->argv = NULL;
    r->argc = 0;
}
