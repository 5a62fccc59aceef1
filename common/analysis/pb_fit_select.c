/* pb_fit_select: the rules of pb_fit_select.h. */
#include "analysis/pb_fit_select.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_rng.h"
#include "spectral/pb_am_line.h"
#include "spectral/pb_fap.h"
#include "spectral/pb_gls.h"
#include "spectral/pb_lsq.h"
#include "spectral/pb_resid_ar1.h"

/* Fits with more components for a forced K (some fell outside the band,
 * or were spent on a slow swing), at most. A K beyond the method's own
 * range fails its fit, which ends the search too. */
#define FIT_MAX_REFITS 4
/* A refitted amplitude above this multiple of the data's largest deviation
 * from their mean belongs to a cancelling pair (nlls's rule, NLLS_MAX_AMP_RATIO). */
#define FIT_MAX_AMP_RATIO 4.0

typedef struct fit_context {
    const pb_series *s;
    const pb_prior *prior;
    const pb_method_type *m;
    const pb_params *base;
    const pb_fit_options *o;
    double span;
} fit_context;

/* One fit of m with K components (0: the method's automatic K, stopping at
 * o->fap_max). Returns 0 or an exit status. */
static int fit_with(const fit_context *cx, size_t k, void **model, pb_status *st, char *msg, size_t msglen,
                    char *err, size_t errlen)
{
    pb_params *p = pb_params_copy(cx->base);
    char buf[32], perr[256];
    int bad = !p;
    if (p && k > 0) {
        snprintf(buf, sizeof buf, "%zu", k);
        bad = !pb_params_has(p, "components") || pb_params_set(p, "components", buf, perr, sizeof perr) != 0;
        if (bad) {
            snprintf(err, errlen, "method %s cannot be asked for %zu period(s)", cx->m->name, k);
            pb_params_free(p);
            return 2;
        }
    }
    if (p && pb_params_has(p, "fap_max")) { /* forced K: the method must not stop early; we mark significance */
        snprintf(buf, sizeof buf, "%.17g", k > 0 ? 1.0 : cx->o->fap_max);
        bad = pb_params_set(p, "fap_max", buf, perr, sizeof perr) != 0;
    }
    if (bad) {
        pb_params_free(p);
        snprintf(err, errlen, "out of memory for the method's parameters");
        return 1;
    }
    pb_fit_report report = {0};
    gsl_rng *rng = pb_rng_alloc("fit", cx->m->name);
    *model = NULL;
    *st = rng ? cx->m->fit(cx->s, cx->prior, p, rng, model, &report) : PB_OUT_OF_MEMORY;
    gsl_rng_free(rng);
    pb_params_free(p);
    snprintf(msg, msglen, "%s", report.message);
    if (!pb_status_has_model(*st) || !*model) {
        if (*model)
            cx->m->free_model(*model);
        *model = NULL;
        snprintf(err, errlen, "method %s: %s: %s", cx->m->name, pb_status_name(*st), report.message);
        return *st == PB_BAD_INPUT || *st == PB_UNSUPPORTED ? 2 : 1;
    }
    return 0;
}

static int by_power(const void *x, const void *y)
{
    const pb_fit_period *a = x, *b = y;
    return (a->power < b->power) - (a->power > b->power);
}

static int by_freq(const void *x, const void *y)
{
    const pb_fit_period *a = x, *b = y;
    return (a->c.freq > b->c.freq) - (a->c.freq < b->c.freq);
}

static double weight_of(const pb_series *s, size_t i)
{
    return s->dy ? 1.0 / (s->dy[i] * s->dy[i]) : 1.0;
}

/* The (weighted) residual sum of squares of the model's values model_y. */
static double model_rss(const pb_series *s, const double *model_y)
{
    double rss = 0;
    for (size_t i = 0; i < s->n; i++)
        rss += weight_of(s, i) * (s->y[i] - model_y[i]) * (s->y[i] - model_y[i]);
    return rss;
}

/* out = y - model_y + rows[0..k): what those components explain, every
 * other one removed. one: scratch of n values. */
static void explained_by(const pb_series *s, const double *model_y, const pb_fit_period *rows, size_t k, double *out,
                         double *one)
{
    for (size_t i = 0; i < s->n; i++)
        out[i] = s->y[i] - model_y[i];
    for (size_t q = 0; q < k; q++) {
        pb_lsq_eval(&rows[q].c, 1, 0.0, s->t, s->n, one);
        for (size_t i = 0; i < s->n; i++)
            out[i] += one[i];
    }
}

