/* periodbench bench: throughput and accuracy benchmarks, as CSV
 * (benchmark,params,metric,value,unit) on stdout, and with --out DIR also
 * DIR/bench.csv and DIR/bench.md. Each timing: one warm-up, then the median
 * and the min-max of --repeat runs; peak memory is the process's max RSS
 * after the benchmark. Benchmarks print numbers; they assert nothing. */
#include <errno.h>
#include <math.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "cli/pb_bench_external.h"
#include "cli/pb_bench_scaling.h"
#include "cli/pb_cli.h"
#include "cli/pb_commands.h"
#include "io/pb_csvin.h"
#include "spectral/pb_fftspec.h"
#include "base/pb_fsutil.h"
#include "wavelet/pb_cwt.h"
#include "spectral/pb_gls.h"
#include "nlls/pb_nlls.h"
#include "wavelet/pb_ridge.h"
#include "nn/pb_nn.h"
#include "nn/pb_opt.h"
#include "base/pb_rng.h"
#include "tasks/pb_tasks.h"
#include "base/pb_timer.h"
#include "harness/pb_trial.h"
#include "registry.h"
#include "support/pb_external.h"

#define BENCH_MAX_REPEAT 101
#define BENCH_FREQS 25000
#define BENCH_ACCURACY_SAMPLES 500
#define BENCH_NN_MAX_BATCH 256

static const char bench_usage[] =
    "usage: periodbench bench [--repeat R] [--max-n N] [--out DIR]\n"
    "\n"
    "  lomb-scargle: time of the fast power (25,000 frequencies) and its largest absolute\n"
    "                error against exact sums at 500 of them, N = 1e3 .. max-n (default 1e6)\n"
    "  ls-direct:    time of the exact power at 100 frequencies (the full grid is N x 25,000)\n"
    "  periodogram:  time of the FFT power, N = 2^10 .. 2^24 (capped by max-n x 16.8)\n"
    "  sgd-sin:      steps per second of the default 10^6-step fit on sin31\n"
    "  nn-train:     Adam training steps per second of 3 x 64 GELU and SIREN networks, batch 32, 256\n"
    "  nlls:         one fit on the default tone (N = 1024), spectral start\n"
    "  cwt-ridge:    one fit on drift, N = 2^10 .. 2^20 (capped by max-n x 16)\n"
    "  fold:         the whole clock pipeline (N = 2^20), seconds per channel (HH, MM, SS)\n"
    "  external:     an external method's overhead (an echoing program, tests/methods/external/echo.py\n"
    "                beside the binary in the source tree, never from the current directory; an\n"
    "                install has none and skips it):\n"
    "                fit + predict of 16 points (median of 200), and of a 2^20-point channel, in MB/s\n"
    "  --repeat R    timed runs after one warm-up (default 5); the median is reported\n"
    "  nlls-from-start, cwt: the workloads of --peer-data (a tone fitted from a given start;\n"
    "                the Morlet transform of a pure tone, N = 2^16, 257 scales) and their accuracy\n"
    "  --peer-data DIR  write those workloads' inputs (DIR/tone.csv, DIR/cwt.csv) and stop\n"
    "  --scaling RUNS.csv --rank0-us U --out DIR   simulate MPI ranks from a run's trial costs and\n"
    "                rank 0's cost per trial (make mpi-scaling) into DIR/mpi_scaling.md and DIR/plots; stop\n"
    "  --data FILE   write the N = max-n lomb-scargle series as t,y CSV (for the peers) and stop;\n"
    "                its grid: f_k = k / (5 T), k = 1 .. 25,000, T = t[N-1] - t[0]\n";

typedef struct bench_out {
    FILE *csv, *md;
} bench_out;

static void emit(bench_out *o, const char *bench, const char *params, const char *metric, double value,
                 const char *unit)
{
    printf("%s,%s,%s,%.6g,%s\n", bench, params, metric, value, unit);
    if (o->csv)
        fprintf(o->csv, "%s,%s,%s,%.6g,%s\n", bench, params, metric, value, unit);
    if (o->md)
        fprintf(o->md, "| %s | %s | %s | %.4g | %s |\n", bench, params, metric, value, unit);
    fflush(stdout);
}

static double max_rss_mb(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_maxrss / 1024.0;
}

/* Median and range of repeat timings of fn(ctx). */
typedef void (*bench_fn)(void *ctx);

