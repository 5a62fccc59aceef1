/* pb_timer: monotonic wall-clock and process CPU time, in seconds. */
#ifndef PB_TIMER_H
#define PB_TIMER_H

#include <time.h>

static inline double pb_timer_wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static inline double pb_timer_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

#endif
