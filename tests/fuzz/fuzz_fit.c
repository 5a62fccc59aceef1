/* periodbench fit on arbitrary bytes as the CSV file: the first two bytes
 * choose the options (method, trend, periods, error column, output form),
 * the rest is the file. The bad-input contract must hold for every input. */
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include "cli/pb_commands.h"
#include "fuzz_io.h"

static char *const methods[] = {"nlls", "lomb-scargle", "ls-direct", "periodogram", "fold", "ls-coherent"};
static char *const trends[] = {"linear", "none", "quadratic"};
static char *const periods[] = {NULL, "1", "2", "3"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    uint8_t a = data[0], b = data[1];
    char path[64];
    int fd = pb_fuzz_file(data + 2, size - 2, path, sizeof path);
    char *argv[16];
    int argc = 0;
    argv[argc++] = "fit";
    argv[argc++] = path;
    argv[argc++] = "--method";
    argv[argc++] = methods[a % 6];
    argv[argc++] = "--detrend";
    argv[argc++] = trends[(a / 6) % 3];
    if (periods[b % 4]) {
        argv[argc++] = "--periods";
        argv[argc++] = periods[b % 4];
    }
    if (b & 4)
        argv[argc++] = "--csv";
    if ((b & 8) && (a % 6) < 3) { /* the methods that take errors */
        argv[argc++] = "--err-col";
        argv[argc++] = "3";
    }
    argv[argc] = NULL;
    pb_fuzz_outcome o = pb_fuzz_run(pb_cmd_fit, argc, argv);
    pb_fuzz_check(&o, "fit");
    close(fd);
    return 0;
}
