/* A polynomial trend fitted together with the sinusoids, against naive
 * references: the generalized periodogram with the trend's columns
 * (pb_gls_data_trend) by its definition, 1 - chi2(trend + sinusoid) /
 * chi2(trend), each chi2 from GSL's linear least squares on a design built
 * here; its grid and fast sums against its exact power; the joint linear
 * fit (pb_lsq_fit_trend) and the joint nonlinear one (pb_nlls) by the
 * residuals their models predict. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "nlls/pb_nlls.h"
#include "spectral/pb_gls.h"
#include "spectral/pb_lsq.h"

#define N 300

/* Gapped, jittered times over ~3 cycles of a slow wave, a trend, a faster
 * tone and noise; errors that vary. */
static void trended_series(double *t, double *y, double *dy)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    double now = 0;
    for (size_t i = 0; i < N; i++) {
        now += (i % 60 == 59) ? 25.0 : 0.5 + 3.0 * gsl_rng_uniform(r);
        t[i] = now;
        y[i] = 0.02 * now + 2e-5 * now * now + 1.5 * cos(2 * M_PI * now / 365.0 + 1) + 0.6 * sin(0.9 * now) +
               gsl_ran_gaussian(r, 0.5);
        dy[i] = 0.4 + 0.3 * gsl_rng_uniform(r);
    }
    gsl_rng_free(r);
}

/* chi2 of [1, x .. x^degree] (and cos, sin of f when f > 0) by GSL. */
static double chi2_of(const double *t, const double *y, const double *dy, int degree, double f)
{
    size_t p = (size_t)degree + 1 + (f > 0 ? 2 : 0);
    double mid = 0.5 * (t[0] + t[N - 1]), half = 0.5 * (t[N - 1] - t[0]);
    gsl_matrix *X = gsl_matrix_alloc(N, p), *cov = gsl_matrix_alloc(p, p);
    gsl_vector *c = gsl_vector_alloc(p), *w = gsl_vector_alloc(N);
    gsl_vector_const_view yv = gsl_vector_const_view_array(y, N);
    for (size_t i = 0; i < N; i++) {
        for (int j = 0; j <= degree; j++)
            gsl_matrix_set(X, i, (size_t)j, pow((t[i] - mid) / half, j));
        if (f > 0) {
            gsl_matrix_set(X, i, p - 2, cos(2 * M_PI * f * t[i]));
            gsl_matrix_set(X, i, p - 1, sin(2 * M_PI * f * t[i]));
        }
        gsl_vector_set(w, i, dy ? 1.0 / (dy[i] * dy[i]) : 1.0);
    }
    gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(N, p);
    double chi2;
    cr_assert_eq(gsl_multifit_wlinear(X, w, &yv.vector, c, cov, &chi2, ws), 0);
    gsl_multifit_linear_free(ws);
    gsl_matrix_free(X);
    gsl_matrix_free(cov);
    gsl_vector_free(c);
    gsl_vector_free(w);
    return chi2;
}

Test(gls_trend, power_matches_the_definition)
{
    double t[N], y[N], dy[N];
    trended_series(t, y, dy);
    const double freqs[] = {1.0 / 365.0, 1.0 / 200.0, 0.9 / (2 * M_PI), 0.05, 0.1713};
    for (int weighted = 0; weighted < 2; weighted++)
        for (int degree = 0; degree <= 2; degree++) {
            pb_series s = {N, t, y, weighted ? dy : NULL};
            pb_gls_data d;
            cr_assert_eq(pb_gls_data_init(&d, &s), 0);
            cr_assert_eq(pb_gls_data_trend(&d, degree), 0);
            for (size_t k = 0; k < sizeof freqs / sizeof freqs[0]; k++) {
                const double *w = weighted ? dy : NULL;
                double want = 1.0 - chi2_of(t, y, w, degree, freqs[k]) / chi2_of(t, y, w, degree, 0);
                double got = pb_gls_power(&d, freqs[k]);
                cr_assert(fabs(got - want) < 1e-9, "degree %d, weighted %d, f %g: %.15g, want %.15g", degree,
                          weighted, freqs[k], got, want);
            }
            pb_gls_data_free(&d);
        }
}

