/* pb_bench_external: what the harness costs an external method
 * (methods/external/PROTOCOL.md), measured with a program that only echoes:
 * the round trip of a small trial, and the throughput of a 2^20-point
 * channel (a clock channel's size) through fit and predict. The program's
 * start-up is not counted, as in a run. */
#ifndef PB_BENCH_EXTERNAL_H
#define PB_BENCH_EXTERNAL_H

#include <stddef.h>

typedef struct pb_bench_external_result {
    double trial_seconds;   /* median fit + predict of 16 points, 200 times */
    double channel_seconds; /* median fit + predict of 2^20 points */
    double mb_per_second;   /* the bytes of that channel (4 arrays of 8 MiB) over its time */
} pb_bench_external_result;

/* Returns 0, or -1 with err (the program cannot be loaded or fails). */
int pb_bench_external(const char *program, int repeat, pb_bench_external_result *r, char *err, size_t errlen);

#endif
