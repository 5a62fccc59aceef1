/* fold: shape folding. The period comes from the phase-coherent search
 * (pb_coherent; on a short span that is a plain Lomb-Scargle search), is
 * checked against its sub-multiples (the highest peak of a sharp shape can be
 * a harmonic), and refined by phase dispersion minimisation on a zooming grid;
 * the number of phase bins is chosen by leave-one-out cross-validation. The
 * model is the binned profile, or (profile=auto, when it wins by BIC) K
 * straight segments with free breakpoints (pb_segments: sharp edges where
 * the data have them), whose own fit refines the period once more, phase
 * and frequency together - a sharp edge pins the phase far better than bins
 * do. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "longbaseline/pb_coherent_params.h"
#include "longbaseline/pb_counter.h"
#include "longbaseline/pb_fold.h"
#include "longbaseline/pb_segments.h"
#include "spectral/pb_lsq.h"
#include "contract/pb_method.h"

#define FOLD_MIN_BINS 8
/* Grid cells either side a breakpoint may move, and the positions tried there. */
#define SEGMENT_EDGE_REACH 2
#define SEGMENT_EDGE_TRIES 32
/* Segments whose first fit leaves more than this multiple of the bins' RSS are not refined. */
#define SEGMENT_HOPELESS 4.0

static const pb_param_def fold_params[] = {
    PB_COHERENT_PARAM_DEFS,
    {"max_bins", PB_PARAM_INT, "131072", FOLD_MIN_BINS, 1048576, NULL,
     "largest number of phase bins tried (powers of two from 8, at most N/2)"},
    {"subharmonics", PB_PARAM_INT, "3", 1, 8, NULL, "frequencies f, f/2 .. f/k tried; the best folded fit wins"},
    {"refine_width", PB_PARAM_REAL, "10", 0, 1e6, NULL,
     "half-width of the dispersion search, in standard errors of the searched frequency"},
    {"refine_levels", PB_PARAM_INT, "4", 0, 12, NULL, "zoom levels of the dispersion search"},
    {"refine_points", PB_PARAM_INT, "33", 3, 1001, NULL, "frequencies per zoom level"},
    {"profile", PB_PARAM_CHOICE, "auto", 0, 0, "auto|bins|segments",
     "the shape model: binned profile, straight segments with free breakpoints, or (auto) a counter's staircase "
     "where it holds at every point, else whichever of the two has the lower BIC"},
    {"max_segments", PB_PARAM_INT, "16", 1, PB_SEGMENTS_MAX, NULL, "most segments (chosen by BIC below it)"},
    {"segment_grid", PB_PARAM_INT, "1024", 8, 65536, NULL, "candidate breakpoints per period (at most N/2)"},
};

typedef struct fold_model {
    pb_fold_profile profile;
    int use_segments, use_counter;
    pb_segments segments;
    pb_counter counter;
    pb_component fundamental; /* least-squares sinusoid at the folding frequency, for scoring */
} fold_model;

/* The bin count with the smallest leave-one-out error (the smallest of ties). */
static size_t best_bins(const pb_series *s, double f, double t_ref, size_t max_bins, pb_fold_work *w, double *loo)
{
    size_t best = FOLD_MIN_BINS;
    double best_err = INFINITY;
    for (size_t b = FOLD_MIN_BINS; b <= max_bins; b *= 2) {
        double e = pb_fold_loo_error(s, f, t_ref, b, w);
        if (e < best_err * (1.0 - 1e-9) - 1e-300) {
            best_err = e;
            best = b;
        }
    }
    *loo = best_err;
    return best;
}

/* A frequency's score: the smaller the better. */
typedef double (*fold_objective)(double f, void *ctx);

/* Zooming grid search for the smallest score in [f - width, f + width]
 * (points per level, each level one step wide). With plateau_middle, on a
 * plateau of equal minima (within 1e-12) it takes the plateau's middle;
 * else the first smallest point. */
static double zoom_minimum(fold_objective score, void *ctx, double f, double width, int levels, int points,
                           int plateau_middle, long *evals)
{
    for (int level = 0; level < levels && width > 0; level++) {
        double step = 2.0 * width / (points - 1), best = INFINITY;
        int first = -1, last = -1;
        for (int j = 0; j < points; j++) {
            double d = score(f - width + j * step, ctx);
            (*evals)++;
            if (plateau_middle ? d < best - 1e-12 : d < best) {
                best = d;
                first = last = j;
            } else if (plateau_middle && d <= best + 1e-12) {
                last = j;
            }
        }
        f = f - width + 0.5 * (first + last) * step;
        width = step;
    }
    return f;
}

