/* pb_mpi: a run across machines with Open MPI (make MPI=1; mpirun -n K
 * periodbench run ...). Every rank parses the same options into the same
 * plan. Rank 0 claims the output directory and writes the table exactly as
 * a single process does, but instead of running trials it hands them out,
 * one per request, to the other ranks, which run them through their own
 * fork-per-trial workers (--jobs each) and send each result back as it
 * ends. Rows are flushed per trial, then rewritten in plan order, so the
 * table is a single run's outside the timing columns, and --resume works
 * across the two modes. A build without MPI=1 has one rank. */
#ifndef PB_MPI_H
#define PB_MPI_H

#include <stddef.h>

#include "harness/pb_plan.h"
#include "harness/pb_worker.h"

/* MPI_Init when built with MPI (the ranks then known); no-op otherwise. */
void pb_mpi_init(int *argc, char ***argv);
void pb_mpi_finalize(void);
int pb_mpi_rank(void);
int pb_mpi_size(void);

/* Rank 0's executor (a pb_run_executor): trials order[0..n) handed out to
 * ranks 1 .. size-1 as they ask, results reported through done. */
int pb_mpi_execute(const pb_trial_spec *specs, const size_t *order, size_t n, const pb_worker_limits *lim,
                   pb_worker_done done, void *ctx);

/* What rank 0 has spent so far handing out trials and writing their rows
 * (not waiting for messages), and for how many trials. */
void pb_mpi_rank0_load(double *busy_seconds, size_t *trials);

/* A rank other than 0: asks rank 0 for trials of plan (the same plan as
 * rank 0's), runs them with lim, sends their results; returns when rank 0
 * has no more. Returns 0, or -1 if a worker could not be started. */
int pb_mpi_serve(const pb_plan *plan, const pb_worker_limits *lim);

#endif
