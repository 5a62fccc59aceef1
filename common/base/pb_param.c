#include "base/pb_param.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PB_PARAM_VALUE_MAX 64
#define PB_PARAM_INT_LIMIT 9007199254740992.0 /* 2^53 */

struct pb_params {
    const pb_param_def *defs;
    size_t n;
    char (*text)[PB_PARAM_VALUE_MAX]; /* canonical text of each value */
    double *number;                   /* parsed value (REAL/INT) */
    unsigned char *explicit_set;      /* set by pb_params_set, even to the default */
};

static long find(const pb_params *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->defs[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* Shortest decimal text that parses back to exactly x; whole numbers
 * below 1e15 without an exponent ("1000", not "1e+03"). */
static void format_real(double x, char *buf, size_t len)
{
    if (x == floor(x) && fabs(x) < 1e15) {
        snprintf(buf, len, "%.0f", x);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, len, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

static int choice_allowed(const char *choices, const char *value)
{
    size_t vlen = strlen(value);
    const char *s = choices;
    while (*s) {
        const char *bar = strchr(s, '|');
        size_t len = bar ? (size_t)(bar - s) : strlen(s);
        if (len == vlen && strncmp(s, value, len) == 0)
            return 1;
        if (!bar)
            break;
        s = bar + 1;
    }
    return 0;
}

/* A number written in decimal: digits, a sign, a point, an exponent (strtod
 * also takes hexadecimal, "inf" and "nan", which a parameter must not). */
static int is_decimal(const char *s)
{
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || *s == '+' || *s == '-' || *s == '.' || *s == 'e' || *s == 'E'))
            return 0;
    return 1;
}

static int parse_into(pb_params *p, size_t i, const char *value, char *err, size_t errlen)
{
    const pb_param_def *d = &p->defs[i];
    if (d->kind == PB_PARAM_CHOICE) {
        if (!choice_allowed(d->choices, value)) {
            snprintf(err, errlen, "%s=%s: must be one of %s", d->name, value, d->choices);
            return -1;
        }
        snprintf(p->text[i], PB_PARAM_VALUE_MAX, "%s", value);
        p->number[i] = NAN;
        return 0;
    }
    char *end = NULL;
    errno = 0;
    double x = strtod(value, &end);
    if (errno == ERANGE && end != value && *end == '\0' && is_decimal(value)) {
        snprintf(err, errlen, "%s=%s: %s", d->name, value,
                 fabs(x) < 1 ? "too close to 0 for double arithmetic (below 2.2e-308 in magnitude): write 0 or a "
                               "larger value"
                             : "beyond the range of double arithmetic (1.8e308)");
        return -1;
    }
    if (end == value || *end != '\0' || errno == ERANGE || !isfinite(x) || !is_decimal(value)) {
        snprintf(err, errlen, "%s=%s: not a finite decimal number", d->name, value);
        return -1;
    }
    if (d->kind == PB_PARAM_INT && x != floor(x)) {
        snprintf(err, errlen, "%s=%s: must be a whole number", d->name, value);
        return -1;
    }
    if (x == 0)
        x = 0.0; /* -0 is 0: one value, one text, one trial (and one random stream) */
    if (x < d->min || x > d->max) {
        snprintf(err, errlen, "%s=%s: out of range [%g, %g]", d->name, value, d->min, d->max);
        return -1;
    }
    /* From 2^53 on doubles skip whole numbers (2^53 + 1 reads as 2^53), and past LONG_MAX a long cannot
     * hold one: the value a method got would not be the one written. */
    if (d->kind == PB_PARAM_INT && fabs(x) >= PB_PARAM_INT_LIMIT) {
        snprintf(err, errlen, "%s=%s: whole numbers from 2^53 (9007199254740992) on cannot be carried exactly",
                 d->name, value);
        return -1;
    }
    if (d->kind == PB_PARAM_INT)
        snprintf(p->text[i], PB_PARAM_VALUE_MAX, "%.0f", x);
    else
        format_real(x, p->text[i], PB_PARAM_VALUE_MAX);
    p->number[i] = x;
    return 0;
}

/* The parameters with nothing parsed yet. */
static pb_params *params_empty(const pb_param_def *defs, size_t n)
{
    pb_params *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->defs = defs;
    p->n = n;
    p->text = calloc(n ? n : 1, sizeof *p->text);
    p->number = calloc(n ? n : 1, sizeof *p->number);
    p->explicit_set = calloc(n ? n : 1, 1);
    if (!p->text || !p->number || !p->explicit_set) {
        pb_params_free(p);
        return NULL;
    }
    return p;
}

int pb_params_check_defaults(const pb_param_def *defs, size_t n, char *err, size_t errlen)
{
    pb_params *p = params_empty(defs, n);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = parse_into(p, i, defs[i].default_value, err, errlen);
    pb_params_free(p);
    return rc;
}

pb_params *pb_params_alloc(const pb_param_def *defs, size_t n)
{
    pb_params *p = params_empty(defs, n);
    if (!p)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char err[160];
        if (parse_into(p, i, defs[i].default_value, err, sizeof err) != 0) {
            /* a built-in's table is checked by the tests; an external one by pb_params_check_defaults */
            fprintf(stderr, "periodbench: internal error: bad default %s\n", err);
            abort();
        }
    }
    return p;
}

pb_params *pb_params_copy(const pb_params *src)
{
    pb_params *p = pb_params_alloc(src->defs, src->n);
    if (!p)
        return NULL;
    memcpy(p->text, src->text, src->n * sizeof *p->text);
    memcpy(p->number, src->number, src->n * sizeof *p->number);
    memcpy(p->explicit_set, src->explicit_set, src->n);
    return p;
}

void pb_params_free(pb_params *p)
{
    if (!p)
        return;
    free(p->text);
    free(p->number);
    free(p->explicit_set);
    free(p);
}

int pb_params_set(pb_params *p, const char *name, const char *value, char *err, size_t errlen)
{
    long i = find(p, name);
    if (i < 0) {
        snprintf(err, errlen, "unknown parameter '%s'", name);
        return -1;
    }
    if (strlen(value) >= PB_PARAM_VALUE_MAX) {
        snprintf(err, errlen, "%s: value too long", name);
        return -1;
    }
    if (parse_into(p, (size_t)i, value, err, errlen) != 0)
        return -1;
    p->explicit_set[i] = 1;
    return 0;
}

int pb_params_has(const pb_params *p, const char *name)
{
    return find(p, name) >= 0;
}

static size_t must_find(const pb_params *p, const char *name, pb_param_kind kind)
{
    long i = find(p, name);
    if (i < 0 || p->defs[i].kind != kind) {
        fprintf(stderr, "periodbench: internal error: no parameter '%s' of that kind\n", name);
        abort();
    }
    return (size_t)i;
}

double pb_params_real(const pb_params *p, const char *name)
{
    return p->number[must_find(p, name, PB_PARAM_REAL)];
}

long pb_params_int(const pb_params *p, const char *name)
{
    return (long)p->number[must_find(p, name, PB_PARAM_INT)];
}

const char *pb_params_choice(const pb_params *p, const char *name)
{
    return p->text[must_find(p, name, PB_PARAM_CHOICE)];
}

size_t pb_params_format(const pb_params *p, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    pb_params *defaults = pb_params_alloc(p->defs, p->n);
    for (size_t i = 0; i < p->n; i++) {
        if (!p->explicit_set[i] && defaults && strcmp(defaults->text[i], p->text[i]) == 0)
            continue;
        int w = snprintf(used < len ? buf + used : NULL, used < len ? len - used : 0, "%s%s=%s", used ? ";" : "",
                         p->defs[i].name, p->text[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    pb_params_free(defaults);
    return used;
}

size_t pb_params_count(const pb_params *p)
{
    return p->n;
}

const pb_param_def *pb_params_def(const pb_params *p, size_t i)
{
    return i < p->n ? &p->defs[i] : NULL;
}

const char *pb_params_text(const pb_params *p, size_t i)
{
    return i < p->n ? p->text[i] : NULL;
}

const pb_param_def *pb_params_defs(const pb_params *p)
{
    return p->defs;
}
