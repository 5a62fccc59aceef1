/* The summary's intervals and the comparisons, checked by hand on a run:
 * every rate's interval is Wilson's (computed here from the textbook
 * formula), the bootstrap intervals are the same on a rerun with other
 * --jobs, and every comparison's discordant pairs and sign-test p are
 * recounted from runs.csv. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers/cli_run.h"
#include "helpers/scratch.h"

#define MAX_ROWS 64
#define MAX_COLS 64

typedef struct {
    int n_rows, n_cols;
    char *head[MAX_COLS];
    char *cell[MAX_ROWS][MAX_COLS];
    char *text;
} csv;

/* A plain CSV (no quoted fields) read whole. */
static void csv_read(const char *path, csv *t)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "%s", path);
    t->text = calloc(1 << 20, 1);
    cr_assert(fread(t->text, 1, (1 << 20) - 1, f) > 0);
    fclose(f);
    t->n_rows = -1;
    char *line, *rest = t->text;
    while ((line = strsep(&rest, "\n")) && *line) {
        cr_assert_lt(t->n_rows, MAX_ROWS);
        char **into = t->n_rows < 0 ? t->head : t->cell[t->n_rows];
        int c = 0;
        for (char *field; (field = strsep(&line, ",")) != NULL; c++)
            into[c] = field;
        if (t->n_rows < 0)
            t->n_cols = c;
        else
            cr_assert_eq(c, t->n_cols, "%s: row %d", path, t->n_rows + 1);
        t->n_rows++;
    }
}

static const char *get(const csv *t, int row, const char *name)
{
    for (int c = 0; c < t->n_cols; c++)
        if (strcmp(t->head[c], name) == 0)
            return t->cell[row][c];
    cr_assert_fail("no column %s", name);
    return NULL;
}

static double num(const csv *t, int row, const char *name)
{
    const char *s = get(t, row, name);
    return *s ? strtod(s, NULL) : NAN;
}

static void run_into(const char *dir, const char *sub, int jobs)
{
    char args[1024], err[4096];
    snprintf(args, sizeof args, "run --tasks tone,cycles --set tone.snr_db=0 --methods lomb-scargle,mean,nlls,periodogram "
             "--seeds 7 --jobs %d --quiet --out %s/%s", jobs, dir, sub);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
}

Test(verdict_tables, rates_have_wilson_intervals_and_reruns_the_same_bootstrap, .timeout = 300)
{
    char dir[] = "/tmp/pb-verdict-XXXXXX", path[800];
    pb_test_make_dir(dir);
    run_into(dir, "a", 1);
    run_into(dir, "b", 2);
    csv a, b;
    snprintf(path, sizeof path, "%s/a/summary.csv", dir);
    csv_read(path, &a);
    snprintf(path, sizeof path, "%s/b/summary.csv", dir);
    csv_read(path, &b);
    cr_assert_eq(a.n_rows, 8);
    cr_assert_eq(a.n_rows, b.n_rows);
    const double z = 1.959963984540054;
    for (int r = 0; r < a.n_rows; r++) {
        static const char *const rates[2][3] = {{"success_rate", "success_ci_low", "success_ci_high"},
                                                {"found_rate", "found_ci_low", "found_ci_high"}};
        for (int k = 0; k < 2; k++) {
            double p = num(&a, r, rates[k][0]), n = num(&a, r, "trials");
            if (isnan(p))
                continue;
            double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
            double half = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
            cr_assert(fabs(num(&a, r, rates[k][1]) - (centre - half)) < 1e-5, "row %d %s", r, rates[k][1]);
            cr_assert(fabs(num(&a, r, rates[k][2]) - (centre + half)) < 1e-5, "row %d %s", r, rates[k][2]);
        }
        /* Outside the timing columns, the rerun's row is the same to the byte. */
        for (int c = 0; c < a.n_cols; c++)
            if (strncmp(a.head[c], "fit_seconds", 11) != 0)
                cr_assert_str_eq(a.cell[r][c], b.cell[r][c], "row %d column %s", r, a.head[c]);
        double m = num(&a, r, "nrmse_out_median"), lo = num(&a, r, "nrmse_out_median_ci_low"),
               hi = num(&a, r, "nrmse_out_median_ci_high");
        cr_assert(lo <= m * (1 + 1e-6) && m <= hi * (1 + 1e-6), "row %d: %g not in [%g, %g]", r, m, lo, hi);
    }
    snprintf(path, sizeof path, "diff %s/a/comparisons.csv %s/b/comparisons.csv", dir, dir);
    pb_test_sh(path);
    free(a.text), free(b.text);
    pb_test_remove_tree(dir);
}

