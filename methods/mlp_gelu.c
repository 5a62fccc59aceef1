/* mlp-gelu: the seed's GELU network - time mapped to [-1, 1] over the
 * window, hidden GELU layers (exact erf form), a linear output; trained by
 * Adam on mini-batches (pb_nn_method). */
#include "support/pb_nn_method.h"

static const pb_param_def mlp_gelu_params[] = {PB_NN_BUDGET_PARAMS("1e-3")};

static pb_status mlp_gelu_fit(const pb_series *train, const pb_prior *prior, const pb_params *params, gsl_rng *rng,
                              void **model, pb_fit_report *report)
{
    (void)prior;
    return pb_nn_method_fit(train, params, pb_nn_method_config(params, PB_ACT_GELU, PB_ENC_RAW), rng, model, report);
}

const pb_method_type pb_method_mlp_gelu = {
    "mlp-gelu", "sgd", "GELU multilayer perceptron on time mapped to [-1, 1], Adam",
    mlp_gelu_params, sizeof mlp_gelu_params / sizeof mlp_gelu_params[0],
    mlp_gelu_fit, pb_nn_method_predict, NULL, pb_nn_method_free,
    0, NULL /* validate */
};
