#include "cli/pb_cli.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "base/pb_escape.h"

#define CLI_MESSAGE_MAX 2000 /* bytes of a message shown; the rest is said to be cut */

void pb_cli_say(const char *prefix, const char *msg)
{
    fputs(prefix, stderr);
    pb_escape_write(stderr, msg, CLI_MESSAGE_MAX);
    fputc('\n', stderr);
}

static char error_context[512];

void pb_cli_error_context(const char *context)
{
    snprintf(error_context, sizeof error_context, "%s", context ? context : "");
}

int pb_cli_error(int code, const char *fmt, ...)
{
    char msg[CLI_MESSAGE_MAX + 64];
    size_t used = (size_t)snprintf(msg, sizeof msg, "%s", error_context);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg + used, sizeof msg - used, fmt, ap);
    va_end(ap);
    pb_cli_say("periodbench: ", msg);
    return code;
}

int pb_cli_parse_real(const char *opt, const char *v, double lo, double hi, const char *expected, double *out)
{
    double x;
    pb_csvin_number_kind k = pb_csvin_number(v, &x);
    const char *why = k == PB_NUM_HEX         ? "hexadecimal: write it in decimal"
                      : k == PB_NUM_UNDERFLOW ? "too close to 0 for double arithmetic (below 2.2e-308 in magnitude): "
                                                "write 0 or a larger value"
                      : k == PB_NUM_NOT_FINITE ? "beyond the range of double arithmetic (1.8e308)"
                                               : NULL;
    if (why)
        return pb_cli_error(PB_EXIT_USAGE, "%s %s: %s", opt, v, why);
    if (k != PB_NUM_OK || isspace((unsigned char)v[0]) || !(x >= lo && x <= hi)) /* no space either side */
        return pb_cli_error(PB_EXIT_USAGE, "%s %s: expected %s", opt, v, expected);
    *out = x;
    return 0;
}

int pb_cli_parse_nonneg(const char *opt, const char *v, double *out)
{
    return pb_cli_parse_real(opt, v, 0, DBL_MAX, "a finite number >= 0", out);
}

int pb_cli_list_has_empty_item(const char *list)
{
    size_t len = strlen(list);
    return len == 0 || list[0] == ',' || list[len - 1] == ',' || strstr(list, ",,") != NULL;
}

int pb_cli_parse_names(const char *opt, const char *list, const void **out, size_t max, size_t *n,
                       const void *(*find)(const char *), const void *const *all)
{
    *n = 0;
    if (strcmp(list, "all") == 0) {
        for (; all[*n]; (*n)++) {
            if (*n == max)
                return pb_cli_error(PB_EXIT_USAGE, "%s all: more than %zu of them; name the ones to use", opt, max);
            out[*n] = all[*n];
        }
        return 0;
    }
    char buf[2048];
    if (strlen(list) >= sizeof buf)
        return pb_cli_error(PB_EXIT_USAGE, "%s: a list of %zu bytes, longer than %zu", opt, strlen(list),
                            sizeof buf - 1);
    if (pb_cli_list_has_empty_item(list))
        return pb_cli_error(PB_EXIT_USAGE, "%s %s: an empty item in the list", opt, list);
    strcpy(buf, list);
    for (char *save = NULL, *name = strtok_r(buf, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        const void *x = find(name);
        if (!x)
            return PB_EXIT_USAGE; /* find said why */
        for (size_t i = 0; i < *n; i++)
            if (out[i] == x)
                return pb_cli_error(PB_EXIT_USAGE, "%s: '%s' given twice", opt, name);
        if (*n == max)
            return pb_cli_error(PB_EXIT_USAGE, "%s: more than %zu names", opt, max);
        out[(*n)++] = x;
    }
    return 0;
}

int pb_cli_parse_timeout(const char *opt, const char *v, double *out)
{
    return pb_cli_parse_real(opt, v, 0.001, 1e7, "seconds from 0.001 to 1e7", out);
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
