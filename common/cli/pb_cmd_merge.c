/* periodbench merge OUT DIR...: the shards of one plan (run --shard I/K)
 * joined into the tables and plots one run of the plan would have written.
 * Refused, naming the directory: a shard of another plan, a shard twice, a
 * shard missing, a shard whose table is incomplete or holds another's row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/pb_cli.h"
#include "cli/pb_cli_methods.h"
#include "cli/pb_commands.h"
#include "cli/pb_run_args.h"
#include "cli/pb_run_output.h"
#include "harness/pb_keyset.h"
#include "harness/pb_outdir.h"
#include "harness/pb_plan_record.h"
#include "harness/pb_plan_rows.h"
#include "harness/pb_runner.h"
#include "harness/pb_shard.h"

#define MERGE_MAX_SHARDS 100000

static const char merge_usage[] =
    "usage: periodbench merge OUT DIR... [--program PATH]... [--force] [--quiet]\n"
    "\n"
    "Joins the K directories written by 'periodbench run --shard I/K' (I = 0 .. K-1, one plan)\n"
    "into OUT: runs.csv in plan order, the summaries, environment.txt and the plots, as one run\n"
    "of the plan would have written them. OUT is refused if it holds tables, unless --force.\n"
    "Every shard is checked before any program starts. merge runs no program that a shard\n"
    "names: an external method the shards ran by its path is asked to describe itself (to\n"
    "rebuild the plan) only if you name it with --program PATH; methods on the search path\n"
    "are found by name as usual.\n";

static int same_options(const pb_shard_record *a, const pb_shard_record *b)
{
    if (a->argc != b->argc)
        return 0;
    for (int i = 0; i < a->argc; i++)
        if (strcmp(a->argv[i], b->argv[i]) != 0)
            return 0;
    return 1;
}

/* The shard records of dirs: one plan, each index of 0..K-1 once. */
static int check_shards(char **dirs, int n, pb_shard_record *recs)
{
    char err[4400];
    for (int i = 0; i < n; i++) {
        if (pb_shard_read(dirs[i], &recs[i], err, sizeof err) != 0)
            return pb_cli_error(PB_EXIT_USAGE, "merge: %s", err);
        /* Only what run records: option, value pairs of the plan's options (no --help, no --out, ...). */
        for (int a = 0; a < recs[i].argc; a += 2)
            if (!pb_run_args_records_plan(recs[i].argv[a]) || a + 1 >= recs[i].argc)
                return pb_cli_error(PB_EXIT_USAGE, "merge: %s/shard.txt: '%s' is not an option a shard records with "
                                    "its value (--tasks, --methods, --seeds, --set, --timeout, --memory)", dirs[i],
                                    recs[i].argv[a]);
    }
    long k = recs[0].count;
    if (k > MERGE_MAX_SHARDS) /* before allocating for them */
        return pb_cli_error(PB_EXIT_USAGE, "merge: %s is shard %ld/%ld: merge takes at most %d shards", dirs[0],
                            recs[0].index, k, MERGE_MAX_SHARDS);
    char *seen = calloc((size_t)k, sizeof *seen);
    if (!seen)
        return pb_cli_error(PB_EXIT_FAILURE, "out of memory");
    int rc = 0;
    for (int i = 0; i < n && !rc; i++) {
        if (recs[i].count != k || recs[i].plan_hash != recs[0].plan_hash || !same_options(&recs[i], &recs[0]))
            rc = pb_cli_error(PB_EXIT_USAGE, "merge: %s is a shard of another plan than %s", dirs[i], dirs[0]);
        else if (seen[recs[i].index]++)
            rc = pb_cli_error(PB_EXIT_USAGE, "merge: %s is shard %ld/%ld, given twice", dirs[i], recs[i].index, k);
    }
    for (long s = 0; s < k && !rc; s++)
        if (!seen[s])
            rc = pb_cli_error(PB_EXIT_USAGE, "merge: shard %ld/%ld is missing (run it with --shard %ld/%ld)", s, k, s,
                              k);
    free(seen);
    return rc;
}

/* The number of trials of shard index of count in a plan of n: those whose
 * plan index i has i mod count = index. */
static size_t shard_size(size_t n, long index, long count)
{
    return n > (size_t)index ? (n - (size_t)index - 1) / (size_t)count + 1 : 0;
}

/* dir's table, checked as far as it can be without the plan: readable, no
 * trial twice, as many rows as its shard has trials. */
