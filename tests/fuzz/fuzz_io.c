#define _GNU_SOURCE
#include "fuzz_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli/pb_out.h"

int pb_fuzz_file(const uint8_t *data, size_t size, char *path, size_t len)
{
    int fd = memfd_create("pb-fuzz-input", 0);
    if (fd < 0 || write(fd, data, size) != (ssize_t)size)
        abort();
    snprintf(path, len, "/proc/self/fd/%d", fd);
    return fd;
}

/* The whole of a memfd, NUL-terminated. */
static char *slurp(int fd)
{
    off_t n = lseek(fd, 0, SEEK_END);
    char *s = malloc((size_t)n + 1);
    if (!s || pread(fd, s, (size_t)n, 0) != n)
        abort();
    s[n] = '\0';
    close(fd);
    return s;
}

pb_fuzz_outcome pb_fuzz_run(int (*command)(int, char **), int argc, char **argv)
{
    int out = memfd_create("pb-fuzz-stdout", 0), err = memfd_create("pb-fuzz-stderr", 0);
    int saved_out = dup(STDOUT_FILENO), saved_err = dup(STDERR_FILENO);
    if (out < 0 || err < 0 || saved_out < 0 || saved_err < 0)
        abort();
    fflush(stdout);
    fflush(stderr);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    pb_fuzz_outcome o = {command(argc, argv), NULL, NULL};
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, STDOUT_FILENO);
    dup2(saved_err, STDERR_FILENO);
    close(saved_out);
    close(saved_err);
    o.out = slurp(out);
    o.err = slurp(err);
    return o;
}

void pb_fuzz_check(pb_fuzz_outcome *o, const char *what)
{
    const char *broken = NULL;
    if (o->status != 0 && o->status != 2)
        broken = "an exit status other than 0 and 2";
    else if (o->status == 0 && pb_out_has_non_finite(o->out))
        broken = "exit status 0 with a non-finite number in the answer";
    else if (o->status == 2 && !strstr(o->err, "periodbench: "))
        broken = "exit status 2 without a 'periodbench: ' message";
    if (broken) {
        fprintf(stderr, "contract broken by %s: %s (status %d)\n--- stdout:\n%.2000s\n--- stderr:\n%.2000s\n", what,
                broken, o->status, o->out, o->err);
        abort();
    }
    free(o->out);
    free(o->err);
}