static void time_it(bench_fn fn, void *ctx, int repeat, double *median, double *lo, double *hi)
{
    double t[BENCH_MAX_REPEAT];
    fn(ctx); /* warm-up */
    for (int r = 0; r < repeat; r++) {
        double a = pb_timer_wall();
        fn(ctx);
        t[r] = pb_timer_wall() - a;
    }
    gsl_sort(t, 1, (size_t)repeat);
    *median = gsl_stats_median_from_sorted_data(t, 1, (size_t)repeat);
    *lo = t[0];
    *hi = t[repeat - 1];
}

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

static void emit_timing(bench_out *o, const char *bench, const char *params, double med, double lo, double hi)
{
    emit(o, bench, params, "seconds_median", med, "s");
    emit(o, bench, params, "seconds_min", lo, "s");
    emit(o, bench, params, "seconds_max", hi, "s");
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
static int write_lomb_scargle_data(const char *path, size_t N)
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
static int bench_csv_read(bench_out *o, int repeat)
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
    int rc = write_lomb_scargle_data(path, N);
    if (rc == 0) {
        double med, lo, hi;
        time_it(run_csv_read, &c, repeat, &med, &lo, &hi);
        rc = c.failed ? -1 : 0;
        if (rc == 0)
            emit_timing(o, "csv-read", "rows=1e6", med, lo, hi);
    }
    unlink(path);
    return rc;
}

static int bench_lomb_scargle(bench_out *o, double max_n, int repeat)
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
        time_it(run_fast, &c, repeat, &med, &lo, &hi);
        emit_timing(o, "lomb-scargle", params, med, lo, hi);
        double err = 0;
        for (size_t k = 0; k < BENCH_ACCURACY_SAMPLES; k++) {
            size_t j = k * (c.m - 1) / (BENCH_ACCURACY_SAMPLES - 1);
            err = fmax(err, fabs(c.power[j] - pb_gls_power(&c.d, c.f0 + (double)j * c.df)));
        }
        emit(o, "lomb-scargle", params, "max_abs_error_vs_exact", err, "power");
        emit(o, "lomb-scargle", params, "max_rss", max_rss_mb(), "MiB");
        snprintf(params, sizeof params, "N=%zu;M=100", N);
        time_it(run_direct_100, &c, repeat < 3 ? repeat : 3, &med, &lo, &hi);
        emit_timing(o, "ls-direct", params, med, lo, hi);
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

static int bench_periodogram(bench_out *o, double max_n, int repeat)
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
        time_it(run_fft, &c, repeat, &med, &lo, &hi);
        emit_timing(o, "periodogram", params, med, lo, hi);
        pb_fftspec_free(c.spec);
        free(y);
        free(c.power);
    }
    return 0;
}

static int bench_sgd_sin(bench_out *o)
{
    const pb_method_type *m = pb_methods_find("sgd-sin");
    pb_params *tp = pb_params_alloc(pb_task_sin31.params, pb_task_sin31.n_params);
    pb_params *mp = pb_params_alloc(m->params, m->n_params);
    pb_trial_spec spec = {&pb_task_sin31, tp, m, mp, 0};
    pb_trial_result res;
    pb_trial_run(&spec, &res);
    emit(o, "sgd-sin", "sin31;steps=1000000;batch=32", "steps_per_second", 1e6 / res.fit_seconds, "1/s");
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
static int bench_nn(bench_out *o, int repeat)
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
            time_it(run_nn, c, repeat, &med, &lo, &hi);
            emit(o, "nn-train", params, "steps_per_second", (double)c->steps / med, "1/s");
            pb_opt_free(c->opt);
            pb_nn_free(c->net);
            free(c);
        }
    gsl_rng_free(r);
    return 0;
}

/* One trial of method on task (with one task parameter set, if name is not
 * NULL), timed by the harness; fit_seconds per channel. */
static int bench_trial(bench_out *o, const char *task_name, const char *name, const char *value, const char *method,
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
    emit(o, method, label, "fit_seconds_per_channel", res.fit_seconds / channels, "s");
    emit(o, method, label, "max_rss", max_rss_mb(), "MiB");
    pb_params_free(tp);
    pb_params_free(mp);
    return res.status == PB_OK || res.status == PB_NO_CONVERGENCE ? 0 : -1;
}

/* nlls per fit on the default tone; cwt-ridge on drift for N = 2^10 .. 2^20
 * (capped by max-n x 16); the whole clock pipeline (fold, N = 2^20) per channel. */
static int bench_fits(bench_out *o, double max_n)
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

/* The peers' workloads on data periodbench writes (--peer-data): a tone
 * (the tone task, seed 0) fitted by nonlinear least squares from a given
 * start, and the Morlet transform of a pure tone of period 37.3 samples,
 * N = 2^16, periods 4 .. 1024 at 32 voices per octave. */
