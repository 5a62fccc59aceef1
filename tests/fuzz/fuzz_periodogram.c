/* periodbench periodogram on arbitrary bytes as the CSV file: the first
 * byte chooses the options (method, harmonics, error column, band), the
 * rest is the file. The bad-input contract must hold for every input. Each
 * unit's work is bounded so that the fuzzer explores inputs rather than
 * long grids: a given band comes with 2,000 frequencies, the exact sums
 * (O(N M) by design) with 1,000; the automatic grid (2.5 N frequencies by
 * default) is what the other units use. The commands' own caps on large
 * grids are tested in tests/cli/test_bad_input.c. */
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include "cli/pb_commands.h"
#include "fuzz_io.h"

static char *const methods[] = {"lomb-scargle", "ls-direct", "periodogram"};
static char *const nterms[] = {"1", "2", "3", "1"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t a = data[0];
    char path[64];
    int fd = pb_fuzz_file(data + 1, size - 1, path, sizeof path);
    char *argv[20];
    int argc = 0;
    argv[argc++] = "periodogram";
    argv[argc++] = path;
    argv[argc++] = "--method";
    argv[argc++] = methods[a % 3];
    argv[argc++] = "--nterms";
    argv[argc++] = nterms[(a / 3) % 4];
    if (a & 0x10) {
        argv[argc++] = "--err-col";
        argv[argc++] = "3";
    }
    if (a % 3 == 1) { /* ls-direct: 1,000 frequencies from 0.001 (the band below may move its ends) */
        argv[argc++] = "--nfreq";
        argv[argc++] = "1000";
        argv[argc++] = "--fmin";
        argv[argc++] = "0.001";
    }
    if (a & 0x20) {
        argv[argc++] = "--fmin";
        argv[argc++] = "0.01";
        argv[argc++] = "--fmax";
        argv[argc++] = "0.4";
        argv[argc++] = "--nfreq";
        argv[argc++] = "2000";
    }

    argv[argc] = NULL;
    pb_fuzz_outcome o = pb_fuzz_run(pb_cmd_periodogram, argc, argv);
    pb_fuzz_check(&o, "periodogram");
    close(fd);
    return 0;
}
