/* The summaries' statistics against naive references: Wilson's interval
 * against the roots of its defining quadratic, the bootstrap against the
 * exact bootstrap distribution of a 3-point sample, the sign test against
 * a sum of binomial terms, the signed-rank test against all 2^n sign
 * assignments, Holm against its definition. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "stats/pb_intervals.h"
#include "stats/pb_paired_tests.h"

Test(stats, wilson_bounds_solve_the_score_equation)
{
    for (size_t n = 1; n <= 40; n++)
        for (size_t k = 0; k <= n; k++) {
            double lo, hi, z = PB_Z95, ph = (double)k / (double)n;
            pb_wilson(k, n, z, &lo, &hi);
            cr_assert(lo >= 0 && lo <= ph && ph <= hi && hi <= 1, "%zu/%zu: [%g, %g]", k, n, lo, hi);
            /* Each bound p solves (ph - p)^2 = z^2 p (1 - p) / n (k = 0 or n: the end at 0 or 1 is exact). */
            double ends[2] = {lo, hi};
            for (int e = 0; e < 2; e++) {
                double p = ends[e];
                if ((k == 0 && e == 0) || (k == n && e == 1))
                    cr_assert_eq(p, (double)e);
                else
                    cr_assert(fabs((ph - p) * (ph - p) - z * z * p * (1 - p) / (double)n) < 1e-12, "%zu/%zu", k, n);
            }
        }
    double lo, hi;
    pb_wilson(4, 5, PB_Z95, &lo, &hi); /* the example: 4/5 is 38 % to 96 % */
    cr_assert(fabs(lo - 0.3755) < 1e-3 && fabs(hi - 0.9638) < 1e-3, "[%g, %g]", lo, hi);
    pb_wilson(0, 0, PB_Z95, &lo, &hi);
    cr_assert(isnan(lo) && isnan(hi));
}

Test(stats, bootstrap_matches_the_exact_bootstrap_of_three_points)
{
    /* Of the 27 equally likely resamples of {1, 2, 3}, 7 have median 1 and
     * 7 have median 3 (26 % each): the 2.5 % and 97.5 % points are 1 and 3.
     * For the RMS, all-ones and all-threes have 1/27 = 3.7 % each. */
    const double x[3] = {2, 3, 1};
    for (int s = 0; s < 2; s++) {
        double lo, hi, lo2, hi2;
        cr_assert_eq(pb_bootstrap((pb_statistic)s, x, 3, "k", &lo, &hi), 0);
        cr_assert(lo == 1 && hi == 3, "statistic %d: [%g, %g]", s, lo, hi);
        cr_assert_eq(pb_bootstrap((pb_statistic)s, x, 3, "k", &lo2, &hi2), 0);
        cr_assert(lo == lo2 && hi == hi2, "the same key gives the same interval");
    }
    /* A wider sample: the interval holds the statistic, and depends on the key alone. */
    double y[25], lo, hi, lo2, hi2;
    for (int i = 0; i < 25; i++)
        y[i] = sin(1.7 * i * i) + 2;
    cr_assert_eq(pb_bootstrap(PB_STAT_MEDIAN, y, 25, "a", &lo, &hi), 0);
    double m = pb_statistic_of(PB_STAT_MEDIAN, y, 25);
    cr_assert(lo <= m && m <= hi && lo < hi, "%g [%g, %g]", m, lo, hi);
    cr_assert_eq(pb_bootstrap(PB_STAT_MEDIAN, y, 25, "a", &lo2, &hi2), 0);
    cr_assert(lo == lo2 && hi == hi2);
    cr_assert_eq(pb_bootstrap(PB_STAT_MEDIAN, y, 1, "a", &lo, &hi), 0);
    cr_assert(lo == y[0] && hi == y[0]);
    cr_assert_eq(pb_bootstrap(PB_STAT_MEDIAN, y, 0, "a", &lo, &hi), 0);
    cr_assert(isnan(lo) && isnan(hi));
    double r[4] = {3, -4, 0, 0}; /* RMS: sqrt(25 / 4) */
    cr_assert(fabs(pb_statistic_of(PB_STAT_RMS, r, 4) - 2.5) < 1e-15);
}

