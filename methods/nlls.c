/* nlls: a sum of K sinusoids (optionally with harmonics) plus an offset,
 * fitted by GSL's trust-region nonlinear least squares (pb_nlls) with an
 * analytic Jacobian; each frequency's standard error from the Jacobian.
 * Two starts:
 *   init=spectral: the lomb-scargle method's highest peak (the classical
 *     "periodogram, then refine"); then one more component at a time while
 *     it is significant: from the residual's highest peak, or by splitting
 *     the strongest component into a pair (for tones closer than the
 *     periodogram resolves), every component refitted jointly;
 *   init=random: frequencies drawn as sgd-sin draws its weight, the same
 *     basin problem as SGD. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>

#include "spectral/pb_fap.h"
#include "contract/pb_method.h"
#include "nlls/pb_nlls.h"
#include "spectral/pb_trend.h"

#define NLLS_MAX_COMPONENTS 16

extern const pb_method_type pb_method_lomb_scargle;

static const pb_param_def nlls_params[] = {
    {"init", PB_PARAM_CHOICE, "spectral", 0, 0, "spectral|random",
     "starting frequencies: the lomb-scargle method's peaks, or f = |w|/(2 pi) with w ~ N(0, init_sd^2)"},
    {"solver", PB_PARAM_CHOICE, "lm", 0, 0, PB_NLLS_SOLVERS, "GSL trust-region subproblem"},
    {"components", PB_PARAM_INT, "0", 0, NLLS_MAX_COMPONENTS, NULL,
     "sinusoids K; 0: automatic (spectral: as many as are significant, up to 8; random: 1)"},
    {"harmonics", PB_PARAM_INT, "1", 1, 16, NULL, "terms at h f_k, h = 1..H, per fundamental"},
    {"fap_max", PB_PARAM_REAL, "1e-3", 0, 1, NULL,
     "automatic K: a further component is kept only if the false-alarm probability of the power it "
     "explains is at most this"},
    {"init_sd", PB_PARAM_REAL, "1", 0, 1e6, NULL, "init=random: w ~ N(0, init_sd^2), rad per time unit (sgd-sin's)"},
    {"max_iter", PB_PARAM_INT, "200", 1, 1e6, NULL, "trust-region iterations per fit"},
    {"trend", PB_PARAM_CHOICE, "none", 0, 0, PB_TREND_NAMES,
     "polynomial trend in the model beside the offset, fitted together with the sinusoids (in the spectral "
     "start, the refinement and the standard errors)"},
};

#define NLLS_AUTO_MAX 8
/* Pair splits tried for a component the periodogram does not resolve, in units of 1/T. */
static const double nlls_split_half_gaps[] = {0.15, 0.3, 0.6};
/* Two fitted frequencies closer than this (units of 1/T) are one component fitted twice. */
#define NLLS_MIN_GAP 0.02
/* A fitted amplitude above this multiple of the data's largest deviation is a cancelling pair. */
#define NLLS_MAX_AMP_RATIO 4.0
/* Residual RMS below this share of the data's largest deviation is rounding noise. */
#define NLLS_ROUNDING_RMS 1e-9

typedef struct nlls_context {
    const pb_series *train;
    const pb_prior *prior;
    pb_nlls_options opt;
    double span, max_dev, fap_max;
    pb_fit_report *report;
    double weight_sum; /* sum of 1/dy^2, or n without errors: rss / weight_sum is a mean square */
} nlls_context;

/* Fits from f0[0..k); accumulates the counters. Returns the pb_nlls_fit code. */
static int fit_from(nlls_context *cx, const double *f0, size_t k, pb_nlls_result *res)
{
    int rc = pb_nlls_fit(cx->train, f0, k, &cx->opt, res);
    if (rc == 0) {
        cx->report->iterations += res->iterations;
        cx->report->evaluations += res->evaluations;
    }
    return rc;
}

/* Whether a fit is a model of distinct, sensible components. */
static int plausible(const nlls_context *cx, const pb_nlls_result *res)
{
    const pb_harmonic_model *m = res->model;
    size_t h = cx->opt.harmonics, k = m->k / h;
    for (size_t i = 0; i < m->k; i++)
        if (!isfinite(m->comp[i].freq) || m->comp[i].amp > NLLS_MAX_AMP_RATIO * cx->max_dev)
            return 0;
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < i; j++)
            if (fabs(m->comp[i * h].freq - m->comp[j * h].freq) < NLLS_MIN_GAP / cx->span)
                return 0;
    return 1;
}

