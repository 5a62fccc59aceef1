/* time2vec: the Time2Vec input layer [w0 x + p0, sin(w_i x + p_i)], all
 * trained (Kazemi et al. 2019), of the time mapped to [-1, 1], into a GELU
 * network; Adam. */
#include "support/pb_nn_method.h"

static const pb_param_def time2vec_params[] = {
    PB_NN_BUDGET_PARAMS("1e-3"),
    {"features", PB_PARAM_INT, "16", 1, 4096, NULL, "k periodic components (k + 1 inputs)"},
};

static pb_status time2vec_fit(const pb_series *train, const pb_prior *prior, const pb_params *params, gsl_rng *rng,
                              void **model, pb_fit_report *report)
{
    (void)prior;
    pb_nn_config cfg = pb_nn_method_config(params, PB_ACT_GELU, PB_ENC_TIME2VEC);
    cfg.features = (size_t)pb_params_int(params, "features");
    return pb_nn_method_fit(train, params, cfg, rng, model, report);
}

const pb_method_type pb_method_time2vec = {
    "time2vec", "sgd", "Time2Vec input layer (16 trained sines) into a GELU network, Adam",
    time2vec_params, sizeof time2vec_params / sizeof time2vec_params[0],
    time2vec_fit, pb_nn_method_predict, NULL, pb_nn_method_free,
    0, NULL /* validate */
};
