#include "io/pb_csvin.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_decimal.h"
#include "base/pb_escape.h"
#include "io/pb_csv_lines.h"
#include "io/pb_iso8601.h"

#define MAX_COLUMNS 4096
/* Bytes read at a time (a row longer than this doubles the buffer). */
#define READ_CHUNK (1 << 16)
#define MAX_ROW_BYTES (1 << 24) /* a row past 16 MiB is no time series: /dev/zero would be read until memory ran out */

/* Parser state: the header, then one row's wanted fields at a time. */
typedef struct reader {
    const pb_csvin_options *opt;
    pb_csvin_series *out;
    size_t row, col, cap;
    long time_idx, value_idx, err_idx; /* 0-based, resolved from the header; -1: none */
    char *header[MAX_COLUMNS];
    size_t n_header;
    size_t n_named; /* columns up to the last one the header names (or a chosen one): later ones hold nothing */
    /* The current row's wanted fields (NULL: not in the row), in buffers
     * kept from row to row: a field costs no allocation. */
    char *time_text, *value_text, *err_text;
    char *buf[3];
    size_t buf_cap[3];
    int failed;
    char *err;
    size_t errlen;
    int time_kind;                 /* 0 unknown, 1 numbers, 2 dates */
} reader;

/* Records the first error only: later ones are its consequences. */
static void fail(reader *r, const char *fmt, ...)
{
    if (r->failed)
        return;
    r->failed = 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, r->errlen, fmt, ap);
    va_end(ap);
}

/* A trimmed copy of a field in *buf (grown to fit; NULL on allocation failure). */
static char *trimmed_into(const char *s, size_t len, char **buf, size_t *cap)
{
    while (len && isspace((unsigned char)*s))
        s++, len--;
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    if (len + 1 > *cap) {
        char *b = realloc(*buf, len + 1);
        if (!b)
            return NULL;
        *buf = b, *cap = len + 1;
    }
    memcpy(*buf, s, len);
    (*buf)[len] = '\0';
    return *buf;
}

/* A trimmed copy of a field (NULL on allocation failure). */
static char *trimmed(const char *s, size_t len)
{
    char *c = NULL;
    size_t cap = 0;
    return trimmed_into(s, len, &c, &cap);
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->failed)
        return;
    const char *text = s;
    if (memchr(text, '\0', len)) { /* C strings would end there: '1\0e300' read as 1 */
        fail(r, "row %zu, column %zu: a NUL byte inside a field (not a text CSV file?)", r->row + 1, r->col + 1);
        return;
    }
    if (r->row == 0) {
        if (r->n_header == MAX_COLUMNS) {
            fail(r, "more than %d columns", MAX_COLUMNS);
            return;
        }
        if (!(r->header[r->n_header++] = trimmed(text, len)))
            fail(r, "out of memory");
    } else if (r->col >= r->n_named) {
        /* A field beyond the header's: no column names it. Empty ones (a
         * trailing comma) carry nothing; a value there is most often a
         * decimal comma (0,5) splitting a number, which would be read wrong. */
        size_t k = 0;
        while (k < len && isspace((unsigned char)text[k]))
            k++;
        if (k < len)
            fail(r, "row %zu has a field in column %zu, but the header names %zu columns (a decimal comma? write "
                 "0.5, not 0,5, or quote the field)", r->row + 1, r->col + 1, r->n_named);
    } else {
        long col = (long)r->col;
        int which = col == r->time_idx ? 0 : col == r->value_idx ? 1 : col == r->err_idx ? 2 : -1;
        char **field = which == 0 ? &r->time_text : which == 1 ? &r->value_text : &r->err_text;
        if (which >= 0 && !(*field = trimmed_into(text, len, &r->buf[which], &r->buf_cap[which])))
            fail(r, "out of memory");
    }
    r->col++;
}

static int is_number(const char *s)
{
    char *end;
    if (!*s)
        return 0;
    strtod(s, &end);
    return *end == '\0';
}

/* Whether the digits before any exponent hold one that is not 0. */
static int has_nonzero_digit(const char *s)
{
    for (; *s && *s != 'e' && *s != 'E'; s++)
        if (*s >= '1' && *s <= '9')
            return 1;
    return 0;
}

