/* pb_bench_timing: how every benchmark times and reports. A timing is one
 * warm-up, then the median and the min-max of repeat runs; a figure goes to
 * a sink (the command line prints it), one row per figure:
 * benchmark, params, metric, value, unit. Benchmarks assert nothing. */
#ifndef PB_BENCH_TIMING_H
#define PB_BENCH_TIMING_H

#define PB_BENCH_MAX_REPEAT 101

typedef struct pb_bench_sink {
    void (*emit)(void *ctx, const char *bench, const char *params, const char *metric, double value,
                 const char *unit);
    void *ctx;
} pb_bench_sink;

void pb_bench_emit(const pb_bench_sink *o, const char *bench, const char *params, const char *metric, double value,
                   const char *unit);
/* seconds_median, seconds_min and seconds_max. */
void pb_bench_emit_timing(const pb_bench_sink *o, const char *bench, const char *params, double med, double lo,
                          double hi);

/* Median and range of repeat (1 .. PB_BENCH_MAX_REPEAT) timings of fn(ctx), after one warm-up. */
void pb_bench_time(void (*fn)(void *ctx), void *ctx, int repeat, double *median, double *lo, double *hi);

/* The process's peak resident memory so far, MiB. */
double pb_bench_max_rss_mb(void);

#endif
