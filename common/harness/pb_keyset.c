#include "harness/pb_keyset.h"

#include <stdlib.h>
#include <string.h>

static int cmp_str_ptr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Fills s with n keys made by key(i), then sorts them. */
static int build(pb_keyset *s, size_t n, void (*key)(const void *src, size_t i, char *buf, size_t len),
                 const void *src)
{
    s->n = 0;
    s->keys = calloc(n ? n : 1, sizeof *s->keys);
    if (!s->keys)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char k[PB_KEY_MAX];
        key(src, i, k, sizeof k);
        if (!(s->keys[i] = strdup(k))) {
            pb_keyset_free(s);
            return -1;
        }
        s->n++;
    }
    qsort(s->keys, s->n, sizeof *s->keys, cmp_str_ptr);
    return 0;
}

static void row_key(const void *src, size_t i, char *buf, size_t len)
{
    pb_runs_row_key(&((const pb_runs_table *)src)->rows[i], buf, len);
}

static void trial_key(const void *src, size_t i, char *buf, size_t len)
{
    pb_runs_spec_key(&((const pb_plan *)src)->trials[i], buf, len);
}

int pb_keyset_of_table(pb_keyset *s, const pb_runs_table *t)
{
    return build(s, t->n, row_key, t);
}

int pb_keyset_of_plan(pb_keyset *s, const pb_plan *plan)
{
    return build(s, plan->n, trial_key, plan);
}

int pb_keyset_has(const pb_keyset *s, const char *key)
{
    return s->n && bsearch(&key, s->keys, s->n, sizeof *s->keys, cmp_str_ptr) != NULL;
}

const char *pb_keyset_first_duplicate(const pb_keyset *s)
{
    for (size_t i = 1; i < s->n; i++)
        if (strcmp(s->keys[i], s->keys[i - 1]) == 0)
            return s->keys[i];
    return NULL;
}

void pb_keyset_free(pb_keyset *s)
{
    for (size_t i = 0; s->keys && i < s->n; i++)
        free(s->keys[i]);
    free(s->keys);
    s->keys = NULL;
    s->n = 0;
}
