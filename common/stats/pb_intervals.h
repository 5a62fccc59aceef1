/* pb_intervals: 95 % intervals for what the summaries show. A rate k/n
 * gets Wilson's score interval (it stays inside [0, 1] and is not empty at
 * k = 0 or n, where the normal one is); a median, or an RMS, a bootstrap
 * percentile interval from a stream seeded by a key, so a rerun of the
 * same rows gives the same interval. */
#ifndef PB_INTERVALS_H
#define PB_INTERVALS_H

#include <stddef.h>

#define PB_Z95 1.959963984540054 /* the standard normal's 97.5 % quantile */
#define PB_BOOTSTRAP_RESAMPLES 2000

/* Wilson's score interval for k successes in n trials at z; NAN, NAN when n is 0. */
void pb_wilson(size_t k, size_t n, double z, double *lo, double *hi);

/* Which statistic a bootstrap interval is of. */
typedef enum { PB_STAT_MEDIAN, PB_STAT_RMS } pb_statistic;

/* The statistic of x[0..n) (n > 0; x is not changed). */
double pb_statistic_of(pb_statistic s, const double *x, size_t n);

/* The 2.5 % and 97.5 % percentiles of the statistic over
 * PB_BOOTSTRAP_RESAMPLES resamples of x[0..n) with replacement, drawn from
 * pb_rng_alloc(key, "bootstrap"). NAN, NAN when n is 0; x itself when n
 * is 1. Returns 0, or -1 when out of memory. */
int pb_bootstrap(pb_statistic s, const double *x, size_t n, const char *key, double *lo, double *hi);

#endif
