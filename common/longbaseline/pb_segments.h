/* pb_segments: a periodic profile made of K straight segments with free
 * breakpoints - sharp edges where the data have them, ramps where they
 * ramp - fitted on the folded phase. The phase u = frac(f (t - t_ref)) is
 * first rotated so that the largest jump of a finely binned profile sits at
 * 0 (the circle cut where the shape is already broken); breakpoints are
 * then chosen among G equally spaced candidates by dynamic programming
 * (the exact least-squares segmentation for each K, from prefix sums), each
 * segment a least-squares line, and K by the Bayesian information
 * criterion (three parameters a segment: two for the line, one breakpoint). */
#ifndef PB_SEGMENTS_H
#define PB_SEGMENTS_H

#include <stddef.h>

#include "base/pb_series.h"

#define PB_SEGMENTS_MAX 32

typedef struct pb_segments {
    double freq, t_ref, rotation; /* v = frac(freq (t - t_ref) - rotation) in [0, 1) */
    size_t k;
    double edge[PB_SEGMENTS_MAX + 1]; /* segment j: v in [edge[j], edge[j+1]); edge[0] = 0, edge[k] = 1 */
    double level[PB_SEGMENTS_MAX], slope[PB_SEGMENTS_MAX]; /* value = level + slope (v - edge[j]) */
    double rss, bic;
} pb_segments;

/* Fits at frequency f with at most max_k segments on grid candidates
 * (G = min(grid, n / 2), at least 8). Returns 0, or -1 (too few points,
 * out of memory). */
int pb_segments_fit(const pb_series *s, double f, double t_ref, size_t max_k, size_t grid, pb_segments *out);

/* The same breakpoints (in rotated phase) at another frequency f: only the
 * lines refitted; out->rss is the residual sum of squares there. */
int pb_segments_refit_lines(const pb_series *s, double f, pb_segments *m);

/* Moves each breakpoint - the cut at 0 (the rotation) too - within one
 * grid cell either side to the best of `tries` evenly spaced positions
 * (lines refitted at each; kept only if the RSS falls): the grid's
 * resolution is coarser than a sharp edge deserves. */
void pb_segments_refine_edges(const pb_series *s, pb_segments *m, size_t grid, int tries);

double pb_segments_eval(const pb_segments *m, double t);

#endif
