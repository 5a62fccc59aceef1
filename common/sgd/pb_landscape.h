/* pb_landscape: the loss and gradient landscape of the seed's one-parameter
 * model y = sin(w x) on a data set: L(w) = mean (sin(w x_i) - y_i)^2 and
 * dL/dw = mean 2 (sin(w x_i) - y_i) cos(w x_i) x_i, over every point (the
 * "large batch"), at m values of w from w0 to w1. */
#ifndef PB_LANDSCAPE_H
#define PB_LANDSCAPE_H

#include <stddef.h>

#include "base/pb_series.h"

/* loss[j], grad[j] at w = w0 + j (w1 - w0) / (m - 1), m >= 2. Returns 0, or -1 when out of memory. */
int pb_landscape_sin(const pb_series *s, double w0, double w1, size_t m, double *loss, double *grad);

#endif
