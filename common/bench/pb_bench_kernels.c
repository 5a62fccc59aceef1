#include "bench/pb_bench_kernels.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gsl/gsl_rng.h>

#include "base/pb_fsutil.h"
#include "base/pb_rng.h"
#include "bench/pb_bench_timing.h"
#include "harness/pb_trial.h"
#include "io/pb_csvin.h"
#include "nn/pb_nn.h"
#include "nn/pb_opt.h"
#include "registry.h"
#include "spectral/pb_fftspec.h"
#include "spectral/pb_gls.h"
#include "tasks/pb_tasks.h"

#define BENCH_FREQS 25000
#define BENCH_ACCURACY_SAMPLES 500
#define BENCH_NN_MAX_BATCH 256

typedef struct ls_ctx {
    pb_gls_data d;
    double f0, df;
    size_t m;
    double *power;
} ls_ctx;

static void run_fast(void *ctx)
{
    ls_ctx *c = ctx;
    pb_gls_power_fast(&c->d, c->f0, c->df, c->m, PB_GLS_FAST_TOL, c->power);
}

static void run_direct_100(void *ctx)
{
    ls_ctx *c = ctx;
    pb_gls_power_grid(&c->d, c->f0, c->df * (double)(c->m / 100), 100, c->power);
}

/* The benchmark series: N irregular times (exponential gaps, mean 1), a tone
 * in uniform noise. Returns 0 or -1. */
static int lomb_scargle_data(size_t N, double *t, double *y)
{
    gsl_rng *r = pb_rng_alloc("bench", "lomb-scargle");
    if (!r)
        return -1;
    double now = 0;
    for (size_t i = 0; i < N; i++) {
        now += -log(1.0 - gsl_rng_uniform(r));
        t[i] = now;
        y[i] = cos(2 * M_PI * 0.1234 * now) + 2.0 * (gsl_rng_uniform(r) - 0.5);
    }
    gsl_rng_free(r);
    return 0;
}

/* Writes the N-point benchmark series as t,y CSV (%.17g) for the peers. */
int pb_bench_lomb_scargle_write(const char *path, size_t N)
{
    double *t = malloc(N * sizeof *t), *y = malloc(N * sizeof *y);
    FILE *f = t && y && lomb_scargle_data(N, t, y) == 0 ? pb_fs_open_temp(path) : NULL;
    int bad = !f;
    if (f) {
        fprintf(f, "t,y\n");
        for (size_t i = 0; i < N; i++)
            fprintf(f, "%.17g,%.17g\n", t[i], y[i]);
        bad = pb_fs_commit_temp(f, path, 0) != 0;
    }
    free(t);
    free(y);
    return bad ? -1 : 0;
}

typedef struct csv_ctx {
    const char *path;
    int failed;
} csv_ctx;

static void run_csv_read(void *ctx)
{
    csv_ctx *c = ctx;
    pb_csvin_options opt = {NULL, NULL, NULL, 0, 0, 0};
    pb_csvin_series s;
    char err[512];
    if (pb_csvin_read(c->path, &opt, &s, err, sizeof err) != 0)
        c->failed = 1;
    else
        pb_csvin_free(&s);
}

/* Reading the 10^6-row benchmark series from CSV (t,y, %.17g), as fit and
 * periodogram read a person's file: parsing, checks, the sort test. */
static int bench_csv_read(const pb_bench_sink *o, int repeat)
{
    const size_t N = 1000000;
    char path[4200]; /* a fresh file for mkstemp to name, in TMPDIR (default /tmp) */
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/periodbench-csv-read-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    close(fd);
    csv_ctx c = {path, 0};
    int rc = pb_bench_lomb_scargle_write(path, N);
    if (rc == 0) {
        double med, lo, hi;
        pb_bench_time(run_csv_read, &c, repeat, &med, &lo, &hi);
        rc = c.failed ? -1 : 0;
        if (rc == 0)
            pb_bench_emit_timing(o, "csv-read", "rows=1e6", med, lo, hi);
    }
    unlink(path);
    return rc;
}

