#include "cli/pb_out.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/pb_cli.h"

void pb_out_init(pb_out *o, FILE *f)
{
    o->dest = f;
    o->held = NULL;
    o->held_len = 0;
    o->f = open_memstream(&o->held, &o->held_len);
    if (!o->f)
        o->f = f; /* no memory for the stream: written as it comes, as before */
    o->refused[0] = '\0';
}

void pb_out_refuse(pb_out *o, const char *why)
{
    if (!o->refused[0])
        snprintf(o->refused, sizeof o->refused, "%s", why);
}

void pb_out_text(pb_out *o, const char *fmt, ...)
{
    if (o->refused[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(o->f, fmt, ap);
    va_end(ap);
}

void pb_out_num(pb_out *o, const char *what, const char *fmt, double x)
{
    if (o->refused[0])
        return;
    if (!isfinite(x)) {
        snprintf(o->refused, sizeof o->refused, "%s is %s", what, isnan(x) ? "not a number" : "infinite");
        return;
    }
    fprintf(o->f, fmt, x);
}

int pb_out_has_non_finite(const char *text)
{
    for (const char *p = text; *p;) {
        if (!isalpha((unsigned char)*p)) {
            p++;
            continue;
        }
        const char *w = p;
        while (isalnum((unsigned char)*p))
            p++;
        size_t len = (size_t)(p - w);
        if ((len == 3 && (strncasecmp(w, "nan", 3) == 0 || strncasecmp(w, "inf", 3) == 0)) ||
            (len == 8 && strncasecmp(w, "infinity", 8) == 0))
            return 1;
    }
    return 0;
}

void pb_out_note(pb_out *o, const char *fmt, const char *note)
{
    if (o->refused[0])
        return;
    if (pb_out_has_non_finite(note)) {
        snprintf(o->refused, sizeof o->refused, "the method's note holds a non-finite number (%.160s)", note);
        return;
    }
    fprintf(o->f, fmt, note);
}

int pb_out_finish(pb_out *o, const char *context)
{
    int held = o->f != o->dest, failed = 0;
    if (held) {
        failed = fclose(o->f) != 0;
        if (!o->refused[0] && !failed && o->held_len)
            failed = fwrite(o->held, 1, o->held_len, o->dest) != o->held_len;
        free(o->held);
        o->held = NULL;
        o->f = o->dest;
    }
    if (o->refused[0])
        return pb_cli_error(PB_EXIT_USAGE, "%s: no answer: %s", context, o->refused);
    if (failed || fflush(o->dest) != 0 || ferror(o->dest))
        return pb_cli_error(PB_EXIT_FAILURE, "%s: writing the answer: %s", context, strerror(errno));
    return 0;
}