static void keep_better(const nlls_context *cx, pb_nlls_result *best, pb_nlls_result *cand)
{
    if (cand->model && plausible(cx, cand) && (!best->model || cand->rss < best->rss)) {
        pb_harmonic_model_free(best->model);
        *best = *cand;
    } else {
        pb_harmonic_model_free(cand->model);
    }
    cand->model = NULL;
}

/* The highest peak of s by the lomb-scargle method (one component). */
static pb_status spectral_peak(nlls_context *cx, const pb_series *s, pb_harmonic_model **peak)
{
    const pb_method_type *ls = &pb_method_lomb_scargle;
    pb_params *p = pb_params_alloc(ls->params, ls->n_params);
    char err[128];
    if (!p || pb_params_set(p, "components", "1", err, sizeof err) ||
        pb_params_set(p, "trend", pb_trend_name(cx->opt.trend_degree), err, sizeof err)) {
        pb_params_free(p);
        return PB_OUT_OF_MEMORY;
    }
    pb_fit_report r = {0};
    void *model = NULL;
    pb_status st = ls->fit(s, cx->prior, p, NULL, &model, &r);
    pb_params_free(p);
    cx->report->evaluations += r.evaluations;
    if (st != PB_OK) {
        if (model)
            ls->free_model(model);
        snprintf(cx->report->message, sizeof cx->report->message, "spectral start (lomb-scargle): %.560s", r.message);
        return st;
    }
    *peak = model;
    return PB_OK;
}

/* The fundamentals' frequencies of a fit. */
static size_t fundamentals(const nlls_context *cx, const pb_harmonic_model *m, double *f)
{
    size_t k = m->k / cx->opt.harmonics;
    for (size_t j = 0; j < k; j++)
        f[j] = m->comp[j * cx->opt.harmonics].freq;
    return k;
}

/* Whether a fit with one more component explains significantly more: the
 * share of the remaining power it takes, as a periodogram peak's power,
 * has a Baluev false-alarm probability of at most fap_max. */
static int significant(const nlls_context *cx, const pb_nlls_result *cur, const pb_nlls_result *more)
{
    double z = (cur->rss - more->rss) / cur->rss;
    return pb_fap_baluev(z, cx->prior->fmax, cx->train->t, cx->train->n) <= cx->fap_max;
}

/* Best fit with one component more than cur: the residual's highest peak
 * added, or (unless that is already significant) the strongest fundamental
 * split into a pair. */
static pb_status add_component(nlls_context *cx, const pb_nlls_result *cur, int forced, pb_nlls_result *best)
{
    size_t n = cx->train->n, h = cx->opt.harmonics;
    double f[NLLS_MAX_COMPONENTS + 1];
    size_t k = fundamentals(cx, cur->model, f);
    double *resid = malloc(n * sizeof *resid);
    if (!resid)
        return PB_OUT_OF_MEMORY;
    pb_harmonic_model_predict(cur->model, cx->train->t, n, resid);
    for (size_t i = 0; i < n; i++)
        resid[i] = cx->train->y[i] - resid[i];
    pb_series r = {n, cx->train->t, resid, cx->train->dy};
    pb_harmonic_model *peak = NULL;
    pb_status st = spectral_peak(cx, &r, &peak);
    free(resid);
    *best = (pb_nlls_result){0};
    pb_nlls_result cand;
    if (st == PB_OK) {
        f[k] = peak->comp[0].freq;
        pb_harmonic_model_free(peak);
        if (fit_from(cx, f, k + 1, &cand) == 0)
            keep_better(cx, best, &cand);
        if (!forced && best->model && significant(cx, cur, best))
            return PB_OK;
    }
    size_t strongest = 0;
    for (size_t j = 1; j < k; j++)
        if (cur->model->comp[j * h].amp > cur->model->comp[strongest * h].amp)
            strongest = j;
    double centre = f[strongest];
    for (size_t s = 0; s < sizeof nlls_split_half_gaps / sizeof nlls_split_half_gaps[0]; s++) {
        f[strongest] = centre - nlls_split_half_gaps[s] / cx->span;
        f[k] = centre + nlls_split_half_gaps[s] / cx->span;
        if (fit_from(cx, f, k + 1, &cand) == 0)
            keep_better(cx, best, &cand);
    }
    return PB_OK;
}

static double weight_sum(const pb_series *s)
{
    double w = 0;
    for (size_t i = 0; s->dy && i < s->n; i++)
        w += 1.0 / (s->dy[i] * s->dy[i]);
    return s->dy ? w : (double)s->n;
}

static double largest_deviation(const pb_series *s)
{
    double mean = 0, dev = 0;
    for (size_t i = 0; i < s->n; i++)
        mean += s->y[i] / (double)s->n;
    for (size_t i = 0; i < s->n; i++)
        dev = fmax(dev, fabs(s->y[i] - mean));
    return dev;
}

