/* seasonal-naive: the forecaster's seasonal naive baseline at the period a
 * plain periodogram finds. The period P is the highest peak of the
 * generalized Lomb-Scargle periodogram (one term, floating mean) on a grid
 * of 5 frequencies per peak width in the prior band, refined by Brent's
 * method. A time t is predicted by the training value nearest in time to
 * t - kP, k the smallest whole number >= 1 that brings t - kP within the
 * training span (the last season seen, for a forecast; the season before,
 * inside the span), or k = 1 when none does. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contract/pb_method.h"
#include "spectral/pb_gls.h"
#include "spectral/pb_grid.h"

typedef struct naive_model {
    size_t n;
    double *t, *y;
    double period;
} naive_model;

static void naive_free(void *model)
{
    naive_model *m = model;
    if (!m)
        return;
    free(m->t);
    free(m->y);
    free(m);
}

/* The frequency of the highest plain-periodogram peak in the prior band. */
static int best_frequency(const pb_series *train, const pb_prior *prior, double *f, char *msg, size_t msglen)
{
    pb_grid g;
    if (pb_grid_auto(pb_series_time_span(train), 5.0, prior->fmin, prior->fmax, &g) != 0 ||
        (double)g.m > PB_GRID_MAX_FREQS) {
        snprintf(msg, msglen, "no grid of at most %s frequencies in the prior band [%g, %g]", PB_GRID_MAX_FREQS_TEXT,
                 prior->fmin, prior->fmax);
        return -1;
    }
    pb_gls_data d;
    double *power = malloc(g.m * sizeof *power);
    if (!power || pb_gls_data_init_weighted(&d, train, NULL) != 0) {
        free(power);
        snprintf(msg, msglen, "out of memory");
        return -2;
    }
    int rc = pb_gls_power_fast(&d, g.f0, g.df, g.m, PB_GLS_FAST_TOL, power);
    size_t best = 0;
    for (size_t j = 1; rc == 0 && j < g.m; j++)
        if (power[j] > power[best])
            best = j;
    long iters = 0;
    if (rc == 0)
        *f = pb_gls_refine_peak(&d, g.f0 + (double)best * g.df, g.df, g.f0, prior->fmax, PB_GLS_REFINE_TOL, &iters);
    pb_gls_data_free(&d);
    free(power);
    if (rc != 0) {
        snprintf(msg, msglen, "out of memory");
        return -2;
    }
    return 0;
}

static pb_status naive_fit(const pb_series *train, const pb_prior *prior, const pb_params *params, gsl_rng *rng,
                           void **model, pb_fit_report *report)
{
    (void)params;
    (void)rng;
    *model = NULL;
    if (pb_series_check(train, 4, report->message, sizeof report->message) != 0)
        return PB_BAD_INPUT;
    double f = 0;
    int rc = best_frequency(train, prior, &f, report->message, sizeof report->message);
    if (rc != 0)
        return rc == -2 ? PB_OUT_OF_MEMORY : PB_BAD_INPUT;
    naive_model *m = calloc(1, sizeof *m);
    if (!m)
        return PB_OUT_OF_MEMORY;
    m->n = train->n;
    m->t = malloc(train->n * sizeof *m->t);
    m->y = malloc(train->n * sizeof *m->y);
    if (!m->t || !m->y) {
        naive_free(m);
        return PB_OUT_OF_MEMORY;
    }
    memcpy(m->t, train->t, train->n * sizeof *m->t);
    memcpy(m->y, train->y, train->n * sizeof *m->y);
    m->period = 1.0 / f;
    snprintf(report->message, sizeof report->message, "period %.12g (periodogram peak)", m->period);
    *model = m;
    return PB_OK;
}

/* The training value at the time nearest u (times sorted). */
static double nearest_value(const naive_model *m, double u)
{
    size_t lo = 0, hi = m->n - 1;
    if (u <= m->t[0])
        return m->y[0];
    if (u >= m->t[hi])
        return m->y[hi];
    while (hi - lo > 1) { /* t[lo] < u < t[hi] */
        size_t mid = lo + (hi - lo) / 2;
        if (m->t[mid] <= u)
            lo = mid;
        else
            hi = mid;
    }
    return u - m->t[lo] <= m->t[hi] - u ? m->y[lo] : m->y[hi];
}

static pb_status naive_predict(const void *model, const double *t, size_t n, double *y)
{
    const naive_model *m = model;
    double first = m->t[0], last = m->t[m->n - 1], p = m->period;
    for (size_t i = 0; i < n; i++) {
        double k = fmax(1.0, ceil((t[i] - last) / p));
        if (t[i] - k * p < first) /* no season of the span lies k periods back */
            k = 1.0;
        y[i] = nearest_value(m, t[i] - k * p);
    }
    return PB_OK;
}

static size_t naive_components(const void *model, pb_component *out, size_t max)
{
    const naive_model *m = model;
    if (max < 1)
        return 0;
    out[0] = (pb_component){1.0 / m->period, 0.0, 0.0, 0.0};
    return 1;
}

const pb_method_type pb_method_seasonal_naive = {
    "seasonal-naive", "baseline",
    "the training value one season back (the last season seen, for a forecast), at the plain periodogram's period",
    NULL, 0, naive_fit, naive_predict, naive_components, naive_free, 0, NULL /* validate */
};