#define PEER_CWT_N 65536
#define PEER_CWT_PERIOD 37.3
#define PEER_CWT_SCALES 257

typedef struct peer_tone {
    pb_task_data d;
    pb_params *tp;
    double start, truth;
} peer_tone;

/* The tone and the start: the highest peak of lomb-scargle's periodogram. */
static int peer_tone_make(peer_tone *pt)
{
    const pb_task_type *task = &pb_task_tone;
    pt->tp = pb_params_alloc(task->params, task->n_params);
    pb_trial_spec spec = {task, pt->tp, NULL, NULL, 0};
    char err[128];
    memset(&pt->d, 0, sizeof pt->d);
    if (!pt->tp || pb_trial_generate(&spec, &pt->d, err, sizeof err) != 0)
        return -1;
    const pb_method_type *ls = pb_methods_find("lomb-scargle");
    pb_params *lp = pb_params_alloc(ls->params, ls->n_params);
    pb_series s = pb_task_train_series(&pt->d, 0);
    pb_fit_report rep = {0};
    void *model = NULL;
    int rc = lp && pb_params_set(lp, "components", "1", err, sizeof err) == 0 &&
                     ls->fit(&s, &pt->d.prior, lp, NULL, &model, &rep) == PB_OK
                 ? 0
                 : -1;
    if (rc == 0) {
        pb_component c;
        ls->components(model, &c, 1);
        /* a start off the optimum by a quarter of a Fourier bin, so both solvers have work to do */
        pt->start = c.freq + 0.25 / (double)s.n;
        pt->truth = pt->d.truth[0].comp[0].freq;
    }
    if (model)
        ls->free_model(model);
    pb_params_free(lp);
    return rc;
}

static void peer_tone_free(peer_tone *pt)
{
    pb_task_data_free(&pt->d);
    pb_params_free(pt->tp);
}

static void cwt_tone(double *y)
{
    for (size_t i = 0; i < PEER_CWT_N; i++)
        y[i] = cos(2 * M_PI * (double)i / PEER_CWT_PERIOD);
}

static void cwt_scales(double *scale)
{
    for (size_t j = 0; j < PEER_CWT_SCALES; j++)
        scale[j] = 4.0 / pb_cwt_fourier_factor(6.0) * exp2((double)j / 32.0);
}

static int write_peer_data(const char *dir)
{
    char path[4200];
    peer_tone pt;
    int rc = peer_tone_make(&pt);
    snprintf(path, sizeof path, "%s/tone.csv", dir);
    FILE *f = rc == 0 ? pb_fs_open_temp(path) : NULL;
    if (f) {
        fprintf(f, "# start=%.17g;truth=%.17g\nt,y\n", pt.start, pt.truth);
        for (size_t i = 0; i < pt.d.train.n; i++)
            fprintf(f, "%.17g,%.17g\n", pt.d.train.t[i], pt.d.train.y[0][i]);
        rc = pb_fs_commit_temp(f, path, 0);
    } else {
        rc = -1;
    }
    peer_tone_free(&pt);
    snprintf(path, sizeof path, "%s/cwt.csv", dir);
    double *y = malloc(PEER_CWT_N * sizeof *y), scale[PEER_CWT_SCALES];
    f = rc == 0 && y ? pb_fs_open_temp(path) : NULL;
    if (f) {
        cwt_tone(y);
        cwt_scales(scale);
        fprintf(f, "# period=%.17g;omega0=6\nscale\n", PEER_CWT_PERIOD);
        for (size_t j = 0; j < PEER_CWT_SCALES; j++)
            fprintf(f, "%.17g\n", scale[j]);
        rc = pb_fs_commit_temp(f, path, 0);
    } else {
        rc = -1;
    }
    free(y);
    return rc;
}

typedef struct nlls_ctx {
    pb_series s;
    double start;
    pb_nlls_result res;
} nlls_ctx;

static void run_nlls(void *ctx)
{
    nlls_ctx *c = ctx;
    pb_nlls_options opt = {"lm", 1, 200, 0};
    pb_harmonic_model_free(c->res.model);
    pb_nlls_fit(&c->s, &c->start, 1, &opt, &c->res);
}

typedef struct cwt_ctx {
    double *y, scale[PEER_CWT_SCALES];
    pb_cwt c;
} cwt_ctx;

