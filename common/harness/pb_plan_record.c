#include "harness/pb_plan_record.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_fsutil.h"
#include "harness/pb_runs.h"

/* plan.txt is a line per data task: 100,000 files make a few MiB. */
#define RECORD_MAX_BYTES (64 << 20)

/* The record's text (free it): the limits, then "data: NAME DIGEST" per
 * data task, each once (a task's trials are contiguous in a plan). */
static char *record_text(const pb_plan *plan, double timeout, double memory_mb)
{
    size_t cap = 256, len = 0;
    char *text = malloc(cap);
    if (!text)
        return NULL;
    len = (size_t)snprintf(text, cap, "timeout_seconds: %.15g\nmemory_mb: %.15g\n", timeout, memory_mb);
    const void *last = NULL;
    for (size_t i = 0; i < plan->n; i++) {
        const pb_task_type *t = plan->trials[i].task;
        if (!t->digest || t == last)
            continue;
        last = t;
        size_t need = strlen(t->name) + strlen(t->digest) + 16;
        if (len + need >= cap) {
            cap = 2 * (len + need);
            char *grown = realloc(text, cap);
            if (!grown) {
                free(text);
                return NULL;
            }
            text = grown;
        }
        len += (size_t)snprintf(text + len, cap - len, "data: %s %s\n", t->name, t->digest);
    }
    return text;
}

int pb_plan_record_write(const char *dir, const pb_plan *plan, double timeout, double memory_mb, char *err,
                         size_t errlen)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/plan.txt", dir);
    char *text = record_text(plan, timeout, memory_mb);
    FILE *f = text ? pb_fs_open_temp(path) : NULL;
    if (f)
        fputs(text, f);
    free(text);
    if (!f || pb_fs_commit_temp(f, path, 0) != 0) {
        snprintf(err, errlen, "%s: cannot be written", path);
        return -1;
    }
    return 0;
}

/* A line "KEY VALUE": the value is what follows the last space. */
typedef struct entry {
    const char *key, *value;
} entry;

static int by_key(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->key, ((const entry *)b)->key);
}

/* Splits text (changed in place) into entries; *n of them. NULL on allocation failure. */
static entry *entries_of(char *text, size_t *n)
{
    size_t cap = 1;
    for (const char *c = text; *c; c++)
        cap += *c == '\n';
    entry *e = malloc(cap * sizeof *e);
    *n = 0;
    for (char *line = text, *next; e && line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *space = strrchr(line, ' ');
        if (!space)
            continue; /* not a line of ours: no key to compare */
        *space = '\0';
        e[(*n)++] = (entry){line, space + 1};
    }
    if (e)
        qsort(e, *n, sizeof *e, by_key);
    return e;
}

/* dir/plan.txt whole, NULL when there is none (*missing) or it cannot be
 * read as a regular file (err). */
static char *read_record(const char *path, int *missing, char *err, size_t errlen)
{
    FILE *f = pb_fs_open_regular(path);
    *missing = !f && errno == ENOENT;
    if (!f) {
        if (!*missing)
            snprintf(err, errlen, "%s: not a regular file (%s)", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap);
    for (size_t got; text && (got = fread(text + len, 1, cap - 1 - len, f)) > 0;) {
        len += got;
        if (len == cap - 1 && cap < RECORD_MAX_BYTES) {
            char *grown = realloc(text, 2 * cap);
            if (!grown)
                break;
            text = grown;
            cap *= 2;
        } else if (len == cap - 1) {
            break;
        }
    }
    fclose(f);
    if (!text || len == cap - 1) {
        free(text);
        snprintf(err, errlen, "%s: larger than %d MiB, or out of memory", path, RECORD_MAX_BYTES >> 20);
        return NULL;
    }
    text[len] = '\0';
    return text;
}

/* 2 when DIR/runs.csv holds a row of task NAME, 0 when not, 1 when it
 * cannot be read (err says why). */
static int table_holds_task(const char *dir, const char *name, char *err, size_t errlen)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/runs.csv", dir);
    pb_runs_table t;
    if (pb_runs_read(path, &t, NULL, err, errlen) != 0)
        return 1;
    int holds = 0;
    for (size_t i = 0; i < t.n && !holds; i++)
        holds = strcmp(t.rows[i].field[PB_COL_TASK], name) == 0;
    pb_runs_table_free(&t);
    return holds ? 2 : 0;
}

int pb_plan_record_check(const char *dir, const pb_plan *plan, double timeout, double memory_mb, char *err,
                         size_t errlen)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/plan.txt", dir);
    int missing = 0;
    char *held = read_record(path, &missing, err, errlen);
    if (!held && missing)
        held = calloc(1, 1); /* no record (a table from before plan.txt): nothing to compare but the data below */
    if (!held)
        return missing ? (snprintf(err, errlen, "out of memory"), 1) : 2;
    char *mine = record_text(plan, timeout, memory_mb);
    size_t n_held = 0, n_mine = 0;
    entry *h = mine ? entries_of(held, &n_held) : NULL, *m = h ? entries_of(mine, &n_mine) : NULL;
    int rc = 0;
    if (!m) {
        snprintf(err, errlen, "out of memory");
        rc = 1;
    }
    /* Every key both hold has one value: the same limits, the same data. A
     * task this run adds (a file more) has no line in the record yet; a
     * data task with rows in the table has one (no run writes rows of a
     * file it did not record). */
    for (size_t i = 0; !rc && i < n_mine; i++) {
        const entry *was = bsearch(&m[i], h, n_held, sizeof *h, by_key);
        if (!was && strncmp(m[i].key, "data: ", 6) == 0 && (rc = table_holds_task(dir, m[i].key + 6, err, errlen))) {
            if (rc == 2)
                snprintf(err, errlen, "%s: runs.csv holds rows of %s, but plan.txt records no fingerprint of "
                         "its file (removed or edited by hand): they may come from another version of it; --force "
                         "to replace the table", dir, m[i].key + 6);
        } else if (was && strcmp(was->value, m[i].value) != 0) {
            snprintf(err, errlen, "%s: its table was run with '%.200s %.100s', this run has '%.200s %.100s' "
                     "(other limits, or a data file that changed): resume with the same limits and data, or --force "
                     "to replace the table", dir, was->key, was->value, m[i].key, m[i].value);
            rc = 2;
        }
    }
    free(h);
    free(m);
    free(mine);
    free(held);
    return rc;
}
