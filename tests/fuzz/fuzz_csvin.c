/* The CSV reader on arbitrary bytes (the first byte chooses the options):
 * it either fails with a message, or returns what it promises - at least
 * one point, finite times within +-1e100, values and errors finite (errors
 * > 0), and (unless reading times to predict at) times strictly increasing
 * after sorting and merging. A broken promise aborts. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "io/pb_csvin.h"
#include "fuzz_io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *why, size_t i)
{
    fprintf(stderr, "pb_csvin_read broke its promise: %s (point %zu)\n", why, i);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t a = data[0];
    char path[64], err[600] = "";
    int fd = pb_fuzz_file(data + 1, size - 1, path, sizeof path);
    pb_csvin_options opt = {a & 1 ? "time" : NULL, a & 2 ? "2" : NULL, a & 4 ? "3" : NULL, (a & 8) != 0, 0, 0};
    pb_csvin_series s;
    if (pb_csvin_read(path, &opt, &s, err, sizeof err) == 0) {
        if (s.n == 0)
            broken("no points", 0);
        for (size_t i = 0; i < s.n; i++) {
            if (!(fabs(s.t[i]) <= 1e100) || !isfinite(s.y[i]))
                broken("a time or value that is not finite or beyond 1e100", i);
            if (s.dy && !(s.dy[i] > 0 && isfinite(s.dy[i])))
                broken("an error that is not positive and finite", i);
            if (!opt.times_only && i > 0 && !(s.t[i] > s.t[i - 1]))
                broken("times not strictly increasing", i);
        }
        pb_csvin_describe(&s, path, stdout);
        pb_csvin_free(&s);
    } else if (!err[0]) {
        broken("a failure without a message", 0);
    }
    close(fd);
    return 0;
}
