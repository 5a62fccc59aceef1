/* pb_counter: the widest-margin line against a naive scan of slopes, a
 * counter's readings recovered exactly at fresh times far outside the
 * training span (counting up and down), and refusals: values that are not
 * integers, integers that are no counter, a frequency that is wrong. */
#include <criterion/criterion.h>
#include <math.h>
#include <gsl/gsl_rng.h>

#include "longbaseline/pb_counter.h"

enum { N = 2000 };
static double t[N], y[N];

/* N integer times over [0, span) and the readings of a K-level counter
 * advancing every `step` time units, up (dir 1) or down (dir -1). */
static void counter_series(unsigned long seed, double span, long k, double step, int dir)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    for (int i = 0; i < N; i++)
        t[i] = floor(span * gsl_rng_uniform(r));
    gsl_rng_free(r);
    for (int i = 0; i < N; i++) {
        double u = floor(t[i] / step) * dir;
        y[i] = 3 + (u - (double)k * floor(u / (double)k));
    }
}

static double reading(double time, long k, double step, int dir)
{
    double u = floor(time / step) * dir;
    return 3 + (u - (double)k * floor(u / (double)k));
}

Test(counter, recovers_a_counter_exactly_far_outside_the_window)
{
    for (int dir = 1; dir >= -1; dir -= 2) {
        const long k = 24;
        const double step = 3600, span = 3.8e9;
        counter_series(3 + (unsigned long)dir, span, k, step, dir);
        pb_series s = {N, t, y, NULL};
        pb_counter m;
        double f = 1.0 / (k * step) * (1 + 1e-11); /* a search's estimate, slightly off */
        cr_assert_eq(pb_counter_fit(&s, f, t[N / 2], &m), 0, "direction %d", dir);
        cr_assert_eq(m.levels, k);
        cr_assert_eq(pb_counter_freq(&m) > 0, 1);
        for (int i = 0; i < N; i++)
            cr_assert_eq(pb_counter_eval(&m, t[i]), y[i], "training point %d", i);
        /* fresh integer times in [-span, 2 span): the misread share is at most
         * the steps' share of ends no training point pinned (~1/N) */
        gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
        int wrong = 0, tests = 20000;
        for (int i = 0; i < tests; i++) {
            double tt = floor(-span + 3 * span * gsl_rng_uniform(r));
            wrong += pb_counter_eval(&m, tt) != reading(tt, k, step, dir);
        }
        gsl_rng_free(r);
        cr_assert_leq(wrong, tests / 1000, "direction %d: %d of %d misread", dir, wrong, tests);
    }
}

/* The spread the fit leaves is the smallest over slopes, for the cycle
 * counts it settled on: a scan of 20001 slopes across the unwrapping range
 * finds none smaller. */
Test(counter, margin_is_the_widest_a_scan_of_slopes_finds)
{
    const long k = 60;
    const double step = 60, span = 1e8;
    counter_series(7, span, k, step, 1);
    pb_series s = {N, t, y, NULL};
    double t_ref = t[N / 2];
    pb_counter m;
    cr_assert_eq(pb_counter_fit(&s, 1.0 / (k * step), t_ref, &m), 0);
    double best = INFINITY, width = 0.5 / span;
    for (int j = -10000; j <= 10000; j++) {
        double a = m.a + width * j / 10000.0, vmax = -INFINITY, vmin = INFINITY;
        for (int i = 0; i < N; i++) { /* the cycle counts of the fit's own line */
            double tau = t[i] - t_ref, lv = y[i] - 3, u = m.a * tau + m.c;
            double z = lv + k * round((u - lv - 0.5) / k), v = z - a * tau;
            vmax = fmax(vmax, v);
            vmin = fmin(vmin, v);
        }
        best = fmin(best, vmax - vmin);
    }
    cr_assert_geq(m.margin, 1.0 - best - 1e-9, "fit's margin %.6g, the scan's best %.6g", m.margin, 1.0 - best);
}

Test(counter, refuses_what_is_not_a_counter)
{
    pb_counter m;
    counter_series(11, 1e6, 10, 100, 1);
    pb_series s = {N, t, y, NULL};
    cr_assert_eq(pb_counter_fit(&s, 1.0 / 1000 * 1.37, t[0], &m), 1, "a wrong frequency");
    for (int i = 0; i < N; i++) /* a rounded sinusoid: integers, no counter */
        y[i] = round(5 * sin(2 * M_PI * t[i] / 1000));
    cr_assert_eq(pb_counter_fit(&s, 1.0 / 1000, t[0], &m), 1, "a rounded sinusoid");
    for (int i = 0; i < N; i++)
        y[i] = fmod(t[i], 1000) / 100 + 0.5;
    cr_assert_eq(pb_counter_fit(&s, 1.0 / 1000, t[0], &m), 1, "values that are not integers");
    for (int i = 0; i < N; i++)
        y[i] = 7;
    cr_assert_eq(pb_counter_fit(&s, 1.0 / 1000, t[0], &m), 1, "one level");
}
