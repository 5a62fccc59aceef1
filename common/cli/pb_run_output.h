/* pb_run_output: what a run writes after its table: summary.csv and .md,
 * headline.md, environment.txt and the plots (rendered when gnuplot is
 * installed); used by run and merge. */
#ifndef PB_RUN_OUTPUT_H
#define PB_RUN_OUTPUT_H

#include "harness/pb_runner.h"

/* "periodbench ARGV..." into buf. */
void pb_run_command_line(int argc, char **argv, char *buf, size_t len);

/* From OUT/runs.csv as it stands. Returns 0 or an exit status (said). */
int pb_run_write_outputs(const pb_run_options *opt, const char *command_line);

#endif
