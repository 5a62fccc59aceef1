#include "pb_ridge.h"

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

/* Log-scale of the power maximum near index j, by a parabola through j and its neighbours. */
static double refined_log_scale(const pb_cwt *c, size_t j, size_t i)
{
    double ls = log(c->scale[j]);
    if (j == 0 || j + 1 >= c->n_scales)
        return ls;
    double pm = log(power_at(c, j - 1, i) + 1e-300), p0 = log(power_at(c, j, i) + 1e-300),
           pp = log(power_at(c, j + 1, i) + 1e-300);
    double den = pm - 2.0 * p0 + pp;
    if (!(den < 0))
        return ls;
    double d = fmax(-0.5, fmin(0.5, 0.5 * (pm - pp) / den));
    double step = d > 0 ? log(c->scale[j + 1]) - ls : ls - log(c->scale[j - 1]);
    return ls + d * step;
}

int pb_ridge_extract(const pb_cwt *c, double penalty, double edge_factor, pb_ridge *r)
{
    memset(r, 0, sizeof *r);
    size_t n = c->n;
    if (n < 2 || c->n_scales == 0 || !(penalty >= 0) || !(edge_factor > 0))
        return -1;
    size_t *jr = malloc(n * sizeof *jr);
    r->period = malloc(n * sizeof *r->period);
    r->amp = malloc(n * sizeof *r->amp);
    r->phase = malloc(n * sizeof *r->phase);
    r->freq = malloc(n * sizeof *r->freq);
    if (!jr || !r->period || !r->amp || !r->phase || !r->freq || (penalty > 0 && ridge_by_path(c, penalty, jr))) {
        free(jr);
        pb_ridge_free(r);
        return -2;
    }
    if (penalty == 0)
        ridge_by_maximum(c, jr);
    double factor = pb_cwt_fourier_factor(c->omega0);
    r->n = n;
    r->lo = n;
    r->hi = 0;
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = jr[i];
        double s_ref = exp(refined_log_scale(c, j, i));
        r->period[i] = factor * s_ref;
        double omega = 2.0 * M_PI / r->period[i], s = c->scale[j];
        double complex w = c->w[j * n + i];
        r->amp[i] = 2.0 * cabs(w) / pb_cwt_morlet_hat(s * omega, c->omega0, s, c->dt);
        double raw = carg(w);
        r->phase[i] = i == 0 ? raw : r->phase[i - 1] + remainder(raw - r->phase[i - 1], 2.0 * M_PI);
        double edge = edge_factor * pb_cwt_coi(s_ref) / c->dt;
        if ((double)i >= edge && (double)(n - 1 - i) >= edge) {
            if (!any)
                r->lo = i;
            r->hi = i;
            any = 1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        size_t a = i > 0 ? i - 1 : 0, b = i + 1 < n ? i + 1 : n - 1;
        r->freq[i] = (r->phase[b] - r->phase[a]) / (2.0 * M_PI * c->dt * (double)(b - a));
    }
    free(jr);
    return 0;
}

void pb_ridge_free(pb_ridge *r)
{
    free(r->period);
    free(r->amp);
    free(r->phase);
    free(r->freq);
    memset(r, 0, sizeof *r);
}
