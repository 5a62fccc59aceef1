#include "io/pb_csv_lines.h"

#include <string.h>

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int is_terminator(char c)
{
    return c == '\r' || c == '\n';
}

/* One row's text [p, end) (no terminator inside; end is at the terminator,
 * or at the buffer's end when the row is the unterminated last). */
static void split_row(const char *p, const char *end, int terminator, pb_csv_field_fn on_field,
                      pb_csv_row_fn on_row, void *data)
{
    while (p < end && is_blank(*p))
        p++;
    if (p == end)
        return; /* blank: libcsv submits no row */
    for (;;) {
        while (p < end && is_blank(*p))
            p++;
        const char *start = p;
        while (p < end && *p != ',')
            p++;
        const char *stop = p;
        while (stop > start && is_blank(stop[-1]))
            stop--;
        on_field((void *)start, (size_t)(stop - start), data);
        if (p == end)
            break;
        p++; /* the comma: a field follows, if only an empty one */
    }
    on_row(terminator, data);
}

size_t pb_csv_lines_split(const char *buf, size_t len, int at_eof, pb_csv_field_fn on_field, pb_csv_row_fn on_row,
                          void *data, int *quoted)
{
    *quoted = 0;
    size_t pos = 0;
    while (pos < len) {
        size_t end = pos;
        while (end < len && !is_terminator(buf[end]))
            end++;
        if (end == len && !at_eof)
            break; /* an incomplete row: the next buffer completes it */
        if (memchr(buf + pos, '"', end - pos)) {
            *quoted = 1;
            break;
        }
        split_row(buf + pos, buf + end, end < len ? (unsigned char)buf[end] : -1, on_field, on_row, data);
        pos = end < len ? end + 1 : end;
    }
    return pos;
}
