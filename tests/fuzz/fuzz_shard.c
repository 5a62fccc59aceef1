/* The shard record reader (what merge reads from DIR/shard.txt before any
 * program may start) on arbitrary bytes: it either fails with a message, or
 * returns a record that keeps its promises - 0 <= index < count, argv
 * NULL-terminated with argc strings - and frees cleanly. A broken promise
 * aborts. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "harness/pb_shard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *why)
{
    fprintf(stderr, "pb_shard_read broke its promise: %s\n", why);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char dir[64] = "";
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/pb-fuzz-shard-XXXXXX");
        if (!mkdtemp(dir))
            abort();
    }
    char path[128], err[4400] = "";
    snprintf(path, sizeof path, "%s/shard.txt", dir);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    pb_shard_record r;
    if (pb_shard_read(dir, &r, err, sizeof err) == 0) {
        if (!(r.count >= 1 && r.index >= 0 && r.index < r.count))
            broken("an index outside 0 .. count - 1");
        if (r.argc < 0 || (r.argc > 0 && (!r.argv || r.argv[r.argc] != NULL)))
            broken("argv not NULL-terminated after argc strings");
        for (int i = 0; i < r.argc; i++)
            if (!r.argv[i])
                broken("a missing argument");
        pb_shard_record_free(&r);
    } else if (!err[0]) {
        broken("a failure without a message");
    }
    return 0;
}
