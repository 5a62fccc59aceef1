#include "longbaseline/pb_segments.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_phase.h"

/* Sums of one run of phase cells: count, v, v^2, y, v y, y^2. */
typedef struct sums {
    double n, v, vv, y, vy, yy;
} sums;

static void sums_add(sums *a, const sums *b, double sign)
{
    a->n += sign * b->n, a->v += sign * b->v, a->vv += sign * b->vv;
    a->y += sign * b->y, a->vy += sign * b->vy, a->yy += sign * b->yy;
}

/* The least-squares line through a run's points: its RSS, level at v0 and slope.
 * One point (or all at one phase): the mean, slope 0. */
static double line_fit(const sums *s, double v0, double *level, double *slope)
{
    if (s->n <= 0) {
        *level = 0, *slope = 0;
        return 0;
    }
    double mv = s->v / s->n, my = s->y / s->n;
    double svv = s->vv - s->n * mv * mv, svy = s->vy - s->n * mv * my, syy = s->yy - s->n * my * my;
    double b = svv > 1e-14 * s->n * (mv * mv + 1e-12) ? svy / svv : 0.0;
    *slope = b;
    *level = my + b * (v0 - mv);
    return fmax(0.0, syy - b * svy);
}

static double rotated_phase(double f, double t, double t_ref, double rotation)
{
    double v = pb_phase_frac(f, t - t_ref) - rotation;
    return v - floor(v);
}

/* The cell boundary of a G-cell profile with the largest jump between
 * neighbouring occupied cells (circular): where the circle is cut. */
static double largest_jump(const sums *cell, size_t g)
{
    double best = -1, at = 0, prev = NAN;
    for (size_t pass = 0; pass < 2; pass++) /* twice round, so the first cell sees its left neighbour */
        for (size_t j = 0; j < g; j++) {
            if (cell[j].n <= 0)
                continue;
            double m = cell[j].y / cell[j].n;
            if (pass == 1 && !isnan(prev) && fabs(m - prev) > best) {
                best = fabs(m - prev);
                at = (double)j / (double)g; /* the boundary before cell j */
            }
            prev = m;
        }
    return at;
}

int pb_segments_fit(const pb_series *s, double f, double t_ref, size_t max_k, size_t grid, pb_segments *out)
{
    memset(out, 0, sizeof *out);
    size_t n = s->n, g = grid < n / 2 ? grid : n / 2;
    if (max_k > PB_SEGMENTS_MAX)
        max_k = PB_SEGMENTS_MAX;
    if (g < 8 || max_k < 1)
        return -1;
    sums *cell = calloc(g, sizeof *cell), *prefix = calloc(g + 1, sizeof *prefix);
    double *cost = malloc((max_k + 1) * (g + 1) * sizeof *cost);
    size_t *from = malloc((max_k + 1) * (g + 1) * sizeof *from);
    int rc = -1;
    if (!cell || !prefix || !cost || !from)
        goto done;
    /* Where to cut the circle: the largest jump of the unrotated profile. */
    for (size_t i = 0; i < n; i++) {
        double v = rotated_phase(f, s->t[i], t_ref, 0.0);
        size_t j = (size_t)(v * (double)g);
        cell[j < g ? j : g - 1].n += 1, cell[j < g ? j : g - 1].y += s->y[i];
    }
    out->freq = f, out->t_ref = t_ref, out->rotation = largest_jump(cell, g);
    memset(cell, 0, g * sizeof *cell);
    for (size_t i = 0; i < n; i++) {
        double v = rotated_phase(f, s->t[i], t_ref, out->rotation), y = s->y[i];
        size_t j = (size_t)(v * (double)g);
        sums add = {1, v, v * v, y, v * y, y * y};
        sums_add(&cell[j < g ? j : g - 1], &add, 1);
    }
    for (size_t j = 0; j < g; j++) {
        prefix[j + 1] = prefix[j];
        sums_add(&prefix[j + 1], &cell[j], 1);
    }
    /* cost[k][b]: the best RSS of cells [0, b) in k segments; from[k][b] its last start. */
    for (size_t i = 0; i < (max_k + 1) * (g + 1); i++)
        cost[i] = INFINITY;
    cost[0] = 0;
    for (size_t k = 1; k <= max_k; k++)
        for (size_t b = k; b <= g; b++) {
            double best = INFINITY;
            size_t arg = 0;
            for (size_t a = k - 1; a < b; a++) {
                double before = cost[(k - 1) * (g + 1) + a];
                if (!(before < best))
                    continue;
                sums run = prefix[b];
                sums_add(&run, &prefix[a], -1);
                double l, sl, c = before + line_fit(&run, (double)a / (double)g, &l, &sl);
                if (c < best)
                    best = c, arg = a;
            }
            cost[k * (g + 1) + b] = best, from[k * (g + 1) + b] = arg;
        }
    double best_bic = INFINITY;
    size_t best_k = 1;
    for (size_t k = 1; k <= max_k; k++) {
        double rss = cost[k * (g + 1) + g];
        if (!isfinite(rss))
            continue;
        double bic = (double)n * log(fmax(rss, 1e-300) / (double)n) + 3.0 * (double)k * log((double)n);
        if (bic < best_bic)
            best_bic = bic, best_k = k;
    }
    out->k = best_k;
    out->bic = best_bic;
    size_t b = g;
    for (size_t k = best_k; k >= 1; k--) { /* breakpoints back from the end */
        size_t a = from[k * (g + 1) + b];
        out->edge[k - 1] = (double)a / (double)g;
        b = a;
    }
    out->edge[best_k] = 1.0;
    rc = pb_segments_refit_lines(s, f, out);
done:
    free(cell), free(prefix), free(cost), free(from);
    return rc;
}

