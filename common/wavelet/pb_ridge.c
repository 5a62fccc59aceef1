#include "wavelet/pb_ridge.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Dynamic programming considers scale jumps of at most this many indices per sample. */
#define RIDGE_MAX_JUMP 16

static double power_at(const pb_cwt *c, size_t j, size_t i)
{
    double complex w = c->w[j * c->n + i];
    return creal(w) * creal(w) + cimag(w) * cimag(w);
}

static void ridge_by_maximum(const pb_cwt *c, size_t *jr)
{
    for (size_t i = 0; i < c->n; i++) {
        size_t best = 0;
        for (size_t j = 1; j < c->n_scales; j++)
            if (power_at(c, j, i) > power_at(c, best, i))
                best = j;
        jr[i] = best;
    }
}

/* Viterbi path maximising sum log P - penalty * jump^2. Returns 0 or -2. */
static int ridge_by_path(const pb_cwt *c, double penalty, size_t *jr)
{
    size_t n = c->n, S = c->n_scales;
    double *score = malloc(2 * S * sizeof *score);
    unsigned short *from = malloc(n * S * sizeof *from);
    if (!score || !from || S > 65535) {
        free(score);
        free(from);
        return -2;
    }
    double *prev = score, *cur = score + S;
    for (size_t j = 0; j < S; j++)
        prev[j] = log(power_at(c, j, 0) + 1e-300);
    for (size_t i = 1; i < n; i++) {
        for (size_t j = 0; j < S; j++) {
            size_t a = j > RIDGE_MAX_JUMP ? j - RIDGE_MAX_JUMP : 0, b = j + RIDGE_MAX_JUMP < S ? j + RIDGE_MAX_JUMP : S - 1;
            double best = -INFINITY;
            size_t arg = j;
            for (size_t k = a; k <= b; k++) {
                double d = (double)k - (double)j, v = prev[k] - penalty * d * d;
                if (v > best) {
                    best = v;
                    arg = k;
                }
            }
            cur[j] = best + log(power_at(c, j, i) + 1e-300);
            from[i * S + j] = (unsigned short)arg;
        }
        double *t = prev;
        prev = cur;
        cur = t;
    }
    size_t j = 0;
    for (size_t k = 1; k < S; k++)
        if (prev[k] > prev[j])
            j = k;
    for (size_t i = n; i-- > 0;) {
        jr[i] = j;
        j = from[i * S + j];
    }
    free(score);
    free(from);
    return 0;
}

/* What the ridge needs at each time: the ridge's scale index, W there, and
 * the power one scale below and above (for the parabolic refinement; 0
 * where the index is at an end). */
typedef struct ridge_points {
    size_t *j;
    double complex *w;
    double *p_below, *p_above;
} ridge_points;

static int points_alloc(ridge_points *pt, size_t n)
{
    pt->j = malloc(n * sizeof *pt->j);
    pt->w = malloc(n * sizeof *pt->w);
    pt->p_below = calloc(n, sizeof *pt->p_below);
    pt->p_above = calloc(n, sizeof *pt->p_above);
    return pt->j && pt->w && pt->p_below && pt->p_above ? 0 : -1;
}

static void points_free(ridge_points *pt)
{
    free(pt->j);
    free(pt->w);
    free(pt->p_below);
    free(pt->p_above);
}

/* Log-scale of the power maximum near index j, by a parabola in log power
 * through j and its neighbours. */
static double refined_log_scale(const double *scale, size_t n_scales, size_t j, double pm, double p0, double pp)
{
    double ls = log(scale[j]);
    if (j == 0 || j + 1 >= n_scales)
        return ls;
    pm = log(pm + 1e-300);
    p0 = log(p0 + 1e-300);
    pp = log(pp + 1e-300);
    double den = pm - 2.0 * p0 + pp;
    if (!(den < 0))
        return ls;
    double d = fmax(-0.5, fmin(0.5, 0.5 * (pm - pp) / den));
    double step = d > 0 ? log(scale[j + 1]) - ls : ls - log(scale[j - 1]);
    return ls + d * step;
}