/* The power a component explains with every other one removed, at its frequency. */
static double component_power(const pb_series *s, const double *model_y, const pb_fit_period *row, int trend_degree,
                              double *r, double *one)
{
    explained_by(s, model_y, row, 1, r, one);
    pb_series rs = {s->n, s->t, r, s->dy};
    pb_gls_data d;
    double power = NAN;
    if (pb_gls_data_init(&d, &rs) == 0) {
        if (pb_gls_data_trend(&d, trend_degree) == 0)
            power = pb_gls_power(&d, row->c.freq);
        pb_gls_data_free(&d);
    }
    return power;
}

/* Whether a component of this power pays for its three parameters (BIC). */
static int pays_for_itself(double power, size_t n)
{
    return power > 0 && power < 1 ? -(double)n * log1p(-power) > 3.0 * log((double)n) : power >= 1;
}

static int in_band(const pb_prior *prior, double f)
{
    return f >= prior->fmin * (1 - 1e-12) && f <= prior->fmax * (1 + 1e-12);
}

/* The model as significance judges it: the trend, offset and sinusoids
 * refitted by linear least squares at the frequencies the method reports
 * (for a least-squares method, its own fit; for any other, what those
 * frequencies explain), never the method's predictions or amplitudes,
 * which need not agree with what it reports (a program could report a
 * period the data lack and predict the data). comp[0..k) are the method's
 * components, their amplitudes and phases replaced by the refit's (0 for a
 * frequency that is not a positive number); model_y its values at the
 * data's times. Returns 0, or -1 when the refit is degenerate or out of
 * memory. */
static int refit_components(const fit_context *cx, pb_component *comp, size_t k, double *model_y)
{
    const pb_series *s = cx->s;
    pb_component fitted[PB_FIT_MAX_ROWS];
    double freqs[PB_FIT_MAX_ROWS], offset;
    size_t used = 0, where[PB_FIT_MAX_ROWS];
    for (size_t j = 0; j < k; j++)
        if (isfinite(comp[j].freq) && comp[j].freq > 0)
            where[used] = j, freqs[used++] = comp[j].freq;
    pb_trend trend = pb_trend_scaled_to(s->t, s->n, cx->o->trend_degree);
    if (pb_lsq_fit_trend(s, freqs, used, &trend, fitted, &offset, NULL) != 0)
        return -1;
    /* Columns that (nearly) repeat each other - a frequency reported twice,
     * its alias, lines closer than the data resolve - give amplitudes far
     * beyond the data that cancel: no such set of periods is judged. */
    double dev = 0, mean = 0;
    for (size_t i = 0; i < s->n; i++)
        mean += s->y[i] / (double)s->n;
    for (size_t i = 0; i < s->n; i++)
        dev = fmax(dev, fabs(s->y[i] - mean));
    for (size_t q = 0; q < used; q++)
        if (!(fitted[q].amp <= FIT_MAX_AMP_RATIO * dev))
            return -1;
    for (size_t j = 0; j < k; j++)
        comp[j].amp = comp[j].phase = 0;
    for (size_t q = 0; q < used; q++)
        comp[where[q]].amp = fitted[q].amp, comp[where[q]].phase = fitted[q].phase;
    pb_lsq_eval(fitted, used, offset, s->t, s->n, model_y);
    for (size_t i = 0; cx->o->trend_degree > 0 && i < s->n; i++)
        model_y[i] += pb_trend_eval(&trend, s->t[i]);
    return 0;
}

/* The model's components scored: in-band ones into rows (strongest first),
 * the others counted as trend. */