typedef struct dispersion_ctx {
    const pb_series *s;
    double t_ref;
    size_t bins;
    pb_fold_work *w;
} dispersion_ctx;

static double dispersion_at(double f, void *ctx)
{
    dispersion_ctx *c = ctx;
    return pb_fold_dispersion(c->s, f, c->t_ref, c->bins, c->w);
}

/* The smallest phase dispersion near f. */
static double refine_frequency(const pb_series *s, double f, double width, double t_ref, size_t bins, int levels,
                               int points, pb_fold_work *w, long *evals)
{
    dispersion_ctx c = {s, t_ref, bins, w};
    return zoom_minimum(dispersion_at, &c, f, width, levels, points, 1, evals);
}

typedef struct segments_ctx {
    const pb_series *s;
    pb_segments *m;
} segments_ctx;

static double segments_rss_at(double f, void *ctx)
{
    segments_ctx *c = ctx;
    pb_segments_refit_lines(c->s, f, c->m);
    return c->m->rss;
}

/* The smallest residual of the segments near f (breakpoints fixed in
 * phase, lines refitted), the first of equal ones (a plateau's middle
 * measured worse on the shapes: 20 seeds); m is left fitted there. */
static double refine_with_segments(const pb_series *s, double f, double width, int levels, int points,
                                   pb_segments *m, long *evals)
{
    segments_ctx c = {s, m};
    f = zoom_minimum(segments_rss_at, &c, f, width, levels, points, 0, evals);
    pb_segments_refit_lines(s, f, m);
    return f;
}

/* The binned profile's residual sum of squares and BIC, n ln(RSS / n) +
 * (occupied bins) ln n. */
static double bins_bic(const pb_series *s, const pb_fold_profile *p, double *rss_out)
{
    double rss = 0;
    size_t occupied = 0;
    for (size_t i = 0; i < s->n; i++) {
        double e = s->y[i] - pb_fold_profile_eval(p, s->t[i]);
        rss += e * e;
    }
    for (size_t b = 0; b < p->bins; b++)
        occupied += p->count[b] > 0;
    double n = (double)s->n;
    *rss_out = rss;
    return n * log(fmax(rss, 1e-300) / n) + (double)occupied * log(n);
}

/* What the dispersion-refined period search leaves. */
typedef struct fold_period {
    double f, width;    /* refined frequency; the half-width its search used */
    int k_best, kmax;   /* the sub-multiple taken; how many were tried */
    double f_k[9];      /* each sub-multiple's frequency after one zoom level */
    size_t bins;        /* by leave-one-out at f */
    double loo;         /* its error */
    long evals;
} fold_period;

/* The joint phase-frequency search (pb_segments_refine_joint): points per
 * side of its grid, and its zoom levels for each k (the screen) and for the
 * one kept (the finish, twice). */
#define SEGMENT_JOINT_POINTS 9
#define SEGMENT_SCREEN_LEVELS 4
#define SEGMENT_JOINT_LEVELS 6

/* Screens one k's segments c, fitted at the refined frequency: the edges
 * moved, then the phase and frequency together, coarsely. c->bic is its
 * BIC. */
static void screen_segments(const pb_series *s, double width, size_t grid, int points, pb_segments *c, long *evals)
{
    size_t g = pb_segments_grid(grid, s->n);
    pb_segments_refine_edges(s, c, grid, SEGMENT_EDGE_REACH, SEGMENT_EDGE_TRIES);
    *evals += pb_segments_refine_joint(s, c, width / points, 1.0 / (double)g, SEGMENT_SCREEN_LEVELS,
                                       SEGMENT_JOINT_POINTS);
    c->bic = pb_segments_bic(c, s->n);
}

/* The screened segments finished: twice the edges, then the phase and
 * frequency together to full resolution. */
static void finish_segments(const pb_series *s, double width, size_t grid, int points, pb_segments *c, long *evals)
{
    size_t g = pb_segments_grid(grid, s->n);
    for (int pass = 0; pass < 2; pass++) {
        pb_segments_refine_edges(s, c, grid, SEGMENT_EDGE_REACH, SEGMENT_EDGE_TRIES);
        *evals += pb_segments_refine_joint(s, c, width / points, 1.0 / (double)g, SEGMENT_JOINT_LEVELS,
                                           SEGMENT_JOINT_POINTS);
    }
    c->bic = pb_segments_bic(c, s->n);
}

