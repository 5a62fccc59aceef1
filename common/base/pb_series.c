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

int pb_series_check_variation(const pb_series *s, char *msg, size_t msglen)
{
    double spread = 0, size = 0, mean = 0;
    for (size_t i = 0; i < s->n; i++)
        mean += s->y[i] / (double)s->n;
    for (size_t i = 0; i < s->n; i++) {
        spread = fmax(spread, fabs(s->y[i] - mean));
        size = fmax(size, fabs(s->y[i]));
    }
    int equal = 1;
    for (size_t i = 1; i < s->n && equal; i++)
        equal = s->y[i] == s->y[0];
    if (equal) {
        snprintf(msg, msglen, "all %zu values are equal: nothing varies, so no period", s->n);
        return -1;
    }
    if (spread <= PB_SERIES_MIN_RELATIVE_SPREAD * size) {
        snprintf(msg, msglen, "the values vary by at most %.3g of their size: a variance that double arithmetic "
                 "cannot resolve, so no period (subtract a constant from them first)", spread / size);
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

pb_prior pb_prior_for_series(const pb_series *s)
{
    double span = pb_series_time_span(s);
    pb_prior prior = {2.0 / span, (double)(s->n - 1) / (2.0 * span), 0, pb_series_uniform_step(s)};
    prior.uniform = prior.dt > 0;
    return prior;
}
