#include "base/pb_status.h"

#include <string.h>

static const char *const status_names[PB_STATUS_COUNT] = {
    [PB_OK] = "ok",
    [PB_NO_CONVERGENCE] = "no-convergence",
    [PB_DIVERGED] = "diverged",
    [PB_UNSUPPORTED] = "unsupported",
    [PB_BAD_INPUT] = "bad-input",
    [PB_OUT_OF_MEMORY] = "oom",
    [PB_INTERNAL_ERROR] = "error",
    [PB_CRASHED] = "crashed",
    [PB_TIMEOUT] = "timeout",
};

const char *pb_status_name(pb_status s)
{
    if ((int)s < 0 || s >= PB_STATUS_COUNT)
        return "error";
    return status_names[s];
}

int pb_status_from_name(const char *name)
{
    for (int i = 0; i < PB_STATUS_COUNT; i++)
        if (strcmp(status_names[i], name) == 0)
            return i;
    return -1;
}

int pb_status_has_model(pb_status s)
{
    return s == PB_OK || s == PB_NO_CONVERGENCE;
}
