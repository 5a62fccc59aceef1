/* siren: sine activations sin(w0 (W x + b)) with Sitzmann et al.'s (2020)
 * initialisation (first layer U(-1/n, 1/n), later U(-sqrt(6/n)/w0,
 * sqrt(6/n)/w0)), w0 = 30; time mapped to [-1, 1]; Adam. */
#include "support/pb_nn_method.h"

static const pb_param_def siren_params[] = {
    PB_NN_BUDGET_PARAMS("1e-4"),
    {"omega0", PB_PARAM_REAL, "30", 0.01, 1e4, NULL, "w0 of sin(w0 (W x + b)) and of the initialisation"},
};

static pb_status siren_fit(const pb_series *train, const pb_prior *prior, const pb_params *params, gsl_rng *rng,
                           void **model, pb_fit_report *report)
{
    (void)prior;
    pb_nn_config cfg = pb_nn_method_config(params, PB_ACT_SINE, PB_ENC_RAW);
    cfg.omega0 = pb_params_real(params, "omega0");
    return pb_nn_method_fit(train, params, cfg, rng, model, report);
}

const pb_method_type pb_method_siren = {
    "siren", "sgd", "SIREN: sine-activated network, w0 = 30, Sitzmann et al.'s initialisation, Adam",
    siren_params, sizeof siren_params / sizeof siren_params[0],
    siren_fit, pb_nn_method_predict, NULL, pb_nn_method_free,
    0, NULL /* validate */
};