pb_csvin_number_kind pb_csvin_number(const char *s, double *x)
{
    char *end;
    *x = pb_decimal_parse(s, &end);
    if (*end != '\0' || end == s)
        return PB_NUM_NOT_A_NUMBER;
    const char *p = s + (*s == '+' || *s == '-');
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
        return PB_NUM_HEX;
    if (!isfinite(*x))
        return PB_NUM_NOT_FINITE;
    if (fabs(*x) < DBL_MIN && has_nonzero_digit(s))
        return PB_NUM_UNDERFLOW;
    return PB_NUM_OK;
}

const char *pb_csvin_number_why(pb_csvin_number_kind k)
{
    static const char *const why[] = {"is a number", "is not a number", "is not finite (beyond double's range)",
                                      "is too close to 0 for double arithmetic (it would read as 0 or lose its "
                                      "digits: rescale the column)",
                                      "is hexadecimal (write it in decimal)"};
    return why[k];
}

/* A field as a message shows it: at most 60 characters, then how long it is. */
static const char *shown(const char *text, char *buf, size_t len)
{
    size_t n = strlen(text);
    if (n <= 60)
        snprintf(buf, len, "'%s'", text);
    else
        snprintf(buf, len, "'%.60s...' (%zu characters)", text, n);
    return buf;
}

/* Fails r with "row N: WHAT 'text' REASON" for a field that is not a usable number. */
static void refuse_number(reader *r, size_t where, const char *what, const char *text, pb_csvin_number_kind k)
{
    char buf[128];
    fail(r, "row %zu: %s %s %s", where, what, shown(text, buf, sizeof buf), pb_csvin_number_why(k));
}

static int is_missing(const char *s)
{
    if (!s || !*s)
        return 1;
    return (*s == 'N' || *s == 'n') && (strcmp(s, "NA") == 0 || strcmp(s, "N/A") == 0 || strcmp(s, "na") == 0);
}

/* A chosen column's name for messages: its header's, or "column N" when
 * the header leaves it unnamed. */
static void name_column(const reader *r, long idx, char *dst, size_t len)
{
    if (r->header[idx][0])
        snprintf(dst, len, "%s", r->header[idx]);
    else
        snprintf(dst, len, "column %ld", idx + 1);
}

/* Column by name, or by 1-based index when spec is a whole number; the
 * default (no spec) by position. A number that is both a column's name and
 * another column's position is refused: which one was meant? */
static long resolve_column(reader *r, const char *spec, long fallback, const char *which)
{
    if (!spec) {
        if ((size_t)fallback < r->n_header)
            return fallback;
        fail(r, "no %s column: the header has %zu column%s", which, r->n_header, r->n_header == 1 ? "" : "s");
        return -1;
    }
    long named = -1;
    for (size_t i = 0; i < r->n_header; i++)
        if (strcmp(r->header[i], spec) == 0) {
            if (named >= 0) {
                fail(r, "%s column '%s' is ambiguous: columns %ld and %zu are both named so (rename one, or give "
                     "the column's number)", which, spec, named + 1, i + 1);
                return -1;
            }
            named = (long)i;
        }
    char *end;
    long idx = strtol(spec, &end, 10);
    int positional = *end == '\0' && end != spec && idx >= 1 && (size_t)idx <= r->n_header;
    if (named >= 0 && positional && named != idx - 1) {
        fail(r, "%s column %s is ambiguous: a column is named '%s' and column %ld is '%s' (rename one)", which, spec,
             spec, idx, r->header[idx - 1]);
        return -1;
    }
    if (named >= 0)
        return named;
    if (positional)
        return idx - 1;
    if (*end == '\0' && end != spec)
        fail(r, "%s column %s does not exist (the header has %zu columns)", which, spec, r->n_header);
    else
        fail(r, "%s column '%s' does not exist (the header has %zu columns)", which, spec, r->n_header);
    return -1;
}

static int grow(double **a, size_t cap)
{
    double *b = realloc(*a, cap * sizeof *b);
    if (!b)
        return -1;
    *a = b;
    return 0;
}