/* init=spectral: the highest peak, refined; then one more component at a
 * time (all refitted jointly) while it is significant (automatic K) or
 * until K is reached. Taking the periodogram's peaks all at once instead
 * lets leakage from unresolved tones pass for components. */
static pb_status fit_spectral(nlls_context *cx, size_t k_wanted, pb_nlls_result *fit)
{
    size_t k_max = k_wanted ? k_wanted : NLLS_AUTO_MAX;
    pb_harmonic_model *peak = NULL;
    pb_status st = spectral_peak(cx, cx->train, &peak);
    if (st != PB_OK)
        return st;
    double f0 = peak->comp[0].freq;
    pb_harmonic_model_free(peak);
    if (fit_from(cx, &f0, 1, fit) != 0) {
        snprintf(cx->report->message, sizeof cx->report->message, "the fit from the spectral peak is degenerate");
        return PB_BAD_INPUT;
    }
    /* A residual at rounding level (noiseless data fitted) has nothing more to explain. */
    while (fit->model->k / cx->opt.harmonics < k_max &&
           (k_wanted || sqrt(fit->rss / cx->weight_sum) > NLLS_ROUNDING_RMS * cx->max_dev)) {
        pb_nlls_result more;
        if ((st = add_component(cx, fit, k_wanted > 0, &more)) != PB_OK)
            return st;
        if (!more.model)
            break;
        if (!k_wanted && !significant(cx, fit, &more)) {
            pb_harmonic_model_free(more.model);
            break;
        }
        pb_harmonic_model_free(fit->model);
        *fit = more;
    }
    return PB_OK;
}

static pb_status nlls_fit(const pb_series *train, const pb_prior *prior, const pb_params *params, gsl_rng *rng,
                          void **model, pb_fit_report *report)
{
    *model = NULL;
    size_t k_wanted = (size_t)pb_params_int(params, "components");
    size_t h = (size_t)pb_params_int(params, "harmonics");
    int trend = pb_trend_degree_named(pb_params_choice(params, "trend"));
    if (pb_series_check(train, 2 + (size_t)trend + (k_wanted ? k_wanted : 1) * (1 + 2 * h), report->message,
                        sizeof report->message))
        return PB_BAD_INPUT;
    nlls_context cx = {train, prior,
                       {pb_params_choice(params, "solver"), h, (size_t)pb_params_int(params, "max_iter"), trend},
                       pb_series_time_span(train), largest_deviation(train), pb_params_real(params, "fap_max"), report,
                       weight_sum(train)};
    if (!(cx.span > 0) || !(cx.max_dev > 0)) {
        snprintf(report->message, sizeof report->message, "the series is constant or has a single time");
        return PB_BAD_INPUT;
    }
    pb_nlls_result fit = {0};
    pb_status st;
    char start[64] = "spectral start";
    int random_start = strcmp(pb_params_choice(params, "init"), "random") == 0;
    if (random_start) {
        double f0[NLLS_MAX_COMPONENTS];
        size_t k = k_wanted ? k_wanted : 1;
        for (size_t j = 0; j < k; j++)
            f0[j] = fabs(gsl_ran_gaussian(rng, pb_params_real(params, "init_sd"))) / (2.0 * M_PI);
        snprintf(start, sizeof start, "random start f0 = %.9g", f0[0]);
        st = fit_from(&cx, f0, k, &fit) == 0 ? PB_OK : PB_BAD_INPUT;
        if (st != PB_OK)
            snprintf(report->message, sizeof report->message, "the fit from the random start f0 = %.6g is degenerate",
                     f0[0]);
    } else {
        st = fit_spectral(&cx, k_wanted, &fit);
    }
    if (st != PB_OK) {
        pb_harmonic_model_free(fit.model);
        return st;
    }
    const pb_component *c = &fit.model->comp[0];
    snprintf(report->message, sizeof report->message, "%s, K = %zu, f = %.12g +- %.3g, rms residual %.4g%s", start,
             fit.model->k / h, c->freq, c->freq_se,
             sqrt(fit.rss / cx.weight_sum), fit.converged ? "" : ", stopped before GSL's tests passed");
    *model = fit.model;
    return fit.converged ? PB_OK : PB_NO_CONVERGENCE;
}

const pb_method_type pb_method_nlls = {
    "nlls", "nlls",
    "sum of sinusoids by GSL trust-region nonlinear least squares, spectral or random start, standard errors",
    nlls_params, sizeof nlls_params / sizeof nlls_params[0],
    nlls_fit, pb_harmonic_model_predict, pb_harmonic_model_components, pb_harmonic_model_free,
    1, NULL /* validate */
};
