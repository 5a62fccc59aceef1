/* pb_phase_region: the interval of frequencies at a phase and of phases at a
 * frequency against checking every constraint, and the centroid against a
 * brute-force grid over (f, phi). The constraints are those of a step
 * profile: points whose phase f0 tau + phi0 lies within 0.02 cycles of an
 * edge, each bounded on the side of the edge it lies on. */
#include <criterion/criterion.h>
#include <math.h>
#include <gsl/gsl_rng.h>

#include "longbaseline/pb_phase_region.h"

enum { N = 400 };
static double tau[N], lo[N], hi[N];
static const double F0 = 0.0123, PHI0 = 0.31;

static size_t step_constraints(unsigned long seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    size_t n = 0;
    while (n < N) {
        double t = 2000.0 * (gsl_rng_uniform(r) - 0.5), u = F0 * t + PHI0, k = floor(u), v = u - k;
        if (v < 0.02) /* just after the edge at the cycle's start */
            tau[n] = t, lo[n] = k, hi[n] = k + 0.5, n++;
        else if (v > 0.98) /* just before the next */
            tau[n] = t, lo[n] = k + 0.5, hi[n] = k + 1, n++;
    }
    gsl_rng_free(r);
    return n;
}

static int feasible(size_t n, double f, double phi)
{
    for (size_t i = 0; i < n; i++) {
        double u = f * tau[i] + phi;
        if (u < lo[i] || u > hi[i])
            return 0;
    }
    return 1;
}

Test(phase_region, intervals_match_every_constraint)
{
    size_t n = step_constraints(1);
    double a, b;
    cr_assert(pb_phase_region_at(tau, lo, hi, n, PHI0, &a, &b));
    cr_assert(a <= F0 && F0 <= b);
    cr_assert(feasible(n, a + 1e-12 * F0, PHI0) && feasible(n, b - 1e-12 * F0, PHI0));
    cr_assert(!feasible(n, a - 1e-9 * F0, PHI0) && !feasible(n, b + 1e-9 * F0, PHI0));
    cr_assert(pb_phase_region_phases(tau, lo, hi, n, F0, &a, &b));
    cr_assert(a <= PHI0 && PHI0 <= b);
    cr_assert(feasible(n, F0, a + 1e-12) && feasible(n, F0, b - 1e-12));
    cr_assert(!feasible(n, F0, a - 1e-9) && !feasible(n, F0, b + 1e-9));
    cr_assert(!pb_phase_region_at(tau, lo, hi, n, PHI0 + 0.1, &a, &b), "a phase far off leaves no frequency");
}

Test(phase_region, centroid_matches_a_brute_force_grid)
{
    for (unsigned long seed = 1; seed <= 3; seed++) {
        size_t n = step_constraints(seed);
        pb_phase_region reg;
        cr_assert_eq(pb_phase_region_centroid(tau, lo, hi, n, PHI0, 0.01, 20000, &reg), 0);
        /* Brute force: the feasible cells of a grid about the truth. */
        const int G = 600;
        double fw = 0.02 / 1000.0, pw = 0.01, sf = 0, sp = 0, cnt = 0;
        for (int i = 0; i < G; i++)
            for (int j = 0; j < G; j++) {
                double f = F0 - fw + 2 * fw * (i + 0.5) / G, phi = PHI0 - pw + 2 * pw * (j + 0.5) / G;
                if (feasible(n, f, phi))
                    sf += f, sp += phi, cnt += 1;
            }
        cr_assert_gt(cnt, 20, "seed %lu: the grid sees the region (%g cells)", seed, cnt);
        /* the region's extent, for the tolerance: a few grid cells */
        cr_assert_lt(fabs(reg.f - sf / cnt), 3 * 2 * fw / G, "seed %lu: f %.10g against %.10g", seed, reg.f, sf / cnt);
        cr_assert_lt(fabs(reg.phi - sp / cnt), 3 * 2 * pw / G, "seed %lu: phi %.10g against %.10g", seed, reg.phi,
                     sp / cnt);
        cr_assert(reg.phi_lo <= PHI0 && PHI0 <= reg.phi_hi);
    }
    cr_assert_eq(pb_phase_region_centroid(tau, lo, hi, step_constraints(1), PHI0, 1e-6, 100, &(pb_phase_region){0}),
                 -1, "a scan inside the region touches its ends");
}