static int score(const fit_context *cx, void *model, pb_fit_selection *sel)
{
    const pb_series *s = cx->s;
    pb_component comp[PB_FIT_MAX_ROWS + 1];
    size_t k = cx->m->components ? cx->m->components(model, comp, PB_FIT_MAX_ROWS + 1) : 0;
    sel->more_components = k > PB_FIT_MAX_ROWS;
    k = sel->more_components ? PB_FIT_MAX_ROWS : k;
    double *model_y = malloc(s->n * sizeof *model_y), *r = malloc(s->n * sizeof *r), *one = malloc(s->n * sizeof *one);
    if (!model_y || !r || !one) {
        free(model_y), free(r), free(one);
        return -1;
    }
    int refit = refit_components(cx, comp, k, model_y) == 0; /* else no row is significant */
    for (size_t i = 0; !refit && i < s->n; i++)
        model_y[i] = 0; /* the residuals' correlation is then the data's own */
    sel->n_rows = sel->n_outside = 0;
    sel->n_components = k;
    for (size_t j = 0; j < k; j++) {
        if (!(comp[j].freq > 0) || !in_band(cx->prior, comp[j].freq)) {
            sel->outside_freq[sel->n_outside++] = fabs(comp[j].freq);
            continue;
        }
        pb_fit_period *p = &sel->rows[sel->n_rows++];
        memset(p, 0, sizeof *p);
        p->c = comp[j];
        p->power = refit ? component_power(s, model_y, p, cx->o->trend_degree, r, one) : NAN;
        p->fap = isfinite(p->power) ? pb_fap_baluev(p->power, cx->prior->fmax, s->t, s->n) : 1.0;
        p->significant = p->fap <= cx->o->fap_max && pays_for_itself(p->power, s->n);
        p->kind = PB_FIT_LINE;
        p->members = 1;
        p->f_lo = p->f_hi = p->c.freq;
    }
    /* The residuals' correlation, for the ar1 errors and for the output. */
    for (size_t i = 0; i < s->n; i++)
        r[i] = s->y[i] - model_y[i];
    sel->phi = pb_ar1_phi(r, s->n);
    sel->step = pb_ar1_median_step(s->t, s->n);
    free(model_y), free(r), free(one);
    qsort(sel->rows, sel->n_rows, sizeof sel->rows[0], by_power);
    return 0;
}

static size_t count_significant(const pb_fit_selection *sel)
{
    size_t n = 0;
    for (size_t j = 0; j < sel->n_rows; j++)
        n += (size_t)sel->rows[j].significant;
    return n;
}

/* Scratch for the grouping: the model's values and two series. */
typedef struct group_work {
    double *model_y, *r, *one;
} group_work;

/* The share of the variance of y - (model without rows) that rows explain:
 * a band's power, as a periodogram peak's power is one line's. */
static double joint_power(const pb_series *s, const group_work *w, const pb_fit_period *rows, size_t k)
{
    explained_by(s, w->model_y, rows, k, w->r, w->one);
    double mean = 0, wsum = 0, var = 0;
    for (size_t i = 0; i < s->n; i++)
        mean += weight_of(s, i) * w->r[i], wsum += weight_of(s, i);
    mean /= wsum;
    for (size_t i = 0; i < s->n; i++)
        var += weight_of(s, i) * (w->r[i] - mean) * (w->r[i] - mean);
    return var > 0 ? 1.0 - model_rss(s, w->model_y) / var : NAN;
}

/* Two lines less than 1/T apart: one line with a drifting amplitude fits
 * as well (by BIC: the pair has one parameter more)? Then merge. */
static int pair_is_one_line(const pb_series *s, const group_work *w, const pb_fit_period *a, const pb_fit_period *b)
{
    pb_fit_period pair[2] = {*a, *b};
    explained_by(s, w->model_y, pair, 2, w->r, w->one);
    pb_series rs = {s->n, s->t, w->r, s->dy};
    double wa = a->c.amp * a->c.amp, wb = b->c.amp * b->c.amp, rss_am, rss_pair = model_rss(s, w->model_y);
    double f = (wa * a->c.freq + wb * b->c.freq) / (wa + wb);
    return pb_am_line_rss(&rs, f, &rss_am) == 0 && rss_pair > 0 &&
           (double)s->n * log(rss_am / rss_pair) <= log((double)s->n);
}

/* Close lines (auto K): sub-resolution pairs that are one line merged into
 * the stronger; runs of three or more into bands. rows: significant only. */
