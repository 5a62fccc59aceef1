/* pb_nn_act: the activations of the tiny network engine, each as one
 * forward function that also writes the derivative the backward pass needs
 * (so backward never re-evaluates erf or sin). Arrays of n values; loops
 * written for the compiler to vectorise.
 *   gelu   z Phi(z)                      (exact, erf-based, as PyTorch's default)
 *   relu   max(z, 0)
 *   tanh   tanh(z)
 *   sine   sin(w0 z)                     (SIREN; w0 = 30 in Sitzmann et al. 2020)
 *   snake  z + sin^2(a z) / a            (Ziyin et al. 2020; a > 0 per neuron)
 */
#ifndef PB_NN_ACT_H
#define PB_NN_ACT_H

#include <stddef.h>

typedef enum pb_nn_act { PB_ACT_GELU, PB_ACT_RELU, PB_ACT_TANH, PB_ACT_SINE, PB_ACT_SNAKE } pb_nn_act;

/* h[i] = act(z[i]); dz[i] = d act / dz at z[i]. For snake, a[i % width]
 * is neuron i's a and da[i] = d act / da (else a, da unused, may be NULL);
 * omega0 is the sine's w0. */
void pb_nn_act_forward(pb_nn_act act, const double *z, size_t n, size_t width, const double *a, double omega0,
                       double *h, double *dz, double *da);

/* Name ("gelu", ...) to enum; -1 if unknown. */
int pb_nn_act_from_name(const char *name);

#endif