Test(gls_trend, grid_and_fast_sums_match_the_exact_power, .timeout = 60)
{
    double t[N], y[N], dy[N];
    trended_series(t, y, dy);
    pb_series s = {N, t, y, dy};
    double span = t[N - 1] - t[0], df = 0.2 / span;
    enum { M = 2000 };
    static double grid[M], fast[M], fast_off[M];
    for (int degree = 1; degree <= 2; degree++) {
        pb_gls_data d;
        cr_assert_eq(pb_gls_data_init(&d, &s), 0);
        cr_assert_eq(pb_gls_data_trend(&d, degree), 0);
        cr_assert_eq(pb_gls_power_grid(&d, 10 * df, df, M, grid), 0);
        cr_assert_eq(pb_gls_power_fast(&d, 10 * df, df, M, PB_GLS_FAST_TOL, fast), 0);     /* one pass: f0 = 10 df */
        cr_assert_eq(pb_gls_power_fast(&d, 10.37 * df, df, M, PB_GLS_FAST_TOL, fast_off), 0); /* two passes */
        for (size_t k = 0; k < M; k += 7) {
            double exact = pb_gls_power(&d, (10 + (double)k) * df);
            cr_assert(fabs(grid[k] - exact) < 1e-9, "degree %d, grid %zu: %.15g vs %.15g", degree, k, grid[k], exact);
            cr_assert(fabs(fast[k] - exact) < 1e-9, "degree %d, fast %zu: %.15g vs %.15g", degree, k, fast[k], exact);
            double off = pb_gls_power(&d, (10.37 + (double)k) * df);
            cr_assert(fabs(fast_off[k] - off) < 1e-9, "degree %d, two-pass %zu: %.15g vs %.15g", degree, k,
                      fast_off[k], off);
        }
        pb_gls_data_free(&d);
    }
}

/* sum w (y - model)^2 of a harmonic model. */
static double model_chi2(const pb_harmonic_model *m, const double *t, const double *y, const double *dy)
{
    double pred[N], chi2 = 0;
    pb_harmonic_model_predict(m, t, N, pred);
    for (size_t i = 0; i < N; i++)
        chi2 += (y[i] - pred[i]) * (y[i] - pred[i]) / (dy[i] * dy[i]);
    return chi2;
}

Test(gls_trend, joint_fits_predict_what_they_fitted)
{
    double t[N], y[N], dy[N];
    trended_series(t, y, dy);
    pb_series s = {N, t, y, dy};
    for (int degree = 1; degree <= 2; degree++) {
        /* Linear: the chi2 of the definition, and the model's predictions give it back. */
        double f = 1.0 / 365.0, offset, rss;
        pb_harmonic_model *m = pb_harmonic_model_alloc(1);
        m->trend = pb_trend_scaled_to(t, N, degree);
        cr_assert_eq(pb_lsq_fit_trend(&s, &f, 1, &m->trend, m->comp, &offset, &rss), 0);
        m->offset = offset;
        m->k = 1;
        double want = chi2_of(t, y, dy, degree, f);
        cr_assert(fabs(rss - want) < 1e-9 * want, "degree %d: lsq chi2 %.15g, want %.15g", degree, rss, want);
        cr_assert(fabs(model_chi2(m, t, y, dy) - want) < 1e-9 * want, "degree %d: predictions", degree);
        pb_harmonic_model_free(m);
        /* Nonlinear: frequencies free; at least as good as the linear fit at the start, and its model's
         * predictions give its chi2 back (the trend's scaling is the one it fitted with). */
        double f0[2] = {1.0 / 365.0, 0.9 / (2 * M_PI)};
        pb_nlls_options o = {"lm", 1, 200, degree};
        pb_nlls_result res;
        cr_assert_eq(pb_nlls_fit(&s, f0, 2, &o, &res), 0);
        cr_assert(res.converged);
        double start = chi2_of(t, y, dy, degree, f0[0]);
        cr_assert(res.rss < start, "degree %d: nlls chi2 %g, one line alone %g", degree, res.rss, start);
        double back = model_chi2(res.model, t, y, dy);
        cr_assert(fabs(back - res.rss) < 1e-8 * res.rss, "degree %d: nlls chi2 %.15g, predicted %.15g", degree,
                  res.rss, back);
        /* With the true (quadratic) trend in the model, the slow wave within 3 errors of its truth. */
        cr_assert(degree < 2 || fabs(res.model->comp[0].freq - 1.0 / 365.0) < 3 * res.model->comp[0].freq_se,
                  "degree %d: the slow wave at %g +- %g", degree, 1 / res.model->comp[0].freq,
                  res.model->comp[0].freq_se / pow(res.model->comp[0].freq, 2));
        pb_harmonic_model_free(res.model);
    }
}
