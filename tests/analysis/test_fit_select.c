/* What `periodbench fit` reports, checked by simulation on generated
 * series (pb_fit_select with the nlls method, as fit runs it): pure noise
 * gives no significant period; the reported +-1 sigma covers the truth 68 %
 * of the time in white and in AR(1) noise; a slow swing outside the band is
 * kept as trend, not reported; a quasi-periodic signal is one band; two
 * close tones stay two, one line with a growing amplitude stays one. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "analysis/pb_fit_select.h"

extern const pb_method_type pb_method_nlls;

typedef struct generated {
    size_t n;
    double *t, *y;
} generated;

static generated uniform_series(size_t n)
{
    generated g = {n, malloc(n * sizeof(double)), calloc(n, sizeof(double))};
    cr_assert(g.t && g.y);
    for (size_t i = 0; i < n; i++)
        g.t[i] = (double)i;
    return g;
}

static void free_series(generated *g)
{
    free(g->t);
    free(g->y);
}

/* AR(1) noise of marginal standard deviation sd (phi = 0: white). */
static void add_ar1_noise(generated *g, gsl_rng *r, double phi, double sd)
{
    double e = sd * sqrt(1 - phi * phi), x = gsl_ran_gaussian(r, sd);
    for (size_t i = 0; i < g->n; i++) {
        g->y[i] += x;
        x = phi * x + gsl_ran_gaussian(r, e);
    }
}

/* pb_fit_select on g over the band [2/T, 0.5], as fit does (no trend: the data have none). */
static int select_periods(const generated *g, size_t forced_k, pb_fit_errors errors, pb_fit_selection *sel)
{
    pb_series s = {g->n, g->t, g->y, NULL};
    double span = g->t[g->n - 1] - g->t[0];
    pb_prior prior = {2.0 / span, 0.5, 1, 1.0};
    pb_params *p = pb_params_alloc(pb_method_nlls.params, pb_method_nlls.n_params);
    pb_fit_options o = {1e-3, forced_k, errors, 0};
    char err[1024];
    int rc = pb_fit_select(&s, &prior, &pb_method_nlls, p, &o, sel, err, sizeof err);
    cr_assert_eq(rc, 0, "pb_fit_select: %s", err);
    pb_method_nlls.free_model(sel->model);
    sel->model = NULL;
    pb_params_free(p);
    return rc;
}

Test(fit_select, pure_noise_has_no_significant_period_in_99_percent, .timeout = 300)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    pb_fit_selection *sel = malloc(sizeof *sel);
    int detections = 0;
    for (int seed = 0; seed < 1000; seed++) {
        gsl_rng_set(r, 1000 + (unsigned long)seed);
        generated g = uniform_series(200);
        add_ar1_noise(&g, r, 0.0, 1.0);
        select_periods(&g, 0, PB_FIT_ERRORS_AR1, sel);
        detections += sel->n_rows > 0;
        free_series(&g);
    }
    free(sel);
    gsl_rng_free(r);
    cr_log_info("pure noise: %d of 1,000 series report a significant period", detections);
    cr_assert_leq(detections, 10, "%d of 1,000 pure-noise series report a significant period", detections);
}

/* Share of seeds where |f - f_true| <= the reported sigma, one tone (10 dB) in AR(1) noise. */
static double coverage(double phi, pb_fit_errors errors, int seeds)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    pb_fit_selection *sel = malloc(sizeof *sel);
    int covered = 0;
    for (int seed = 0; seed < seeds; seed++) {
        gsl_rng_set(r, 5000 + (unsigned long)seed);
        generated g = uniform_series(256);
        double f = 0.05 + 0.4 * gsl_rng_uniform(r), ph = 2 * M_PI * gsl_rng_uniform(r);
        for (size_t i = 0; i < g.n; i++)
            g.y[i] = cos(2 * M_PI * f * g.t[i] + ph);
        add_ar1_noise(&g, r, phi, sqrt(0.5 / 10.0)); /* SNR = A^2 / (2 sigma^2) = 10 */
        select_periods(&g, 1, errors, sel);
        cr_assert_eq(sel->n_rows, 1);
        covered += fabs(sel->rows[0].c.freq - f) <= sel->rows[0].c.freq_se;
        free_series(&g);
    }
    free(sel);
    gsl_rng_free(r);
    return (double)covered / seeds;
}

Test(fit_select, one_sigma_covers_the_truth_68_percent_in_white_and_ar1_noise, .timeout = 600)
{
    const double phis[] = {0.0, 0.5, 0.9};
    for (int k = 0; k < 3; k++) {
        double c = coverage(phis[k], PB_FIT_ERRORS_AR1, 1000);
        cr_log_info("coverage of +-1 sigma, AR(1) phi = %.1f, errors ar1: %.3f", phis[k], c);
        cr_assert(fabs(c - 0.6827) <= 0.03, "phi = %.1f: +-1 sigma covers the truth in %.1f %% of 1,000 seeds",
                  phis[k], 100 * c);
    }
    /* Without the widening the same test fails: white-noise errors in AR(1) noise of phi = 0.9. */
    double white = coverage(0.9, PB_FIT_ERRORS_WHITE, 1000);
    cr_log_info("coverage of +-1 sigma, AR(1) phi = 0.9, errors white: %.3f", white);
    cr_assert(fabs(white - 0.6827) > 0.03, "white errors cover %.1f %% at phi = 0.9: the test cannot tell", 100 * white);
}

