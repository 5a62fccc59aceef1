/* pb_cli: the periodbench command line. Exit status: 0 success, 1 runtime
 * failure, 2 usage or bad input; errors on stderr as "periodbench: what: why". */
#ifndef PB_CLI_H
#define PB_CLI_H

#include "pb_csvin.h"

#define PB_EXIT_OK 0
#define PB_EXIT_FAILURE 1
#define PB_EXIT_USAGE 2
#define PB_EXIT_INTERRUPTED 130

int pb_cli_main(int argc, char **argv);

/* Subcommands (pb_cmd_*.c); argv[0] is the subcommand's name. */
int pb_cmd_list(int argc, char **argv);
int pb_cmd_run(int argc, char **argv);
int pb_cmd_periodogram(int argc, char **argv);
int pb_cmd_bench(int argc, char **argv);

int pb_cmd_fit(int argc, char **argv);
int pb_cmd_track(int argc, char **argv);
int pb_cmd_landscape(int argc, char **argv);

/* Option values: a finite number >= 0, or a whole number in [lo, hi].
 * Return 0, or PB_EXIT_USAGE after saying what OPT expected. */
int pb_cli_parse_nonneg(const char *opt, const char *value, double *out);
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
int pb_cli_error(int code, const char *fmt, ...);

#endif
