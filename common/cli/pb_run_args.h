/* pb_run_args: run's options (the tasks, methods, seeds and sweeps of a
 * plan, the limits, the output directory) parsed, and the plan they make.
 * The one parser of run's options: run uses it, and merge re-reads a
 * shard's recorded options with it. */
#ifndef PB_RUN_ARGS_H
#define PB_RUN_ARGS_H

#include "harness/pb_plan.h"
#include "harness/pb_runner.h"
#include "tasks/pb_data_task.h"

typedef struct pb_run_args {
    pb_run_options opt;
    int force;
    long shard_index, shard_count; /* --shard I/K; count 0: not a shard */
    int plan_argc;                 /* the options that make the plan (and the limits): what a shard records */
    char **plan_argv;
    pb_data_tasks data;            /* the tasks made of data files (the plan points into them) */
} pb_run_args;

/* Parses argv (argv[0] is "run") into a and builds the plan into plan
 * (initialised here). Returns 0; -1 after printing --help; or an exit
 * status after saying the error. Free with pb_plan_free, then
 * pb_run_args_free (the plan's data tasks live in a). */
int pb_run_args_parse(int argc, char **argv, pb_run_args *a, pb_plan *plan);
/* Whether opt is one of the options a shard records (each with a value):
 * --tasks, --methods, --seeds, --set, --timeout, --memory, and the data
 * files' columns (--time-col, --value-col, --err-col). */
int pb_run_args_records_plan(const char *opt);
void pb_run_args_free(pb_run_args *a);

#endif
