/* pb_fold: epoch folding. The phase of time t at frequency f is
 * frac(f (t - t_ref)); a series folded into B equal phase bins gives a
 * periodic profile (each bin's mean). Used to score a trial frequency by the
 * dispersion of the folded series (phase dispersion minimisation,
 * Stellingwerf 1978), to choose B by leave-one-out cross-validation, and to
 * predict by looking the profile up at any time. */
#ifndef PB_FOLD_H
#define PB_FOLD_H

#include <stddef.h>

#include "base/pb_series.h"

typedef struct pb_fold_profile {
    double freq, t_ref;
    size_t bins;
    double *mean;        /* per bin; NAN when empty */
    double *phase;       /* mean phase of the bin's points */
    size_t *count;
    size_t *left, *right; /* nearest occupied bin at or before / at or after (circular) */
} pb_fold_profile;

/* One phase bin's sums while folding. */
typedef struct pb_fold_bin {
    double sum, sum2;
    size_t count;
} pb_fold_bin;

/* Scratch space for the O(N + B) evaluations below (B <= max_bins), and
 * the mean of the series last folded, known by its values' address and
 * length: one work folds one series (or copies of it in another order, as
 * pb_fold_sort_by_phase makes) and its values must not change in place
 * between calls; pb_fold_work_alloc starts afresh. (Recomputing the mean
 * per call in the same order costs a division per point, ~40 % of a fold.) */
typedef struct pb_fold_work {
    size_t max_bins;
    pb_fold_bin *bin;
    const double *mean_of;
    size_t mean_n;
    double mean;
} pb_fold_work;

int pb_fold_work_alloc(pb_fold_work *w, size_t max_bins);
void pb_fold_work_free(pb_fold_work *w);

/* Phase dispersion: within-bin sum of squares over the total sum of squares,
 * in [0, 1] (0: every bin constant). */
double pb_fold_dispersion(const pb_series *s, double f, double t_ref, size_t bins, pb_fold_work *w);
/* Leave-one-out mean squared error of the binned profile as a predictor:
 * a point is predicted by its bin's other points, or, alone in its bin, by
 * the nearest occupied bin. */
double pb_fold_loo_error(const pb_series *s, double f, double t_ref, size_t bins, pb_fold_work *w);

/* A copy of a series in the order of its phases at f (a counting sort on
 * `buckets` phase cells, stable within a cell): folded at frequencies near
 * f its points fall into the bins nearly in order, so the bins' sums stay
 * in cache (a random order made the folding wait on memory: ~5 ns a point
 * at 2^17 bins). The folding's results are those of the original order up
 * to rounding. */
typedef struct pb_fold_sorted {
    pb_series series; /* points into t, y, dy below */
    double *t, *y, *dy;
} pb_fold_sorted;

int pb_fold_sort_by_phase(const pb_series *s, double f, double t_ref, size_t buckets, pb_fold_sorted *out);
void pb_fold_sorted_free(pb_fold_sorted *out);

int pb_fold_profile_build(const pb_series *s, double f, double t_ref, size_t bins, pb_fold_profile *p);
void pb_fold_profile_free(pb_fold_profile *p);
/* The profile at time t: its bin's mean, or for an empty bin the occupied
 * bin whose points' mean phase is nearest. */
double pb_fold_profile_eval(const pb_fold_profile *p, double t);

#endif