static int bench_lomb_scargle(const pb_bench_sink *o, double max_n, int repeat)
{
    for (double n = 1e3; n <= max_n * 1.0001; n *= 10) {
        size_t N = (size_t)n;
        double *t = malloc(N * sizeof *t), *y = malloc(N * sizeof *y);
        ls_ctx c;
        c.m = BENCH_FREQS;
        c.power = malloc(c.m * sizeof *c.power);
        if (!t || !y || !c.power || lomb_scargle_data(N, t, y) != 0)
            return -1;
        pb_series s = {N, t, y, NULL};
        if (pb_gls_data_init(&c.d, &s) != 0)
            return -1;
        c.df = 1.0 / (5.0 * (t[N - 1] - t[0]));
        c.f0 = c.df;
        char params[64];
        snprintf(params, sizeof params, "N=%zu;M=%zu", N, c.m);
        double med, lo, hi;
        pb_bench_time(run_fast, &c, repeat, &med, &lo, &hi);
        pb_bench_emit_timing(o, "lomb-scargle", params, med, lo, hi);
        double err = 0;
        for (size_t k = 0; k < BENCH_ACCURACY_SAMPLES; k++) {
            size_t j = k * (c.m - 1) / (BENCH_ACCURACY_SAMPLES - 1);
            err = fmax(err, fabs(c.power[j] - pb_gls_power(&c.d, c.f0 + (double)j * c.df)));
        }
        pb_bench_emit(o, "lomb-scargle", params, "max_abs_error_vs_exact", err, "power");
        pb_bench_emit(o, "lomb-scargle", params, "max_rss", pb_bench_max_rss_mb(), "MiB");
        snprintf(params, sizeof params, "N=%zu;M=100", N);
        pb_bench_time(run_direct_100, &c, repeat < 3 ? repeat : 3, &med, &lo, &hi);
        pb_bench_emit_timing(o, "ls-direct", params, med, lo, hi);
        pb_gls_data_free(&c.d);
        free(t);
        free(y);
        free(c.power);
    }
    return 0;
}

typedef struct fft_ctx {
    pb_fftspec *spec;
    const double *y;
    double *power;
} fft_ctx;

static void run_fft(void *ctx)
{
    fft_ctx *c = ctx;
    pb_fftspec_power(c->spec, c->y, c->power);
}

static int bench_periodogram(const pb_bench_sink *o, double max_n, int repeat)
{
    for (size_t N = 1024; N <= (size_t)1 << 24 && (double)N <= 16.8 * max_n; N *= 4) { /* 2^24 at max-n 10^6 */
        double *y = malloc(N * sizeof *y);
        fft_ctx c = {pb_fftspec_alloc(N, 1, PB_WINDOW_RECT), y, NULL};
        c.power = c.spec ? malloc(pb_fftspec_bins(c.spec) * sizeof *c.power) : NULL;
        if (!y || !c.power)
            return -1;
        for (size_t i = 0; i < N; i++)
            y[i] = cos(0.37 * (double)i) + 0.001 * (double)(i % 7);
        char params[64];
        snprintf(params, sizeof params, "N=%zu", N);
        double med, lo, hi;
        pb_bench_time(run_fft, &c, repeat, &med, &lo, &hi);
        pb_bench_emit_timing(o, "periodogram", params, med, lo, hi);
        pb_fftspec_free(c.spec);
        free(y);
        free(c.power);
    }
    return 0;
}

static int bench_sgd_sin(const pb_bench_sink *o)
{
    const pb_method_type *m = pb_methods_find("sgd-sin");
    pb_params *tp = pb_params_alloc(pb_task_sin31.params, pb_task_sin31.n_params);
    pb_params *mp = pb_params_alloc(m->params, m->n_params);
    pb_trial_spec spec = {&pb_task_sin31, tp, m, mp, 0};
    pb_trial_result res;
    pb_trial_run(&spec, &res);
    pb_bench_emit(o, "sgd-sin", "sin31;steps=1000000;batch=32", "steps_per_second", 1e6 / res.fit_seconds, "1/s");
    pb_params_free(tp);
    pb_params_free(mp);
    return 0;
}

typedef struct nn_ctx {
    pb_nn *net;
    pb_opt *opt;
    size_t batch;
    long steps;
    double t[BENCH_NN_MAX_BATCH], y[BENCH_NN_MAX_BATCH];
} nn_ctx;

/* steps Adam steps on one fixed batch (drawing batches is not the engine's cost). */
static void run_nn(void *ctx)
{
    nn_ctx *c = ctx;
    for (long s = 0; s < c->steps; s++) {
        pb_nn_loss_grad(c->net, c->t, c->y, c->batch);
        pb_opt_step(c->opt, pb_nn_params(c->net), pb_nn_grads(c->net), pb_nn_trainable(c->net));
    }
}