static void run_cwt(void *ctx)
{
    cwt_ctx *c = ctx;
    pb_cwt_free(&c->c);
    pb_cwt_morlet(c->y, PEER_CWT_N, 1.0, 6.0, c->scale, PEER_CWT_SCALES, &c->c);
}

/* The same workloads the peers run on --peer-data: nlls from the start, the CWT. */
static int bench_peer_workloads(bench_out *o, int repeat)
{
    peer_tone pt;
    if (peer_tone_make(&pt) != 0)
        return -1;
    nlls_ctx nc = {pb_task_train_series(&pt.d, 0), pt.start, {0}};
    double med, lo, hi;
    time_it(run_nlls, &nc, repeat, &med, &lo, &hi);
    emit_timing(o, "nlls-from-start", "tone;N=1024", med, lo, hi);
    if (!nc.res.model)
        return -1;
    emit(o, "nlls-from-start", "tone;N=1024", "freq_abs_error", fabs(nc.res.model->comp[0].freq - pt.truth),
         "cycles/sample");
    pb_harmonic_model_free(nc.res.model);
    peer_tone_free(&pt);
    cwt_ctx *cc = calloc(1, sizeof *cc);
    cc->y = cc ? malloc(PEER_CWT_N * sizeof *cc->y) : NULL;
    if (!cc || !cc->y)
        return -1;
    cwt_tone(cc->y);
    cwt_scales(cc->scale);
    time_it(run_cwt, cc, repeat < 3 ? repeat : 3, &med, &lo, &hi);
    char params[64];
    snprintf(params, sizeof params, "tone;N=%d;scales=%d", PEER_CWT_N, PEER_CWT_SCALES);
    emit_timing(o, "cwt", params, med, lo, hi);
    pb_ridge r;
    int rc = pb_ridge_extract(&cc->c, 0.0, PB_RIDGE_EDGE_DEFAULT, &r);
    if (rc == 0) {
        emit(o, "cwt", params, "ridge_period_rel_error", fabs(r.period[PEER_CWT_N / 2] / PEER_CWT_PERIOD - 1.0), "1");
        pb_ridge_free(&r);
    }
    pb_cwt_free(&cc->c);
    free(cc->y);
    free(cc);
    return rc;
}

/* The echoing test program the overhead is measured with, beside the
 * binary in the source tree (never looked up from the current directory: a
 * program there is nobody's choice); an install has none. */
#define BENCH_ECHO_PROGRAM "tests/methods/external/echo.py"
#define BENCH_EXTERNAL_TIMEOUT 600.0

static int bench_external(bench_out *o, int repeat)
{
    pb_bench_external_result r;
    char err[1024] = "", exe[PATH_MAX], echo[PATH_MAX + 64];
    if (pb_fs_exe_dir(exe, sizeof exe) != 0) {
        fprintf(stderr, "periodbench: bench: external: skipped (cannot find the binary's folder)\n");
        return 0;
    }
    snprintf(echo, sizeof echo, "%s/" BENCH_ECHO_PROGRAM, exe);
    pb_external_set_timeout(BENCH_EXTERNAL_TIMEOUT);
    if (access(echo, X_OK) != 0) {
        fprintf(stderr, "periodbench: bench: external: skipped (no %s beside the binary: the source tree has it)\n",
                BENCH_ECHO_PROGRAM);
        return 0;
    }
    if (pb_bench_external(echo, repeat, &r, err, sizeof err) != 0) {
        fprintf(stderr, "periodbench: bench: external: skipped (%s)\n", err);
        return 0;
    }
    emit(o, "external", "echo;N=16", "fit_predict_seconds_median", r.trial_seconds, "s");
    emit(o, "external", "echo;N=1048576", "fit_predict_seconds_median", r.channel_seconds, "s");
    emit(o, "external", "echo;N=1048576", "throughput", r.mb_per_second, "MiB/s");
    return 0;
}