static double naive_sign(size_t b, size_t c)
{
    size_t n = b + c, k = b < c ? b : c;
    double tail = 0;
    for (size_t i = 0; i <= k; i++) {
        double term = 1;
        for (size_t j = 0; j < i; j++)
            term *= (double)(n - j) / (double)(j + 1);
        tail += term * pow(0.5, (double)n);
    }
    return fmin(1.0, 2 * tail);
}

Test(stats, sign_test_against_binomial_sums)
{
    cr_assert_eq(pb_sign_test(0, 0), 1.0);
    cr_assert(fabs(pb_sign_test(5, 0) - 0.0625) < 1e-15); /* the issue's: 5 of 5 paired wins */
    for (size_t b = 0; b <= 30; b++)
        for (size_t c = 0; c <= 30; c++)
            cr_assert(fabs(pb_sign_test(b, c) - naive_sign(b, c)) < 1e-12, "%zu, %zu", b, c);
}

/* All 2^m sign assignments of the nonzero |d|'s mean ranks. */
static double brute_wilcoxon(const double *d, size_t n)
{
    double mag[16], rank[16], w = 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (d[i] != 0)
            mag[m++] = fabs(d[i]);
    for (size_t i = 0; i < m; i++) {
        double less = 0, same = 0;
        for (size_t j = 0; j < m; j++) {
            less += mag[j] < mag[i];
            same += mag[j] == mag[i];
        }
        rank[i] = less + (same + 1) / 2;
    }
    for (size_t i = 0, k = 0; i < n; i++)
        if (d[i] != 0) {
            w += d[i] > 0 ? rank[k] : 0;
            k++;
        }
    if (m == 0)
        return 1;
    double below = 0, above = 0, total = pow(2, (double)m);
    for (unsigned long s = 0; s < (1ul << m); s++) {
        double v = 0;
        for (size_t i = 0; i < m; i++)
            v += (s >> i & 1) ? rank[i] : 0;
        below += v <= w + 1e-9;
        above += v >= w - 1e-9;
    }
    return fmin(1.0, 2 * fmin(below, above) / total);
}

Test(stats, signed_rank_against_every_sign_assignment)
{
    double d[14];
    for (int trial = 0; trial < 200; trial++) {
        size_t n = 1 + (size_t)trial % 14;
        for (size_t i = 0; i < n; i++) /* values on a coarse grid: ties and zeros */
            d[i] = round(4 * sin(3.1 * trial + 7.7 * (double)i * (double)i)) + (trial % 3 == 0 ? 0.5 : 0);
        double p = pb_wilcoxon_signed_rank(d, n), q = brute_wilcoxon(d, n);
        cr_assert(fabs(p - q) < 1e-12, "trial %d: %g against %g", trial, p, q);
    }
    double all_up[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    cr_assert(fabs(pb_wilcoxon_signed_rank(all_up, 8) - 2.0 / 256) < 1e-15);
    /* Past the exact limit, the normal approximation stays near the exact answer. */
    double big[80];
    for (int i = 0; i < 80; i++)
        big[i] = (i % 3 == 0 ? -1 : 1) * (1 + i);
    double p = pb_wilcoxon_signed_rank(big, 80);
    cr_assert(p > 0 && p < 1, "%g", p);
}

Test(stats, holm_against_its_definition)
{
    double p[7] = {0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 1e-4}, q[7];
    for (int i = 0; i < 7; i++)
        q[i] = p[i];
    pb_holm(q, 7);
    for (int i = 0; i < 7; i++) {
        /* The largest, over hypotheses ranked no later than i, of min(1, (n - rank) p). */
        double adj = 0;
        for (int j = 0; j < 7; j++) {
            int rank = 0; /* hypotheses strictly before j (ties by index) */
            for (int k = 0; k < 7; k++)
                rank += p[k] < p[j] || (p[k] == p[j] && k < j);
            int rank_i = 0;
            for (int k = 0; k < 7; k++)
                rank_i += p[k] < p[i] || (p[k] == p[i] && k < i);
            if (rank <= rank_i)
                adj = fmax(adj, fmin(1.0, (7 - rank) * p[j]));
        }
        cr_assert(fabs(q[i] - adj) < 1e-15, "%d: %g against %g", i, q[i], adj);
    }
}
