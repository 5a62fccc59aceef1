/* The lean Levenberg-Marquardt path of pb_nlls (one sinusoid, pb_tone_lm)
 * against GSL's trust-region solver on the same problems: the same
 * frequency (to far below its standard error) and the same standard error,
 * with and without measurement errors, from good and from poor starts. */
#include <criterion/criterion.h>
#include <math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "nlls/pb_nlls.h"

Test(tone_lm, matches_gsl_on_random_tones)
{
    enum { N = 700 };
    static double t[N], y[N], dy[N];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    for (int trial = 0; trial < 40; trial++) {
        gsl_rng_set(r, 100 + (unsigned long)trial);
        double f = 0.02 + 0.4 * gsl_rng_uniform(r), sd = 0.05 + gsl_rng_uniform(r);
        for (int i = 0; i < N; i++) {
            t[i] = i + 0.3 * gsl_rng_uniform(r); /* slightly irregular */
            dy[i] = 0.5 + gsl_rng_uniform(r);
            y[i] = 2.0 + 1.5 * cos(2 * M_PI * f * t[i] + 1.1) + gsl_ran_gaussian(r, sd);
        }
        pb_series s = {N, t, y, trial % 2 ? dy : NULL};
        double f0 = f + (trial % 3) * 0.2 / N; /* up to 0.4 of a Rayleigh bin off */
        pb_nlls_options lean = {"lm", 1, 200, 0}, gsl = {"ddogleg", 1, 200, 0};
        pb_nlls_result a, b;
        cr_assert_eq(pb_nlls_fit(&s, &f0, 1, &lean, &a), 0);
        cr_assert_eq(pb_nlls_fit(&s, &f0, 1, &gsl, &b), 0);
        const pb_component *ca = &a.model->comp[0], *cb = &b.model->comp[0];
        cr_assert(a.converged && b.converged, "trial %d", trial);
        cr_assert(fabs(ca->freq - cb->freq) < 1e-6 * cb->freq_se, "trial %d: f %.17g (lean) vs %.17g (GSL), se %g",
                  trial, ca->freq, cb->freq, cb->freq_se);
        cr_assert(fabs(ca->freq_se / cb->freq_se - 1) < 1e-6, "trial %d: se %.9g vs %.9g", trial, ca->freq_se,
                  cb->freq_se);
        cr_assert(fabs(ca->amp - cb->amp) < 1e-8 * cb->amp && fabs(a.rss / b.rss - 1) < 1e-12, "trial %d: amp %.12g vs %.12g, rss %.15g vs %.15g", trial, ca->amp, cb->amp, a.rss, b.rss);
        pb_harmonic_model_free(a.model);
        pb_harmonic_model_free(b.model);
    }
    gsl_rng_free(r);
}