int pb_cmd_bench(int argc, char **argv)
{
    long repeat = 5;
    double max_n = 1e6;
    const char *out_dir = NULL, *data_path = NULL, *scaling = NULL;
    double rank0_us = NAN;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(bench_usage, stdout);
            return PB_EXIT_OK;
        }
        if (i + 1 >= argc)
            return pb_cli_error(PB_EXIT_USAGE, "bench: %s: unknown option or missing value", argv[i]);
        char *end;
        const char *v = argv[++i];
        if (strcmp(argv[i - 1], "--repeat") == 0) {
            repeat = strtol(v, &end, 10);
            if (*end || repeat < 1 || repeat > BENCH_MAX_REPEAT)
                return pb_cli_error(PB_EXIT_USAGE, "--repeat %s: expected 1 to %d", v, BENCH_MAX_REPEAT);
        } else if (strcmp(argv[i - 1], "--max-n") == 0) {
            if (pb_cli_parse_real(argv[i - 1], v, 1e3, 1e8, "1e3 to 1e8", &max_n) != 0)
                return PB_EXIT_USAGE;
        } else if (strcmp(argv[i - 1], "--out") == 0) {
            out_dir = v;
        } else if (strcmp(argv[i - 1], "--data") == 0) {
            data_path = v;
        } else if (strcmp(argv[i - 1], "--scaling") == 0) {
            scaling = v;
        } else if (strcmp(argv[i - 1], "--rank0-us") == 0) {
            if (pb_cli_parse_real(argv[i - 1], v, 0, 1e6, "microseconds from 0 to 1e6", &rank0_us) != 0)
                return PB_EXIT_USAGE;
        } else if (strcmp(argv[i - 1], "--peer-data") == 0) {
            char made[4400];
            int made_rc = pb_fs_make_out_dir(v, made, sizeof made);
            if (made_rc)
                return pb_cli_error(made_rc == 2 ? PB_EXIT_USAGE : PB_EXIT_FAILURE, "bench --peer-data: %s", made);
            if (write_peer_data(v) != 0)
                return pb_cli_error(PB_EXIT_FAILURE, "--peer-data %s: cannot write the peers' data", v);
            return PB_EXIT_OK;
        } else {
            return pb_cli_error(PB_EXIT_USAGE, "bench: unknown option '%s' (see --help)", argv[i - 1]);
        }
    }
    if (out_dir) {
        char made[4400];
        int made_rc = pb_fs_make_out_dir(out_dir, made, sizeof made);
        if (made_rc)
            return pb_cli_error(made_rc == 2 ? PB_EXIT_USAGE : PB_EXIT_FAILURE, "bench: %s", made);
    }
    if (scaling) {
        char err[512] = "";
        if (isnan(rank0_us) || !out_dir)
            return pb_cli_error(PB_EXIT_USAGE, "--scaling needs --rank0-us and --out");
        return pb_bench_scaling(scaling, rank0_us * 1e-6, 2, out_dir, err, sizeof err) == 0
                   ? PB_EXIT_OK
                   : pb_cli_error(PB_EXIT_USAGE, "--scaling %s", err);
    }
    if (data_path)
        return write_lomb_scargle_data(data_path, (size_t)max_n) == 0
                   ? PB_EXIT_OK
                   : pb_cli_error(PB_EXIT_FAILURE, "%s: %s", data_path, strerror(errno));
    bench_out o = {NULL, NULL};
    char csv_path[4200], md_path[4200];
    if (out_dir) {
        snprintf(csv_path, sizeof csv_path, "%s/bench.csv", out_dir);
        snprintf(md_path, sizeof md_path, "%s/bench.md", out_dir);
        o.csv = pb_fs_open_temp(csv_path);
        o.md = pb_fs_open_temp(md_path);
        if (!o.csv || !o.md)
            return pb_cli_error(PB_EXIT_FAILURE, "%s: %s", out_dir, strerror(errno));
        fprintf(o.csv, "benchmark,params,metric,value,unit\n");
        fprintf(o.md, "# periodbench benchmarks\n\nOne warm-up, then the median (and min, max) of %ld runs; "
                      "one core. Machine and build: environment.txt of the same directory's last run.\n\n"
                      "| benchmark | params | metric | value | unit |\n|---|---|---|---|---|\n", repeat);
    }
    printf("benchmark,params,metric,value,unit\n");
    int rc = bench_external(&o, (int)repeat) || bench_sgd_sin(&o) || bench_nn(&o, (int)repeat) ||
             bench_peer_workloads(&o, (int)repeat) ||
             bench_fits(&o, max_n) || bench_periodogram(&o, max_n, (int)repeat) ||
             bench_csv_read(&o, (int)repeat) || bench_lomb_scargle(&o, max_n, (int)repeat);
    if (out_dir) {
        int bad = rc != 0;
        bad |= pb_fs_commit_temp(o.csv, csv_path, rc != 0) != 0;
        bad |= pb_fs_commit_temp(o.md, md_path, rc != 0) != 0;
        if (bad && rc == 0)
            return pb_cli_error(PB_EXIT_FAILURE, "writing %s: %s", out_dir, strerror(errno));
    }
    return rc ? pb_cli_error(PB_EXIT_FAILURE, "bench: out of memory") : PB_EXIT_OK;
}