/* Period, amplitude, phase, frequency and the reliable stretch from the points. */
static int ridge_finish(const ridge_points *pt, size_t n, const double *scale, size_t n_scales, double omega0,
                        double dt, double edge_factor, pb_ridge *r)
{
    r->period = malloc(n * sizeof *r->period);
    r->amp = malloc(n * sizeof *r->amp);
    r->phase = malloc(n * sizeof *r->phase);
    r->freq = malloc(n * sizeof *r->freq);
    if (!r->period || !r->amp || !r->phase || !r->freq) {
        pb_ridge_free(r);
        return -2;
    }
    double factor = pb_cwt_fourier_factor(omega0);
    r->n = n;
    r->lo = n;
    r->hi = 0;
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = pt->j[i];
        double p0 = creal(pt->w[i]) * creal(pt->w[i]) + cimag(pt->w[i]) * cimag(pt->w[i]);
        double s_ref = exp(refined_log_scale(scale, n_scales, j, pt->p_below[i], p0, pt->p_above[i]));
        r->period[i] = factor * s_ref;
        double omega = 2.0 * M_PI / r->period[i], s = scale[j];
        r->amp[i] = 2.0 * cabs(pt->w[i]) / pb_cwt_morlet_hat(s * omega, omega0, s, dt);
        double raw = carg(pt->w[i]);
        r->phase[i] = i == 0 ? raw : r->phase[i - 1] + remainder(raw - r->phase[i - 1], 2.0 * M_PI);
        double edge = edge_factor * pb_cwt_coi(s_ref) / dt;
        if ((double)i >= edge && (double)(n - 1 - i) >= edge) {
            if (!any)
                r->lo = i;
            r->hi = i;
            any = 1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        size_t a = i > 0 ? i - 1 : 0, b = i + 1 < n ? i + 1 : n - 1;
        r->freq[i] = (r->phase[b] - r->phase[a]) / (2.0 * M_PI * dt * (double)(b - a));
    }
    return 0;
}

int pb_ridge_extract(const pb_cwt *c, double penalty, double edge_factor, pb_ridge *r)
{
    memset(r, 0, sizeof *r);
    size_t n = c->n, S = c->n_scales;
    if (n < 2 || S == 0 || !(penalty >= 0) || !(edge_factor > 0))
        return -1;
    ridge_points pt;
    if (points_alloc(&pt, n) != 0 || (penalty > 0 && ridge_by_path(c, penalty, pt.j))) {
        points_free(&pt);
        return -2;
    }
    if (penalty == 0)
        ridge_by_maximum(c, pt.j);
    for (size_t i = 0; i < n; i++) {
        size_t j = pt.j[i];
        pt.w[i] = c->w[j * n + i];
        pt.p_below[i] = j > 0 ? power_at(c, j - 1, i) : 0;
        pt.p_above[i] = j + 1 < S ? power_at(c, j + 1, i) : 0;
    }
    int rc = ridge_finish(&pt, n, c->scale, S, c->omega0, c->dt, edge_factor, r);
    points_free(&pt);
    return rc;
}

int pb_ridge_extract_streaming(const double *y, size_t n, double dt, double omega0, const double *scale,
                               size_t n_scales, double edge_factor, pb_ridge *r)
{
    memset(r, 0, sizeof *r);
    if (n < 2 || n_scales == 0 || !(edge_factor > 0))
        return -1;
    pb_cwt_plan *plan = pb_cwt_plan_alloc(y, n, dt, omega0);
    double complex *row = malloc(n * sizeof *row);
    double *prev = malloc(n * sizeof *prev), *best = malloc(n * sizeof *best);
    ridge_points pt;
    int rc = plan && row && prev && best && points_alloc(&pt, n) == 0 ? 0 : -2;
    for (size_t j = 0; rc == 0 && j < n_scales; j++) {
        pb_cwt_plan_row(plan, scale[j], row);
        for (size_t i = 0; i < n; i++) {
            double p = creal(row[i]) * creal(row[i]) + cimag(row[i]) * cimag(row[i]);
            if (j > 0 && pt.j[i] == j - 1)
                pt.p_above[i] = p; /* the row above the maximum so far */
            if (j == 0 || p > best[i]) { /* strictly greater: the first maximum wins, as ridge_by_maximum */
                best[i] = p;
                pt.j[i] = j;
                pt.w[i] = row[i];
                pt.p_below[i] = j > 0 ? prev[i] : 0;
                pt.p_above[i] = 0;
            }
            prev[i] = p;
        }
    }
    if (rc == 0)
        rc = ridge_finish(&pt, n, scale, n_scales, omega0, dt, edge_factor, r);
    if (plan && row && prev && best)
        points_free(&pt);
    pb_cwt_plan_free(plan);
    free(row);
    free(prev);
    free(best);
    return rc;
}

void pb_ridge_free(pb_ridge *r)
{
    free(r->period);
    free(r->amp);
    free(r->phase);
    free(r->freq);
    memset(r, 0, sizeof *r);
}
