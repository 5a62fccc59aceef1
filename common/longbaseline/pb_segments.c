#include "longbaseline/pb_segments.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_phase.h"

/* Sums of one run of phase cells: count, v, v^2, y, v y, y^2. */
typedef struct sums {
    double n, v, vv, y, vy, yy;
} sums;

static inline void sums_add(sums *a, const sums *b, double sign)
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

size_t pb_segments_grid(size_t grid, size_t n)
{
    return grid < n / 2 ? grid : n / 2;
}

static double segments_bic(double rss, size_t k, size_t n)
{
    return (double)n * log(fmax(rss, 1e-300) / (double)n) + 3.0 * (double)k * log((double)n);
}

int pb_segments_fit_each(const pb_series *s, double f, double t_ref, size_t max_k, size_t grid, pb_segments *out)
{
    size_t n = s->n, g = pb_segments_grid(grid, n);
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
    double rotation = largest_jump(cell, g);
    memset(cell, 0, g * sizeof *cell);
    for (size_t i = 0; i < n; i++) {
        double v = rotated_phase(f, s->t[i], t_ref, rotation), y = s->y[i];
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
        cost[i] = INFINITY, from[i] = 0;
    cost[0] = 0;
    /* Each run [a, b)'s line is fitted once and offered to every k; b
     * ascends, so cost[k - 1][a] is final for every a < b. For each (k, b)
     * the starts a are still tried in ascending order: the first best wins. */
    for (size_t b = 1; b <= g; b++)
        for (size_t a = 0; a < b; a++) {
            sums run = prefix[b];
            sums_add(&run, &prefix[a], -1);
            double l, sl, line = line_fit(&run, (double)a / (double)g, &l, &sl);
            size_t k_end = a + 1 < max_k ? a + 1 : max_k; /* k segments need a >= k - 1 */
            for (size_t k = 1; k <= k_end; k++) {
                double c = cost[(k - 1) * (g + 1) + a] + line;
                if (c < cost[k * (g + 1) + b])
                    cost[k * (g + 1) + b] = c, from[k * (g + 1) + b] = a;
            }
        }
    for (size_t k = 1; k <= max_k; k++) {
        pb_segments *m = &out[k - 1];
        memset(m, 0, sizeof *m);
        m->freq = f, m->t_ref = t_ref, m->rotation = rotation, m->k = k;
        size_t b = g;
        for (size_t j = k; j >= 1; j--) { /* breakpoints back from the end */
            size_t a = from[j * (g + 1) + b];
            m->edge[j - 1] = (double)a / (double)g;
            b = a;
        }
        m->edge[k] = 1.0;
        double rss = cost[k * (g + 1) + g]; /* the programme's: the same lines, summed in cell order */
        pb_segments_refit_lines(s, f, m);
        m->bic = isfinite(rss) ? segments_bic(rss, k, n) : INFINITY;
    }
    rc = 0;
done:
    free(cell), free(prefix), free(cost), free(from);
    return rc;
}

double pb_segments_bic(const pb_segments *m, size_t n)
{
    return segments_bic(m->rss, m->k, n);
}

int pb_segments_fit(const pb_series *s, double f, double t_ref, size_t max_k, size_t grid, pb_segments *out)
{
    pb_segments *each = malloc(PB_SEGMENTS_MAX * sizeof *each);
    if (!each || pb_segments_fit_each(s, f, t_ref, max_k, grid, each) != 0) {
        free(each);
        return -1;
    }
    *out = each[pb_segments_lowest_bic(each, max_k)];
    free(each);
    return 0;
}

size_t pb_segments_lowest_bic(const pb_segments *each, size_t max_k)
{
    size_t best = 0;
    for (size_t k = 1; k < (max_k < PB_SEGMENTS_MAX ? max_k : PB_SEGMENTS_MAX); k++)
        if (each[k].bic < each[best].bic)
            best = k;
    return best;
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

typedef struct edge_point {
    double v, y;
} edge_point;

/* L's and R's RSS with the edge at pos (the window's points split there). */
static double local_rss(const sums *base, const edge_point *win, size_t nw, double pos)
{
    sums l = base[0], r = base[1];
    for (size_t q = 0; q < nw; q++) {
        sums add = {1, win[q].v, win[q].v * win[q].v, win[q].y, win[q].v * win[q].y, win[q].y * win[q].y};
        sums_add(win[q].v < pos ? &l : &r, &add, 1);
    }
    double lv, sl;
    return line_fit(&l, 0.0, &lv, &sl) + line_fit(&r, 0.0, &lv, &sl);
}

int pb_segments_edge_rss(const pb_series *s, const pb_segments *m, size_t e, double reach, const double *offset,
                         int tries, double *rss)
{
    if (m->k < 2 || e >= m->k)
        return -1;
    size_t k = m->k, left = e == 0 ? k - 1 : e - 1, right = e, nw = 0;
    double x = e == 0 ? 0.0 : m->edge[e];
    edge_point *win = malloc((s->n ? s->n : 1) * sizeof *win);
    if (!win)
        return -1;
    sums base[2] = {{0}}; /* L's and R's points beyond reach */
    for (size_t i = 0; i < s->n; i++) {
        double v = rotated_phase(m->freq, s->t[i], m->t_ref, m->rotation), y = s->y[i];
        size_t j = segment_of(m, v);
        if (j != left && j != right)
            continue;
        double vp = e == 0 && j == left ? v - 1.0 : v;
        sums add = {1, vp, vp * vp, y, vp * y, y * y};
        if (fabs(vp - x) < reach)
            win[nw++] = (edge_point){vp, y};
        else
            sums_add(&base[j == right], &add, 1);
    }
    double here = local_rss(base, win, nw, x);
    for (int t = 0; t < tries; t++) {
        double d = offset[t], pos = x + d;
        int valid = e == 0 ? (m->edge[1] - d > 0 && m->edge[k - 1] - d < 1)
                           : (pos > m->edge[e - 1] && pos < m->edge[e + 1]);
        rss[t] = valid ? m->rss + (local_rss(base, win, nw, pos) - here) : INFINITY;
    }
    free(win);
    return 0;
}

void pb_segments_refine_edges(const pb_series *s, pb_segments *m, size_t grid, int reach, int tries)
{
    size_t g = pb_segments_grid(grid, s->n);
    double cell = (double)reach / (double)(g ? g : 1), rss[256], offset[256];
    if (tries > 256)
        tries = 256;
    for (int j = 0; j < tries; j++)
        offset[j] = cell * (2.0 * (j + 0.5) / tries - 1.0);
    for (size_t e = 0; e < m->k; e++) {
        pb_segments trial;
        if (m->k >= 2) {
            if (pb_segments_edge_rss(s, m, e, cell, offset, tries, rss) != 0)
                return;
        } else { /* one segment: moving the cut moves points from its end to its start */
            for (int j = 0; j < tries; j++) {
                rss[j] = INFINITY;
                if (moved_edge(m, e, offset[j], &trial)) {
                    pb_segments_refit_lines(s, m->freq, &trial);
                    rss[j] = trial.rss;
                }
            }
        }
        double best = m->rss;
        int arg = -1;
        for (int j = 0; j < tries; j++)
            if (rss[j] < best * (1 - 1e-12))
                best = rss[j], arg = j;
        /* The middle of the run of positions within one noise variance of
         * the best (the gap between the points either side of the edge):
         * through the best try, or, when none beats where the edge is,
         * through the two tries either side of it. */
        double tol = best + best / (double)s->n;
        int first = arg, last = arg, below = tries / 2 - 1, above = tries / 2;
        if (arg < 0) {
            if (tries < 2 || (rss[below] > tol && rss[above] > tol))
                continue;
            first = rss[below] <= tol ? below : above;
            last = rss[above] <= tol ? above : below;
        }
        while (first > 0 && rss[first - 1] <= tol)
            first--;
        while (last + 1 < tries && rss[last + 1] <= tol)
            last++;
        moved_edge(m, e, cell * (2.0 * (0.5 * (first + last) + 0.5) / tries - 1.0), &trial);
        pb_segments_refit_lines(s, m->freq, &trial);
        if (trial.rss <= tol)
            *m = trial;
    }
}

#define JOINT_RESOLUTION 1e-7
/* Cells whose likelihood is below 1 / JOINT_WEIGHT_CUT of the best's are
 * left out (of the mean and of the next level's window). */
#define JOINT_WEIGHT_CUT 1000.0

/* The likelihood exp(-(RSS - RSS_best) / (2 sigma^2)), sigma^2 = RSS_best / n:
 * a point crossing an edge costs the jump squared, hundreds of sigma^2 for
 * these shapes; moving inside the region costs a few at most. */
long pb_segments_refine_joint(const pb_series *s, pb_segments *m, double f_width, double rot_width, int levels,
                              int points)
{
    pb_segments trial = *m;
    double f0 = m->freq, r0 = m->rotation; /* t sorted: the farthest point from t_ref is an end */
    double span = s->n ? fmax(fabs(s->t[0] - m->t_ref), fabs(s->t[s->n - 1] - m->t_ref)) : 0;
    long evaluated = 1;
    double *rss = points >= 3 ? malloc((size_t)points * (size_t)points * sizeof *rss) : NULL;
    if (!rss)
        return 0;
    /* Stops when both widths move the phases by less than JOINT_RESOLUTION
     * cycles anywhere in the data: far below the spacing of any points. */
    for (int level = 0; level < levels && (f_width * span > JOINT_RESOLUTION || rot_width > JOINT_RESOLUTION);
         level++) {
        double df = 2.0 * f_width / (points - 1), dr = 2.0 * rot_width / (points - 1), best = INFINITY;
        evaluated += (long)points * points;
        for (int i = 0; i < points; i++)
            for (int j = 0; j < points; j++) {
                trial.rotation = r0 - rot_width + j * dr;
                trial.rotation -= floor(trial.rotation);
                pb_segments_refit_lines(s, f0 - f_width + i * df, &trial);
                rss[i * points + j] = trial.rss;
                if (trial.rss < best)
                    best = trial.rss;
            }
        double var = fmax(best / (double)s->n, DBL_MIN), tol = best + 2 * var * log(JOINT_WEIGHT_CUT);
        double si = 0, sj = 0, cnt = 0;
        int imin = points, imax = -1, jmin = points, jmax = -1;
        for (int i = 0; i < points; i++)
            for (int j = 0; j < points; j++)
                if (rss[i * points + j] <= tol) {
                    double w = exp(-(rss[i * points + j] - best) / (2 * var));
                    si += w * i, sj += w * j, cnt += w;
                    imin = i < imin ? i : imin, imax = i > imax ? i : imax;
                    jmin = j < jmin ? j : jmin, jmax = j > jmax ? j : jmax;
                }
        if (!(cnt > 0))
            break; /* no finite residual: leave the fit where it was */
        double fc = f0 - f_width + si / cnt * df, rc = r0 - rot_width + sj / cnt * dr;
        int touches_f = imin == 0 || imax == points - 1, touches_r = jmin == 0 || jmax == points - 1;
        f0 = fc, r0 = rc;
        f_width = touches_f ? 2.0 * f_width : fmax(0.5 * (imax - imin + 2) * df, 2 * df);
        rot_width = touches_r ? 2.0 * rot_width : fmax(0.5 * (jmax - jmin + 2) * dr, 2 * dr);
        rot_width = fmin(rot_width, 0.25);
    }
    free(rss);
    trial.rotation = r0 - floor(r0);
    pb_segments_refit_lines(s, f0, &trial);
    *m = trial;
    return evaluated;
}
