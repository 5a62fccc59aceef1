/* pb_opt: first-order optimisers on flat parameter arrays: SGD with
 * (heavy-ball) momentum, v = mu v + g, p -= lr v (PyTorch's SGD), and Adam
 * (Kingma & Ba 2015, bias-corrected; PyTorch's defaults beta1 0.9, beta2
 * 0.999, eps 1e-8). Only parameters marked trainable move. */
#ifndef PB_OPT_H
#define PB_OPT_H

#include <stddef.h>

typedef enum pb_opt_kind { PB_OPT_SGD, PB_OPT_ADAM } pb_opt_kind;

typedef struct pb_opt pb_opt;

/* momentum: SGD's mu (ignored by Adam). NULL on allocation failure. */
pb_opt *pb_opt_alloc(pb_opt_kind kind, size_t n, double lr, double momentum);
void pb_opt_free(pb_opt *o);
/* Changes the learning rate (for schedules). */
void pb_opt_set_lr(pb_opt *o, double lr);
/* One step: p[i] updated from g[i] where trainable is NULL or trainable[i]. */
void pb_opt_step(pb_opt *o, double *p, const double *g, const unsigned char *trainable);

#endif