/* Without detrending, a swing three times slower than the span is fitted
 * (the refinement takes it below the band) but is trend, not a period. */
Test(fit_select, a_swing_slower_than_the_band_is_trend_not_a_period)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 3);
    generated g = uniform_series(300);
    for (size_t i = 0; i < g.n; i++)
        g.y[i] = 5.0 * cos(2 * M_PI * g.t[i] / 900.0 + 0.4) + cos(2 * M_PI * g.t[i] / 13.0);
    add_ar1_noise(&g, r, 0.0, 0.2);
    pb_fit_selection *sel = malloc(sizeof *sel);
    select_periods(&g, 0, PB_FIT_ERRORS_AR1, sel);
    double fmin = 2.0 / (double)(g.n - 1);
    cr_assert_geq(sel->n_rows, 1);
    for (size_t j = 0; j < sel->n_rows; j++)
        cr_assert(sel->rows[j].c.freq >= fmin, "row %zu: period %g outside the band (longest %g)", j,
                  1 / sel->rows[j].c.freq, 1 / fmin);
    cr_assert(fabs(1 / sel->rows[0].c.freq - 13.0) < 0.05, "strongest period %g", 1 / sel->rows[0].c.freq);
    cr_assert_geq(sel->n_outside, 1, "the slow swing is neither reported nor said to be trend");
    free(sel);
    free_series(&g);
    gsl_rng_free(r);
}

/* A quasi-periodic rhythm (cycle length wandering, as the solar cycle's):
 * one band around its mean frequency, not a list of sinusoids. */
Test(fit_select, a_quasi_periodic_rhythm_is_one_band)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 21);
    generated g = uniform_series(3000);
    double phase = 0, cycle = 100 + gsl_ran_gaussian(r, 12); /* each cycle's length ~ N(100, 12) */
    for (size_t i = 0; i < g.n; i++) {
        phase += 2 * M_PI / cycle;
        if (phase > 2 * M_PI) {
            phase -= 2 * M_PI;
            cycle = 100 + gsl_ran_gaussian(r, 12);
        }
        g.y[i] = cos(phase);
    }
    add_ar1_noise(&g, r, 0.0, 0.3);
    pb_fit_selection *sel = malloc(sizeof *sel);
    select_periods(&g, 0, PB_FIT_ERRORS_AR1, sel);
    cr_assert_geq(sel->n_rows, 1);
    const pb_fit_period *top = &sel->rows[0];
    cr_assert_eq(top->kind, PB_FIT_BAND, "the strongest row is a %s line of period %g, not a band",
                 top->members == 2 ? "merged" : "single", 1 / top->c.freq);
    cr_assert(top->f_lo < 0.01 && top->f_hi > 0.01 && fabs(top->c.freq - 0.01) < 0.001, "band %g [%g, %g]",
              top->c.freq, top->f_lo, top->f_hi);
    cr_assert_geq(top->members, 3);
    for (size_t j = 1; j < sel->n_rows; j++) /* nothing inside it is reported as a line of its own */
        cr_assert(sel->rows[j].c.freq < top->f_lo || sel->rows[j].c.freq > top->f_hi, "row %zu: period %g", j,
                  1 / sel->rows[j].c.freq);
    free(sel);
    free_series(&g);
    gsl_rng_free(r);
}

/* Two equal tones 0.5/T apart (the close-tones task, 30 dB) stay two
 * lines; one line whose amplitude grows over the span stays one period. */
Test(fit_select, close_tones_stay_two_and_a_growing_line_stays_one)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    pb_fit_selection *sel = malloc(sizeof *sel);
    for (int seed = 0; seed < 5; seed++) {
        gsl_rng_set(r, 40 + (unsigned long)seed);
        generated g = uniform_series(256);
        double f = 0.1 + 0.3 * gsl_rng_uniform(r), p1 = 2 * M_PI * gsl_rng_uniform(r), p2 = 2 * M_PI * gsl_rng_uniform(r);
        for (size_t i = 0; i < g.n; i++)
            g.y[i] = cos(2 * M_PI * f * g.t[i] + p1) + cos(2 * M_PI * (f + 0.5 / 256) * g.t[i] + p2);
        add_ar1_noise(&g, r, 0.0, sqrt(0.5e-3));
        select_periods(&g, 0, PB_FIT_ERRORS_AR1, sel);
        cr_assert_eq(sel->n_rows, 2, "seed %d: %zu rows for two close tones", seed, sel->n_rows);
        free_series(&g);

        g = uniform_series(468); /* monthly, 39 years, the seasonal amplitude doubling */
        for (size_t i = 0; i < g.n; i++)
            g.y[i] = (1.0 + g.t[i] / 468.0) * cos(2 * M_PI * g.t[i] / 12.0 + p1);
        add_ar1_noise(&g, r, 0.0, 0.1);
        select_periods(&g, 0, PB_FIT_ERRORS_AR1, sel);
        size_t near = 0;
        for (size_t j = 0; j < sel->n_rows; j++)
            near += fabs(1 / sel->rows[j].c.freq - 12.0) < 1.0;
        cr_assert_eq(near, 1, "seed %d: the growing annual line is reported as %zu periods", seed, near);
        free_series(&g);
    }
    free(sel);
    gsl_rng_free(r);
}