static int read_shard_table(const char *dir, const pb_shard_record *rec, pb_runs_table *t)
{
    char path[4200], err[1024] = "";
    snprintf(path, sizeof path, "%s/runs.csv", dir);
    if (pb_runs_read(path, t, NULL, err, sizeof err) != 0)
        return pb_cli_error(PB_EXIT_USAGE, "merge: %s", err);
    pb_keyset got = {0};
    int rc = pb_keyset_of_table(&got, t) ? pb_cli_error(PB_EXIT_FAILURE, "out of memory") : 0;
    if (!rc && pb_keyset_first_duplicate(&got))
        rc = pb_cli_error(PB_EXIT_USAGE, "merge: %s holds a trial twice", path);
    size_t want = shard_size(rec->plan_trials, rec->index, rec->count);
    if (!rc && t->n < want)
        rc = pb_cli_error(PB_EXIT_USAGE, "merge: %s is incomplete: %zu of its %zu trials (complete it with run "
                          "--shard %ld/%ld --resume)", path, t->n, want, rec->index, rec->count);
    else if (!rc && t->n > want)
        rc = pb_cli_error(PB_EXIT_USAGE, "merge: %s holds %zu rows, more than its shard's %zu trials (rows added "
                          "by hand or from another plan)", path, t->n, want);
    pb_keyset_free(&got);
    return rc;
}

/* t's rows into all: every one a trial of its shard. */
static int gather(const char *dir, const pb_shard_record *rec, const pb_plan *plan, pb_runs_table *t,
                  pb_runs_table *all)
{
    pb_plan mine;
    pb_plan_init(&mine);
    pb_keyset expected = {0};
    int rc = 0;
    if (pb_shard_select(plan, rec->index, rec->count, &mine) || pb_keyset_of_plan(&expected, &mine))
        rc = pb_cli_error(PB_EXIT_FAILURE, "out of memory");
    char err[2048], path[4200];
    snprintf(path, sizeof path, "%s/runs.csv", dir);
    if (!rc && (rc = pb_plan_rows_check(&mine, t, path, err, sizeof err)) != 0)
        rc = pb_cli_error(rc == 2 ? PB_EXIT_USAGE : PB_EXIT_FAILURE, "merge: %s", err);
    for (size_t i = 0; i < t->n && !rc; i++) {
        char k[PB_KEY_MAX];
        pb_runs_row_key(&t->rows[i], k, sizeof k);
        if (!pb_keyset_has(&expected, k))
            rc = pb_cli_error(PB_EXIT_USAGE, "merge: %s/runs.csv holds a row that is not a trial of shard %ld/%ld "
                              "(task %s, method %s, seed %s)", dir, rec->index, rec->count,
                              t->rows[i].field[PB_COL_TASK], t->rows[i].field[PB_COL_METHOD],
                              t->rows[i].field[PB_COL_SEED]);
    }
    for (size_t i = 0; i < t->n && !rc; i++) {
        pb_runs_row copy = t->rows[i];
        memset(&t->rows[i], 0, sizeof t->rows[i]); /* moved into all */
        if (pb_runs_table_push(all, &copy) != 0)
            rc = pb_cli_error(PB_EXIT_FAILURE, "out of memory");
    }
    pb_keyset_free(&expected);
    pb_plan_free(&mine);
    return rc;
}

