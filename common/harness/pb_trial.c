#include "harness/pb_trial.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/pb_baselines.h"
#include "harness/pb_metrics.h"
#include "support/pb_external.h"
#include "base/pb_names.h"
#include "base/pb_rng.h"
#include "harness/pb_thresholds.h"
#include "base/pb_timer.h"

void pb_trial_data_key(const pb_trial_spec *spec, char *buf, size_t len)
{
    char tp[PB_PARAMS_TEXT_MAX];
    pb_params_format(spec->task_params, tp, sizeof tp);
    if (spec->task->digest)
        snprintf(buf, len, "%s|%s|%ld|%s", spec->task->name, tp, spec->seed, spec->task->digest);
    else
        snprintf(buf, len, "%s|%s|%ld", spec->task->name, tp, spec->seed);
}

void pb_trial_key(const pb_trial_spec *spec, char *buf, size_t len)
{
    /* The data key holds a name, settings, a seed and a digest: room to spare. */
    char data_key[PB_KEY_MAX - PB_NAME_MAX - PB_PARAMS_TEXT_MAX - 2], mp[PB_PARAMS_TEXT_MAX];
    pb_trial_data_key(spec, data_key, sizeof data_key);
    pb_params_format(spec->method_params, mp, sizeof mp);
    snprintf(buf, len, "%s|%s|%s", data_key, spec->method->name, mp);
}

void pb_trial_result_init(pb_trial_result *res, pb_status status, const char *message)
{
    memset(res, 0, sizeof *res);
    res->status = status;
    res->found = -1;
    res->nrmse_in = res->nrmse_out = res->freq_est = res->freq_err = NAN;
    res->crlb_ratio = res->freq_se = res->crlb_sd = res->exact_in = res->exact_out = NAN;
    res->fit_seconds = res->fit_cpu_seconds = res->predict_seconds = NAN;
    snprintf(res->message, sizeof res->message, "%s", message ? message : "");
}

static int all_finite(const double *y, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(y[i]))
            return 0;
    return 1;
}

/* Per-channel predictions on both test sets. */
typedef struct predictions {
    double *in[PB_MAX_CHANNELS], *out[PB_MAX_CHANNELS];
} predictions;

static void predictions_free(predictions *p)
{
    for (int c = 0; c < PB_MAX_CHANNELS; c++) {
        free(p->in[c]);
        free(p->out[c]);
    }
}

/* Fits and predicts every channel; fills predictions, counters, times and
 * the frequency score. Returns the first failing status, or PB_OK. */
