#include "harness/pb_label_matrix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pb_label_task(const pb_summary_group *g, char *buf, size_t len)
{
    snprintf(buf, len, "%s%s%s%s", g->task, g->task_params[0] ? "(" : "", g->task_params,
             g->task_params[0] ? ")" : "");
}

void pb_label_method(const pb_summary_group *g, char *buf, size_t len)
{
    snprintf(buf, len, "%s%s%s%s", g->method, g->method_params[0] ? "(" : "", g->method_params,
             g->method_params[0] ? ")" : "");
}

/* Distinct labels in order of first appearance. Returns the count. */
static size_t distinct_labels(const pb_summary_group *g, long n, void (*label)(const pb_summary_group *, char *, size_t),
                              char (*out)[160])
{
    size_t m = 0;
    for (long i = 0; i < n; i++) {
        char l[160];
        label(&g[i], l, sizeof l);
        size_t j = 0;
        while (j < m && strcmp(out[j], l) != 0)
            j++;
        if (j == m)
            snprintf(out[m++], 160, "%s", l);
    }
    return m;
}

void pb_label_matrix_free(pb_label_matrix *m)
{
    free(m->tasks);
    free(m->methods);
    free(m->cell);
}

int pb_label_matrix_build(pb_label_matrix *m, const pb_summary_group *g, long n)
{
    m->tasks = calloc((size_t)n + 1, 160);
    m->methods = calloc((size_t)n + 1, 160);
    m->cell = NULL;
    if (!m->tasks || !m->methods)
        return -1;
    m->nt = distinct_labels(g, n, pb_label_task, m->tasks);
    m->nm = distinct_labels(g, n, pb_label_method, m->methods);
    m->cell = malloc((m->nt * m->nm + 1) * sizeof *m->cell);
    if (!m->cell)
        return -1;
    for (size_t i = 0; i < m->nt * m->nm; i++)
        m->cell[i] = -1;
    for (long k = 0; k < n; k++) {
        char tl[160], ml[160];
        pb_label_task(&g[k], tl, sizeof tl);
        pb_label_method(&g[k], ml, sizeof ml);
        size_t i = 0, j = 0;
        while (strcmp(m->tasks[i], tl) != 0)
            i++;
        while (strcmp(m->methods[j], ml) != 0)
            j++;
        m->cell[i * m->nm + j] = k;
    }
    return 0;
}