static double two_sided_sign(int b, int c)
{
    int n = b + c, k = b < c ? b : c;
    double tail = 0;
    for (int i = 0; i <= k; i++) {
        double binom = 1;
        for (int j = 0; j < i; j++)
            binom = binom * (n - j) / (j + 1);
        tail += binom * pow(0.5, n);
    }
    return n ? fmin(1, 2 * tail) : 1;
}

Test(verdict_tables, comparisons_recount_from_the_runs, .timeout = 300)
{
    char dir[] = "/tmp/pb-verdict-XXXXXX", path[800];
    pb_test_make_dir(dir);
    run_into(dir, "a", 2);
    csv cmp;
    snprintf(path, sizeof path, "%s/a/comparisons.csv", dir);
    csv_read(path, &cmp);
    cr_assert_eq(cmp.n_rows, 6, "two configurations, three comparisons each");
    snprintf(path, sizeof path, "%s/a/runs.csv", dir);
    FILE *f = fopen(path, "r"); /* runs.csv quotes messages: keep the first 8 columns of each line */
    cr_assert_not_null(f);
    char line[4096], method[MAX_ROWS][64];
    int seed[MAX_ROWS], success[MAX_ROWS], n = 0;
    cr_assert_not_null(fgets(line, sizeof line, f));
    while (fgets(line, sizeof line, f)) {
        char *p = line, *field[8];
        for (int c = 0; c < 8; c++)
            field[c] = strsep(&p, ",");
        cr_assert_lt(n, MAX_ROWS);
        snprintf(method[n], sizeof method[n], "%s|%s", field[0], field[2]);
        seed[n] = atoi(field[4]);
        success[n] = strcmp(field[6], "1") == 0;
        n++;
    }
    fclose(f);
    for (int r = 0; r < cmp.n_rows; r++) {
        char best[64], other[64];
        snprintf(best, sizeof best, "%s|%s", get(&cmp, r, "task"), get(&cmp, r, "best"));
        snprintf(other, sizeof other, "%s|%s", get(&cmp, r, "task"), get(&cmp, r, "other"));
        int only_best = 0, only_other = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (strcmp(method[i], best) == 0 && strcmp(method[j], other) == 0 && seed[i] == seed[j]) {
                    only_best += success[i] && !success[j];
                    only_other += success[j] && !success[i];
                }
        cr_assert_eq((int)num(&cmp, r, "best_only"), only_best, "row %d", r);
        cr_assert_eq((int)num(&cmp, r, "other_only"), only_other, "row %d", r);
        double p = two_sided_sign(only_best, only_other);
        cr_assert(fabs(num(&cmp, r, "sign_p") - p) < 1e-3 * p, "row %d: %g against %g", r, num(&cmp, r, "sign_p"), p);
        cr_assert(num(&cmp, r, "sign_p_holm") >= num(&cmp, r, "sign_p") - 1e-12, "row %d", r);
    }
    free(cmp.text);
    /* The verdict: one row per task family, a recommended method with its interval. */
    snprintf(path, sizeof path, "grep -q '^| tone | `[a-z-]*` | [0-9]*/7 ([0-9]*–[0-9]* %%) |' %s/a/verdict.md && "
             "grep -q '^| cycles | `' %s/a/verdict.md", dir, dir);
    pb_test_sh(path);
    pb_test_remove_tree(dir);
}
