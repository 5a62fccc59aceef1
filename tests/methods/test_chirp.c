/* The chirp method and its Cramer-Rao bound: the bound against its
 * large-N closed forms; on the drift task (10 dB, 500 seeds) the RMS
 * errors of frequency and rate against the bound; on tones the rate is 0. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "contract/pb_method.h"
#include "contract/pb_task.h"
#include "harness/pb_metrics.h"
#include "harness/pb_thresholds.h"
#include "nlls/pb_chirp_fit.h"
#include "spectral/pb_crlb.h"
#include "tasks/pb_tasks.h"
#include <stdlib.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

extern const pb_method_type pb_method_chirp;

Test(chirp, bound_matches_the_closed_forms)
{
    enum { N = 4000 };
    static double t[N];
    for (int i = 0; i < N; i++)
        t[i] = i;
    double sigma = 0.3, snr = 1.0 / (2 * sigma * sigma), vf, vr;
    cr_assert_eq(pb_crlb_chirp_var(sigma, 1.0, 0.11, 2e-6, 0.4, 0.5 * (N - 1), t, N, &vf, &vr), 0);
    double vf_ref = pb_crlb_uniform_freq_var(snr, N, 1.0), vr_ref = 180.0 / (M_PI * M_PI * snr * pow(N, 5));
    cr_assert(fabs(vf / vf_ref - 1) < 0.01, "var(f) %g, closed form %g", vf, vf_ref);
    cr_assert(fabs(vr / vr_ref - 1) < 0.01, "var(rate) %g, closed form %g", vr, vr_ref);
}

typedef struct chirp_errors {
    double f2, r2, bf2, br2; /* sums of squared errors and of the bounds */
    int seeds, rate_zero, successes;
} chirp_errors;

/* The success rate (nrmse_in and nrmse_out <= 0.1 on drift's test windows,
 * [0, N) and [N, 2N)) of an estimator whose five errors are Gaussian with
 * the Cramer-Rao covariance: what the bound allows. Monte Carlo, naive
 * Fisher matrix, a Cholesky factor to draw with. */
static double bound_success(size_t n, double snr_db, double f0, double drift, int draws)
{
    double sigma = sqrt(0.5 / pow(10, snr_db / 10)), tc = 0.5 * (n - 1.0), rate = f0 * drift / n;
    double fc = f0 + rate * tc, F[25] = {0}, L[25] = {0};
    for (size_t i = 0; i < n; i++) { /* parameters: offset, amplitude, phase, f at tc, rate; A = 1, phase 0 at tc */
        double tau = (double)i - tc, th = 2 * M_PI * (fc * tau + 0.5 * rate * tau * tau), c = cos(th), s = sin(th);
        double j[5] = {1, c, -s, -s * 2 * M_PI * tau, -s * M_PI * tau * tau};
        for (int a = 0; a < 5; a++)
            for (int b = 0; b < 5; b++)
                F[5 * a + b] += j[a] * j[b] / (sigma * sigma);
    }
    /* covariance = F^-1 by Gauss-Jordan, then its Cholesky factor */
    double A[50];
    for (int a = 0; a < 5; a++)
        for (int b = 0; b < 10; b++)
            A[10 * a + b] = b < 5 ? F[5 * a + b] : (b - 5 == a);
    for (int c = 0; c < 5; c++) {
        double piv = A[10 * c + c];
        for (int b = 0; b < 10; b++)
            A[10 * c + b] /= piv;
        for (int a = 0; a < 5; a++)
            if (a != c) {
                double k = A[10 * a + c];
                for (int b = 0; b < 10; b++)
                    A[10 * a + b] -= k * A[10 * c + b];
            }
    }
    for (int a = 0; a < 5; a++)
        for (int b = 0; b <= a; b++) {
            double sum = A[10 * a + 5 + b];
            for (int k = 0; k < b; k++)
                sum -= L[5 * a + k] * L[5 * b + k];
            L[5 * a + b] = a == b ? sqrt(sum) : sum / L[5 * b + b];
        }
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 77);
    int ok = 0;
    size_t m = 2048;
    double *truth = malloc(m * sizeof *truth), *est = malloc(m * sizeof *est), *tt = malloc(m * sizeof *tt);
    for (int d = 0; d < draws; d++) {
        double z[5], e[5] = {0};
        for (int a = 0; a < 5; a++)
            z[a] = gsl_ran_gaussian(r, 1);
        for (int a = 0; a < 5; a++)
            for (int b = 0; b <= a; b++)
                e[a] += L[5 * a + b] * z[b];
        int good = 1;
        for (int w = 0; w < 2 && good; w++) { /* inside [0, N), then outside [N, 2N) */
            for (size_t i = 0; i < m; i++) {
                tt[i] = (w + gsl_rng_uniform(r)) * (double)n;
                double tau = tt[i] - tc;
                truth[i] = cos(2 * M_PI * (fc * tau + 0.5 * rate * tau * tau));
                est[i] = e[0] + (1 + e[1]) * cos(2 * M_PI * ((fc + e[3]) * tau + 0.5 * (rate + e[4]) * tau * tau) + e[2]);
            }
            good = pb_metric_nrmse(est, truth, m) <= PB_SUCCESS_NRMSE;
        }
        ok += good;
    }
    free(truth), free(est), free(tt);
    gsl_rng_free(r);
    return (double)ok / draws;
}