static void group_lines(const fit_context *cx, void *model, pb_fit_selection *sel)
{
    size_t n = sel->n_rows, len = cx->s->n;
    if (n < 2)
        return;
    group_work w = {malloc(len * sizeof(double)), malloc(len * sizeof(double)), malloc(len * sizeof(double))};
    if (!w.model_y || !w.r || !w.one) { /* without memory the lines stay as fitted */
        free(w.model_y), free(w.r), free(w.one);
        return;
    }
    pb_component comp[PB_FIT_MAX_ROWS];
    size_t k = cx->m->components(model, comp, PB_FIT_MAX_ROWS);
    if (refit_components(cx, comp, k, w.model_y) != 0) { /* score found it degenerate too: nothing is significant */
        free(w.model_y), free(w.r), free(w.one);
        return;
    }
    pb_fit_period sorted[PB_FIT_MAX_ROWS], out[PB_FIT_MAX_ROWS];
    memcpy(sorted, sel->rows, n * sizeof sorted[0]);
    qsort(sorted, n, sizeof sorted[0], by_freq);
    size_t m = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && (sorted[j].c.freq - sorted[j - 1].c.freq) * cx->span < PB_FIT_BAND_GAP)
            j++;
        size_t run = j - i;
        if (run >= 3) {
            double w2 = 0, wf = 0, wff = 0, fap = 1;
            size_t strongest = i;
            for (size_t q = i; q < j; q++) {
                double a2 = sorted[q].c.amp * sorted[q].c.amp;
                w2 += a2, wf += a2 * sorted[q].c.freq;
                fap = fmin(fap, sorted[q].fap);
                if (sorted[q].c.amp > sorted[strongest].c.amp)
                    strongest = q;
            }
            double centre = wf / w2;
            for (size_t q = i; q < j; q++)
                wff += sorted[q].c.amp * sorted[q].c.amp * (sorted[q].c.freq - centre) * (sorted[q].c.freq - centre);
            pb_fit_period b = sorted[strongest];
            b.kind = PB_FIT_BAND;
            b.c.freq = centre;
            b.c.amp = sqrt(w2);
            b.c.freq_se = 0;
            b.power = joint_power(cx->s, &w, &sorted[i], run);
            b.fap = fap;
            b.spread = sqrt(wff / w2);
            b.f_lo = sorted[i].c.freq;
            b.f_hi = sorted[j - 1].c.freq;
            b.members = run;
            out[m++] = b;
        } else if (run == 2 && (sorted[i + 1].c.freq - sorted[i].c.freq) * cx->span < 1.0 &&
                   pair_is_one_line(cx->s, &w, &sorted[i], &sorted[i + 1])) {
            int first_stronger = sorted[i].c.amp >= sorted[i + 1].c.amp;
            pb_fit_period keep = first_stronger ? sorted[i] : sorted[i + 1];
            keep.members = 2;
            keep.sideband = first_stronger ? sorted[i + 1].c.freq : sorted[i].c.freq;
            out[m++] = keep;
        } else {
            for (size_t q = i; q < j; q++)
                out[m++] = sorted[q];
        }
        i = j;
    }
    free(w.model_y), free(w.r), free(w.one);
    memcpy(sel->rows, out, m * sizeof out[0]);
    sel->n_rows = m;
    qsort(sel->rows, m, sizeof sel->rows[0], by_power);
}

/* How many of the k strongest in-band rows are significant (rows past n_rows count as missing). */
static size_t top_significant(const pb_fit_selection *sel, size_t k)
{
    size_t n = 0;
    for (size_t j = 0; j < k && j < sel->n_rows; j++)
        n += (size_t)sel->rows[j].significant;
    return n;
}

/* A forced-K fit a is better than b: K rows in the band where b has fewer;
 * else converged where b is not (a fit that stopped early can leave a
 * cancelling pair that looks significant); else more significant ones
 * among its K strongest. */
static int better_forced(const pb_fit_selection *a, const pb_fit_selection *b, size_t k)
{
    int a_full = a->n_rows >= k, b_full = b->n_rows >= k;
    if (a_full != b_full)
        return a_full;
    int a_ok = a->status == PB_OK, b_ok = b->status == PB_OK;
    if (a_ok != b_ok)
        return a_ok;
    return top_significant(a, k) > top_significant(b, k);
}

static void widen_errors(const fit_context *cx, pb_fit_selection *sel)
{
    if (cx->o->errors != PB_FIT_ERRORS_AR1)
        return;
    for (size_t j = 0; j < sel->n_rows; j++)
        if (sel->rows[j].kind == PB_FIT_LINE && sel->rows[j].c.freq_se > 0)
            sel->rows[j].c.freq_se *= pb_ar1_se_factor(sel->phi, sel->rows[j].c.freq, sel->step);
}


