/* The documents say what the code has: every task and task parameter is in
 * the task catalog, every method in the method table, every column of the
 * tables a run writes in results/README.md; and no document points outside
 * the repository. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "helpers/cli_run.h"
#include "registry.h"
#include "tasks/pb_tasks.h"

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f, "%s: cannot open", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    cr_assert(s && fread(s, 1, (size_t)n, f) == (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

/* NAME appears in TEXT as `NAME` or as `NAME` followed by a space, a
 * parenthesis or another delimiter inside the backticks' text. */
static int mentions(const char *text, const char *name)
{
    char quoted[160];
    snprintf(quoted, sizeof quoted, "`%s`", name);
    if (strstr(text, quoted))
        return 1;
    snprintf(quoted, sizeof quoted, "(`%s`", name);
    return strstr(text, quoted) != NULL;
}

Test(documents, task_catalog_names_every_task_and_parameter)
{
    char *doc = read_text("common/tasks/README.md");
    for (size_t i = 0; pb_tasks_all[i]; i++) {
        const pb_task_type *t = pb_tasks_all[i];
        cr_expect(mentions(doc, t->name), "task %s is not in common/tasks/README.md", t->name);
        for (size_t k = 0; k < t->n_params; k++)
            cr_expect(mentions(doc, t->params[k].name), "parameter %s.%s is not in common/tasks/README.md", t->name,
                      t->params[k].name);
    }
    free(doc);
}

Test(documents, method_table_names_every_method)
{
    char *doc = read_text("methods/README.md");
    for (size_t i = 0; pb_methods_all[i]; i++) {
        char row[160];
        snprintf(row, sizeof row, "| `%s` |", pb_methods_all[i]->name);
        cr_expect(strstr(doc, row), "method %s has no row in methods/README.md", pb_methods_all[i]->name);
    }
    free(doc);
}

/* Each comma-separated name of the first line of PATH is in DOC, less a
 * quantile or interval suffix (the summary's _median, _median_ci_low, ...
 * _p10, _p90 are documented once
 * for all its metrics). */
static void expect_columns_documented(const char *doc, const char *path)
{
    static const char *const suffixes[] = {"_median_ci_low", "_median_ci_high", "_median", "_p10", "_p90"};
    char *csv = read_text(path);
    char *eol = strchr(csv, '\n');
    cr_assert(eol, "%s: no header", path);
    *eol = '\0';
    for (char *save = NULL, *col = strtok_r(csv, ",", &save); col; col = strtok_r(NULL, ",", &save)) {
        for (size_t s = 0; s < sizeof suffixes / sizeof suffixes[0]; s++) {
            size_t len = strlen(col), sl = strlen(suffixes[s]);
            if (len > sl && strcmp(col + len - sl, suffixes[s]) == 0) {
                col[len - sl] = '\0';
                break;
            }
        }
        cr_expect(mentions(doc, col), "%s: column %s is not in results/README.md", path, col);
    }
    free(csv);
}

Test(documents, results_readme_names_every_column, .timeout = 60)
{
    char dir[] = "/tmp/pb_docs_XXXXXX", args[512], err[2048];
    cr_assert(mkdtemp(dir));
    snprintf(args, sizeof args, "run --tasks tone --methods ls-direct --seeds 1 --quiet --out %s", dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    char *doc = read_text("results/README.md");
    char path[600];
    snprintf(path, sizeof path, "%s/runs.csv", dir);
    expect_columns_documented(doc, path);
    snprintf(path, sizeof path, "%s/summary.csv", dir);
    expect_columns_documented(doc, path);
    snprintf(path, sizeof path, "%s/comparisons.csv", dir);
    expect_columns_documented(doc, path);
    free(doc);
    snprintf(args, sizeof args, "rm -rf '%s'", dir);
    cr_assert_eq(system(args), 0);
}

Test(documents, none_points_outside_the_repository)
{
    /* A clone has only the repository: every document a user needs is in it. */
    int rc = system("grep -rlI '\\.\\./shared' README.md common methods tests results >/dev/null 2>&1");
    cr_assert_neq(WEXITSTATUS(rc), 0, "a file under README.md, common, methods, tests or results names the shared folder beside it (grep for it)");
}
