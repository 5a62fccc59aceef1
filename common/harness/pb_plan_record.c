#include "harness/pb_plan_record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_fsutil.h"

/* The record's text (free it): the limits, then "data: NAME DIGEST" per
 * data task in plan order, each once. */
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
        if (!t->digest || t == last || (text[0] && strstr(text, t->name) && strstr(text, t->digest)))
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

/* The first line of a that b does not hold, into out. */
static void first_missing_line(const char *a, const char *b, char *out, size_t len)
{
    out[0] = '\0';
    for (const char *line = a; *line;) {
        size_t n = strcspn(line, "\n");
        int held = 0;
        for (const char *p = b; *p && !held;) {
            size_t m = strcspn(p, "\n");
            held = m == n && strncmp(p, line, n) == 0;
            p += m + (p[m] == '\n');
        }
        if (!held) {
            snprintf(out, len, "%.*s", (int)(n < 200 ? n : 200), line);
            return;
        }
        line += n + (line[n] == '\n');
    }
}

int pb_plan_record_check(const char *dir, const pb_plan *plan, double timeout, double memory_mb, char *err,
                         size_t errlen)
{
    char path[4200], held[65536];
    snprintf(path, sizeof path, "%s/plan.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t got = fread(held, 1, sizeof held - 1, f);
    fclose(f);
    held[got] = '\0';
    char *mine = record_text(plan, timeout, memory_mb);
    if (!mine) {
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    int rc = 0;
    /* The table may hold rows of data tasks this run does not name (a
     * narrower resume is refused elsewhere); what this run names must match. */
    char was[256], now[256];
    first_missing_line(mine, held, now, sizeof now);
    if (now[0]) {
        first_missing_line(held, mine, was, sizeof was);
        snprintf(err, errlen, "--resume %s: its table was run with '%s', this run has '%s' (other limits, or a data "
                 "file that changed): resume with the same limits and data, or --force to replace the table", dir,
                 was[0] ? was : "(nothing)", now);
        rc = 2;
    }
    free(mine);
    return rc;
}
