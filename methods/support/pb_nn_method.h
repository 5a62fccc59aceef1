/* pb_nn_method: what the network methods (mlp-gelu, siren, snake,
 * fourier-mlp, time2vec) share: the budget parameters every one of them
 * has, with the same defaults (the same budget rules for all networks),
 * and the training loop - mini-batches drawn with replacement by the
 * trial's RNG, targets standardised (mean 0, variance 1) and restored at
 * prediction, MSE loss, SGD-momentum or Adam. */
#ifndef PB_NN_METHOD_H
#define PB_NN_METHOD_H

#include "contract/pb_method.h"
#include "nn/pb_nn.h"

/* The budget parameters, first in every network method's table; LR is the
 * method's default learning rate (the best of 1e-4, 1e-3, 1e-2 in
 * `make nn-sweep`), a string. */
#define PB_NN_BUDGET_PARAMS(LR)                                                                                     \
    {"steps", PB_PARAM_INT, "4000", 1, 1e9, NULL, "optimiser steps"},                                             \
        {"batch", PB_PARAM_INT, "32", 1, 65536, NULL, "mini-batch size (drawn with replacement)"},              \
        {"optimizer", PB_PARAM_CHOICE, "adam", 0, 0, "adam|sgd", "Adam, or SGD with momentum"},                 \
        {"lr", PB_PARAM_REAL, LR, 0, 10, NULL, "learning rate"},                                               \
        {"momentum", PB_PARAM_REAL, "0.9", 0, 0.999, NULL, "SGD's momentum (Adam ignores it)"},                 \
        {"width", PB_PARAM_INT, "64", 1, 4096, NULL, "units per hidden layer"},                                  \
        {"depth", PB_PARAM_INT, "3", 1, 16, NULL, "hidden layers"}

/* A configuration with the budget's width and depth, the given activation
 * and encoding, everything else zero (the method fills in its own). */
pb_nn_config pb_nn_method_config(const pb_params *params, pb_nn_act act, pb_nn_encoding encoding);

/* Trains a network of configuration cfg (its time mapping is set here from
 * the training window) on train. The model is for the functions below. */
pb_status pb_nn_method_fit(const pb_series *train, const pb_params *params, pb_nn_config cfg, gsl_rng *rng,
                           void **model, pb_fit_report *report);
pb_status pb_nn_method_predict(const void *model, const double *t, size_t n, double *y);
void pb_nn_method_free(void *model);

#endif
