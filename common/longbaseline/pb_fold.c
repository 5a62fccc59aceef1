#include "longbaseline/pb_fold.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_phase.h"

static size_t bin_of(double phase, size_t bins)
{
    size_t b = (size_t)(phase * (double)bins);
    return b < bins ? b : bins - 1;
}

int pb_fold_work_alloc(pb_fold_work *w, size_t max_bins)
{
    w->max_bins = max_bins;
    w->sum = malloc(max_bins * sizeof *w->sum);
    w->sum2 = malloc(max_bins * sizeof *w->sum2);
    w->psum = malloc(max_bins * sizeof *w->psum);
    w->count = malloc(max_bins * sizeof *w->count);
    if (!w->sum || !w->sum2 || !w->psum || !w->count) {
        pb_fold_work_free(w);
        return -1;
    }
    return 0;
}

void pb_fold_work_free(pb_fold_work *w)
{
    free(w->sum);
    free(w->sum2);
    free(w->psum);
    free(w->count);
    memset(w, 0, sizeof *w);
}

/* Per-bin count, sum, sum of squares (of y minus the overall mean, for
 * accuracy) and sum of phases. Returns the overall mean. */
static double accumulate(const pb_series *s, double f, double t_ref, size_t bins, pb_fold_work *w)
{
    memset(w->sum, 0, bins * sizeof *w->sum);
    memset(w->sum2, 0, bins * sizeof *w->sum2);
    memset(w->psum, 0, bins * sizeof *w->psum);
    memset(w->count, 0, bins * sizeof *w->count);
    double mean = 0;
    for (size_t i = 0; i < s->n; i++)
        mean += s->y[i] / (double)s->n;
    for (size_t i = 0; i < s->n; i++) {
        double ph = pb_phase_frac(f, s->t[i] - t_ref), y = s->y[i] - mean;
        size_t b = bin_of(ph, bins);
        w->sum[b] += y;
        w->sum2[b] += y * y;
        w->psum[b] += ph;
        w->count[b]++;
    }
    return mean;
}

double pb_fold_dispersion(const pb_series *s, double f, double t_ref, size_t bins, pb_fold_work *w)
{
    accumulate(s, f, t_ref, bins, w);
    double within = 0, total = 0;
    for (size_t b = 0; b < bins; b++) {
        total += w->sum2[b];
        if (w->count[b])
            within += w->sum2[b] - w->sum[b] * w->sum[b] / (double)w->count[b];
    }
    return total > 0 ? fmax(0.0, within / total) : 0.0;
}

/* Nearest occupied bin to b other than b itself, by bin distance (circular). */
static size_t nearest_other(const size_t *count, size_t bins, size_t b)
{
    for (size_t d = 1; d <= bins / 2; d++) {
        size_t l = (b + bins - d) % bins, r = (b + d) % bins;
        if (count[l])
            return l;
        if (count[r])
            return r;
    }
    return b;
}

double pb_fold_loo_error(const pb_series *s, double f, double t_ref, size_t bins, pb_fold_work *w)
{
    double err = 0;
    accumulate(s, f, t_ref, bins, w);
    /* A bin of n points: sum over them of (y - (S - y)/(n - 1))^2 = (n/(n-1))^2 SS. */
    for (size_t b = 0; b < bins; b++) {
        size_t n = w->count[b];
        if (n >= 2) {
            double ss = w->sum2[b] - w->sum[b] * w->sum[b] / (double)n;
            double k = (double)n / (double)(n - 1);
            err += k * k * fmax(0.0, ss);
        } else if (n == 1) {
            size_t o = nearest_other(w->count, bins, b);
            double other = o == b ? 0.0 : w->sum[o] / (double)w->count[o];
            err += (w->sum[b] - other) * (w->sum[b] - other);
        }
    }
    return err / (double)s->n;
}

int pb_fold_profile_build(const pb_series *s, double f, double t_ref, size_t bins, pb_fold_profile *p)
{
    memset(p, 0, sizeof *p);
    p->freq = f;
    p->t_ref = t_ref;
    p->bins = bins;
    p->mean = malloc(bins * sizeof *p->mean);
    p->phase = malloc(bins * sizeof *p->phase);
    p->count = calloc(bins, sizeof *p->count);
    p->left = malloc(bins * sizeof *p->left);
    p->right = malloc(bins * sizeof *p->right);
    if (!p->mean || !p->phase || !p->count || !p->left || !p->right) {
        pb_fold_profile_free(p);
        return -1;
    }
    memset(p->mean, 0, bins * sizeof *p->mean);
    memset(p->phase, 0, bins * sizeof *p->phase);
    for (size_t i = 0; i < s->n; i++) {
        double ph = pb_phase_frac(f, s->t[i] - t_ref);
        size_t b = bin_of(ph, bins);
        p->mean[b] += s->y[i];
        p->phase[b] += ph;
        p->count[b]++;
    }
    size_t last = bins; /* none yet */
    for (size_t b = 0; b < bins; b++)
        if (p->count[b]) {
            p->mean[b] /= (double)p->count[b];
            p->phase[b] /= (double)p->count[b];
            last = b;
        } else {
            p->mean[b] = NAN;
        }
    if (last == bins) {
        pb_fold_profile_free(p);
        return -1;
    }
    /* nearest occupied bin at or before b, wrapping around the circle */
    for (size_t pass = 0, cur = last; pass < 2; pass++)
        for (size_t b = 0; b < bins; b++) {
            if (p->count[b])
                cur = b;
            p->left[b] = cur;
        }
    size_t first = 0;
    while (!p->count[first])
        first++;
    for (size_t pass = 0, cur = first; pass < 2; pass++)
        for (size_t b = bins; b-- > 0;) {
            if (p->count[b])
                cur = b;
            p->right[b] = cur;
        }
    return 0;
}

void pb_fold_profile_free(pb_fold_profile *p)
{
    free(p->mean);
    free(p->phase);
    free(p->count);
    free(p->left);
    free(p->right);
    memset(p, 0, sizeof *p);
}

/* Circular distance between two phases in [0, 1). */
static double phase_distance(double a, double b)
{
    double d = fabs(a - b);
    return d > 0.5 ? 1.0 - d : d;
}

double pb_fold_profile_eval(const pb_fold_profile *p, double t)
{
    double ph = pb_phase_frac(p->freq, t - p->t_ref);
    size_t b = bin_of(ph, p->bins);
    if (p->count[b])
        return p->mean[b];
    size_t l = p->left[b], r = p->right[b];
    return phase_distance(ph, p->phase[l]) <= phase_distance(ph, p->phase[r]) ? p->mean[l] : p->mean[r];
}
