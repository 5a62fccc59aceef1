/* pb_csv_lines against libcsv itself: random quote-free CSV text (fields of
 * digits, letters, spaces, tabs, a BOM; rows ending in LF, CR or CRLF; blank
 * and empty rows; with and without a final terminator), read in random
 * chunks, gives the same calls in the same order; a quote hands over at the
 * start of its row. */
#include <criterion/criterion.h>
#include <csv.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_rng.h>

#include "io/pb_csv_lines.h"

typedef struct calls {
    char log[1 << 16];
    size_t len;
} calls;

static void log_field(void *text, size_t len, void *data)
{
    calls *c = data;
    c->len += (size_t)snprintf(c->log + c->len, sizeof c->log - c->len, "F%zu:%.*s|", len, (int)len, (char *)text);
}

static void log_row(int terminator, void *data)
{
    calls *c = data;
    c->len += (size_t)snprintf(c->log + c->len, sizeof c->log - c->len, "R%d|", terminator);
}

static size_t random_csv(gsl_rng *r, char *out, size_t cap)
{
    static const char *const pieces[] = {"1", "23", "4.5e-3", "-7", "abc", " ", "\t", "  x y ", ",", ",", ",",
                                         "\n", "\r\n", "\r", "\n\n", " \t \n", "NA", "\xEF\xBB\xBF", "\v"};
    size_t n = 0, k = 1 + gsl_rng_uniform_int(r, 60);
    for (size_t j = 0; j < k; j++) {
        const char *p = pieces[gsl_rng_uniform_int(r, sizeof pieces / sizeof pieces[0])];
        size_t l = strlen(p);
        if (n + l + 1 >= cap)
            break;
        memcpy(out + n, p, l);
        n += l;
    }
    out[n] = '\0';
    return n;
}

static void with_libcsv(const char *text, size_t len, calls *c)
{
    struct csv_parser p;
    cr_assert_eq(csv_init(&p, CSV_APPEND_NULL), 0);
    cr_assert_eq(csv_parse(&p, text, len, log_field, log_row, c), len);
    csv_fini(&p, log_field, log_row, c);
    csv_free(&p);
}

/* The splitter fed in chunks as a reader would: what it leaves is carried over. */
static void with_splitter(gsl_rng *r, const char *text, size_t len, calls *c)
{
    char buf[4096];
    size_t have = 0, fed = 0;
    int quoted;
    while (fed < len) {
        size_t chunk = 1 + gsl_rng_uniform_int(r, 16);
        if (chunk > len - fed)
            chunk = len - fed;
        memcpy(buf + have, text + fed, chunk);
        have += chunk, fed += chunk;
        size_t done = pb_csv_lines_split(buf, have, 0, log_field, log_row, c, &quoted);
        cr_assert(!quoted);
        memmove(buf, buf + done, have - done);
        have -= done;
    }
    size_t done = pb_csv_lines_split(buf, have, 1, log_field, log_row, c, &quoted);
    cr_assert_eq(done, have);
}

Test(csv_lines, same_calls_as_libcsv)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 8);
    static char text[2048];
    static calls a, b;
    for (int k = 0; k < 20000; k++) {
        size_t len = random_csv(r, text, sizeof text);
        a.len = b.len = 0;
        with_libcsv(text, len, &a);
        with_splitter(r, text, len, &b);
        cr_assert_str_eq(b.log, a.log, "text '%s'", text);
    }
    gsl_rng_free(r);
}

Test(csv_lines, a_quote_stops_at_the_start_of_its_row)
{
    static const char text[] = "t,y\n1,2\r\n3,\"4\"\n5,6\n";
    calls c = {.len = 0};
    int quoted;
    size_t done = pb_csv_lines_split(text, sizeof text - 1, 1, log_field, log_row, &c, &quoted);
    cr_assert(quoted);
    cr_assert_eq(done, strlen("t,y\n1,2\r\n"));
    cr_assert_str_eq(c.log, "F1:t|F1:y|R10|F1:1|F1:2|R13|");
}
