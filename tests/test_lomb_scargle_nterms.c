/* The lomb-scargle method with nterms > 1: one fundamental with its
 * harmonics, harmonics at or above Nyquist of uniform times left out. */
#include <criterion/criterion.h>
#include <math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

#include "pb_method.h"
#include "registry.h"

enum { N = 1500, MAX_COMP = 32 };

typedef struct ls_fit {
    pb_status status;
    size_t k;
    pb_component comp[MAX_COMP];
    double rms_error; /* prediction against the noiseless sawtooth, in the window */
} ls_fit;

static double sawtooth(double f, double t)
{
    double x = f * t;
    return x - floor(x) - 0.5;
}

static ls_fit fit_sawtooth(const double *t, const double *y, double f_true, const pb_prior *prior, const char *nterms)
{
    const pb_method_type *m = pb_methods_find("lomb-scargle");
    pb_params *p = pb_params_alloc(m->params, m->n_params);
    char err[200];
    cr_assert_eq(pb_params_set(p, "nterms", nterms, err, sizeof err), 0, "%s", err);
    pb_series s = {N, t, y, NULL};
    pb_fit_report rep = {0, 0, ""};
    void *model = NULL;
    ls_fit out = {m->fit(&s, prior, p, NULL, &model, &rep), 0, {{0, 0, 0, 0}}, 0};
    cr_assert_eq(out.status, PB_OK, "%s", rep.message);
    out.k = m->components(model, out.comp, MAX_COMP);
    static double pred[N];
    cr_assert_eq(m->predict(model, t, N, pred), PB_OK);
    double sum = 0;
    for (int i = 0; i < N; i++)
        sum += (pred[i] - sawtooth(f_true, t[i])) * (pred[i] - sawtooth(f_true, t[i]));
    out.rms_error = sqrt(sum / N);
    m->free_model(model);
    pb_params_free(p);
    return out;
}

/* Irregular times: 16 harmonics fit the sawtooth closer than one term's
 * extracted sinusoids, and the harmonics sit at whole multiples. */
Test(lomb_scargle_nterms, harmonics_of_one_fundamental_fit_a_sawtooth)
{
    static double t[N], y[N];
    const double f = 0.0137;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double now = 0;
    for (int i = 0; i < N; i++) {
        now += 1.0 + 0.8 * (gsl_rng_uniform(r) - 0.5);
        t[i] = now;
        y[i] = sawtooth(f, now) + gsl_ran_gaussian(r, 0.03);
    }
    gsl_rng_free(r);
    pb_prior prior = {2.0 / t[N - 1], 0.5, 0, 0};
    ls_fit one = fit_sawtooth(t, y, f, &prior, "1"), many = fit_sawtooth(t, y, f, &prior, "16");
    cr_assert_eq(many.k, 16);
    for (size_t h = 0; h < 16; h++)
        cr_assert_float_eq(many.comp[h].freq, (double)(h + 1) * many.comp[0].freq, 1e-15 * (double)(h + 1),
                           "harmonic %zu", h + 1);
    cr_assert_leq(fabs(many.comp[0].freq - f), 1e-5, "fundamental %.10g", many.comp[0].freq);
    cr_assert_lt(many.rms_error, one.rms_error, "16 harmonics %g vs one term %g", many.rms_error, one.rms_error);
}

/* Uniform times, f = 0.2 per sample: harmonics 3 and 4 (0.6, 0.8) are at or
 * above Nyquist (0.5), so they are left out (amplitude 0), not aliased. */
Test(lomb_scargle_nterms, harmonics_above_nyquist_are_left_out)
{
    static double t[N], y[N];
    const double f = 0.2;
    for (int i = 0; i < N; i++) {
        t[i] = i;
        y[i] = cos(2 * M_PI * f * i) + 0.3 * cos(4 * M_PI * f * i + 0.5);
    }
    pb_prior prior = {0.01, 0.45, 1, 1.0};
    const pb_method_type *m = pb_methods_find("lomb-scargle");
    pb_params *p = pb_params_alloc(m->params, m->n_params);
    char err[200];
    cr_assert_eq(pb_params_set(p, "nterms", "4", err, sizeof err), 0, "%s", err);
    pb_series s = {N, t, y, NULL};
    pb_fit_report rep = {0, 0, ""};
    void *model = NULL;
    cr_assert_eq(m->fit(&s, &prior, p, NULL, &model, &rep), PB_OK, "%s", rep.message);
    pb_component comp[4];
    cr_assert_eq(m->components(model, comp, 4), 4);
    cr_assert_float_eq(comp[0].freq, f, 1e-12);
    cr_assert_float_eq(comp[0].amp, 1.0, 1e-9);
    cr_assert_float_eq(comp[1].amp, 0.3, 1e-9);
    cr_assert_eq(comp[2].amp, 0.0);
    cr_assert_eq(comp[3].amp, 0.0);
    m->free_model(model);
    pb_params_free(p);
}

/* A pure tone with nterms = 4 and a band reaching down to a quarter of its
 * frequency: f/2, f/3 and f/4 explain it as well (their harmonics include
 * f), so only the preference for multiples reports f itself. */
Test(lomb_scargle_nterms, a_pure_tone_is_not_reported_at_a_sub_multiple)
{
    static double t[N], y[N];
    const double f = 0.0731;
    const pb_method_type *m = pb_methods_find("lomb-scargle");
    pb_params *p = pb_params_alloc(m->params, m->n_params);
    char err[200];
    cr_assert_eq(pb_params_set(p, "nterms", "4", err, sizeof err), 0, "%s", err);
    for (unsigned long seed = 1; seed <= 8; seed++) {
        gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
        gsl_rng_set(r, seed);
        double now = 0;
        for (int i = 0; i < N; i++) {
            now += 0.5 + gsl_rng_uniform(r);
            t[i] = now;
            y[i] = cos(2 * M_PI * f * now + 0.3 * seed) + gsl_ran_gaussian(r, 0.5);
        }
        gsl_rng_free(r);
        pb_prior prior = {0.01, 0.5, 0, 0};
        pb_series s = {N, t, y, NULL};
        pb_fit_report rep = {0, 0, ""};
        void *model = NULL;
        cr_assert_eq(m->fit(&s, &prior, p, NULL, &model, &rep), PB_OK, "%s", rep.message);
        pb_component comp[4];
        cr_assert_eq(m->components(model, comp, 4), 4);
        cr_assert_leq(fabs(comp[0].freq - f), 1e-4, "seed %lu: fundamental %.8g, not %.8g", seed, comp[0].freq, f);
        m->free_model(model);
    }
    pb_params_free(p);
}
