/* periodbench run: tasks x task-parameter sweeps x methods x
 * method-parameter sweeps x seeds, each trial isolated; writes runs.csv,
 * summary.csv, summary.md, environment.txt and the plots into --out; with
 * --shard I/K only that share of the plan, and shard.txt for merge. */
#include <stdio.h>
#include <string.h>

#include "cli/pb_cli.h"
#include "cli/pb_commands.h"
#include "cli/pb_run_args.h"
#include "cli/pb_run_output.h"
#include "harness/pb_mpi.h"
#include "harness/pb_outdir.h"
#include "harness/pb_plan_record.h"
#include "harness/pb_shard.h"

/* Where runs without --out go, one new directory each (git-ignored). */
#define PB_DEFAULT_OUT_PARENT "runs"

/* The share of the plan this run does: all of it, or its shard's trials
 * (and then the shard's record, so that merge can check it). */
static int take_share(pb_run_args *a, const pb_plan *plan, pb_plan *share)
{
    pb_plan_init(share);
    long count = a->shard_count ? a->shard_count : 1, index = a->shard_count ? a->shard_index : 0;
    if (pb_shard_select(plan, index, count, share) != 0)
        return pb_cli_error(PB_EXIT_FAILURE, "out of memory");
    return 0;
}

int pb_cmd_run(int argc, char **argv)
{
    pb_run_args a;
    pb_plan plan, share;
    int rc = pb_run_args_parse(argc, argv, &a, &plan);
    if (rc) {
        pb_plan_free(&plan);
        pb_run_args_free(&a);
        return rc < 0 ? PB_EXIT_OK : rc; /* -1: --help */
    }
    char err[1024] = "", command_line[2048], default_out[4096];
    if ((rc = take_share(&a, &plan, &share)) != 0) {
        pb_plan_free(&plan);
        pb_run_args_free(&a);
        return rc;
    }
    if (pb_mpi_size() > 1 && pb_mpi_rank() != 0) { /* under MPI: run what rank 0 hands out, write nothing */
        pb_worker_limits lim = {a.opt.jobs, a.opt.timeout, a.opt.memory_mb};
        rc = pb_mpi_serve(&share, &lim) == 0 ? PB_EXIT_OK
                                              : pb_cli_error(PB_EXIT_FAILURE, "rank %d: could not start a worker",
                                                             pb_mpi_rank());
        pb_plan_free(&share);
        pb_plan_free(&plan);
        pb_run_args_free(&a);
        return rc;
    }
    if (pb_mpi_size() > 1)
        a.opt.execute = pb_mpi_execute;
    if (!a.opt.out_dir) {
        /* A run without --out never touches an existing table: a new directory each time. */
        if (pb_outdir_make_default(PB_DEFAULT_OUT_PARENT, default_out, sizeof default_out, err, sizeof err) != 0) {
            pb_plan_free(&share);
            pb_plan_free(&plan);
            pb_run_args_free(&a);
            return pb_cli_error(PB_EXIT_FAILURE, "%s", err);
        }
        a.opt.out_dir = default_out;
        fprintf(stderr, "periodbench: no --out given: writing %s/\n", default_out);
    }
    pb_outdir claim;
    pb_outdir_mode mode = a.force ? PB_OUTDIR_FORCE : a.opt.resume ? PB_OUTDIR_RESUME : PB_OUTDIR_NEW;
    rc = pb_outdir_claim(&claim, a.opt.out_dir, mode, &share, err, sizeof err);
    if (rc == 0 && mode == PB_OUTDIR_RESUME)
        rc = pb_plan_record_check(a.opt.out_dir, &plan, a.opt.timeout, a.opt.memory_mb, err, sizeof err);
    if (rc == 0 && pb_plan_record_write(a.opt.out_dir, &plan, a.opt.timeout, a.opt.memory_mb, err, sizeof err) != 0)
        rc = 1;
    for (int i = 0; rc == 0 && a.shard_count && i < a.plan_argc; i++)
        if (strpbrk(a.plan_argv[i], "\n\r")) { /* shard.txt holds an option per line: merge could not read it back */
            snprintf(err, sizeof err, "--shard: the option '%s' holds a line break, which shard.txt cannot record "
                     "(rename the file or directory)", a.plan_argv[i]);
            rc = 2;
        }
    if (rc == 0 && a.shard_count) {
        pb_shard_record rec = {a.shard_index, a.shard_count, plan.n, pb_shard_plan_hash(&plan), a.plan_argc,
                               a.plan_argv};
        if (pb_shard_write(a.opt.out_dir, &rec, err, sizeof err) != 0)
            rc = 1;
    }
    if (rc) {
        pb_outdir_release(&claim);
        pb_plan_free(&share);
        pb_plan_free(&plan);
        pb_run_args_free(&a);
        return pb_cli_error(rc == 2 ? PB_EXIT_USAGE : PB_EXIT_FAILURE, "%s", err);
    }
    pb_run_command_line(argc, argv, command_line, sizeof command_line);
    if (a.opt.progress)
        fprintf(stderr, "periodbench: %zu trials%s, %d jobs%s, timeout %g s, memory %g MiB, writing %s/\n", share.n,
                a.shard_count ? " (this shard's)" : "", a.opt.jobs, pb_mpi_size() > 1 ? " on each MPI rank but 0" : "",
                a.opt.timeout, a.opt.memory_mb, a.opt.out_dir);
    rc = pb_runner_run(&share, &a.opt, err, sizeof err);
    if (pb_mpi_size() > 1 && a.opt.progress) {
        double busy;
        size_t done;
        pb_mpi_rank0_load(&busy, &done);
        if (done)
            fprintf(stderr, "periodbench: rank 0 spent %.3g us per trial handing out and writing (%zu trials; "
                    "it could serve %.3g trials/s)\n", 1e6 * busy / (double)done, done, (double)done / busy);
    }
    pb_plan_free(&share);
    pb_plan_free(&plan);
    if (rc == 130)
        rc = pb_cli_error(PB_EXIT_INTERRUPTED, "%s", err);
    else if (rc != 0)
        rc = pb_cli_error(PB_EXIT_FAILURE, "%s", err);
    else
        rc = pb_run_write_outputs(&a.opt, command_line);
    pb_outdir_release(&claim);
    pb_run_args_free(&a);
    return rc;
}