/* The best segments near f0 (search half-width `width`): the programme's
 * choice there (given as *best when fitted already, else fitted here), the
 * period refined with it; then, at the refined frequency, every k up to the
 * BIC's choice there screened on its own before the BIC compares them (at
 * an unrefined frequency a smeared edge buys thin extra segments, with wild
 * slopes, that a sharp fit no longer needs), and the best finished.
 * Returns 0 (best->bic finite), or -1. */
static int segments_near(const pb_series *s, const pb_params *params, double t_ref, double f0, double width,
                         int fitted, pb_segments *best, long *evals)
{
    size_t max_k = (size_t)pb_params_int(params, "max_segments"), grid = (size_t)pb_params_int(params, "segment_grid");
    int levels = (int)pb_params_int(params, "refine_levels"), points = (int)pb_params_int(params, "refine_points");
    pb_segments *each = malloc(PB_SEGMENTS_MAX * sizeof *each);
    if (!each || (!fitted && pb_segments_fit(s, f0, t_ref, max_k, grid, best) != 0)) {
        free(each);
        return -1;
    }
    pb_segments_refine_edges(s, best, grid, SEGMENT_EDGE_REACH, SEGMENT_EDGE_TRIES);
    double f = refine_with_segments(s, f0, width, levels, points, best, evals);
    if (pb_segments_fit_each(s, f, t_ref, max_k, grid, each) != 0) {
        free(each);
        return -1;
    }
    size_t k_bic = pb_segments_lowest_bic(each, max_k);
    best->bic = INFINITY;
    for (size_t k = 0; k <= k_bic; k++) {
        pb_segments c = each[k];
        screen_segments(s, width, grid, points, &c, evals);
        if (c.bic < best->bic)
            *best = c;
    }
    free(each);
    if (!isfinite(best->bic))
        return -1;
    finish_segments(s, width, grid, points, best, evals);
    return 0;
}

/* Cycles a sub-multiple must show in the span for the segments to be tried there. */
#define SEGMENT_MIN_CYCLES 4

/* profile=auto|segments: the segments near the refined frequency and the
 * other sub-multiples', the lowest BIC kept when profile=segments or when
 * it beats the bins'. Returns 1 if kept (m->segments, *f updated). */
static int try_segments(const pb_series *s, const pb_params *params, double t_ref, fold_period *p, fold_model *m,
                        double *f)
{
    const char *profile = pb_params_choice(params, "profile");
    if (strcmp(profile, "bins") == 0)
        return 0;
    size_t max_k = (size_t)pb_params_int(params, "max_segments"), grid = (size_t)pb_params_int(params, "segment_grid");
    pb_segments first, seg;
    double rss_bins, bic_bins = bins_bic(s, &m->profile, &rss_bins);
    if (pb_segments_fit(s, *f, t_ref, max_k, grid, &first) != 0)
        return 0;
    /* Refining edges and period costs O(N) per try: not for a shape the bins
     * already fit far better (the clock's 24- and 60-step staircases). */
    if (strcmp(profile, "segments") != 0 && first.rss > SEGMENT_HOPELESS * rss_bins)
        return 0;
    /* The other sub-multiples too, by the segments' BIC (the bins'
     * leave-one-out test can take f/k for a harmonic-rich shape, where the
     * segments would need k copies of the profile) - only those with
     * SEGMENT_MIN_CYCLES in the span: with fewer, nothing shows the profile
     * repeat, and any fits (one cycle of a tone is half a cycle of f/2). */
    double span = pb_series_time_span(s);
    seg.bic = INFINITY;
    for (int k = 1; k <= p->kmax; k++) {
        int chosen = k == p->k_best; /* its first fit is the one above */
        pb_segments at_k = first;
        double fk = chosen ? *f : p->f_k[k];
        if ((chosen || fk * span >= SEGMENT_MIN_CYCLES) &&
            segments_near(s, params, t_ref, fk, p->width * p->k_best / k, chosen, &at_k, &p->evals) == 0 &&
            at_k.bic < seg.bic)
            seg = at_k;
    }
    if (!isfinite(seg.bic) || (strcmp(profile, "segments") != 0 && !(seg.bic < bic_bins)))
        return 0;
    m->segments = seg;
    m->use_segments = 1;
    *f = seg.freq;
    return 1;
}

/* s in phase order at f, into *sorted (whatever it held is freed). */
static int sort_at(const pb_series *s, double f, double t_ref, size_t buckets, pb_fold_sorted *sorted)
{
    pb_fold_sorted_free(sorted);
    return pb_fold_sort_by_phase(s, f, t_ref, buckets, sorted);
}

