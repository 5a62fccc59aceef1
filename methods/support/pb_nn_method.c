#include "support/pb_nn_method.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/pb_opt.h"

/* The loss reported is the mean batch loss over the last steps (up to this many). */
#define PB_NN_LOSS_WINDOW 200
/* Prediction chunk: pb_nn evaluates at most this many times at once. */
#define PB_NN_PREDICT_CHUNK 1024

typedef struct nn_model {
    pb_nn *net;
    double y_mean, y_sd;
} nn_model;

pb_nn_config pb_nn_method_config(const pb_params *params, pb_nn_act act, pb_nn_encoding encoding)
{
    pb_nn_config c;
    memset(&c, 0, sizeof c);
    c.encoding = encoding;
    c.act = act;
    c.width = (size_t)pb_params_int(params, "width");
    c.depth = (size_t)pb_params_int(params, "depth");
    return c;
}

void pb_nn_method_free(void *model)
{
    nn_model *m = model;
    if (!m)
        return;
    pb_nn_free(m->net);
    free(m);
}

pb_status pb_nn_method_fit(const pb_series *train, const pb_params *params, pb_nn_config cfg, gsl_rng *rng,
                           void **model, pb_fit_report *report)
{
    *model = NULL;
    if (pb_series_check(train, 2, report->message, sizeof report->message) != 0)
        return PB_BAD_INPUT;
    double span = pb_series_time_span(train);
    if (!(span > 0)) {
        snprintf(report->message, sizeof report->message, "all training times are equal");
        return PB_BAD_INPUT;
    }
    cfg.t_mid = 0.5 * (train->t[0] + train->t[train->n - 1]);
    cfg.t_half = 0.5 * span;
    size_t batch = (size_t)pb_params_int(params, "batch");
    long steps = pb_params_int(params, "steps");
    nn_model *m = calloc(1, sizeof *m);
    double *tb = malloc(batch * sizeof *tb), *yb = malloc(batch * sizeof *yb);
    pb_nn *net = m && tb && yb ? pb_nn_alloc(&cfg, batch > PB_NN_PREDICT_CHUNK ? batch : PB_NN_PREDICT_CHUNK, rng) : NULL;
    pb_opt *opt = net ? pb_opt_alloc(strcmp(pb_params_choice(params, "optimizer"), "sgd") == 0 ? PB_OPT_SGD : PB_OPT_ADAM,
                                     pb_nn_n_params(net), pb_params_real(params, "lr"), pb_params_real(params, "momentum"))
                      : NULL;
    if (!opt) {
        free(tb);
        free(yb);
        pb_nn_free(net);
        free(m);
        snprintf(report->message, sizeof report->message, "out of memory (or a network it cannot build)");
        return PB_OUT_OF_MEMORY;
    }
    m->net = net;
    m->y_mean = 0;
    for (size_t i = 0; i < train->n; i++)
        m->y_mean += train->y[i] / (double)train->n;
    double var = pb_values_variance(train->y, train->n);
    m->y_sd = var > 0 ? sqrt(var) : 1.0;
    double loss_sum = 0;
    long window = steps < PB_NN_LOSS_WINDOW ? steps : PB_NN_LOSS_WINDOW;
    pb_status st = PB_OK;
    for (long s = 0; s < steps; s++) {
        for (size_t b = 0; b < batch; b++) {
            size_t i = (size_t)gsl_rng_uniform_int(rng, train->n);
            tb[b] = train->t[i];
            yb[b] = (train->y[i] - m->y_mean) / m->y_sd;
        }
        double loss = pb_nn_loss_grad(net, tb, yb, batch);
        if (!isfinite(loss)) {
            snprintf(report->message, sizeof report->message, "the loss became non-finite at step %ld", s + 1);
            report->iterations = s + 1;
            st = PB_DIVERGED;
            break;
        }
        if (s >= steps - window)
            loss_sum += loss;
        pb_opt_step(opt, pb_nn_params(net), pb_nn_grads(net), pb_nn_trainable(net));
    }
    pb_opt_free(opt);
    free(tb);
    free(yb);
    if (st != PB_OK) {
        pb_nn_method_free(m);
        return st;
    }
    report->iterations = steps;
    report->evaluations = steps * (long)batch;
    snprintf(report->message, sizeof report->message,
             "%zu parameters, loss %.3g (MSE of standardised values, mean of the last %ld steps)", pb_nn_n_params(net),
             loss_sum / (double)window, window);
    *model = m;
    return PB_OK;
}

pb_status pb_nn_method_predict(const void *model, const double *t, size_t n, double *y)
{
    const nn_model *m = model;
    pb_nn_predict(m->net, t, n, y);
    for (size_t i = 0; i < n; i++)
        y[i] = m->y_mean + m->y_sd * y[i];
    return PB_OK;
}
