/* Folding kernels against naive references, and the phase-coherent search
 * on a baseline no single grid could cover. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "longbaseline/pb_coherent.h"
#include "longbaseline/pb_fold.h"
#include "base/pb_phase.h"

enum { N = 3000, BINS = 64 };
static double t[N], y[N];

static void noisy_sawtooth(double f)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double now = 0;
    for (int i = 0; i < N; i++) {
        now += 3.0 * gsl_rng_uniform(r);
        t[i] = now;
        double u = f * now - floor(f * now);
        y[i] = 2 * u - 1 + gsl_ran_gaussian(r, 0.2);
    }
    gsl_rng_free(r);
}

static size_t naive_bin(double f, double ti, double t_ref)
{
    size_t b = (size_t)(pb_phase_frac(f, ti - t_ref) * BINS);
    return b < BINS ? b : BINS - 1;
}

Test(fold, dispersion_and_loo_match_naive_sums)
{
    double f = 0.0123, t_ref = 1000.0;
    noisy_sawtooth(f);
    pb_series s = {N, t, y, NULL};
    double sum[BINS] = {0}, cnt[BINS] = {0}, mean = 0, total = 0;
    for (int i = 0; i < N; i++) {
        size_t b = naive_bin(f, t[i], t_ref);
        sum[b] += y[i];
        cnt[b] += 1;
        mean += y[i] / N;
    }
    double within = 0, loo = 0;
    for (int i = 0; i < N; i++) {
        size_t b = naive_bin(f, t[i], t_ref);
        within += (y[i] - sum[b] / cnt[b]) * (y[i] - sum[b] / cnt[b]);
        total += (y[i] - mean) * (y[i] - mean);
        double others = (sum[b] - y[i]) / (cnt[b] - 1); /* every bin has >= 2 points here */
        loo += (y[i] - others) * (y[i] - others);
    }
    pb_fold_work w;
    cr_assert_eq(pb_fold_work_alloc(&w, BINS), 0);
    cr_assert_float_eq(pb_fold_dispersion(&s, f, t_ref, BINS, &w), within / total, 1e-12);
    cr_assert_float_eq(pb_fold_loo_error(&s, f, t_ref, BINS, &w), loo / N, 1e-12);
    /* a wrong frequency folds worse */
    cr_assert_gt(pb_fold_dispersion(&s, f * 1.01, t_ref, BINS, &w), 2 * within / total);
    pb_fold_work_free(&w);
    /* the profile: bin means, and for empty bins the nearest occupied one */
    pb_fold_profile p;
    cr_assert_eq(pb_fold_profile_build(&s, f, t_ref, BINS, &p), 0);
    for (int i = 0; i < N; i += 97) {
        size_t b = naive_bin(f, t[i], t_ref);
        cr_assert_float_eq(pb_fold_profile_eval(&p, t[i]), sum[b] / cnt[b], 1e-12);
    }
    pb_fold_profile_free(&p);
}

Test(fold, empty_bins_take_the_nearest_occupied_phase)
{
    /* Points only at phases 0.1 and 0.6 of a unit period. */
    double tt[4] = {0.1, 1.1, 2.6, 3.6}, yy[4] = {1, 1, 5, 5};
    pb_series s = {4, tt, yy, NULL};
    pb_fold_profile p;
    cr_assert_eq(pb_fold_profile_build(&s, 1.0, 0.0, 16, &p), 0);
    cr_assert_eq(pb_fold_profile_eval(&p, 10.3), 1.0);  /* phase 0.3: nearer 0.1 */
    cr_assert_eq(pb_fold_profile_eval(&p, 10.4), 5.0);  /* phase 0.4: nearer 0.6 */
    cr_assert_eq(pb_fold_profile_eval(&p, -0.05), 1.0); /* phase 0.95: nearer 0.1 across the wrap */
    pb_fold_profile_free(&p);
}

/* A tone over a baseline whose full-band grid would need ~1e9 frequencies:
 * the search must end within a few standard errors of the truth, with every
 * stage's phase margin respected. */
Test(coherent, long_baseline_tone, .timeout = 60)
{
    enum { M = 200000 };
    double *tt = malloc(M * sizeof *tt), *yy = malloc(M * sizeof *yy);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double f = 0.0371234567891, span = 1e9, now = 0;
    for (int i = 0; i < M; i++) {
        now += gsl_ran_exponential(r, span / M); /* sorted by construction */
        tt[i] = now;
        yy[i] = cos(2 * M_PI * pb_phase_frac(f, now) + 0.3) + gsl_ran_gaussian(r, 0.5);
    }
    gsl_rng_free(r);
    pb_series s = {M, tt, yy, NULL};
    pb_prior prior = {0.0, 0.5, 0, 0.0};
    pb_coherent_options opt = {1e6, 5, 3, 0.05, 1e-12};
    pb_coherent_result res;
    char msg[200];
    cr_assert_eq(pb_coherent_search(&s, &prior, &opt, &res, msg, sizeof msg), 0, "%s", msg);
    cr_assert_gt(res.n_stages, 2, "a long baseline needs several stages");
    cr_assert_eq(res.stage[res.n_stages - 1].n, (size_t)M, "the last stage uses every point");
    cr_assert_leq(fabs(res.freq - f), 5 * res.sigma, "f %.15g vs %.15g (sigma %g)", res.freq, f, res.sigma);
    cr_assert_lt(res.sigma, 1e-11, "sigma %g: the whole baseline's precision", res.sigma);
    for (size_t k = 1; k < res.n_stages; k++)
        cr_assert_leq(res.stage[k - 1].sigma * res.stage[k].span, 1.01 * opt.phase_margin,
                      "stage %zu reached beyond the phase margin", k);
    free(tt);
    free(yy);
}

/* A first stretch too sparse for any grid within the limit is a refusal
 * (unsupported, named), not a memory failure, and it comes at once. */
Test(coherent, too_sparse_a_first_stretch_is_unsupported)
{
    enum { M = 300 };
    double tt[M], yy[M];
    for (int i = 0; i < M; i++) {
        tt[i] = 1e10 * i; /* 1e12 s per 100 points: a full-band grid of ~1e12 frequencies */
        yy[i] = sin(0.1 * i);
    }
    pb_series s = {M, tt, yy, NULL};
    pb_prior prior = {0.0, 0.5, 0, 0.0};
    pb_coherent_options opt = {1e6, 5, 3, 0.05, 1e-12};
    pb_coherent_result res;
    char msg[200] = "";
    cr_assert_eq(pb_coherent_search(&s, &prior, &opt, &res, msg, sizeof msg), PB_UNSUPPORTED, "%s", msg);
    cr_assert(strstr(msg, "frequencies") != NULL, "the reason is named: %s", msg);
}
