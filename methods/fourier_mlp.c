/* fourier-mlp: random Fourier features [cos 2 pi B x, sin 2 pi B x],
 * B ~ N(0, sigma^2) fixed (Tancik et al. 2020), of the time mapped to
 * [-1, 1], into a GELU network; Adam. */
#include "support/pb_nn_method.h"

static const pb_param_def fourier_mlp_params[] = {
    PB_NN_BUDGET_PARAMS("1e-3"),
    {"features", PB_PARAM_INT, "64", 1, 4096, NULL, "m frequencies (2m inputs)"},
    {"sigma", PB_PARAM_REAL, "10", 1e-6, 1e6, NULL, "standard deviation of B, cycles per half window"},
};

static pb_status fourier_mlp_fit(const pb_series *train, const pb_prior *prior, const pb_params *params,
                                 gsl_rng *rng, void **model, pb_fit_report *report)
{
    (void)prior;
    pb_nn_config cfg = pb_nn_method_config(params, PB_ACT_GELU, PB_ENC_FOURIER);
    cfg.features = (size_t)pb_params_int(params, "features");
    cfg.fourier_sigma = pb_params_real(params, "sigma");
    return pb_nn_method_fit(train, params, cfg, rng, model, report);
}

const pb_method_type pb_method_fourier_mlp = {
    "fourier-mlp", "sgd", "random Fourier features (sigma 10) into a GELU network, Adam",
    fourier_mlp_params, sizeof fourier_mlp_params / sizeof fourier_mlp_params[0],
    fourier_mlp_fit, pb_nn_method_predict, NULL, pb_nn_method_free,
    0, NULL /* validate */
};