/* Fits the chirp method to seeds of a task (drift or tone, n samples). */
static chirp_errors run_task(const char *task, const char *drift, int seeds)
{
    const pb_task_type *tt = pb_tasks_find(task);
    char err[256], key[64];
    pb_params *p = pb_params_alloc(tt->params, tt->n_params);
    cr_assert_eq(pb_params_set(p, "n", "512", err, sizeof err), 0, "%s", err);
    if (drift)
        cr_assert_eq(pb_params_set(p, "drift", drift, err, sizeof err), 0, "%s", err);
    pb_params *mp = pb_params_alloc(pb_method_chirp.params, pb_method_chirp.n_params);
    chirp_errors e = {0};
    for (int seed = 0; seed < seeds; seed++) {
        pb_task_data d;
        memset(&d, 0, sizeof d);
        snprintf(key, sizeof key, "chirp-test/%s/%d", task, seed);
        cr_assert_eq(tt->generate(tt, p, key, &d, err, sizeof err), 0, "%s", err);
        pb_series s = {d.train.n, d.train.t, d.train.y[0], NULL};
        void *model = NULL;
        pb_fit_report report = {0};
        pb_status st = pb_method_chirp.fit(&s, &d.prior, mp, NULL, &model, &report);
        cr_assert_eq(st, PB_OK, "seed %d: %s", seed, report.message);
        const pb_chirp_model *m = model;
        double n = (double)d.train.n, tc = 0.5 * (n - 1), f0 = drift ? pb_params_real(p, "f0") : 0;
        double rate = drift ? f0 * atof(drift) / n : 0, vf, vr;
        const pb_component *c = &d.truth[0].comp[0];
        double phase_c = 2 * M_PI * c->freq * tc + c->phase; /* the bound hardly depends on it */
        cr_assert_eq(pb_crlb_chirp_var(d.noise_sigma, c->amp, c->freq, rate, phase_c, tc, d.train.t, d.train.n, &vf,
                                       &vr),
                     0);
        e.f2 += (m->freq - c->freq) * (m->freq - c->freq);
        e.r2 += (m->rate - rate) * (m->rate - rate);
        e.bf2 += vf, e.br2 += vr;
        e.rate_zero += m->rate == 0;
        double *yi = malloc(d.test_in.n * sizeof *yi), *yo = malloc(d.test_out.n * sizeof *yo);
        pb_chirp_eval(m, d.test_in.t, d.test_in.n, yi);
        pb_chirp_eval(m, d.test_out.t, d.test_out.n, yo);
        e.successes += pb_metric_nrmse(yi, d.test_in.y[0], d.test_in.n) <= PB_SUCCESS_NRMSE &&
                       pb_metric_nrmse(yo, d.test_out.y[0], d.test_out.n) <= PB_SUCCESS_NRMSE;
        free(yi), free(yo);
        e.seeds++;
        pb_method_chirp.free_model(model);
        pb_task_data_free(&d);
    }
    pb_params_free(mp);
    pb_params_free(p);
    return e;
}

Test(chirp, drift_errors_at_the_bound_over_500_seeds, .timeout = 600)
{
    chirp_errors e = run_task("drift", "0.2", 500);
    double rf = sqrt(e.f2 / e.bf2), rr = sqrt(e.r2 / e.br2);
    double allowed = bound_success(512, 10, 0.02, 0.2, 4000), at_2048 = bound_success(2048, 10, 0.02, 0.2, 4000);
    cr_log_info("drift, N = 512, 10 dB, 500 seeds: RMS error / sqrt(CRLB) = %.3f (frequency), %.3f (rate); rate "
                "kept on %d; success %d/500, the bound allows %.1f %% (N = 2048: %.1f %%)",
                rf, rr, e.seeds - e.rate_zero, e.successes, 100 * allowed, 100 * at_2048);
    cr_assert_geq(e.successes / 500.0, allowed - 0.05, "success %d/500, the bound allows %.1f %%", e.successes,
                  100 * allowed);
    cr_assert_leq(rf, 1.1, "frequency: RMS error / sqrt(CRLB) = %.3f", rf);
    cr_assert_leq(rr, 1.1, "rate: RMS error / sqrt(CRLB) = %.3f", rr);
    cr_assert_eq(e.rate_zero, 0, "a drift of 20 %% fitted as a tone on %d seeds", e.rate_zero);
}

Test(chirp, tones_get_rate_zero, .timeout = 300)
{
    chirp_errors e = run_task("tone", NULL, 200);
    cr_log_info("tone, N = 512: rate 0 on %d of 200 seeds", e.rate_zero);
    cr_assert_geq(e.rate_zero, 190, "a rate was kept on %d of 200 tones", e.seeds - e.rate_zero);
}
