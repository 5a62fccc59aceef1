/* pb_nn: a tiny fully connected network of one input (time) and one
 * output, in double precision, for the SGD family:
 *   x = (t - t_mid) / t_half                     time mapped to [-1, 1] over the training window
 *   e = encode(x)                                raw x; random Fourier features [cos 2 pi B x, sin 2 pi B x]
 *                                                (B ~ N(0, sigma^2), fixed; Tancik et al. 2020); or Time2Vec
 *                                                [w0 x + p0, sin(w_i x + p_i)] (trained; Kazemi et al. 2019)
 *   h_l = act(W_l h_(l-1) + b_l), l = 1..depth   width units each (pb_nn_act)
 *   y = w . h_depth + b
 * Parameters and their gradients are flat arrays, so any optimiser
 * (pb_opt) can step them. Loss: mean squared error over a batch. */
#ifndef PB_NN_H
#define PB_NN_H

#include <stddef.h>
#include <gsl/gsl_rng.h>

#include "nn/pb_nn_act.h"

typedef enum pb_nn_encoding { PB_ENC_RAW, PB_ENC_FOURIER, PB_ENC_TIME2VEC } pb_nn_encoding;

typedef struct pb_nn_config {
    pb_nn_encoding encoding;
    size_t features;      /* Fourier: m frequencies (2m inputs); Time2Vec: k sines (k + 1 inputs) */
    double fourier_sigma; /* standard deviation of B, cycles per unit of x */
    pb_nn_act act;
    size_t width, depth;  /* depth >= 1 hidden layers */
    double omega0;        /* sine: w0; and SIREN's initialisation */
    double snake_a;       /* snake: initial a */
    int snake_learn_a;    /* snake: a trained (1) or fixed (0) */
    double t_mid, t_half; /* the time mapping */
} pb_nn_config;

typedef struct pb_nn pb_nn;

/* Initialises the weights from rng: SIREN's scheme for sine (first layer
 * U(-1/n, 1/n), later U(-sqrt(6/n)/w0, sqrt(6/n)/w0)), PyTorch's default
 * Linear otherwise (U(-1/sqrt(n), 1/sqrt(n)) for weights and biases).
 * max_batch: the largest batch loss_grad will be given. NULL on bad config
 * or allocation failure. */
pb_nn *pb_nn_alloc(const pb_nn_config *cfg, size_t max_batch, gsl_rng *rng);
void pb_nn_free(pb_nn *net);

size_t pb_nn_n_params(const pb_nn *net);
double *pb_nn_params(pb_nn *net);
/* Gradients of the last pb_nn_loss_grad call, same layout as the parameters. */
double *pb_nn_grads(pb_nn *net);
/* Which parameters are trained (1) - snake's a may be fixed. */
const unsigned char *pb_nn_trainable(const pb_nn *net);

/* Mean squared error of the network on (t[i], y[i]), i < b <= max_batch,
 * and its gradient with respect to every parameter into pb_nn_grads. */
double pb_nn_loss_grad(pb_nn *net, const double *t, const double *y, size_t b);

/* out[i] = network(t[i]) for any n (evaluated in chunks). */
void pb_nn_predict(pb_nn *net, const double *t, size_t n, double *out);

#endif
