#include "base/pb_series.h"

#include <math.h>
#include <stdio.h>

int pb_series_check(const pb_series *s, size_t min_points, char *msg, size_t msglen)
{
    if (!s || s->n == 0 || !s->t || !s->y) {
        snprintf(msg, msglen, "empty series");
        return -1;
    }
    if (s->n < min_points) {
        snprintf(msg, msglen, "too few points: %zu, need at least %zu", s->n, min_points);
        return -1;
    }
    for (size_t i = 0; i < s->n; i++) {
        if (!isfinite(s->t[i]) || !isfinite(s->y[i])) {
            snprintf(msg, msglen, "non-finite value at sample %zu", i);
            return -1;
        }
        if (s->dy && !(s->dy[i] > 0 && isfinite(1.0 / (s->dy[i] * s->dy[i])))) {
            snprintf(msg, msglen, "error %g at sample %zu is not a positive finite number", s->dy[i], i);
            return -1;
        }
        if (i > 0 && s->t[i] < s->t[i - 1]) {
            snprintf(msg, msglen, "times not sorted at sample %zu", i);
            return -1;
        }
    }
    if (s->t[s->n - 1] <= s->t[0]) {
        snprintf(msg, msglen, "all sample times are equal");
        return -1;
    }
    return 0;
}

double pb_series_time_span(const pb_series *s)
{
    return s->n ? s->t[s->n - 1] - s->t[0] : 0.0;
}

/* Largest relative deviation of a step from dt accepted as uniform sampling. */
#define UNIFORM_TOLERANCE 1e-9

int pb_series_is_uniform(const pb_series *s, double dt, size_t *first_off)
{
    if (!(dt > 0)) {
        if (first_off)
            *first_off = 0;
        return 0;
    }
    for (size_t i = 0; i < s->n; i++)
        if (fabs(s->t[i] - (s->t[0] + (double)i * dt)) > UNIFORM_TOLERANCE * dt * (double)(i + 1)) {
            if (first_off)
                *first_off = i;
            return 0;
        }
    return 1;
}

double pb_values_variance(const double *y, size_t n)
{
    if (n == 0)
        return 0.0;
    double mean = 0, ss = 0;
    for (size_t i = 0; i < n; i++)
        mean += y[i] / (double)n;
    for (size_t i = 0; i < n; i++)
        ss += (y[i] - mean) * (y[i] - mean);
    return ss / (double)n;
}

double pb_series_uniform_step(const pb_series *s)
{
    if (s->n < 2)
        return 0;
    double dt = pb_series_time_span(s) / (double)(s->n - 1);
    return dt > 0 && pb_series_is_uniform(s, dt, NULL) ? dt : 0;
}
