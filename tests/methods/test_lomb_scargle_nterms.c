/* The lomb-scargle method with nterms > 1: one fundamental with its
 * harmonics, harmonics at or above Nyquist of uniform times left out. */
#include <criterion/criterion.h>
#include <math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

#include "contract/pb_method.h"
#include "registry.h"

enum { N = 1500, MAX_COMP = 32 };

typedef struct ls_fit {
    size_t k;
    pb_component comp[MAX_COMP];
    double pred[N]; /* the model at the training times */
} ls_fit;

static double sawtooth(double f, double t)
{
    double x = f * t;
    return x - floor(x) - 0.5;
}

/* lomb-scargle with the given nterms on (t, y): its components and predictions. */
static void fit_lomb_scargle(const double *t, const double *y, const pb_prior *prior, const char *nterms, ls_fit *out)
{
    const pb_method_type *m = pb_methods_find("lomb-scargle");
    pb_params *p = pb_params_alloc(m->params, m->n_params);
    char err[200];
    cr_assert_eq(pb_params_set(p, "nterms", nterms, err, sizeof err), 0, "%s", err);
    pb_series s = {N, t, y, NULL};
    pb_fit_report rep = {0};
    void *model = NULL;
    cr_assert_eq(m->fit(&s, prior, p, NULL, &model, &rep), PB_OK, "%s", rep.message);
    out->k = m->components(model, out->comp, MAX_COMP);
    cr_assert_eq(m->predict(model, t, N, out->pred), PB_OK);
    m->free_model(model);
    pb_params_free(p);
}

static double rms_error_against_sawtooth(const ls_fit *fit, const double *t, double f)
{
    double sum = 0;
    for (int i = 0; i < N; i++)
        sum += (fit->pred[i] - sawtooth(f, t[i])) * (fit->pred[i] - sawtooth(f, t[i]));
    return sqrt(sum / N);
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
    static ls_fit one, many;
    fit_lomb_scargle(t, y, &prior, "1", &one);
    fit_lomb_scargle(t, y, &prior, "16", &many);
    cr_assert_eq(many.k, 16);
    for (size_t h = 0; h < 16; h++)
        cr_assert_float_eq(many.comp[h].freq, (double)(h + 1) * many.comp[0].freq, 1e-15 * (double)(h + 1),
                           "harmonic %zu", h + 1);
    cr_assert_leq(fabs(many.comp[0].freq - f), 1e-5, "fundamental %.10g", many.comp[0].freq);
    double e_many = rms_error_against_sawtooth(&many, t, f), e_one = rms_error_against_sawtooth(&one, t, f);
    cr_assert_lt(e_many, e_one, "16 harmonics %g vs one term %g", e_many, e_one);
}

/* Uniform times, f = 0.2 per sample: harmonics 3 and 4 (0.6, 0.8) are at or
 * above Nyquist (0.5), so they are left out of the model, not aliased. */
Test(lomb_scargle_nterms, harmonics_above_nyquist_are_left_out)
{
    static double t[N], y[N];
    const double f = 0.2;
    for (int i = 0; i < N; i++) {
        t[i] = i;
        y[i] = cos(2 * M_PI * f * i) + 0.3 * cos(4 * M_PI * f * i + 0.5);
    }
    pb_prior prior = {0.01, 0.45, 1, 1.0};
    static ls_fit fit;
    fit_lomb_scargle(t, y, &prior, "4", &fit);
    cr_assert_eq(fit.k, 2, "%zu components: harmonics 3 and 4 should be left out", fit.k);
    cr_assert_float_eq(fit.comp[0].freq, f, 1e-12);
    cr_assert_float_eq(fit.comp[1].freq, 2 * f, 1e-12);
    cr_assert_float_eq(fit.comp[0].amp, 1.0, 1e-9);
    cr_assert_float_eq(fit.comp[1].amp, 0.3, 1e-9);
}

/* A pure tone with nterms = 4 and a band reaching down to a quarter of its
 * frequency: f/2, f/3 and f/4 explain it as well (their harmonics include
 * f), so only the preference for multiples reports f itself. */
Test(lomb_scargle_nterms, a_pure_tone_is_not_reported_at_a_sub_multiple)
{
    static double t[N], y[N];
    const double f = 0.0731;
    static ls_fit fit;
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
        fit_lomb_scargle(t, y, &prior, "4", &fit);
        cr_assert_eq(fit.k, 4);
        cr_assert_leq(fabs(fit.comp[0].freq - f), 1e-4, "seed %lu: fundamental %.8g, not %.8g", seed, fit.comp[0].freq,
                      f);
    }
}
