#include "pb_cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "pb_version.h"

static const char usage[] =
    "usage: periodbench COMMAND [OPTIONS]\n"
    "\n"
    "Which ways of fitting a periodic signal actually work, measured.\n"
    "\n"
    "commands:\n"
    "  list [tasks|methods]   the task catalog and the methods, with every parameter\n"
    "  run                    run tasks x methods x seeds; write runs.csv, summary.csv/.md\n"
    "  fit FILE.csv           the periods in your own series, with errors and false-alarm probabilities\n"
    "  periodogram FILE.csv   frequency,power of your own series\n"
    "  landscape              loss and gradient of sin(w x) against w on sin31 (why SGD fails)\n"
    "  track                  the local period of each method's model over time (drift figure)\n"
    "  bench                  throughput and accuracy benchmarks (CSV)\n"
    "\n"
    "options:\n"
    "  --help                 this text (COMMAND --help: the command's own)\n"
    "  --version              the version\n";

int pb_cli_error(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("periodbench: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return code;
}

int pb_cli_parse_nonneg(const char *opt, const char *v, double *out)
{
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (end == v || *end || errno || !isfinite(x) || x < 0)
        return pb_cli_error(PB_EXIT_USAGE, "%s %s: expected a finite number >= 0", opt, v);
    *out = x;
    return 0;
}

int pb_cli_parse_count(const char *opt, const char *v, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (end == v || *end || errno || x < lo || x > hi)
        return pb_cli_error(PB_EXIT_USAGE, "%s %s: expected a whole number from %ld to %ld", opt, v, lo, hi);
    *out = x;
    return 0;
}

pb_cli_arg_kind pb_cli_csv_command_arg(const char *cmd, int argc, char **argv, int *i, const char **path,
                                       pb_csvin_options *csv, const char **opt, const char **value)
{
    const char *o = argv[*i];
    if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0)
        return PB_CLI_ARG_HELP;
    if (o[0] != '-' || strcmp(o, "-") == 0) {
        if (*path) {
            pb_cli_error(PB_EXIT_USAGE, "%s: one input file only ('%s' and '%s')", cmd, *path, o);
            return PB_CLI_ARG_ERROR;
        }
        *path = o;
        return PB_CLI_ARG_TAKEN;
    }
    if (*i + 1 >= argc) {
        pb_cli_error(PB_EXIT_USAGE, "%s: missing value", o);
        return PB_CLI_ARG_ERROR;
    }
    const char *v = argv[++*i];
    if (strcmp(o, "--time-col") == 0)
        csv->time_col = v;
    else if (strcmp(o, "--value-col") == 0)
        csv->value_col = v;
    else if (strcmp(o, "--err-col") == 0)
        csv->err_col = v;
    else {
        *opt = o;
        *value = v;
        return PB_CLI_ARG_OPTION;
    }
    return PB_CLI_ARG_TAKEN;
}

int pb_cli_main(int argc, char **argv)
{
    if (argc < 2) {
        pb_cli_error(PB_EXIT_USAGE, "missing command; usage below");
        fputs(usage, stderr);
        return PB_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return PB_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("periodbench %s\n", PB_VERSION);
        return PB_EXIT_OK;
    }
    if (strcmp(cmd, "list") == 0)
        return pb_cmd_list(argc - 1, argv + 1);
    if (strcmp(cmd, "run") == 0)
        return pb_cmd_run(argc - 1, argv + 1);
    if (strcmp(cmd, "periodogram") == 0)
        return pb_cmd_periodogram(argc - 1, argv + 1);
    if (strcmp(cmd, "landscape") == 0)
        return pb_cmd_landscape(argc - 1, argv + 1);
    if (strcmp(cmd, "track") == 0)
        return pb_cmd_track(argc - 1, argv + 1);
    if (strcmp(cmd, "fit") == 0)
        return pb_cmd_fit(argc - 1, argv + 1);
    if (strcmp(cmd, "bench") == 0)
        return pb_cmd_bench(argc - 1, argv + 1);
    return pb_cli_error(PB_EXIT_USAGE, "%s: unknown command (try periodbench --help)", cmd);
}