static int push(reader *r, double t, double y, double dy)
{
    pb_csvin_series *o = r->out;
    int with_errors = r->err_idx >= 0;
    if (o->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 1024;
        if (grow(&o->t, cap) != 0 || grow(&o->y, cap) != 0 || (with_errors && grow(&o->dy, cap) != 0))
            return -1;
        r->cap = cap;
    }
    o->t[o->n] = t;
    o->y[o->n] = y;
    if (with_errors)
        o->dy[o->n] = dy;
    o->n++;
    return 0;
}

/* A first-row field that reads as data: a number or an ISO 8601 date. */
static int is_datum(const char *s)
{
    double t;
    return is_number(s) || (*s && pb_iso8601_parse(s, &t) == 0);
}

static void header_done(reader *r)
{
    /* Unnamed columns at the header's end (a trailing separator) name nothing:
     * a value there is read as one past the header. */
    for (r->n_named = r->n_header; r->n_named > 0 && !r->header[r->n_named - 1][0]; r->n_named--)
        ;
    int all_data = r->n_header > 0;
    for (size_t i = 0; i < r->n_header; i++)
        all_data &= is_datum(r->header[i]);
    if (all_data) {
        fail(r, "no header: the first row must name the columns (it reads %s,...: data)", r->header[0]);
        return;
    }
    r->time_idx = resolve_column(r, r->opt->time_col, 0, "time");
    r->value_idx = r->err_idx = -1;
    if (r->opt->times_only) {
        if (!r->failed)
            name_column(r, r->time_idx, r->out->time_name, sizeof r->out->time_name);
        return;
    }
    if (!r->failed)
        r->value_idx = resolve_column(r, r->opt->value_col, 1, "value");
    if (!r->failed && r->time_idx == r->value_idx)
        fail(r, "time and value are the same column '%s'", r->header[r->time_idx]);
    if (!r->failed && r->opt->err_col) {
        r->err_idx = resolve_column(r, r->opt->err_col, -1, "error");
        if (!r->failed && (r->err_idx == r->time_idx || r->err_idx == r->value_idx))
            fail(r, "the error column '%s' is also the %s column", r->header[r->err_idx],
                 r->err_idx == r->time_idx ? "time" : "value");
    }
    const long chosen[] = {r->time_idx, r->value_idx, r->err_idx};
    for (size_t k = 0; k < 3; k++)
        if (chosen[k] >= 0 && (size_t)chosen[k] >= r->n_named)
            r->n_named = (size_t)chosen[k] + 1;
    if (!r->failed) {
        name_column(r, r->time_idx, r->out->time_name, sizeof r->out->time_name);
        name_column(r, r->value_idx, r->out->value_name, sizeof r->out->value_name);
        if (r->err_idx >= 0)
            name_column(r, r->err_idx, r->out->err_name, sizeof r->out->err_name);
    }
}