static pb_status fit_channels(const pb_trial_spec *spec, const pb_task_data *d, predictions *pred,
                              pb_freq_score *fs, int *has_components, pb_trial_result *res)
{
    char key[PB_KEY_MAX];
    pb_trial_key(spec, key, sizeof key);
    const pb_method_type *m = spec->method;
    res->fit_seconds = res->fit_cpu_seconds = res->predict_seconds = 0;
    *has_components = m->components != NULL;
    for (int c = 0; c < d->n_channels; c++) {
        char stream[32];
        snprintf(stream, sizeof stream, "method/%d", c);
        gsl_rng *rng = pb_rng_alloc(key, stream);
        pred->in[c] = malloc(d->test_in.n * sizeof(double));
        pred->out[c] = malloc(d->test_out.n * sizeof(double));
        if (!rng || !pred->in[c] || !pred->out[c]) {
            gsl_rng_free(rng);
            snprintf(res->message, sizeof res->message, "out of memory in the harness");
            return PB_OUT_OF_MEMORY;
        }
        pb_series train = pb_task_train_series(d, c);
        if (!m->uses_errors) /* the contract: such a method is never given errors */
            train.dy = NULL;
        pb_fit_report report = {0};
        void *model = NULL;
        double w0 = pb_timer_wall(), c0 = pb_timer_cpu();
        pb_status st = m->fit(&train, &d->prior, spec->method_params, rng, &model, &report);
        res->fit_seconds += pb_timer_wall() - w0 - report.untimed_seconds;
        res->fit_cpu_seconds += pb_timer_cpu() - c0 + report.other_cpu_seconds;
        gsl_rng_free(rng);
        res->iterations += report.iterations;
        if (d->n_channels > 1 && report.message[0]) {
            size_t used = strlen(res->message);
            snprintf(res->message + used, sizeof res->message - used, "%s%s: %s", used ? "; " : "",
                     d->truth[c].name, report.message);
        } else if (report.message[0]) {
            snprintf(res->message, sizeof res->message, "%s", report.message);
        }
        if (!pb_status_has_model(st) || !model) {
            if (model)
                m->free_model(model);
            return pb_status_has_model(st) ? PB_INTERNAL_ERROR : st;
        }
        double p0 = pb_timer_wall();
        pb_status ps = m->predict(model, d->test_in.t, d->test_in.n, pred->in[c]);
        if (ps == PB_OK)
            ps = m->predict(model, d->test_out.t, d->test_out.n, pred->out[c]);
        res->predict_seconds += pb_timer_wall() - p0;
        if (m->components) {
            pb_component est[64];
            size_t k = m->components(model, est, 64);
            pb_freq_score_add(fs, &d->truth[c], est, k, d->window_end - d->window_start, c == 0);
        }
        m->free_model(model);
        if (ps != PB_OK) {
            if (pb_external_path(m) && pb_external_predict_failure()[0])
                snprintf(res->message, sizeof res->message, "%s", pb_external_predict_failure());
            return ps;
        }
        if (!all_finite(pred->in[c], d->test_in.n) || !all_finite(pred->out[c], d->test_out.n)) {
            snprintf(res->message, sizeof res->message, "non-finite predictions on channel %s", d->truth[c].name);
            return PB_DIVERGED;
        }
        if (st != PB_OK)
            res->status = st; /* no-convergence: scored, but said */
    }
    return PB_OK;
}

static void score(const pb_task_data *d, const predictions *pred, pb_trial_result *res)
{
    res->nrmse_in = res->nrmse_out = -INFINITY;
    for (int c = 0; c < d->n_channels; c++) { /* the worst channel */
        res->nrmse_in = fmax(res->nrmse_in, pb_metric_nrmse(pred->in[c], d->test_in.y[c], d->test_in.n));
        res->nrmse_out = fmax(res->nrmse_out, pb_metric_nrmse(pred->out[c], d->test_out.y[c], d->test_out.n));
    }
    if (d->score == PB_SCORE_EXACT) {
        long moduli[PB_MAX_CHANNELS];
        for (int c = 0; c < d->n_channels; c++)
            moduli[c] = d->truth[c].modulus;
        res->exact_in = pb_metric_exact_rate(pred->in, d->test_in.y, moduli, d->n_channels, d->test_in.n);
        res->exact_out = pb_metric_exact_rate(pred->out, d->test_out.y, moduli, d->n_channels, d->test_out.n);
        res->n_exact_fields = d->n_channels;
        for (int c = 0; c < d->n_channels; c++) {
            res->exact_field_in[c] = pb_metric_exact_rate(&pred->in[c], &d->test_in.y[c], &moduli[c], 1, d->test_in.n);
            res->exact_field_out[c] =
                pb_metric_exact_rate(&pred->out[c], &d->test_out.y[c], &moduli[c], 1, d->test_out.n);
        }
        res->success = res->exact_in >= PB_SUCCESS_EXACT && res->exact_out >= PB_SUCCESS_EXACT;
    } else {
        res->success = res->nrmse_in <= PB_SUCCESS_NRMSE && res->nrmse_out <= PB_SUCCESS_NRMSE;
    }
}

/* A data task: no known period, no success to speak of (and no period to
 * find); else success is nrmse_out below both baselines' and, for a method
 * that reports periods, every known one found. */
