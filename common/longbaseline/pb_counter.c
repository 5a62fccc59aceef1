#include "longbaseline/pb_counter.h"

#include <math.h>
#include <stdlib.h>

/* Rounds of unwrapping the cycles and re-solving (the cycle counts settle in
 * one or two when the frequency is good). */
#define COUNTER_ROUNDS 4
/* Bisection steps on the slope of the spread: the bracket, half a step over
 * the span, shrinks below a double's resolution of a. */
#define COUNTER_BISECTIONS 64

/* The spread max_i(z_i - a tau_i) - min_i(...) at a; its slope's sign
 * (-tau of the max plus tau of the min) in *slope, lo and hi the extremes. */
static double spread_at(const double *tau, const double *z, size_t n, double a, double *slope, double *lo,
                        double *hi)
{
    size_t imax = 0, imin = 0;
    double vmax = -INFINITY, vmin = INFINITY;
    for (size_t i = 0; i < n; i++) {
        double v = z[i] - a * tau[i];
        if (v > vmax) {
            vmax = v;
            imax = i;
        }
        if (v < vmin) {
            vmin = v;
            imin = i;
        }
    }
    *slope = tau[imin] - tau[imax];
    *lo = vmax; /* c >= z_i - a tau_i for every i */
    *hi = vmin + 1.0;
    return vmax - vmin;
}

/* The step index z_i of each point: its level plus K times its cycle,
 * the cycle read off the line a tau + c (nearest whole cycle). Returns how
 * many changed. */
static size_t unwrap(const pb_series *s, const double *tau, double base, long k, double a, double c, double *z)
{
    size_t changed = 0;
    for (size_t i = 0; i < s->n; i++) {
        double level = s->y[i] - base, u = a * tau[i] + c;
        double zi = level + (double)k * round((u - level - 0.5) / (double)k);
        changed += !(zi == z[i]);
        z[i] = zi;
    }
    return changed;
}

/* The widest-margin line for fixed z on a in [a0 - width, a0 + width]. */
static double best_slope(const double *tau, const double *z, size_t n, double a0, double width, double *c,
                         double *spread)
{
    double lo_a = a0 - width, hi_a = a0 + width, slope, lo, hi;
    for (int it = 0; it < COUNTER_BISECTIONS; it++) {
        double mid = 0.5 * (lo_a + hi_a);
        spread_at(tau, z, n, mid, &slope, &lo, &hi);
        if (slope > 0)
            hi_a = mid; /* the spread rises with a: the minimum is below */
        else
            lo_a = mid;
    }
    double a = 0.5 * (lo_a + hi_a);
    *spread = spread_at(tau, z, n, a, &slope, &lo, &hi);
    *c = 0.5 * (lo + hi);
    return a;
}

/* One direction: a starts at a0 (steps per time unit). 0 if it holds. */
static int fit_direction(const pb_series *s, const double *tau, double span, double base, long k, double a0,
                         double *z, pb_counter *out)
{
    /* c from the circular mean of level + 1/2 - a tau (each point's own guess) */
    double sx = 0, sy = 0;
    for (size_t i = 0; i < s->n; i++) {
        double th = 2.0 * M_PI * (s->y[i] - base + 0.5 - a0 * tau[i]) / (double)k;
        sx += cos(th);
        sy += sin(th);
    }
    double a = a0, c = atan2(sy, sx) * (double)k / (2.0 * M_PI), spread = INFINITY;
    /* a may move by half a step over the span and still unwrap the same */
    double width = 0.5 / span;
    for (size_t i = 0; i < s->n; i++)
        z[i] = NAN;
    for (int round = 0; round < COUNTER_ROUNDS; round++) {
        if (unwrap(s, tau, base, k, a, c, z) == 0)
            break; /* the cycle counts settled: the same line again */
        a = best_slope(tau, z, s->n, a, width, &c, &spread);
        width *= 0.5;
    }
    if (!(spread < 1.0))
        return 1;
    *out = (pb_counter){a, c, 0, base, k, 1.0 - spread};
    return 0;
}

int pb_counter_fit(const pb_series *s, double f, double t_ref, pb_counter *out)
{
    if (s->n < 4 || !(f > 0))
        return 1;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < s->n; i++) {
        if (s->y[i] != floor(s->y[i]) || !isfinite(s->y[i]))
            return 1;
        lo = fmin(lo, s->y[i]);
        hi = fmax(hi, s->y[i]);
    }
    if (!(hi - lo >= 1) || hi - lo >= PB_COUNTER_MAX_LEVELS)
        return 1;
    long k = (long)(hi - lo) + 1;
    double *tau = malloc(s->n * sizeof *tau), *z = malloc(s->n * sizeof *z), span = 0;
    if (!tau || !z) {
        free(tau);
        free(z);
        return -1;
    }
    for (size_t i = 0; i < s->n; i++) {
        tau[i] = s->t[i] - t_ref;
        span = fmax(span, fabs(tau[i]));
    }
    int rc = 1;
    if (span > 0)
        for (int sign = 1; sign >= -1 && rc != 0; sign -= 2)
            rc = fit_direction(s, tau, span, lo, k, sign * (double)k * f, z, out);
    out->t_ref = t_ref;
    free(tau);
    free(z);
    return rc;
}

double pb_counter_eval(const pb_counter *m, double t)
{
    double u = floor(m->a * (t - m->t_ref) + m->c), k = (double)m->levels;
    return m->base + (u - k * floor(u / k));
}

double pb_counter_freq(const pb_counter *m)
{
    return fabs(m->a) / (double)m->levels;
}
