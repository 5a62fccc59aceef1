/* pb_runner: runs a plan, each trial in its own worker process with a
 * wall-time and a memory limit, --jobs at a time. A crash, hang, blow-up or
 * non-finite output becomes a row (crashed, timeout, oom, diverged) and the
 * run goes on. Rows are appended to OUT/runs.csv and flushed as each trial
 * ends; at the end the table is rewritten (temporary file, then rename) in
 * plan order, so equal runs give equal tables whatever the job count. */
#ifndef PB_RUNNER_H
#define PB_RUNNER_H

#include "harness/pb_plan.h"
#include "harness/pb_runs.h"
#include "harness/pb_worker.h"

/* Runs specs[order[0..n)] and reports each through done, as
 * pb_worker_run_all does (which is the default). */
typedef int (*pb_run_executor)(const pb_trial_spec *specs, const size_t *order, size_t n, const pb_worker_limits *lim,
                               pb_worker_done done, void *ctx);

typedef struct pb_run_options {
    int jobs;            /* workers at once, >= 1 */
    double timeout;      /* seconds of wall time per trial */
    double memory_mb;    /* resident-memory (and address-space) limit per worker, MiB */
    const char *out_dir; /* an existing directory (the command line claims it: pb_outdir) */
    int resume;          /* keep runs.csv and skip the trials already in it */
    int progress;        /* progress lines with an ETA on stderr */
    pb_run_executor execute; /* NULL: this process's workers (pb_worker_run_all); MPI: pb_mpi_execute */
} pb_run_options;

/* Returns 0 when every trial has a row, 1 on a runtime failure (err says
 * what), 130 when interrupted by SIGINT or SIGTERM (rows so far are kept). */
int pb_runner_run(const pb_plan *plan, const pb_run_options *opt, char *err, size_t errlen);

/* Writes table to path (through a temporary file and a rename) in plan
 * order, rows of other trials after them as they are. Returns 0, or -1
 * with err. */
int pb_runner_write_in_plan_order(const pb_plan *plan, const pb_runs_table *table, const char *path, char *err,
                                  size_t errlen);

/* Runs one trial isolated as above and returns its result (no files). */
void pb_runner_run_isolated(const pb_trial_spec *spec, const pb_run_options *opt, pb_trial_result *res);

#endif