/* --periods K: exactly K periods in the band. Components the fit spends
 * outside it (trend) do not count; nor, while a fit with more components
 * finds them, weak ones (a forced fit can spend a component on splitting a
 * slow swing). sel holds the first fit; returns 0 or an exit status. */
static int select_forced(const fit_context *cx, pb_fit_selection *sel, char *err, size_t errlen)
{
    const pb_fit_options *o = cx->o;
    size_t k_fit = o->forced_k;
    pb_fit_selection *best = malloc(sizeof *best);
    if (!best)
        return snprintf(err, errlen, "out of memory"), 1;
    *best = *sel;
    for (int refits = 0; top_significant(best, o->forced_k) < o->forced_k && refits < FIT_MAX_REFITS; refits++) {
        k_fit = o->forced_k + sel->n_outside > k_fit ? o->forced_k + sel->n_outside : k_fit + 1;
        char bigger_err[256];
        void *model;
        if (fit_with(cx, k_fit, &model, &sel->status, sel->method_message, sizeof sel->method_message, bigger_err,
                     sizeof bigger_err) != 0)
            break; /* more components cannot be fitted (too few points, the method's range): the best stands */
        sel->model = model;
        if (score(cx, model, sel) != 0) {
            cx->m->free_model(best->model); /* sel->model, the newer, is the caller's to free */
            free(best);
            return snprintf(err, errlen, "out of memory"), 1;
        }
        if (better_forced(sel, best, o->forced_k)) {
            cx->m->free_model(best->model);
            *best = *sel;
        } else {
            cx->m->free_model(sel->model);
            sel->model = best->model; /* what the caller frees if anything below fails */
        }
    }
    *sel = *best;
    free(best);
    if (sel->n_rows > o->forced_k) /* the weakest of the extra ones: the model keeps them */
        sel->n_dropped = sel->n_rows - o->forced_k, sel->n_rows = o->forced_k;
    if (sel->n_rows < o->forced_k) {
        if (sel->n_outside > 0)
            snprintf(err, errlen,
                     "asked for %zu periods, but %zu of the %zu fitted lie outside the band [%.6g, %.6g] (the "
                     "longest: period %.6g, slower than the band allows: part of the trend): ask for fewer, widen "
                     "--fmin, or use a higher --detrend",
                     o->forced_k, sel->n_outside, sel->n_components, cx->prior->fmin, cx->prior->fmax,
                     1.0 / sel->outside_freq[0]);
        else
            snprintf(err, errlen,
                     "asked for %zu periods, but method %s fitted only %zu distinct period(s) in the band: a further "
                     "component duplicated or cancelled one already fitted (nothing distinct is left in the band); "
                     "ask for at most %zu",
                     o->forced_k, cx->m->name, sel->n_rows, sel->n_rows);
        return 2;
    }
    widen_errors(cx, sel);
    return 0;
}

int pb_fit_select(const pb_series *s, const pb_prior *prior, const pb_method_type *m, const pb_params *base,
                  const pb_fit_options *o, pb_fit_selection *sel, char *err, size_t errlen)
{
    memset(sel, 0, sizeof *sel);
    fit_context cx = {s, prior, m, base, o, pb_series_time_span(s)};
    void *model;
    int rc = fit_with(&cx, o->forced_k, &model, &sel->status, sel->method_message, sizeof sel->method_message, err,
                      errlen);
    if (rc)
        return rc;
    sel->model = model;
    if (score(&cx, model, sel) != 0)
        return snprintf(err, errlen, "out of memory"), 1;
    if (o->forced_k)
        return select_forced(&cx, sel, err, errlen);
    /* Automatic K: what is not significant is not reported (a refit with
     * fewer components forced can trade a clear line for a split of a slow
     * swing, so the method's own fit stays the model). */
    if (count_significant(sel) == 0) {
        sel->have_best = sel->n_rows > 0;
        if (sel->have_best)
            sel->best = sel->rows[0];
        sel->n_dropped += sel->n_rows;
        sel->n_rows = 0;
        return 0;
    }
    size_t kept = 0; /* the significant ones only */
    for (size_t j = 0; j < sel->n_rows; j++)
        if (sel->rows[j].significant)
            sel->rows[kept++] = sel->rows[j];
    sel->n_dropped += sel->n_rows - kept;
    sel->n_rows = kept;
    group_lines(&cx, sel->model, sel);
    widen_errors(&cx, sel);
    return 0;
}
