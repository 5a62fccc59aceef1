#include "bench/pb_bench_timing.h"

#include <sys/resource.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "base/pb_timer.h"

void pb_bench_emit(const pb_bench_sink *o, const char *bench, const char *params, const char *metric, double value,
                   const char *unit)
{
    o->emit(o->ctx, bench, params, metric, value, unit);
}

void pb_bench_emit_timing(const pb_bench_sink *o, const char *bench, const char *params, double med, double lo,
                          double hi)
{
    pb_bench_emit(o, bench, params, "seconds_median", med, "s");
    pb_bench_emit(o, bench, params, "seconds_min", lo, "s");
    pb_bench_emit(o, bench, params, "seconds_max", hi, "s");
}

void pb_bench_time(void (*fn)(void *ctx), void *ctx, int repeat, double *median, double *lo, double *hi)
{
    double t[PB_BENCH_MAX_REPEAT];
    repeat = repeat < 1 ? 1 : repeat > PB_BENCH_MAX_REPEAT ? PB_BENCH_MAX_REPEAT : repeat;
    fn(ctx); /* warm-up */
    for (int r = 0; r < repeat; r++) {
        double a = pb_timer_wall();
        fn(ctx);
        t[r] = pb_timer_wall() - a;
    }
    gsl_sort(t, 1, (size_t)repeat);
    *median = gsl_stats_median_from_sorted_data(t, 1, (size_t)repeat);
    *lo = t[0];
    *hi = t[repeat - 1];
}

double pb_bench_max_rss_mb(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_maxrss / 1024.0;
}