/* Training steps per second of 3 x 64 GELU and SIREN networks with Adam,
 * batch 32 and 256: the workload PyTorch is measured on in bench-peers. */
static int bench_nn(const pb_bench_sink *o, int repeat)
{
    const pb_nn_act acts[] = {PB_ACT_GELU, PB_ACT_SINE};
    const char *names[] = {"gelu", "siren"};
    const size_t batches[] = {32, 256};
    gsl_rng *r = pb_rng_alloc("bench", "nn");
    if (!r)
        return -1;
    for (size_t a = 0; a < 2; a++)
        for (size_t b = 0; b < 2; b++) {
            pb_nn_config cfg = {PB_ENC_RAW, 0, 0, acts[a], 64, 3, 30.0, 1.0, 0, 0.0, 1.0};
            nn_ctx *c = malloc(sizeof *c);
            if (!c)
                return -1;
            c->batch = batches[b];
            c->steps = batches[b] == 32 ? 2000 : 250;
            c->net = pb_nn_alloc(&cfg, c->batch, r);
            c->opt = c->net ? pb_opt_alloc(PB_OPT_ADAM, pb_nn_n_params(c->net), 1e-4, 0) : NULL;
            if (!c->opt)
                return -1;
            for (size_t i = 0; i < c->batch; i++) {
                c->t[i] = 2.0 * gsl_rng_uniform(r) - 1.0;
                c->y[i] = sin(5.0 * c->t[i]);
            }
            char params[96];
            snprintf(params, sizeof params, "%s;width=64;depth=3;batch=%zu;adam;double", names[a], c->batch);
            double med, lo, hi;
            pb_bench_time(run_nn, c, repeat, &med, &lo, &hi);
            pb_bench_emit(o, "nn-train", params, "steps_per_second", (double)c->steps / med, "1/s");
            pb_opt_free(c->opt);
            pb_nn_free(c->net);
            free(c);
        }
    gsl_rng_free(r);
    return 0;
}

/* One trial of method on task (with one task parameter set, if name is not
 * NULL), timed by the harness; fit_seconds per channel. */
static int bench_trial(const pb_bench_sink *o, const char *task_name, const char *name, const char *value, const char *method,
                       const char *label, int channels)
{
    const pb_task_type *task = pb_tasks_find(task_name);
    const pb_method_type *m = pb_methods_find(method);
    pb_params *tp = pb_params_alloc(task->params, task->n_params), *mp = pb_params_alloc(m->params, m->n_params);
    char err[128];
    if (!tp || !mp || (name && pb_params_set(tp, name, value, err, sizeof err) != 0)) {
        pb_params_free(tp);
        pb_params_free(mp);
        return -1;
    }
    pb_trial_spec spec = {task, tp, m, mp, 0};
    pb_trial_result res;
    pb_trial_run(&spec, &res);
    pb_bench_emit(o, method, label, "fit_seconds_per_channel", res.fit_seconds / channels, "s");
    pb_bench_emit(o, method, label, "max_rss", pb_bench_max_rss_mb(), "MiB");
    pb_params_free(tp);
    pb_params_free(mp);
    return res.status == PB_OK || res.status == PB_NO_CONVERGENCE ? 0 : -1;
}

/* nlls per fit on the default tone; cwt-ridge on drift for N = 2^10 .. 2^20
 * (capped by max-n x 16); the whole clock pipeline (fold, N = 2^20) per channel. */
static int bench_fits(const pb_bench_sink *o, double max_n)
{
    int rc = bench_trial(o, "tone", NULL, NULL, "nlls", "tone;N=1024", 1);
    for (size_t N = 1024; rc == 0 && N <= (size_t)1 << 20 && (double)N <= 16 * max_n; N *= 4) {
        char n[32], label[64];
        snprintf(n, sizeof n, "%zu", N);
        snprintf(label, sizeof label, "drift;N=%zu", N);
        rc = bench_trial(o, "drift", "n", n, "cwt-ridge", label, 1);
    }
    return rc ? rc : bench_trial(o, "clock", NULL, NULL, "fold", "clock;N=1048576", 3);
}


int pb_bench_kernels(const pb_bench_sink *o, int repeat, double max_n)
{
    return bench_sgd_sin(o) || bench_nn(o, repeat) || bench_fits(o, max_n) || bench_periodogram(o, max_n, repeat) ||
           bench_csv_read(o, repeat) || bench_lomb_scargle(o, max_n, repeat);
}
