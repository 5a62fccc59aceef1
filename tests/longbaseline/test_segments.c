/* pb_segments: the dynamic programme against brute force (every choice of
 * breakpoints on a small grid), a noiseless square wave recovered, and the
 * joint phase-frequency search landing near the centre of the region the
 * points allow (pb_phase_region, built from the truth). */
#include <criterion/criterion.h>
#include <math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "longbaseline/pb_phase_region.h"
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
    pb_segments_refine_edges(&s, &m, 1024, 1, 16);
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

Test(segments, joint_search_lands_near_the_centre_of_the_allowed_region)
{
    enum { N = 2048 };
    static double t[N], y[N], tau[N], lo[N], hi[N];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 11);
    const double f0 = 1.0 / 102.4, phi0 = 0.37, t_ref = 1024;
    for (size_t i = 0; i < N; i++) {
        t[i] = N * gsl_rng_uniform(r);
        tau[i] = t[i] - t_ref;
        double u = f0 * tau[i] + phi0, k = floor(u);
        int high = u - k < 0.3;
        y[i] = high + gsl_ran_gaussian(r, 0.05);
        lo[i] = high ? k : k + 0.3, hi[i] = high ? k + 0.3 : k + 1; /* where its phase may be */
    }
    gsl_rng_free(r);
    pb_phase_region reg;
    cr_assert_eq(pb_phase_region_centroid(tau, lo, hi, N, phi0, 0.01, 20000, &reg), 0);
    double a, b;
    cr_assert(pb_phase_region_at(tau, lo, hi, N, reg.phi, &a, &b));
    pb_series s = {N, t, y, NULL};
    pb_segments each[2];
    double f_start = f0 * (1 + 5e-5); /* its phases 5e-4 cycles off at the ends: outside the region */
    cr_assert(f_start > b);
    cr_assert_eq(pb_segments_fit_each(&s, f_start, t_ref, 2, 1024, each), 0);
    pb_segments m = each[1];
    pb_segments_refine_edges(&s, &m, 1024, 1, 16);
    cr_assert_gt(pb_segments_refine_joint(&s, &m, 1e-6, 1.0 / 1024, 10, 17), 0);
    /* The rising edge's phase at t_ref: v = 0 is the cut, the edge at
     * v = edge[j] where the level steps up. */
    double rise = m.level[0] > 0.5 ? 0.0 : m.edge[1], phi = -m.rotation - rise;
    phi -= round(phi - phi0);
    int wrong = 0;
    for (size_t i = 0; i < N; i++) {
        double u = f0 * tau[i] + phi0;
        wrong += fabs(pb_segments_eval(&m, t[i]) - (u - floor(u) < 0.3)) > 0.5;
    }
    cr_assert_eq(wrong, 0, "%d training points on the wrong side of an edge", wrong);
    double fa, fb;
    cr_assert(pb_phase_region_at(tau, lo, hi, N, phi, &fa, &fb) && fa <= m.freq && m.freq <= fb,
              "f %.12g, phase %.9g: outside the region", m.freq, phi);
    cr_assert_lt(fabs(m.freq - reg.f), 0.25 * (b - a), "f %.12g against the centroid's %.12g (width %.3g)", m.freq,
                 reg.f, b - a);
    cr_assert_lt(fabs(phi - reg.phi), 0.25 * (reg.phi_hi - reg.phi_lo), "phase %.9g against %.9g (width %.3g)", phi,
                 reg.phi, reg.phi_hi - reg.phi_lo);
}

/* The edge-move RSS from the points near the edge against refitting every
 * line with the edge moved (the cut too: the rotation moved, the other
 * breakpoints kept in place). */
Test(segments, edge_move_rss_matches_a_full_refit)
{
    enum { N = 3000 };
    static double t[N], y[N];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 12);
    const double f = 1.0 / 61.7;
    for (size_t i = 0; i < N; i++) {
        t[i] = 30 * 61.7 * gsl_rng_uniform(r);
        double u = f * t[i] + 0.1, v = u - floor(u);
        y[i] = (v < 0.3 ? 1.0 : v < 0.6 ? 2.0 * v : -0.5) + gsl_ran_gaussian(r, 0.05);
    }
    gsl_rng_free(r);
    pb_series s = {N, t, y, NULL};
    pb_segments each[3];
    cr_assert_eq(pb_segments_fit_each(&s, f, 900.0, 3, 256, each), 0);
    pb_segments m = each[2];
    double offset[9], rss[9];
    for (int j = 0; j < 9; j++)
        offset[j] = (j - 4) * 0.0011;
    for (size_t e = 0; e < m.k; e++) {
        cr_assert_eq(pb_segments_edge_rss(&s, &m, e, 0.0046, offset, 9, rss), 0);
        for (int j = 0; j < 9; j++) {
            pb_segments moved = m;
            if (e == 0) {
                moved.rotation = m.rotation + offset[j] - floor(m.rotation + offset[j]);
                for (size_t q = 1; q < m.k; q++)
                    moved.edge[q] = m.edge[q] - offset[j];
            } else {
                moved.edge[e] = m.edge[e] + offset[j];
            }
            pb_segments_refit_lines(&s, f, &moved);
            cr_assert_float_eq(rss[j], moved.rss, 1e-9 * moved.rss, "edge %zu, offset %g: %.12g against %.12g", e,
                               offset[j], rss[j], moved.rss);
        }
    }
}
