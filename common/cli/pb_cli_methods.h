/* pb_cli_methods: the external methods the command line knows. At start-up
 * (pb_cli_load_methods) every program of the search path joins the
 * registry: methods/external/ beside the binary (installed:
 * ../share/periodbench/methods/), then each folder of $PERIODBENCH_METHODS
 * (colon-separated). A program named on the command line by its path joins
 * when named (pb_cli_method). A name already taken by a built-in method, a
 * task or another program is an error. */
#ifndef PB_CLI_METHODS_H
#define PB_CLI_METHODS_H

#include "contract/pb_method.h"

/* Returns 0, or PB_EXIT_USAGE after saying which program failed and why. */
int pb_cli_load_methods(void);

/* A method by name, or by the path of a program (anything with a '/').
 * NULL after saying why on stderr (opt: the option it came from). */
const pb_method_type *pb_cli_method(const char *opt, const char *name_or_path);

/* From now on a program named by its path runs only if it is one of paths
 * (the user's own words, e.g. merge --program): a path that came from a
 * results directory is refused instead. Returns 0, or PB_EXIT_USAGE after
 * saying which of paths does not exist. */
int pb_cli_methods_only_these_programs(char *const *paths, int n);

#endif