/* The segment holding rotated phase v (binary search over the edges). */
static size_t segment_of(const pb_segments *m, double v)
{
    size_t lo = 0, hi = m->k;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (v >= m->edge[mid])
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

int pb_segments_refit_lines(const pb_series *s, double f, pb_segments *m)
{
    sums acc[PB_SEGMENTS_MAX];
    memset(acc, 0, sizeof acc);
    for (size_t i = 0; i < s->n; i++) {
        double v = rotated_phase(f, s->t[i], m->t_ref, m->rotation), y = s->y[i];
        sums add = {1, v, v * v, y, v * y, y * y};
        sums_add(&acc[segment_of(m, v)], &add, 1);
    }
    m->freq = f;
    m->rss = 0;
    for (size_t j = 0; j < m->k; j++)
        m->rss += line_fit(&acc[j], m->edge[j], &m->level[j], &m->slope[j]);
    return 0;
}

double pb_segments_eval(const pb_segments *m, double t)
{
    double v = rotated_phase(m->freq, t, m->t_ref, m->rotation);
    size_t j = segment_of(m, v);
    return m->level[j] + m->slope[j] * (v - m->edge[j]);
}

/* m with breakpoint e moved by shift (e = 0: the cut, by rotating and
 * keeping the others in place); 0 if that would cross a neighbour. */
static int moved_edge(const pb_segments *m, size_t e, double shift, pb_segments *out)
{
    *out = *m;
    if (e == 0) {
        out->rotation = m->rotation + shift;
        out->rotation -= floor(out->rotation);
        for (size_t q = 1; q < m->k; q++)
            out->edge[q] = m->edge[q] - shift;
        return m->k < 2 || (out->edge[1] > 0 && out->edge[m->k - 1] < 1);
    }
    out->edge[e] = m->edge[e] + shift;
    return out->edge[e] > out->edge[e - 1] && out->edge[e] < out->edge[e + 1];
}

void pb_segments_refine_edges(const pb_series *s, pb_segments *m, size_t grid, int tries)
{
    size_t g = grid < s->n / 2 ? grid : s->n / 2;
    double cell = 1.0 / (double)(g ? g : 1), rss[256];
    if (tries > 256)
        tries = 256;
    for (size_t e = 0; e < m->k; e++) {
        pb_segments trial;
        double best = m->rss;
        int first = -1;
        for (int j = 0; j < tries; j++) {
            rss[j] = INFINITY;
            if (!moved_edge(m, e, cell * (2.0 * (j + 0.5) / tries - 1.0), &trial))
                continue;
            pb_segments_refit_lines(s, m->freq, &trial);
            rss[j] = trial.rss;
            if (rss[j] < best * (1 - 1e-12))
                best = rss[j], first = j;
        }
        if (first < 0)
            continue;
        moved_edge(m, e, cell * (2.0 * (first + 0.5) / tries - 1.0), &trial);
        pb_segments_refit_lines(s, m->freq, &trial);
        *m = trial;
    }
}
