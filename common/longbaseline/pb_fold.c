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
    memset(w, 0, sizeof *w);
    w->max_bins = max_bins;
    w->bin = malloc(max_bins * sizeof *w->bin);
    if (!w->bin)
        return -1;
    return 0;
}

void pb_fold_work_free(pb_fold_work *w)
{
    free(w->bin);
    memset(w, 0, sizeof *w);
}

/* The mean of s's values, kept in w for the next call on the same values
 * (every frequency tried folds the same series). */
static double series_mean(const pb_series *s, pb_fold_work *w)
{
    if (w->mean_of != s->y || w->mean_n != s->n) {
        double mean = 0;
        for (size_t i = 0; i < s->n; i++)
            mean += s->y[i] / (double)s->n;
        w->mean = mean;
        w->mean_of = s->y;
        w->mean_n = s->n;
    }
    return w->mean;
}

/* Bins are found a block at a time (the phase arithmetic vectorises), then
 * the block's points are added to them. */
#define FOLD_BLOCK 512

/* Per-bin count, sum and sum of squares (of y minus the overall mean, for
 * accuracy). A run of points in one bin is summed in registers and added
 * once: in phase order (pb_fold_sort_by_phase) most neighbours share a bin,
 * and adding each to memory would chain every add on the one before. */
static void accumulate(const pb_series *s, double f, double t_ref, size_t bins, pb_fold_work *w)
{
    memset(w->bin, 0, bins * sizeof *w->bin);
    double mean = series_mean(s, w), run_sum = 0, run_sum2 = 0, scale = (double)bins;
    size_t run_bin = 0, run_count = 0;
    int cell[FOLD_BLOCK], top = (int)bins - 1; /* bins <= 2^20: ints */
    for (size_t i0 = 0; i0 < s->n; i0 += FOLD_BLOCK) {
        size_t nb = s->n - i0 < FOLD_BLOCK ? s->n - i0 : FOLD_BLOCK;
        const double *t = s->t + i0, *y = s->y + i0;
#pragma omp simd
        for (size_t j = 0; j < nb; j++) {
            int b = (int)(pb_phase_frac(f, t[j] - t_ref) * scale);
            cell[j] = b < top ? b : top;
        }
        for (size_t j = 0; j < nb; j++) {
            size_t b = (size_t)cell[j];
            double v = y[j] - mean;
            if (b != run_bin) {
                pb_fold_bin *a = &w->bin[run_bin];
                a->sum += run_sum;
                a->sum2 += run_sum2;
                a->count += run_count;
                run_bin = b;
                run_sum = run_sum2 = 0;
                run_count = 0;
            }
            run_sum += v;
            run_sum2 += v * v;
            run_count++;
        }
    }
    pb_fold_bin *a = &w->bin[run_bin];
    a->sum += run_sum;
    a->sum2 += run_sum2;
    a->count += run_count;
}

double pb_fold_dispersion(const pb_series *s, double f, double t_ref, size_t bins, pb_fold_work *w)
{
    accumulate(s, f, t_ref, bins, w);
    double within = 0, total = 0;
    for (size_t b = 0; b < bins; b++) {
        const pb_fold_bin *a = &w->bin[b];
        total += a->sum2;
        if (a->count)
            within += a->sum2 - a->sum * a->sum / (double)a->count;
    }
    return total > 0 ? fmax(0.0, within / total) : 0.0;
}

/* Nearest occupied bin to b other than b itself, by bin distance (circular). */
static size_t nearest_other(const pb_fold_bin *bin, size_t bins, size_t b)
{
    for (size_t d = 1; d <= bins / 2; d++) {
        size_t l = (b + bins - d) % bins, r = (b + d) % bins;
        if (bin[l].count)
            return l;
        if (bin[r].count)
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
        const pb_fold_bin *a = &w->bin[b];
        size_t n = a->count;
        if (n >= 2) {
            double ss = a->sum2 - a->sum * a->sum / (double)n;
            double k = (double)n / (double)(n - 1);
            err += k * k * fmax(0.0, ss);
        } else if (n == 1) {
            size_t o = nearest_other(w->bin, bins, b);
            double other = o == b ? 0.0 : w->bin[o].sum / (double)w->bin[o].count;
            err += (a->sum - other) * (a->sum - other);
        }
    }
    return err / (double)s->n;
}

int pb_fold_sort_by_phase(const pb_series *s, double f, double t_ref, size_t buckets, pb_fold_sorted *out)
{
    memset(out, 0, sizeof *out);
    if (buckets > 1u << 31) /* the cells are unsigned */
        return -1;
    size_t n = s->n, *start = calloc(buckets + 1, sizeof *start);
    unsigned *cell = malloc((n ? n : 1) * sizeof *cell);
    out->t = malloc((n ? n : 1) * sizeof *out->t);
    out->y = malloc((n ? n : 1) * sizeof *out->y);
    out->dy = s->dy ? malloc((n ? n : 1) * sizeof *out->dy) : NULL;
    if (!start || !cell || !out->t || !out->y || (s->dy && !out->dy)) {
        free(start);
        free(cell);
        pb_fold_sorted_free(out);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        cell[i] = (unsigned)bin_of(pb_phase_frac(f, s->t[i] - t_ref), buckets);
        start[cell[i] + 1]++;
    }
    for (size_t b = 0; b < buckets; b++)
        start[b + 1] += start[b];
    for (size_t i = 0; i < n; i++) {
        size_t at = start[cell[i]]++;
        out->t[at] = s->t[i];
        out->y[at] = s->y[i];
        if (s->dy)
            out->dy[at] = s->dy[i];
    }
    free(start);
    free(cell);
    out->series = (pb_series){n, out->t, out->y, out->dy};
    return 0;
}

void pb_fold_sorted_free(pb_fold_sorted *out)
{
    free(out->t);
    free(out->y);
    free(out->dy);
    memset(out, 0, sizeof *out);
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
