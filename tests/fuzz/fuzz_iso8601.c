/* The ISO 8601 parser on arbitrary text: it either refuses, or returns
 * a finite number of seconds that a date-time can have (years 0..9999,
 * within 14 hours of offset). A broken promise aborts. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/pb_iso8601.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[256];
    if (size >= sizeof text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    double seconds;
    if (pb_iso8601_parse(text, &seconds) == 0) {
        /* 0000-01-01 .. 9999-12-31T23:59:60, offsets up to 24 h either way */
        const double lo = -62167219200.0 - 86400.0, hi = 253402300800.0 + 86400.0;
        if (!isfinite(seconds) || seconds < lo || seconds > hi) {
            fprintf(stderr, "pb_iso8601_parse('%s') = %.17g: not a date's seconds\n", text, seconds);
            abort();
        }
    }
    return 0;
}
