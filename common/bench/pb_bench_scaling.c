#include "bench/pb_bench_scaling.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/pb_fsutil.h"
#include "harness/pb_runs.h"

#define SWEEP_COPIES 200 /* 1,000 seeds from the comparison's 5 */
#define MAX_RANKS 1024

/* The makespan of costs[0..n) taken in order by the first free of slots
 * workers, rank 0 handling one trial at a time (overhead seconds each,
 * before the trial starts). */
static double makespan(const double *costs, size_t n, size_t copies, size_t slots, double overhead)
{
    double *free_at = calloc(slots, sizeof *free_at); /* a binary min-heap of slot free times */
    double rank0 = 0, end_max = 0;
    if (!free_at)
        return NAN;
    for (size_t c = 0; c < copies; c++)
        for (size_t i = 0; i < n; i++) {
            double start = fmax(free_at[0], rank0);
            rank0 = start + overhead;
            double end = start + overhead + costs[i];
            end_max = fmax(end_max, end);
            /* replace the heap's top by end and sift it down */
            size_t k = 0;
            for (;;) {
                size_t l = 2 * k + 1, r = l + 1, m = k;
                double mv = end;
                if (l < slots && free_at[l] < mv)
                    m = l, mv = free_at[l];
                if (r < slots && free_at[r] < mv)
                    m = r;
                if (m == k)
                    break;
                free_at[k] = free_at[m];
                k = m;
            }
            free_at[k] = end;
        }
    free(free_at);
    return end_max;
}

/* Seconds per trial from runs.csv: fit and predict (what a row records). */
static double *trial_costs(const char *runs_csv, size_t *n, char *err, size_t errlen)
{
    pb_runs_table t;
    if (access(runs_csv, R_OK) != 0) { /* pb_runs_read takes a missing table for an empty one */
        snprintf(err, errlen, "%s: %s", runs_csv, strerror(errno));
        return NULL;
    }
    if (pb_runs_read(runs_csv, &t, NULL, err, errlen) != 0)
        return NULL;
    if (t.n == 0) {
        snprintf(err, errlen, "%s holds no trial: no costs to simulate from", runs_csv);
        pb_runs_table_free(&t);
        return NULL;
    }
    double *c = malloc((t.n ? t.n : 1) * sizeof *c);
    for (size_t i = 0; c && i < t.n; i++) {
        double f = pb_runs_number(&t.rows[i], PB_COL_FIT_SECONDS), p = pb_runs_number(&t.rows[i], PB_COL_PREDICT_SECONDS);
        c[i] = (isfinite(f) ? f : 0) + (isfinite(p) ? p : 0);
    }
    *n = t.n;
    pb_runs_table_free(&t);
    if (!c)
        snprintf(err, errlen, "out of memory");
    return c;
}

int pb_bench_scaling(const char *runs_csv, double rank0_seconds, int jobs, const char *out_dir, char *err,
                     size_t errlen)
{
    size_t n;
    double *costs = trial_costs(runs_csv, &n, err, errlen);
    if (!costs)
        return -1;
    double total = 0, longest = 0;
    for (size_t i = 0; i < n; i++) {
        total += costs[i];
        longest = fmax(longest, costs[i]);
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/plots", out_dir);
    if (pb_fs_make_plain_dir(path) != 0) {
        snprintf(err, errlen, "%s: %s", path,
                 errno == ELOOP ? "a symbolic link: refusing to write figures through it" : strerror(errno));
        free(costs);
        return -1;
    }
    snprintf(path, sizeof path, "%s/plots/mpi_scaling.dat", out_dir);
    FILE *dat = pb_fs_open_temp(path);
    char md_path[4200];
    snprintf(md_path, sizeof md_path, "%s/mpi_scaling.md", out_dir);
    FILE *md = pb_fs_open_temp(md_path);
    if (!dat || !md) {
        snprintf(err, errlen, "%s: cannot write", out_dir);
        free(costs);
        return -1;
    }
    fprintf(dat, "# ranks\tcompare_makespan\tcompare_ideal\tsweep_makespan\tsweep_ideal\tlongest_trial\n");
    fprintf(md, "### The makespan on 1 ... %d MPI ranks, simulated\n\n"
                "From `%s` (%zu trials, %.4g s of fit and predict in all, the longest %.4g s) and rank 0's measured "
                "cost of %.3g us per trial (`make mpi-scaling`); %d workers on every rank but rank 0 (one rank: %d "
                "workers in one process), each trial handed to the first free worker in plan order. The 1,000-seed "
                "sweep is the same plan with 200 times the seeds. Data preparation is not in the rows' costs, so "
                "these are lower bounds.\n\n"
                "| ranks | make compare: makespan | ideal | 1,000 seeds: makespan | ideal |\n|---|---|---|---|---|\n",
            MAX_RANKS, runs_csv, n, total, longest, rank0_seconds * 1e6, jobs, jobs);
    long longest_limit = 0, rank0_limit = 0;
    for (long ranks = 1; ranks <= MAX_RANKS; ranks *= 2) {
        size_t slots = (size_t)(ranks == 1 ? jobs : (ranks - 1) * jobs);
        double over = ranks == 1 ? 0 : rank0_seconds;
        double m1 = makespan(costs, n, 1, slots, over), m2 = makespan(costs, n, SWEEP_COPIES, slots, over);
        double i1 = total / (double)slots, i2 = total * SWEEP_COPIES / (double)slots;
        fprintf(dat, "%ld\t%.6g\t%.6g\t%.6g\t%.6g\t%.6g\n", ranks, m1, i1, m2, i2, longest);
        fprintf(md, "| %ld | %.4g s | %.4g s | %.4g s | %.4g s |\n", ranks, m1, i1, m2, i2);
        if (!longest_limit && longest >= i1)
            longest_limit = ranks;
        if (!rank0_limit && (double)n * SWEEP_COPIES * rank0_seconds >= i2)
            rank0_limit = ranks;
    }
    char conclusion[1024];
    snprintf(conclusion, sizeof conclusion,
             "`make compare` (simulated from its measured costs): from %ld ranks on, its longest single trial "
             "(%.4g s) is longer than the ideal share of work and sets the makespan. A 1,000-seed sweep of the same "
             "plan: rank 0's measured %.3g us per trial (%.3g s for its %zu trials) %s.%s",
             longest_limit ? longest_limit : MAX_RANKS * 2, longest, rank0_seconds * 1e6,
             (double)n * SWEEP_COPIES * rank0_seconds, n * SWEEP_COPIES,
             rank0_limit ? "becomes the limit" : "stays below the ideal share of work up to 1,024 ranks",
             rank0_limit ? " (from the rank count in the table where it exceeds the ideal share)" : "");
    fprintf(md, "\n%s\n", conclusion);
    char sum_path[4200];
    snprintf(sum_path, sizeof sum_path, "%s/mpi_scaling_summary.md", out_dir);
    FILE *sum = pb_fs_open_temp(sum_path);
    if (sum)
        fprintf(sum, "%s Table and figure: `results/mpi_scaling.md`, `results/plots/mpi_scaling.png`.\n", conclusion);
    int summary_failed = !sum || pb_fs_commit_temp(sum, sum_path, 0) != 0;
    free(costs);
    int bad = pb_fs_commit_temp(dat, path, 0) != 0 || summary_failed;
    bad |= pb_fs_commit_temp(md, md_path, 0) != 0;
    if (bad)
        snprintf(err, errlen, "%s: write failed", out_dir);
    return bad ? -1 : 0;
}