/* profile=auto: a counter's staircase (pb_counter) at f, else at each
 * sub-multiple's refined frequency (a sub-multiple chosen wrongly on sparse
 * data still leaves the true one among them); kept when it holds at every
 * point. Returns 1 if kept (m->counter, *f updated), -1 on allocation failure. */
static int try_counter(const pb_series *s, const pb_params *params, double t_ref, const double *f_k, int kmax,
                       fold_model *m, double *f)
{
    if (strcmp(pb_params_choice(params, "profile"), "auto") != 0)
        return 0;
    for (int k = 0; k <= kmax; k++) {
        int rc = pb_counter_fit(s, k == 0 ? *f : f_k[k], t_ref, &m->counter);
        if (rc < 0)
            return -1;
        if (rc == 0) {
            m->use_counter = 1;
            *f = pb_counter_freq(&m->counter);
            return 1;
        }
    }
    return 0;
}

static void fold_free(void *model)
{
    fold_model *m = model;
    if (!m)
        return;
    pb_fold_profile_free(&m->profile);
    free(m);
}

/* The period from the search's r.freq: its sub-multiples compared, then the
 * phase dispersion minimised. Returns 0, or -1 on allocation failure. */
static int refine_period(const pb_series *train, const pb_params *params, const pb_coherent_result *r,
                         double t_ref, size_t max_bins, fold_period *o)
{
    pb_fold_work w;
    if (pb_fold_work_alloc(&w, max_bins) != 0)
        return -1;
    double best_loo = INFINITY, f;
    /* The fundamental: f/k folded into k times the bins of f sees each cycle's
     * shape at the same resolution; if f is the fundamental, the k-fold only
     * splits the same points further (a higher leave-one-out error); if f is a
     * harmonic, the 1-fold mixes different shapes. Each compared after one
     * zoom level of the dispersion search (an unrefined frequency smears). */
    int levels = (int)pb_params_int(params, "refine_levels"), points = (int)pb_params_int(params, "refine_points");
    o->k_best = 1;
    o->kmax = (int)pb_params_int(params, "subharmonics");
    o->width = pb_params_real(params, "refine_width") * r->sigma;
    o->evals = 0;
    /* Every folding below runs on a copy in phase order at the search's
     * centre (the bins' sums stay in cache), sorted again for each centre. */
    pb_fold_sorted ph = {0};
    if (sort_at(train, r->freq, t_ref, max_bins, &ph) != 0)
        goto out_of_memory;
    size_t b1 = best_bins(&ph.series, r->freq, t_ref, max_bins, &w, &o->loo);
    double var = pb_values_variance(train->y, train->n), loo_1 = INFINITY;
    for (int k = 1; k <= o->kmax; k++) {
        size_t b = b1 * (size_t)k <= max_bins ? b1 * (size_t)k : max_bins;
        if (k > 1 && sort_at(train, r->freq / k, t_ref, max_bins, &ph) != 0)
            goto out_of_memory;
        o->f_k[k] = refine_frequency(&ph.series, r->freq / k, o->width / k, t_ref, b, levels > 0 ? 1 : 0, points,
                                     &w, &o->evals);
        double e = pb_fold_loo_error(&ph.series, o->f_k[k], t_ref, b, &w);
        if (k == 1)
            loo_1 = e;
        /* a sub-multiple must be clearly better (10 %, beyond rounding) to win */
        if (e < best_loo && (k == 1 || e < 0.9 * loo_1 - 1e-12 * var)) {
            best_loo = e;
            o->k_best = k;
        }
    }
    f = o->f_k[o->k_best];
    o->width /= o->k_best;
    for (int round = 0; round < 2; round++) {
        if (sort_at(train, f, t_ref, max_bins, &ph) != 0)
            goto out_of_memory;
        o->bins = best_bins(&ph.series, f, t_ref, max_bins, &w, &o->loo);
        f = refine_frequency(&ph.series, f, o->width, t_ref, o->bins, levels, points, &w, &o->evals);
    }
    o->bins = best_bins(&ph.series, f, t_ref, max_bins, &w, &o->loo);
    o->f = f;
    pb_fold_sorted_free(&ph);
    pb_fold_work_free(&w);
    return 0;
out_of_memory:
    pb_fold_sorted_free(&ph);
    pb_fold_work_free(&w);
    return -1;
}