static void score_against_baselines(const pb_task_data *d, pb_status st, const pb_freq_score *fs, int has_components,
                                    pb_trial_result *res)
{
    if (d->truth[0].n_components == 0) {
        res->success = -1;
        res->found = -1;
        res->freq_est = res->freq_err = res->crlb_ratio = res->freq_se = res->crlb_sd = NAN;
        return;
    }
    if (st != PB_OK) {
        res->success = 0;
        return;
    }
    double base[2];
    pb_baselines_nrmse_out(d, base);
    /* A baseline that cannot be fitted (NAN) sets no bar. */
    int beats = !(res->nrmse_out >= base[0]) && !(res->nrmse_out >= base[1]) && isfinite(res->nrmse_out);
    res->success = beats && (!has_components || fs->found);
}

/* Finite predictions so large that their error overflows (1e308), or a
 * component so far out that its frequency scores do: the row is diverged,
 * never ok with an infinite metric, and keeps no score. */
static void refuse_overflowed_scores(pb_trial_result *res, int has_components)
{
    const double scores[] = {res->nrmse_in, res->nrmse_out, res->freq_est, res->freq_err,
                             res->crlb_ratio, res->freq_se, res->crlb_sd};
    int overflowed = 0;
    for (size_t i = 0; i < sizeof scores / sizeof scores[0]; i++)
        overflowed |= isinf(scores[i]) || (i < 2 && isnan(scores[i]));
    if (!overflowed)
        return;
    snprintf(res->message, sizeof res->message, "scores overflow: nrmse_in %g, nrmse_out %g, freq_est %g, crlb_ratio "
             "%g (predictions or a component's frequency beyond what can be scored)", res->nrmse_in, res->nrmse_out,
             res->freq_est, res->crlb_ratio);
    res->status = PB_DIVERGED;
    res->success = res->success < 0 ? -1 : 0; /* a data file without a known period has none to speak of */
    res->nrmse_in = res->nrmse_out = res->exact_in = res->exact_out = NAN;
    res->freq_est = res->freq_err = res->crlb_ratio = res->freq_se = res->crlb_sd = NAN;
    res->n_exact_fields = 0;
    res->found = has_components ? 0 : -1;
}

int pb_trial_generate(const pb_trial_spec *spec, pb_task_data *d, char *err, size_t errlen)
{
    char key[PB_KEY_MAX];
    memset(d, 0, sizeof *d);
    pb_trial_data_key(spec, key, sizeof key);
    if (spec->task->generate(spec->task, spec->task_params, key, d, err, errlen) != 0) {
        pb_task_data_free(d);
        return -1;
    }
    if (d->score != spec->task->score) { /* the run-table reader judges rows by the declared one */
        snprintf(err, errlen, "task %s generated data scored by rule %d but declares rule %d", spec->task->name,
                 (int)d->score, (int)spec->task->score);
        pb_task_data_free(d);
        return -1;
    }
    return 0;
}

void pb_trial_run(const pb_trial_spec *spec, pb_trial_result *res)
{
    pb_trial_result_init(res, PB_OK, "");
    pb_task_data d;
    char err[PB_MESSAGE_MAX] = "";
    if (pb_trial_generate(spec, &d, err, sizeof err) != 0) {
        pb_trial_result_init(res, PB_BAD_INPUT, "");
        snprintf(res->message, sizeof res->message, "task: %s", err);
        return;
    }
    predictions pred;
    memset(&pred, 0, sizeof pred);
    pb_freq_score fs;
    pb_freq_score_init(&fs);
    int has_components = 0;
    pb_status st = fit_channels(spec, &d, &pred, &fs, &has_components, res);
    if (st == PB_OK) {
        score(&d, &pred, res);
    } else {
        res->status = st;
        res->success = 0;
    }
    if (has_components) {
        res->found = st == PB_OK ? fs.found : 0;
        if (st == PB_OK) {
            res->freq_est = fs.freq_est;
            res->freq_err = fs.freq_err;
            res->crlb_ratio = fs.crlb_ratio;
            res->freq_se = fs.freq_se;
            res->crlb_sd = fs.crlb_sd;
        }
    }
    if (d.score == PB_SCORE_OBSERVED)
        score_against_baselines(&d, st, &fs, has_components, res);
    if (st == PB_OK)
        refuse_overflowed_scores(res, has_components);
    predictions_free(&pred);
    pb_task_data_free(&d);
}
