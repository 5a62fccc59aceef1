/* pb_paired_tests: exact tests for two methods run on the same trials
 * (same task, configuration and seed: the same data), and Holm's
 * correction for a family of them. */
#ifndef PB_PAIRED_TESTS_H
#define PB_PAIRED_TESTS_H

#include <stddef.h>

/* Two-sided exact sign test (McNemar's exact test on a 2 x 2 table of
 * paired successes): b pairs where only the first succeeded, c where only
 * the second did. 1 when b + c is 0. */
double pb_sign_test(size_t b, size_t c);

/* Two-sided Wilcoxon signed-rank test of paired differences d[0..n)
 * (zeros dropped, ties given their mean rank): exact (every sign
 * assignment counted) up to PB_WILCOXON_EXACT_MAX nonzero differences,
 * else the normal approximation with the ties' variance correction and a
 * continuity correction. 1 when no difference is nonzero; NAN when out
 * of memory. */
#define PB_WILCOXON_EXACT_MAX 60
double pb_wilcoxon_signed_rank(const double *d, size_t n);

/* Holm's step-down adjustment of p[0..n) in place: each p becomes the
 * smallest family-wise level at which its hypothesis is rejected. */
void pb_holm(double *p, size_t n);

#endif
