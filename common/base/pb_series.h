/* pb_series: what a method is given (a training series and a prior) and what
 * it can say back (estimated sinusoidal components). */
#ifndef PB_SERIES_H
#define PB_SERIES_H

#include <stddef.h>

/* One channel of samples y[i] at times t[i], i < n; t sorted ascending. */
typedef struct pb_series {
    size_t n;
    const double *t; /* time, in the task's unit */
    const double *y;
    /* The values' standard errors (finite, > 0; weights 1/dy^2), or NULL:
     * only a person's data through `periodbench fit --err-col` has them,
     * and only methods with uses_errors are given them. */
    const double *dy;
} pb_series;

/* What every method is told alike. */
typedef struct pb_prior {
    double fmin, fmax; /* the truth lies in [fmin, fmax], cycles per time unit; fmin >= 0 */
    int uniform;       /* 1 if t[i] = t[0] + i*dt exactly */
    double dt;         /* the sampling step when uniform, else 0 */
} pb_prior;

/* y = amp * cos(2 pi freq t + phase); freq in cycles per time unit, phase in
 * radians. freq_se: the standard error of freq a method reports with it
 * (same unit); 0 when it reports none. */
typedef struct pb_component {
    double freq, amp, phase;
    double freq_se;
} pb_component;

/* Checks what every fit needs: n >= min_points, finite t and y, t sorted.
 * Returns 0, or -1 with the reason in msg. Methods call it first and
 * return PB_BAD_INPUT on failure. */
int pb_series_check(const pb_series *s, size_t min_points, char *msg, size_t msglen);

/* Span t[n-1] - t[0] of the sample times. */
double pb_series_time_span(const pb_series *s);

/* Values whose spread about their mean is at most this share of their size
 * (1 + a few units in the last place) have no variance double arithmetic
 * resolves: every normalised power or fitted amplitude of them is rounding
 * noise (a power of 152.8; "periods" of amplitude 1e-16 at FAP 1e-82). */
#define PB_SERIES_MIN_RELATIVE_SPREAD 1e-12

/* Whether the values vary at all, and by more than double arithmetic
 * resolves. Returns 0, or -1 with msg saying which. */
int pb_series_check_variation(const pb_series *s, char *msg, size_t msglen);

/* Whether t[i] = t[0] + i dt for every sample, to 1e-9 of dt per step. If
 * not, *first_off (when not NULL) gets the first sample off that grid. */
int pb_series_is_uniform(const pb_series *s, double dt, size_t *first_off);

/* The sampling step (t[n-1] - t[0]) / (n - 1) if the times are uniform
 * (pb_series_is_uniform), else 0; 0 for n < 2. */
double pb_series_uniform_step(const pb_series *s);

/* The band a series allows when nothing else is known, fit's default:
 * from 2/T (at least two cycles in the span T) to (n - 1)/(2T) (the mean
 * Nyquist frequency), with the sampling step when uniform. n >= 2. */
pb_prior pb_prior_for_series(const pb_series *s);

/* Variance of y[0..n) about its mean (divided by n); 0 for n = 0. */
double pb_values_variance(const double *y, size_t n);

#endif
