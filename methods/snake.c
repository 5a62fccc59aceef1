/* snake: hidden layers with the Snake activation x + sin^2(a x)/a (Ziyin,
 * Hartwig & Ueda 2020), a per neuron, learned by default; time mapped to
 * [-1, 1]; Adam. */
#include "support/pb_nn_method.h"

static const pb_param_def snake_params[] = {
    PB_NN_BUDGET_PARAMS("1e-4"),
    {"a", PB_PARAM_REAL, "1", 1e-3, 1e3, NULL, "initial a of every neuron"},
    {"learn_a", PB_PARAM_INT, "1", 0, 1, NULL, "1: a is trained; 0: fixed"},
};

static pb_status snake_fit(const pb_series *train, const pb_prior *prior, const pb_params *params, gsl_rng *rng,
                           void **model, pb_fit_report *report)
{
    (void)prior;
    pb_nn_config cfg = pb_nn_method_config(params, PB_ACT_SNAKE, PB_ENC_RAW);
    cfg.snake_a = pb_params_real(params, "a");
    cfg.snake_learn_a = (int)pb_params_int(params, "learn_a");
    return pb_nn_method_fit(train, params, cfg, rng, model, report);
}

const pb_method_type pb_method_snake = {
    "snake", "sgd", "Snake-activated network (x + sin^2(a x)/a, a learned), Adam",
    snake_params, sizeof snake_params / sizeof snake_params[0],
    snake_fit, pb_nn_method_predict, NULL, pb_nn_method_free,
    0, NULL /* validate */
};
