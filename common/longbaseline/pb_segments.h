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

/* The same programme's best fit for every k = 1 .. max_k, into out[k - 1]
 * (out holds max_k; a k beyond the grid has bic = INFINITY). */
int pb_segments_fit_each(const pb_series *s, double f, double t_ref, size_t max_k, size_t grid, pb_segments *out);

/* BIC of a fit with k segments: n ln(RSS / n) + 3 k ln n. */
double pb_segments_bic(const pb_segments *m, size_t n);

/* The index in each[0 .. max_k - 1] (pb_segments_fit_each's) of the
 * lowest BIC, the smallest k of ties. */
size_t pb_segments_lowest_bic(const pb_segments *each, size_t max_k);

/* The candidate breakpoints per period actually used for n points:
 * min(grid, n / 2). */
size_t pb_segments_grid(size_t grid, size_t n);

/* The same breakpoints (in rotated phase) at another frequency f: only the
 * lines refitted; out->rss is the residual sum of squares there. */
int pb_segments_refit_lines(const pb_series *s, double f, pb_segments *m);

/* Moves each breakpoint - the cut at 0 (the rotation) too - within `reach`
 * grid cells either side to the middle of the best run of `tries` evenly
 * spaced positions (lines refitted at each; within one noise variance,
 * RSS / n, of the best; kept only if the RSS falls): the grid's resolution
 * is coarser than a sharp edge deserves, and an edge placed at a frequency
 * not yet refined can be cells away. */
void pb_segments_refine_edges(const pb_series *s, pb_segments *m, size_t grid, int reach, int tries);

/* The fit's RSS with breakpoint e (0: the cut, the others kept in place)
 * moved by each offset[j] (|offset| < reach; past a neighbour: INFINITY),
 * into rss[j]: m->rss plus the change of the two segments either side,
 * computed from the points within reach of the edge and the sums of the
 * rest (refine_edges' step: O(n) for all the offsets, not O(n) each).
 * Needs m->k >= 2 and m->rss of the current fit. Returns 0, or -1. */
int pb_segments_edge_rss(const pb_series *s, const pb_segments *m, size_t e, double reach, const double *offset,
                         int tries, double *rss);

/* The whole profile moved in phase (the rotation, every breakpoint with it)
 * and frequency together, on a zooming grid of points x points about
 * (m->freq +- f_width, m->rotation +- rot_width): each level moves to the
 * likelihood-weighted mean of the cells, weights exp(-(RSS - RSS_min) /
 * (2 sigma^2)) with sigma^2 = RSS_min / n, and widens a side its set of
 * likely cells touches, else shrinks to that set. A sharp edge leaves a
 * flat-bottomed region bounded by the points nearest the edges; its centre
 * is the estimate - searching phase and frequency one at a time stops at a
 * corner. points >= 3. Returns the number of fits evaluated (0: nothing
 * done). */
long pb_segments_refine_joint(const pb_series *s, pb_segments *m, double f_width, double rot_width, int levels,
                              int points);

double pb_segments_eval(const pb_segments *m, double t);

#endif