int pb_cmd_merge(int argc, char **argv)
{
    char **dirs = calloc((size_t)argc, sizeof *dirs), **programs = calloc((size_t)argc, sizeof *programs);
    const char *out = NULL;
    int n = 0, n_programs = 0, force = 0, quiet = 0;
    if (!dirs || !programs)
        return pb_cli_error(PB_EXIT_FAILURE, "out of memory");
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(merge_usage, stdout);
            free(dirs);
            free(programs);
            return PB_EXIT_OK;
        } else if (strcmp(argv[i], "--force") == 0) {
            force = 1;
        } else if (strcmp(argv[i], "--quiet") == 0) {
            quiet = 1;
        } else if (strcmp(argv[i], "--program") == 0 && i + 1 < argc) {
            programs[n_programs++] = argv[++i];
        } else if (argv[i][0] == '-') {
            free(dirs);
            free(programs);
            return pb_cli_error(PB_EXIT_USAGE, "merge: unknown option '%s' (see --help)", argv[i]);
        } else if (!out) {
            out = argv[i];
        } else {
            dirs[n++] = argv[i];
        }
    }
    if (!out || n == 0 || n > MERGE_MAX_SHARDS) {
        free(dirs);
        free(programs);
        return pb_cli_error(PB_EXIT_USAGE, "merge: expected OUT and the shards' directories (see --help)");
    }
    pb_shard_record *recs = calloc((size_t)n, sizeof *recs);
    pb_runs_table *tables = calloc((size_t)n, sizeof *tables);
    pb_run_args a = {0};
    pb_plan plan;
    pb_plan_init(&plan);
    pb_runs_table all = {0};
    pb_outdir claim = {-1, ""};
    char err[1024] = "", path[4200], command_line[2048];
    int rc = recs && tables ? check_shards(dirs, n, recs) : pb_cli_error(PB_EXIT_FAILURE, "out of memory");
    for (int i = 0; i < n && !rc; i++)
        rc = read_shard_table(dirs[i], &recs[i], &tables[i]);
    /* Every shard is checked; only now may a program the user named describe itself. */
    if (!rc)
        rc = pb_cli_methods_only_these_programs(programs, n_programs);
    if (!rc) { /* the plan again, from the options the shards were run with */
        char **run_argv = calloc((size_t)recs[0].argc + 2, sizeof *run_argv);
        run_argv[0] = "run";
        memcpy(run_argv + 1, recs[0].argv, (size_t)recs[0].argc * sizeof *run_argv);
        pb_plan_free(&plan);
        char context[4400];
        snprintf(context, sizeof context, "merge: the options recorded in %.4000s/shard.txt: ", dirs[0]);
        pb_cli_error_context(context);
        rc = pb_run_args_parse(recs[0].argc + 1, run_argv, &a, &plan);
        pb_cli_error_context(NULL);
        free(run_argv);
        if (rc < 0) /* help asked for: not a plan */
            rc = pb_cli_error(PB_EXIT_USAGE, "merge: the shards' options make no plan");
        if (!rc && (plan.n != recs[0].plan_trials || pb_shard_plan_hash(&plan) != recs[0].plan_hash))
            rc = pb_cli_error(PB_EXIT_USAGE, "merge: the shards' options make another plan with this periodbench "
                              "(%zu trials, not %zu), or a data file they read has changed: merge with the version and the "
                              "data that ran them", plan.n,
                              recs[0].plan_trials);
    }
    /* Each shard's record of its limits and data files (plan.txt) is this
     * plan's: a shard.txt edited to another plan's hash does not join rows
     * of another version of a file. */
    for (int i = 0; i < n && !rc; i++)
        if ((rc = pb_plan_record_check(dirs[i], &plan, a.opt.timeout, a.opt.memory_mb, err, sizeof err)) != 0)
            rc = pb_cli_error(rc == 2 ? PB_EXIT_USAGE : PB_EXIT_FAILURE, "merge: shard %s", err);
    for (int i = 0; i < n && !rc; i++)
        rc = gather(dirs[i], &recs[i], &plan, &tables[i], &all);
    if (!rc && (rc = pb_outdir_claim(&claim, out, force ? PB_OUTDIR_FORCE : PB_OUTDIR_NEW, &plan, err, sizeof err)))
        rc = pb_cli_error(rc == 2 ? PB_EXIT_USAGE : PB_EXIT_FAILURE, "merge: %s", err);
    if (!rc && pb_plan_record_write(out, &plan, a.opt.timeout, a.opt.memory_mb, err, sizeof err) != 0)
        rc = pb_cli_error(PB_EXIT_FAILURE, "merge: %s", err);
    if (!rc) {
        snprintf(path, sizeof path, "%s/runs.csv", out);
        if (pb_runner_write_in_plan_order(&plan, &all, path, err, sizeof err) != 0)
            rc = pb_cli_error(PB_EXIT_FAILURE, "merge: %s", err);
    }
    if (!rc) {
        pb_run_command_line(argc, argv, command_line, sizeof command_line);
        a.opt.out_dir = out;
        a.opt.progress = !quiet;
        rc = pb_run_write_outputs(&a.opt, command_line);
    }
    pb_outdir_release(&claim);
    pb_runs_table_free(&all);
    pb_plan_free(&plan);
    pb_run_args_free(&a);
    for (int i = 0; recs && i < n; i++)
        pb_shard_record_free(&recs[i]);
    for (int i = 0; tables && i < n; i++)
        pb_runs_table_free(&tables[i]);
    free(tables);
    free(recs);
    free(dirs);
    free(programs);
    return rc;
}
