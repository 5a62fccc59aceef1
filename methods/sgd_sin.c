/* sgd-sin: the seed's one-parameter model y = sin(w x), w ~ N(0, sd),
 * trained by plain SGD on the mean squared error with mini-batches drawn
 * (with replacement) from the training set. Defaults are the seed's:
 * lr 1e-4, batch 32, 10^6 steps. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <gsl/gsl_randist.h>

#include "contract/pb_method.h"
#include "base/pb_sincos.h"

typedef struct sgd_sin_model {
    double w; /* angular frequency, rad per time unit */
} sgd_sin_model;

static const pb_param_def sgd_sin_params[] = {
    {"steps", PB_PARAM_INT, "1000000", 1, 1e10, NULL, "SGD steps"},
    {"lr", PB_PARAM_REAL, "1e-4", 0, 1e3, NULL, "learning rate"},
    {"batch", PB_PARAM_INT, "32", 1, 1e6, NULL, "mini-batch size"},
    {"init_sd", PB_PARAM_REAL, "1", 0, 1e6, NULL, "initial w ~ N(0, init_sd^2), rad per time unit"},
};

/* Mean of the batch losses over the last steps, reported as "the loss". */
#define SGD_SIN_LOSS_WINDOW 10000

static pb_status sgd_sin_fit(const pb_series *train, const pb_prior *prior, const pb_params *params, gsl_rng *rng,
                             void **model, pb_fit_report *report)
{
    (void)prior;
    *model = NULL;
    if (pb_series_check(train, 1, report->message, sizeof report->message) != 0)
        return PB_BAD_INPUT;
    long steps = pb_params_int(params, "steps"), batch = pb_params_int(params, "batch");
    double lr = pb_params_real(params, "lr");
    double w = gsl_ran_gaussian(rng, pb_params_real(params, "init_sd"));
    double loss_sum = 0;
    long loss_count = 0, window = steps < SGD_SIN_LOSS_WINDOW ? steps : SGD_SIN_LOSS_WINDOW;
    /* Per batch: the drawn x and y, the arguments w x, and their sin and cos. */
    double *buf = malloc(5 * (size_t)batch * sizeof *buf);
    if (!buf)
        return PB_OUT_OF_MEMORY;
    double *xb = buf, *yb = xb + batch, *arg = yb + batch, *sb = arg + batch, *cb = sb + batch;
    for (long step = 0; step < steps; step++) {
        for (long b = 0; b < batch; b++) {
            size_t i = (size_t)gsl_rng_uniform_int(rng, train->n);
            xb[b] = train->t[i];
            yb[b] = train->y[i];
            arg[b] = w * xb[b];
        }
        pb_sincos_batch(arg, (size_t)batch, sb, cb);
        double grad = 0, loss = 0;
        for (long b = 0; b < batch; b++) {
            double r = sb[b] - yb[b];
            loss += r * r;
            grad += 2.0 * r * cb[b] * xb[b];
        }
        w -= lr * grad / (double)batch;
        if (step >= steps - window) {
            loss_sum += loss / (double)batch;
            loss_count++;
        }
        if (!isfinite(w)) {
            free(buf);
            report->iterations = step + 1;
            snprintf(report->message, sizeof report->message, "w became non-finite at step %ld", step + 1);
            return PB_DIVERGED;
        }
    }
    free(buf);
    report->iterations = steps;
    report->evaluations = steps * batch;
    snprintf(report->message, sizeof report->message, "w = %.6g, loss %.3g (mean of the last %ld steps)", w,
             loss_sum / (double)loss_count, loss_count);
    sgd_sin_model *m = malloc(sizeof *m);
    if (!m)
        return PB_OUT_OF_MEMORY;
    m->w = w;
    *model = m;
    return PB_OK;
}

static pb_status sgd_sin_predict(const void *model, const double *t, size_t n, double *y)
{
    const sgd_sin_model *m = model;
    for (size_t i = 0; i < n; i++)
        y[i] = sin(m->w * t[i]);
    return PB_OK;
}

static size_t sgd_sin_components(const void *model, pb_component *out, size_t max)
{
    const sgd_sin_model *m = model;
    if (max < 1)
        return 0;
    /* sin(w x) = cos(|w| x - sign(w) pi/2) */
    out[0] = (pb_component){fabs(m->w) / (2.0 * M_PI), 1.0, m->w >= 0 ? -M_PI / 2.0 : M_PI / 2.0, 0};
    return 1;
}

static void sgd_sin_free(void *model)
{
    free(model);
}

const pb_method_type pb_method_sgd_sin = {
    "sgd-sin", "sgd", "the seed's model sin(w x), w ~ N(0, 1), plain SGD: lr 1e-4, batch 32, 10^6 steps",
    sgd_sin_params, sizeof sgd_sin_params / sizeof sgd_sin_params[0],
    sgd_sin_fit, sgd_sin_predict, sgd_sin_components, sgd_sin_free,
    0, NULL /* validate */
};