static void data_row(reader *r)
{
    size_t where = r->row + 1; /* named in a message only on failure (formatting each row costs) */
    r->out->rows++;
    if (is_missing(r->time_text) || (!r->opt->times_only && is_missing(r->value_text)) ||
        (r->err_idx >= 0 && is_missing(r->err_text))) {
        r->out->skipped++;
        return;
    }
    double y = 0, dy = 0;
    if (!r->opt->times_only) {
        pb_csvin_number_kind k = pb_csvin_number(r->value_text, &y);
        if (k != PB_NUM_OK) {
            refuse_number(r, where, "value", r->value_text, k);
            return;
        }
    }
    if (r->err_idx >= 0) {
        pb_csvin_number_kind k = pb_csvin_number(r->err_text, &dy);
        char buf[128];
        /* 1/dy^2 weights: a zero, negative or infinite error has no meaning */
        if (k != PB_NUM_OK || !(dy > 0)) {
            fail(r, "row %zu: error %s is not a positive finite number (the weights are 1/error^2)", where,
                 shown(r->err_text, buf, sizeof buf));
            return;
        }
        if (!isfinite(1.0 / (dy * dy))) {
            fail(r, "row %zu: error '%s' is too small for its weight 1/error^2 to be a double (errors must be "
                    "above 1e-154: rescale the value and error columns)", where, r->err_text);
            return;
        }
    }
    double t;
    pb_csvin_number_kind tk = pb_csvin_number(r->time_text, &t);
    int numeric = tk != PB_NUM_NOT_A_NUMBER;
    char buf[128];
    if (numeric && tk != PB_NUM_OK) {
        refuse_number(r, where, "time", r->time_text, tk);
        return;
    }
    if (!numeric && pb_iso8601_parse(r->time_text, &t) != 0) {
        fail(r, "row %zu: time %s is neither a number nor an ISO 8601 date", where, shown(r->time_text, buf, sizeof buf));
        return;
    }
    int kind = numeric ? 1 : 2;
    if (r->time_kind && r->time_kind != kind) {
        fail(r, "row %zu: time %s mixes numbers and dates in one column", where, shown(r->time_text, buf, sizeof buf));
        return;
    }
    r->time_kind = kind;
    if (!isfinite(t)) {
        refuse_number(r, where, "time", r->time_text, PB_NUM_NOT_FINITE);
        return;
    }
    if (push(r, t, y, dy) != 0)
        fail(r, "out of memory");
}

static void on_row(int c, void *data)
{
    (void)c;
    reader *r = data;
    if (!r->failed) {
        if (r->row == 0)
            header_done(r);
        else
            data_row(r);
    }
    r->time_text = r->value_text = r->err_text = NULL;
    r->row++;
    r->col = 0;
}

typedef struct pair {
    double t, y, dy;
    size_t order;
} pair;