static pb_status fold_out_of_memory(fold_model *m, pb_fit_report *report)
{
    fold_free(m);
    snprintf(report->message, sizeof report->message, "out of memory");
    return PB_OUT_OF_MEMORY;
}

static pb_status fold_fit(const pb_series *train, const pb_prior *prior, const pb_params *params, gsl_rng *rng,
                          void **model, pb_fit_report *report)
{
    (void)rng;
    *model = NULL;
    if (pb_series_check(train, 2 * FOLD_MIN_BINS, report->message, sizeof report->message) != 0)
        return PB_BAD_INPUT;
    pb_coherent_result r;
    pb_status searched = pb_coherent_search_params(train, prior, params, &r, report->message, sizeof report->message);
    if (searched != PB_OK)
        return searched;
    size_t max_bins = (size_t)pb_params_int(params, "max_bins");
    while (max_bins > FOLD_MIN_BINS && max_bins > train->n / 2)
        max_bins /= 2;
    fold_model *m = calloc(1, sizeof *m);
    if (!m)
        return fold_out_of_memory(m, report);
    double t_ref = train->t[train->n / 2], f = r.freq, offset;
    /* A counter's staircase needs only a frequency that keeps the cycle count
     * of every point (the search's does): where it holds at the search's
     * frequency, the binned profile and its refinement are not needed. */
    int counter = try_counter(train, params, t_ref, NULL, 0, m, &f);
    fold_period p = {r.freq, 0, 1, 0, {0}, 0, 0, 0};
    if (counter < 0)
        return fold_out_of_memory(m, report);
    int refined = !counter;
    if (!counter) {
        if (refine_period(train, params, &r, t_ref, max_bins, &p) != 0 ||
            pb_fold_profile_build(train, p.f, t_ref, p.bins, &m->profile) != 0)
            return fold_out_of_memory(m, report);
        f = p.f;
        counter = try_counter(train, params, t_ref, p.f_k, p.kmax, m, &f);
        if (counter < 0)
            return fold_out_of_memory(m, report);
        if (!counter)
            try_segments(train, params, t_ref, &p, m, &f);
    }
    if (pb_lsq_fit(train, &f, 1, &m->fundamental, &offset, NULL) != 0)
        return fold_out_of_memory(m, report);
    report->iterations = (long)r.n_stages;
    report->evaluations = r.evaluations + p.evals;
    if (m->use_counter && !refined)
        snprintf(report->message, sizeof report->message,
                 "f = %.15g (search %.15g, %zu stages), a counter of %ld levels at the search's frequency "
                 "(holds at every point, margin %.3g steps)",
                 f, r.freq, r.n_stages, m->counter.levels, m->counter.margin);
    else if (m->use_counter)
        snprintf(report->message, sizeof report->message,
                 "f = %.15g (search %.15g / %d, %zu stages; bins' f %.15g), a counter of %ld levels "
                 "(holds at every point, margin %.3g steps)",
                 f, r.freq, p.k_best, r.n_stages, p.f, m->counter.levels, m->counter.margin);
    else if (m->use_segments)
        snprintf(report->message, sizeof report->message,
                 "f = %.15g (search %.15g / %d, %zu stages; bins' f %.15g), %zu segments (BIC below %zu bins')", f,
                 r.freq, p.k_best, r.n_stages, p.f, m->segments.k, p.bins);
    else
        snprintf(report->message, sizeof report->message,
                 "f = %.15g (search %.15g / %d, %zu stages), %zu bins, leave-one-out MSE %.3g", f, r.freq,
                 p.k_best, r.n_stages, p.bins, p.loo);
    *model = m;
    return PB_OK;
}

static pb_status fold_predict(const void *model, const double *t, size_t n, double *y)
{
    const fold_model *m = model;
    for (size_t i = 0; i < n; i++)
        y[i] = m->use_counter    ? pb_counter_eval(&m->counter, t[i])
               : m->use_segments ? pb_segments_eval(&m->segments, t[i])
                                 : pb_fold_profile_eval(&m->profile, t[i]);
    return PB_OK;
}

static size_t fold_components(const void *model, pb_component *out, size_t max)
{
    const fold_model *m = model;
    if (max < 1)
        return 0;
    out[0] = m->fundamental;
    return 1;
}

const pb_method_type pb_method_fold = {
    "fold", "spectral",
    "shape folding: coherent period search, sub-multiples checked, dispersion-minimised, binned profile",
    fold_params, sizeof fold_params / sizeof fold_params[0],
    fold_fit, fold_predict, fold_components, fold_free,
    0, NULL /* validate */
};
