/* What the fuzz harnesses share: the fuzzer's bytes as a file, a command
 * run in-process with its stdout and stderr captured, and the bad-input
 * contract checked on the outcome (a violation aborts: the fuzzer keeps the
 * input as a crash). Built only by `make fuzz`, with clang's libFuzzer. */
#ifndef PB_FUZZ_IO_H
#define PB_FUZZ_IO_H

#include <stddef.h>
#include <stdint.h>

/* The bytes as a file; its path ("/proc/self/fd/N") into path. Returns the
 * descriptor (close it when done). */
int pb_fuzz_file(const uint8_t *data, size_t size, char *path, size_t len);

typedef struct pb_fuzz_outcome {
    int status;
    char *out, *err; /* what it wrote, NUL-terminated (free both) */
} pb_fuzz_outcome;

/* Runs command(argc, argv) with stdout and stderr captured. */
pb_fuzz_outcome pb_fuzz_run(int (*command)(int, char **), int argc, char **argv);

/* The contract: exit status 0 or 2; 0 only with finite numbers on stdout;
 * 2 only with a "periodbench: " message on stderr. Aborts otherwise, after
 * printing what happened. Frees the outcome. */
void pb_fuzz_check(pb_fuzz_outcome *o, const char *what);

#endif
