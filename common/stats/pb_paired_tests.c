#include "stats/pb_paired_tests.h"

#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_cdf.h>

double pb_sign_test(size_t b, size_t c)
{
    size_t n = b + c, k = b < c ? b : c;
    if (n == 0)
        return 1.0;
    return fmin(1.0, 2.0 * gsl_cdf_binomial_P((unsigned)k, 0.5, (unsigned)n));
}

typedef struct {
    double mag;
    int positive;
} signed_mag;

static int by_mag(const void *a, const void *b)
{
    double x = ((const signed_mag *)a)->mag, y = ((const signed_mag *)b)->mag;
    return (x > y) - (x < y);
}

/* P(W <= w) and P(W >= w) for W the sum of a random subset of the
 * (doubled, integer) ranks r[0..n): each rank in it with probability 1/2. */
static int exact_tails(const long *r, size_t n, long w, double *below, double *above)
{
    long total = 0;
    for (size_t i = 0; i < n; i++)
        total += r[i];
    double *p = calloc((size_t)total + 1, sizeof *p);
    if (!p)
        return -1;
    p[0] = 1.0;
    long reach = 0;
    for (size_t i = 0; i < n; i++) {
        for (long s = reach; s >= 0; s--) {
            double half = p[s] / 2;
            p[s] = half;
            p[s + r[i]] += half;
        }
        reach += r[i];
    }
    *below = *above = 0;
    for (long s = 0; s <= total; s++) {
        if (s <= w)
            *below += p[s];
        if (s >= w)
            *above += p[s];
    }
    free(p);
    return 0;
}

double pb_wilcoxon_signed_rank(const double *d, size_t n)
{
    signed_mag *v = malloc((n ? n : 1) * sizeof *v);
    long *r2 = malloc((n ? n : 1) * sizeof *r2);
    if (!v || !r2) {
        free(v), free(r2);
        return NAN;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (d[i] != 0 && !isnan(d[i]))
            v[m++] = (signed_mag){fabs(d[i]), d[i] > 0};
    qsort(v, m, sizeof *v, by_mag);
    long w2 = 0;         /* twice the sum of the positive differences' ranks */
    double ties = 0;     /* sum of t^3 - t over groups of equal magnitudes */
    for (size_t a = 0, b; a < m; a = b) {
        for (b = a + 1; b < m && v[b].mag == v[a].mag; b++)
            ;
        long doubled_mean_rank = (long)(a + 1 + b); /* ranks a+1 .. b: their mean, doubled */
        double t = (double)(b - a);
        ties += t * t * t - t;
        for (size_t i = a; i < b; i++) {
            r2[i] = doubled_mean_rank;
            w2 += v[i].positive ? doubled_mean_rank : 0;
        }
    }
    double p = 1.0;
    if (m > 0 && m <= PB_WILCOXON_EXACT_MAX) {
        double below, above;
        p = exact_tails(r2, m, w2, &below, &above) == 0 ? fmin(1.0, 2.0 * fmin(below, above)) : NAN;
    } else if (m > 0) {
        double mm = (double)m, mean = mm * (mm + 1) / 4;
        double var = mm * (mm + 1) * (2 * mm + 1) / 24 - ties / 48;
        double dev = fabs((double)w2 / 2 - mean) - 0.5;
        p = var > 0 ? fmin(1.0, 2.0 * gsl_cdf_ugaussian_Q(fmax(dev, 0.0) / sqrt(var))) : 1.0;
    }
    free(v), free(r2);
    return p;
}

typedef struct {
    double p;
    size_t at;
} indexed_p;

static int by_p(const void *a, const void *b)
{
    double x = ((const indexed_p *)a)->p, y = ((const indexed_p *)b)->p;
    return (x > y) - (x < y);
}

void pb_holm(double *p, size_t n)
{
    indexed_p *s = malloc((n ? n : 1) * sizeof *s);
    if (!s) {
        for (size_t i = 0; i < n; i++)
            p[i] = fmin(1.0, p[i] * (double)n); /* Bonferroni: never below Holm's */
        return;
    }
    for (size_t i = 0; i < n; i++)
        s[i] = (indexed_p){p[i], i};
    qsort(s, n, sizeof *s, by_p);
    double running = 0;
    for (size_t j = 0; j < n; j++) {
        running = fmax(running, fmin(1.0, (double)(n - j) * s[j].p));
        p[s[j].at] = running;
    }
    free(s);
}
