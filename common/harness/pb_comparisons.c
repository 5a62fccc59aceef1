#include "harness/pb_comparisons.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_fsutil.h"
#include "stats/pb_intervals.h"
#include "stats/pb_paired_tests.h"

/* One comparison: the best against another, over the seeds both ran. */
typedef struct comparison {
    long best, other;         /* group indices */
    size_t pairs, best_only, other_only;
    size_t nrmse_pairs;
    double nrmse_diff_median; /* median of other - best over nrmse_pairs; NAN if none */
    double sign_p, sign_holm, wilcoxon_p, wilcoxon_holm;
} comparison;

static int in_group(const pb_summary_group *g, const pb_runs_row *r)
{
    return strcmp(g->task, r->field[PB_COL_TASK]) == 0 && strcmp(g->task_params, r->field[PB_COL_TASK_PARAMS]) == 0 &&
           strcmp(g->method, r->field[PB_COL_METHOD]) == 0 &&
           strcmp(g->method_params, r->field[PB_COL_METHOD_PARAMS]) == 0;
}

static double success_rate(const pb_summary_group *g)
{
    return g->success_defined ? (double)g->successes / (double)g->success_defined : -1;
}

/* Whether group a ranks above group b. */
static int better(const pb_summary_group *a, const pb_summary_group *b)
{
    double ra = success_rate(a), rb = success_rate(b);
    if (ra != rb)
        return ra > rb;
    double ma = a->metric[PB_SUM_NRMSE_OUT].median, mb = b->metric[PB_SUM_NRMSE_OUT].median;
    return !isnan(ma) && (isnan(mb) || ma < mb);
}

/* Pairs the rows of groups c->best and c->other by seed and tests them. */
static int compare(const pb_runs_table *t, const pb_summary_group *g, comparison *c, size_t *rows_of, double *diff)
{
    size_t nb = 0, no = 0;
    size_t *rb = rows_of, *ro = rows_of + t->n;
    for (size_t i = 0; i < t->n; i++) {
        if (in_group(&g[c->best], &t->rows[i]))
            rb[nb++] = i;
        else if (in_group(&g[c->other], &t->rows[i]))
            ro[no++] = i;
    }
    c->pairs = c->best_only = c->other_only = c->nrmse_pairs = 0;
    for (size_t i = 0; i < nb; i++)
        for (size_t j = 0; j < no; j++) {
            const pb_runs_row *x = &t->rows[rb[i]], *y = &t->rows[ro[j]];
            if (strcmp(x->field[PB_COL_SEED], y->field[PB_COL_SEED]) != 0)
                continue;
            c->pairs++;
            int sx = strcmp(x->field[PB_COL_SUCCESS], "1") == 0, sy = strcmp(y->field[PB_COL_SUCCESS], "1") == 0;
            c->best_only += sx && !sy;
            c->other_only += sy && !sx;
            double ex = pb_runs_number(x, PB_COL_NRMSE_OUT), ey = pb_runs_number(y, PB_COL_NRMSE_OUT);
            if (!isnan(ex) && !isnan(ey))
                diff[c->nrmse_pairs++] = ey - ex;
            break;
        }
    c->sign_p = pb_sign_test(c->best_only, c->other_only);
    c->wilcoxon_p = c->nrmse_pairs ? pb_wilcoxon_signed_rank(diff, c->nrmse_pairs) : NAN;
    if (isnan(c->wilcoxon_p) && c->nrmse_pairs)
        return -1;
    c->nrmse_diff_median = c->nrmse_pairs ? pb_statistic_of(PB_STAT_MEDIAN, diff, c->nrmse_pairs) : NAN;
    return 0;
}

/* Holm within [a, b): the sign tests as one family, the signed-rank tests
 * (where there were pairs to rank) as another. */
static int correct(comparison *c, size_t a, size_t b)
{
    double *p = malloc((b - a + 1) * sizeof *p);
    if (!p)
        return -1;
    for (size_t i = a; i < b; i++)
        p[i - a] = c[i].sign_p;
    pb_holm(p, b - a);
    for (size_t i = a; i < b; i++)
        c[i].sign_holm = p[i - a];
    size_t k = 0;
    for (size_t i = a; i < b; i++)
        if (!isnan(c[i].wilcoxon_p))
            p[k++] = c[i].wilcoxon_p;
    pb_holm(p, k);
    k = 0;
    for (size_t i = a; i < b; i++)
        c[i].wilcoxon_holm = isnan(c[i].wilcoxon_p) ? NAN : p[k++];
    free(p);
    return 0;
}

/* Every comparison of the table, configuration by configuration (in the
 * order of first appearance); *count of them. NULL when out of memory. */