static int cmp_pair(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

/* Sorts by time (stably) and averages the values of equal times; with
 * errors, weighted by 1/dy^2, the merged error 1/sqrt(sum 1/dy^2). */
static int sort_and_merge(pb_csvin_series *s)
{
    int increasing = 1;
    for (size_t i = 1; i < s->n; i++) {
        if (s->t[i] < s->t[i - 1])
            s->was_unsorted = 1;
        increasing &= s->t[i] > s->t[i - 1];
    }
    if (increasing)
        return 0; /* sorted, no duplicate: nothing to do (the common case, and 10^6 rows sort slowly) */
    pair *p = malloc((s->n ? s->n : 1) * sizeof *p);
    if (!p)
        return -1;
    for (size_t i = 0; i < s->n; i++)
        p[i] = (pair){s->t[i], s->y[i], s->dy ? s->dy[i] : 1.0, i};
    qsort(p, s->n, sizeof *p, cmp_pair);
    size_t m = 0;
    for (size_t i = 0; i < s->n;) {
        size_t j = i;
        double sum = 0, wsum = 0;
        for (; j < s->n && p[j].t == p[i].t; j++) {
            double w = 1.0 / (p[j].dy * p[j].dy);
            sum += w * p[j].y;
            wsum += w;
        }
        s->t[m] = p[i].t;
        s->y[m] = sum / wsum;
        if (s->dy)
            s->dy[m] = 1.0 / sqrt(wsum);
        s->duplicates += j - i - 1;
        m++;
        i = j;
    }
    s->n = m;
    free(p);
    return 0;
}

/* Values whose magnitude is outside [2^-VALUE_SCALE_EXP, 2^VALUE_SCALE_EXP]
 * are divided by a power of two (exact) before anything squares them: a
 * sum of squares overflows above ~1e154. */
#define VALUE_SCALE_EXP 100
/* Times must lie within +-TIME_LIMIT and span at least 1/TIME_LIMIT:
 * beyond, the squares and inverses of times and frequencies that the fits
 * compute leave double arithmetic. */
#define TIME_LIMIT 1e100
/* Errors must lie within 1/ERROR_RANGE .. ERROR_RANGE of the values' scale:
 * the weights 1/error^2 must be representable. */
#define ERROR_RANGE 1e100

/* Divides values (and errors) by a power of two when they are too large or
 * too small to be squared and summed; checks the errors' range. */
static void scale_values(reader *r, pb_csvin_series *s)
{
    double big = 0;
    for (size_t i = 0; i < s->n; i++)
        big = fmax(big, fabs(s->y[i]));
    s->value_scale = 1.0;
    if (big > 0 && (big > ldexp(1.0, VALUE_SCALE_EXP) || big < ldexp(1.0, -VALUE_SCALE_EXP)))
        s->value_scale = ldexp(1.0, ilogb(big));
    for (size_t i = 0; i < s->n; i++) {
        s->y[i] /= s->value_scale;
        if (s->dy)
            s->dy[i] /= s->value_scale;
    }
    double ref = big > 0 ? big / s->value_scale : 1.0;
    for (size_t i = 0; s->dy && i < s->n && !r->failed; i++)
        if (!(s->dy[i] >= ref / ERROR_RANGE && s->dy[i] <= ref * ERROR_RANGE)) {
            char what[160];
            snprintf(what, sizeof what, "error %g (of values up to %g) is more than 1e100 times %s", s->dy[i] * s->value_scale,
                     big, s->dy[i] < ref ? "smaller" : "larger");
            fail(r, "%s: its weight 1/error^2 cannot be carried in double arithmetic", what);
        }
}

/* Times that double arithmetic can fit: within +-TIME_LIMIT, and (for
 * data, not times to predict at) a span of at least 1/TIME_LIMIT. */
static void check_times(reader *r, const pb_csvin_series *s, int times_only)
{
    for (size_t i = 0; i < s->n && !r->failed; i++)
        if (!(fabs(s->t[i]) <= TIME_LIMIT))
            fail(r, "time %g is beyond +-1e100, where squares of times overflow: rescale the time column", s->t[i]);
    if (r->failed || times_only || s->n < 2)
        return;
    double span = s->t[s->n - 1] - s->t[0];
    if (!(span >= 1.0 / TIME_LIMIT)) {
        char what[96];
        snprintf(what, sizeof what, "%g", span);
        fail(r, "the times span only %s (less than 1e-100): their frequencies and squares cannot be carried in double "
                "arithmetic: rescale the time column", what);
    }
}

/* The file's rows through on_field and on_row: quote-free rows split by
 * pb_csv_lines (libcsv's rules, several times faster), the rest of the file
 * from the first row with a quote by libcsv. */
#define CSV_FIELD_BEGUN 2 /* libcsv's parser state inside a field */

static void read_rows(FILE *f, struct csv_parser *p, reader *r)
{
    size_t cap = READ_CHUNK, have = 0, got;
    char *buf = malloc(cap);
    int plain = 1, quoted = 0;
    if (!buf) {
        fail(r, "out of memory");
        return;
    }
    /* A UTF-8 byte-order mark goes before parsing: left in, it would hide the
     * quote of a quoted first name ('\xEF\xBB\xBF"time"' kept its quotes). */
    have = fread(buf, 1, 3, f);
    if (have == 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        have = 0;
    while (!r->failed && (got = fread(buf + have, 1, cap - have, f)) > 0) {
        have += got;
        size_t done = plain ? pb_csv_lines_split(buf, have, 0, on_field, on_row, r, &quoted) : 0;
        plain = !quoted;
        if (!plain && csv_parse(p, buf + done, have - done, on_field, on_row, r) != have - done)
            fail(r, "malformed CSV: %s", csv_strerror(csv_error(p)));
        have = plain ? have - done : 0;
        memmove(buf, buf + done, have);
        if (have == cap && cap >= MAX_ROW_BYTES) {
            fail(r, "row %zu is longer than %d MiB (not a CSV file of a time series?)", r->row + 1, MAX_ROW_BYTES >> 20);
            break;
        }
        if (have == cap) { /* one row longer than the buffer */
            char *bigger = realloc(buf, 2 * cap);
            if (!bigger) {
                fail(r, "out of memory");
                break;
            }
            buf = bigger, cap *= 2;
        }
    }
    if (!r->failed && ferror(f))
        fail(r, "read error: %s", strerror(errno));
    size_t done = !r->failed && plain ? pb_csv_lines_split(buf, have, 1, on_field, on_row, r, &quoted) : have;
    if (!r->failed && plain && quoted && csv_parse(p, buf + done, have - done, on_field, on_row, r) != have - done)
        fail(r, "malformed CSV: %s", csv_strerror(csv_error(p)));
    /* libcsv's fini closes an open quote silently (its strict check would
     * also refuse stray quotes libcsv otherwise keeps): asked here, from the
     * parser's state (csv.h: 2 = FIELD_BEGUN). */
    if (!r->failed && p->quoted && p->pstate == CSV_FIELD_BEGUN)
        fail(r, "malformed CSV: the file ends inside a quoted field (a quote opened and never closed)");
    if (!r->failed)
        csv_fini(p, on_field, on_row, r);
    free(buf);
}

int pb_csvin_read(const char *path, const pb_csvin_options *opt, pb_csvin_series *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->value_scale = 1.0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    struct csv_parser p;
    reader r;
    memset(&r, 0, sizeof r);
    r.opt = opt;
    r.out = out;
    r.err = err;
    r.errlen = errlen;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) {
        fclose(f);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    read_rows(f, &p, &r);
    csv_free(&p);
    fclose(f);
    for (int k = 0; k < 3; k++)
        free(r.buf[k]);
    for (size_t i = 0; i < r.n_header; i++)
        free(r.header[i]);
    if (!r.failed && r.row == 0)
        fail(&r, "empty file: no header");
    if (!r.failed && out->n == 0)
        fail(&r, "no data rows with %s (%zu rows read%s)",
             opt->times_only ? "a time" : opt->err_col ? "a time, a value and an error" : "both a time and a value",
             out->rows, out->rows ? ", each missing a field" : "");
    if (!r.failed && !opt->times_only)
        scale_values(&r, out);
    if (!r.failed && !opt->times_only && sort_and_merge(out) != 0)
        fail(&r, "out of memory");
    if (!r.failed && r.time_kind == 2) {
        out->dates = 1;
        out->first_epoch = out->t[0];
        for (size_t i = 1; i < out->n; i++) /* file order when times_only */
            out->first_epoch = fmin(out->first_epoch, out->t[i]);
        if (opt->use_origin)
            out->first_epoch = opt->origin_epoch;
        for (size_t i = 0; i < out->n; i++)
            out->t[i] = (out->t[i] - out->first_epoch) / 86400.0;
    }
    if (!r.failed)
        check_times(&r, out, opt->times_only);
    if (r.failed) {
        char tmp[512];
        snprintf(tmp, sizeof tmp, "%s", err);
        snprintf(err, errlen, "%s: %s", path, tmp);
        pb_csvin_free(out);
        return -1;
    }
    return 0;
}

void pb_csvin_free(pb_csvin_series *s)
{
    free(s->t);
    free(s->y);
    free(s->dy);
    s->t = s->y = s->dy = NULL;
    s->n = 0;
}

void pb_csvin_describe(const pb_csvin_series *s, const char *path, FILE *f)
{
    /* Names come from the file: the line is written with its control bytes escaped. */
    char *line = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&line, &len);
    if (!m)
        return;
    fprintf(m, "%s: %zu rows, %zu points (time '%s', value '%s'", path, s->rows, s->n, s->time_name, s->value_name);
    if (s->dy)
        fprintf(m, ", error '%s'", s->err_name);
    fputc(')', m);
    if (s->skipped)
        fprintf(m, "; %zu rows without a time or a value%s skipped", s->skipped, s->dy ? " or an error" : "");
    if (s->was_unsorted)
        fprintf(m, "; sorted by time");
    if (s->duplicates)
        fprintf(m, "; %zu duplicate times averaged%s", s->duplicates, s->dy ? " (weighted by 1/error^2)" : "");
    if (s->dates)
        fprintf(m, "; dates converted to days since the first sample");
    if (s->value_scale != 1.0)
        fprintf(m, "; values divided by 2^%d for the arithmetic (amplitudes and predictions are in the file's units, "
                "the method's own note in the divided ones)", ilogb(s->value_scale));
    if (fclose(m) == 0) {
        fputs("periodbench: ", f);
        pb_escape_write(f, line, len);
        fputc('\n', f);
    }
    free(line);
}
