/* pb_worker: runs trials in isolated child processes, --jobs at a time, with
 * a wall-time limit and a memory limit each; reports every result through a
 * callback as soon as its trial ends. Used by pb_runner. */
#ifndef PB_WORKER_H
#define PB_WORKER_H

#include <stddef.h>

#include "harness/pb_trial.h"

typedef struct pb_worker_limits {
    int jobs;
    double timeout;   /* seconds */
    double memory_mb; /* MiB, resident (and address space where allowed) */
} pb_worker_limits;

/* Called in the parent, in completion order; index into specs. Returns 0 to
 * go on, or -1 to stop the run (e.g. a write failed). */
typedef int (*pb_worker_done)(void *ctx, size_t index, const pb_trial_result *res);

/* Runs specs[order[0..n)] and calls done for each. Returns 0, -1 if done
 * asked to stop, or 130 if SIGINT/SIGTERM arrived (running workers are
 * killed; no row is made for them). */
int pb_worker_run_all(const pb_trial_spec *specs, const size_t *order, size_t n, const pb_worker_limits *lim,
                      pb_worker_done done, void *ctx);

/* A source of trials: the index of the next one to run, PB_WORKER_NOT_YET
 * (none now; asked again within a few milliseconds) or PB_WORKER_NO_MORE. */
#define PB_WORKER_NOT_YET (-2L)
#define PB_WORKER_NO_MORE (-1L)
typedef long (*pb_worker_next)(void *source);

/* The same with the trials from a source (e.g. handed out by MPI rank 0). */
int pb_worker_run_from(const pb_trial_spec *specs, pb_worker_next next_trial, void *source, const pb_worker_limits *lim,
                       pb_worker_done done, void *ctx);

#endif