static comparison *compare_all(const pb_runs_table *t, const pb_summary_group *g, long n, size_t *count)
{
    comparison *c = malloc((n ? (size_t)n : 1) * sizeof *c);
    size_t *rows_of = malloc((2 * t->n + 1) * sizeof *rows_of);
    double *diff = malloc((t->n + 1) * sizeof *diff);
    char *done = calloc(n ? (size_t)n : 1, 1);
    int bad = !c || !rows_of || !diff || !done;
    *count = 0;
    for (long a = 0; !bad && a < n; a++) {
        if (done[a])
            continue;
        long best = a;
        for (long b = a; b < n; b++)
            if (strcmp(g[b].task, g[a].task) == 0 && strcmp(g[b].task_params, g[a].task_params) == 0) {
                done[b] = 1;
                if (better(&g[b], &g[best]))
                    best = b;
            }
        size_t first = *count;
        for (long b = a; !bad && b < n; b++)
            if (b != best && strcmp(g[b].task, g[a].task) == 0 && strcmp(g[b].task_params, g[a].task_params) == 0) {
                c[*count] = (comparison){.best = best, .other = b};
                bad = compare(t, g, &c[*count], rows_of, diff) != 0;
                (*count)++;
            }
        bad = bad || correct(c, first, *count) != 0;
    }
    free(rows_of), free(diff), free(done);
    if (bad) {
        free(c);
        return NULL;
    }
    return c;
}

static void put(FILE *f, double x, const char *fmt)
{
    fputc(',', f);
    if (!isnan(x))
        fprintf(f, fmt, x);
}

static int write_csv(const pb_summary_group *g, const comparison *c, size_t m, const char *path)
{
    FILE *f = pb_fs_open_temp(path);
    if (!f)
        return -1;
    fprintf(f, "task,task_params,best,best_params,other,other_params,pairs,best_only,other_only,sign_p,sign_p_holm,"
               "nrmse_pairs,nrmse_out_median_diff,wilcoxon_p,wilcoxon_p_holm\n");
    for (size_t i = 0; i < m; i++) {
        const pb_summary_group *b = &g[c[i].best], *o = &g[c[i].other];
        fprintf(f, "%s,%s,%s,%s,%s,%s,%zu,%zu,%zu", b->task, b->task_params, b->method, b->method_params, o->method,
                o->method_params, c[i].pairs, c[i].best_only, c[i].other_only);
        put(f, c[i].sign_p, "%.4g");
        put(f, c[i].sign_holm, "%.4g");
        fprintf(f, ",%zu", c[i].nrmse_pairs);
        put(f, c[i].nrmse_diff_median, "%.6g");
        put(f, c[i].wilcoxon_p, "%.4g");
        put(f, c[i].wilcoxon_holm, "%.4g");
        fputc('\n', f);
    }
    return pb_fs_commit_temp(f, path, 0);
}

static void name_of(const pb_summary_group *g, char *buf, size_t len)
{
    snprintf(buf, len, "%s%s%s%s", g->method, g->method_params[0] ? " (" : "", g->method_params,
             g->method_params[0] ? ")" : "");
}

/* "p" with a mark when significant after Holm, or "". */
static void p_cell(FILE *f, double holm)
{
    if (isnan(holm))
        fprintf(f, " |");
    else
        fprintf(f, " %.3g%s |", holm, holm <= PB_COMPARISON_ALPHA ? " ✓" : "");
}

static int write_md(const pb_summary_group *g, const comparison *c, size_t m, const char *path)
{
    FILE *f = pb_fs_open_temp(path);
    if (!f)
        return -1;
    fprintf(f, "# periodbench comparisons\n\nPer task configuration, the best method (highest success rate, then "
               "lowest median `nrmse_out`) against each other one, paired by seed. Successes: the pairs where only "
               "one of the two succeeded, and the exact sign test (McNemar's) on them; `nrmse_out`: the median "
               "paired difference (other − best) and the Wilcoxon signed-rank test. p-values are Holm-corrected "
               "within each configuration and test; ✓ marks p ≤ %.2g. With n paired seeds no sign test can go below "
               "2^(1−n) (0.0625 at 5): an unmarked row is not decided at the seeds run. Columns: results/README.md "
               "of the periodbench repository.\n", PB_COMPARISON_ALPHA);
    for (size_t a = 0, b; a < m; a = b) {
        const pb_summary_group *best = &g[c[a].best];
        for (b = a + 1; b < m && c[b].best == c[a].best; b++)
            ;
        char name[256];
        name_of(best, name, sizeof name);
        fprintf(f, "\n### %s%s%s%s: best %s\n\n| against | pairs | only best / only it succeeded | sign test p "
                   "(Holm) | nrmse_out: median difference | signed-rank p (Holm) |\n|---|---|---|---|---|---|\n",
                best->task, best->task_params[0] ? " (" : "", best->task_params, best->task_params[0] ? ")" : "",
                name);
        for (size_t i = a; i < b; i++) {
            name_of(&g[c[i].other], name, sizeof name);
            fprintf(f, "| %s | %zu | %zu / %zu |", name, c[i].pairs, c[i].best_only, c[i].other_only);
            p_cell(f, c[i].sign_holm);
            if (isnan(c[i].nrmse_diff_median))
                fprintf(f, " |");
            else
                fprintf(f, " %.3g |", c[i].nrmse_diff_median);
            p_cell(f, c[i].wilcoxon_holm);
            fputc('\n', f);
        }
    }
    return pb_fs_commit_temp(f, path, 0);
}

int pb_comparisons_write(const pb_runs_table *t, const pb_summary_group *g, long n, const char *out_dir)
{
    size_t m;
    comparison *c = compare_all(t, g, n, &m);
    if (!c) {
        errno = ENOMEM;
        return -1;
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/comparisons.csv", out_dir);
    int rc = write_csv(g, c, m, path);
    if (rc == 0) {
        snprintf(path, sizeof path, "%s/comparisons.md", out_dir);
        rc = write_md(g, c, m, path);
    }
    free(c);
    return rc;
}
