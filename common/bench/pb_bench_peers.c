#include "bench/pb_bench_peers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_fsutil.h"
#include "bench/pb_bench_timing.h"
#include "harness/pb_trial.h"
#include "nlls/pb_nlls.h"
#include "registry.h"
#include "tasks/pb_tasks.h"
#include "wavelet/pb_cwt.h"
#include "wavelet/pb_ridge.h"

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

int pb_bench_peer_data_write(const char *dir)
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
int pb_bench_peer_workloads(const pb_bench_sink *o, int repeat)
{
    peer_tone pt;
    if (peer_tone_make(&pt) != 0)
        return -1;
    nlls_ctx nc = {pb_task_train_series(&pt.d, 0), pt.start, {0}};
    double med, lo, hi;
    pb_bench_time(run_nlls, &nc, repeat, &med, &lo, &hi);
    pb_bench_emit_timing(o, "nlls-from-start", "tone;N=1024", med, lo, hi);
    if (!nc.res.model)
        return -1;
    pb_bench_emit(o, "nlls-from-start", "tone;N=1024", "freq_abs_error", fabs(nc.res.model->comp[0].freq - pt.truth),
         "cycles/sample");
    pb_harmonic_model_free(nc.res.model);
    peer_tone_free(&pt);
    cwt_ctx *cc = calloc(1, sizeof *cc);
    cc->y = cc ? malloc(PEER_CWT_N * sizeof *cc->y) : NULL;
    if (!cc || !cc->y)
        return -1;
    cwt_tone(cc->y);
    cwt_scales(cc->scale);
    pb_bench_time(run_cwt, cc, repeat < 3 ? repeat : 3, &med, &lo, &hi);
    char params[64];
    snprintf(params, sizeof params, "tone;N=%d;scales=%d", PEER_CWT_N, PEER_CWT_SCALES);
    pb_bench_emit_timing(o, "cwt", params, med, lo, hi);
    pb_ridge r;
    int rc = pb_ridge_extract(&cc->c, 0.0, PB_RIDGE_EDGE_DEFAULT, &r);
    if (rc == 0) {
        pb_bench_emit(o, "cwt", params, "ridge_period_rel_error", fabs(r.period[PEER_CWT_N / 2] / PEER_CWT_PERIOD - 1.0), "1");
        pb_ridge_free(&r);
    }
    pb_cwt_free(&cc->c);
    free(cc->y);
    free(cc);
    return rc;
}
