/* pb_cli: what the commands share - exit statuses, errors on stderr as
 * "periodbench: what: why", option values and the CSV commands' argument
 * step. Exit status: 0 success, 1 runtime failure, 2 usage or bad input.
 * It knows no command (pb_commands.h lists them; main.c dispatches). */
#ifndef PB_CLI_H
#define PB_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "io/pb_csvin.h"

#define PB_EXIT_OK 0
#define PB_EXIT_FAILURE 1
#define PB_EXIT_USAGE 2
#define PB_EXIT_INTERRUPTED 130

/* Option values: a finite number >= 0, or a whole number in [lo, hi].
 * Return 0, or PB_EXIT_USAGE after saying what OPT expected. */
int pb_cli_parse_nonneg(const char *opt, const char *value, double *out);
/* A decimal number in [lo, hi], by the rules a CSV's numbers follow (no
 * hexadecimal, nothing double arithmetic cannot carry), each refusal
 * saying why; EXPECTED completes "OPT VALUE: expected ...". */
int pb_cli_parse_real(const char *opt, const char *value, double lo, double hi, const char *expected, double *out);
/* Whether a comma-separated list is empty or has an empty item ("a,,b", "a,"). */
int pb_cli_list_has_empty_item(const char *list);
/* A comma list of names, or "all" (every one of the NULL-ended all[]),
 * resolved through find() (which says on stderr why a name is not found)
 * into out[0 .. *n), at most max. A name twice, an empty item, a list
 * longer than max are refused. Returns 0 or PB_EXIT_USAGE. */
int pb_cli_parse_names(const char *opt, const char *list, const void **out, size_t max, size_t *n,
                       const void *(*find)(const char *), const void *const *all);
/* A wall-time limit: seconds from 0.001 to 1e7. */
int pb_cli_parse_timeout(const char *opt, const char *value, double *out);
int pb_cli_parse_count(const char *opt, const char *value, long lo, long hi, long *out);

/* One step of the argument loop the commands reading a person's CSV (fit,
 * periodogram) share, at argv[*i]: --help; the one positional FILE.csv
 * (stored in *path); a column option (--time-col, --value-col, --err-col:
 * stored in *csv); or another option, whose value it takes (*i advances)
 * into *opt and *value for the command to interpret. An error (a second
 * file, a missing value) has been said on stderr. */
typedef enum { PB_CLI_ARG_OPTION, PB_CLI_ARG_TAKEN, PB_CLI_ARG_HELP, PB_CLI_ARG_ERROR } pb_cli_arg_kind;
pb_cli_arg_kind pb_cli_csv_command_arg(const char *cmd, int argc, char **argv, int *i, const char **path,
                                       pb_csvin_options *csv, const char **opt, const char **value);

/* "periodbench: " + message on stderr; returns code. */
/* prefix and msg on one line of stderr: newlines and other control bytes
 * (from a file, a path or a program) shown escaped (\n, \xHH), at most
 * 2,000 bytes of msg. */
void pb_cli_say(const char *prefix, const char *msg);
int pb_cli_error(int code, const char *fmt, ...);
/* Text put before every pb_cli_error message until cleared (NULL): where
 * options came from when the user did not type them (merge's shard.txt). */
void pb_cli_error_context(const char *context);

#endif
