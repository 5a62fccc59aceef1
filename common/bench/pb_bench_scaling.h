/* pb_bench_scaling: how far MPI ranks would take a plan, simulated from a
 * run's measured trial costs (runs.csv) and rank 0's measured cost per
 * trial: the makespan on 1 .. 1,024 ranks of that plan and of the same plan
 * with 200 times the seeds, beside the ideal (total work over workers), and
 * where the longest trial or rank 0 becomes the limit. Writes
 * OUT/plots/mpi_scaling.dat and OUT/mpi_scaling.md. */
#ifndef PB_BENCH_SCALING_H
#define PB_BENCH_SCALING_H

#include <stddef.h>

/* Returns 0, or -1 with err. */
int pb_bench_scaling(const char *runs_csv, double rank0_seconds, int jobs, const char *out_dir, char *err,
                     size_t errlen);

#endif
