/* pb_segments: the dynamic programme against brute force (every choice of
 * breakpoints on a small grid), and a noiseless square wave recovered. */
#include <criterion/criterion.h>
#include <math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "longbaseline/pb_segments.h"

/* RSS of one least-squares line through the points with rotated phase in [a, b). */
static double naive_line_rss(const double *v, const double *y, size_t n, double a, double b)
{
    double s0 = 0, s1 = 0, s2 = 0, sy = 0, svy = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i] >= a && v[i] < b)
            s0 += 1, s1 += v[i], s2 += v[i] * v[i], sy += y[i], svy += v[i] * y[i];
    if (s0 == 0)
        return 0;
    double det = s0 * s2 - s1 * s1, slope = det > 1e-12 * s0 * s0 ? (s0 * svy - s1 * sy) / det : 0;
    double level = (sy - slope * s1) / s0, rss = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i] >= a && v[i] < b) {
            double e = y[i] - level - slope * v[i];
            rss += e * e;
        }
    return rss;
}

Test(segments, dynamic_programme_matches_brute_force)
{
    enum { N = 300, G = 16 };
    static double t[N], y[N], v[N];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 9);
    for (size_t i = 0; i < N; i++) { /* f = 1: three levels and a ramp over five cycles */
        t[i] = 5.0 * gsl_rng_uniform(r);
        double u = t[i] - floor(t[i]);
        y[i] = (u < 0.3 ? 1.0 : u < 0.55 ? -0.5 : 2.0 * u - 1.0) + gsl_ran_gaussian(r, 0.05);
    }
    gsl_rng_free(r);
    pb_series s = {N, t, y, NULL};
    for (size_t max_k = 1; max_k <= 3; max_k++) {
        pb_segments m;
        cr_assert_eq(pb_segments_fit(&s, 1.0, 0.0, max_k, G, &m), 0);
        for (size_t i = 0; i < N; i++) {
            double w = t[i] - floor(t[i]) - m.rotation;
            v[i] = w - floor(w);
        }
        /* The best RSS with exactly m.k segments, every breakpoint choice on the grid. */
        double best = INFINITY;
        for (size_t a = 1; a < (m.k >= 2 ? G : 2); a++)
            for (size_t b = a + 1; b < (m.k >= 3 ? G : a + 2); b++) {
                double e[4] = {0, m.k >= 2 ? (double)a / G : 1, m.k >= 3 ? (double)b / G : 1, 1};
                double rss = 0;
                for (size_t j = 0; j < m.k; j++)
                    rss += naive_line_rss(v, y, N, e[j], j + 1 == m.k ? 1.0 : e[j + 1]);
                best = fmin(best, rss);
            }
        cr_assert(fabs(m.rss - best) <= 1e-9 * (1 + best), "max_k %zu, k %zu: rss %.12g, brute force %.12g", max_k,
                  m.k, m.rss, best);
    }
}

Test(segments, noiseless_square_is_recovered)
{
    enum { N = 4000 };
    static double t[N], y[N];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 4);
    double f = 1.0 / 97.3;
    for (size_t i = 0; i < N; i++) {
        t[i] = 40 * 97.3 * gsl_rng_uniform(r);
        double u = f * t[i] + 0.2;
        y[i] = u - floor(u) < 0.3 ? 1.0 : 0.0;
    }
    pb_series s = {N, t, y, NULL};
    pb_segments m;
    cr_assert_eq(pb_segments_fit(&s, f, t[0], 16, 1024, &m), 0);
    pb_segments_refine_edges(&s, &m, 1024, 16);
    cr_assert_leq(m.k, 3, "%zu segments for a square wave (two edges; the grid may add one)", m.k);
    cr_assert_lt(m.rss, 1e-18, "rss %g", m.rss);
    int wrong = 0;
    for (int i = 0; i < 2000; i++) {
        double tt = 40 * 97.3 * gsl_rng_uniform(r), u = f * tt + 0.2, truth = u - floor(u) < 0.3 ? 1.0 : 0.0;
        wrong += fabs(pb_segments_eval(&m, tt) - truth) > 1e-9;
    }
    gsl_rng_free(r);
    cr_assert_leq(wrong, 2, "%d of 2,000 fresh times mispredicted", wrong);
}
