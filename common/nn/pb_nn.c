#include "nn/pb_nn.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>

#include "nn/pb_gemm.h"
#include "base/pb_sincos.h"

#define PB_NN_MAX_DEPTH 16

struct pb_nn {
    pb_nn_config cfg;
    size_t max_batch, d0, n_params;
    double *theta, *grad;
    unsigned char *trainable;
    size_t off_t2v_w, off_t2v_p;                                         /* Time2Vec: k + 1 each */
    size_t off_W[PB_NN_MAX_DEPTH], off_b[PB_NN_MAX_DEPTH], off_a[PB_NN_MAX_DEPTH]; /* a: snake only */
    size_t off_wout, off_bout;
    double *B;                                                           /* Fourier frequencies, fixed */
    /* Per-batch workspace: x; encoding E and its derivative part ECOS; per layer
     * pre-activation-derivative D, snake's DA and output H; backward buffers. */
    double *x, *E, *ECOS, *D[PB_NN_MAX_DEPTH], *DA[PB_NN_MAX_DEPTH], *H[PB_NN_MAX_DEPTH];
    double *Z, *dH, *dHprev, *y, *WT; /* WT: a layer's weights transposed */
};

static size_t layer_in(const pb_nn *net, size_t l)
{
    return l == 0 ? net->d0 : net->cfg.width;
}

static double uniform(gsl_rng *rng, double bound)
{
    return bound * (2.0 * gsl_rng_uniform(rng) - 1.0);
}

/* Lays the parameters out; returns the count. */
static size_t layout(pb_nn *net)
{
    const pb_nn_config *c = &net->cfg;
    size_t off = 0;
    if (c->encoding == PB_ENC_TIME2VEC) {
        net->off_t2v_w = off;
        off += c->features + 1;
        net->off_t2v_p = off;
        off += c->features + 1;
    }
    for (size_t l = 0; l < c->depth; l++) {
        net->off_W[l] = off;
        off += layer_in(net, l) * c->width;
        net->off_b[l] = off;
        off += c->width;
        if (c->act == PB_ACT_SNAKE) {
            net->off_a[l] = off;
            off += c->width;
        }
    }
    net->off_wout = off;
    off += c->width;
    net->off_bout = off;
    return off + 1;
}

static void initialise(pb_nn *net, gsl_rng *rng)
{
    const pb_nn_config *c = &net->cfg;
    double *th = net->theta;
    memset(net->trainable, 1, net->n_params);
    if (c->encoding == PB_ENC_TIME2VEC)
        for (size_t j = 0; j <= c->features; j++) { /* as a Linear(1, k + 1) */
            th[net->off_t2v_w + j] = uniform(rng, 1.0);
            th[net->off_t2v_p + j] = uniform(rng, 1.0);
        }
    if (c->encoding == PB_ENC_FOURIER)
        for (size_t j = 0; j < c->features; j++)
            net->B[j] = gsl_ran_gaussian(rng, c->fourier_sigma);
    for (size_t l = 0; l <= c->depth; l++) { /* l == depth: the output layer */
        size_t in = l < c->depth ? layer_in(net, l) : c->width, out = l < c->depth ? c->width : 1;
        size_t ow = l < c->depth ? net->off_W[l] : net->off_wout, ob = l < c->depth ? net->off_b[l] : net->off_bout;
        double wb = 1.0 / sqrt((double)in);
        if (c->act == PB_ACT_SINE)
            wb = l == 0 ? 1.0 / (double)in : sqrt(6.0 / (double)in) / c->omega0;
        for (size_t i = 0; i < in * out; i++)
            th[ow + i] = uniform(rng, wb);
        for (size_t j = 0; j < out; j++)
            th[ob + j] = uniform(rng, 1.0 / sqrt((double)in));
        if (l < c->depth && c->act == PB_ACT_SNAKE)
            for (size_t j = 0; j < c->width; j++) {
                th[net->off_a[l] + j] = c->snake_a;
                net->trainable[net->off_a[l] + j] = (unsigned char)(c->snake_learn_a != 0);
            }
    }
}

pb_nn *pb_nn_alloc(const pb_nn_config *cfg, size_t max_batch, gsl_rng *rng)
{
    if (cfg->depth < 1 || cfg->depth > PB_NN_MAX_DEPTH || cfg->width < 1 || max_batch < 1 || !(cfg->t_half > 0) ||
        (cfg->encoding != PB_ENC_RAW && cfg->features < 1) || (cfg->act == PB_ACT_SNAKE && !(cfg->snake_a > 0)))
        return NULL;
    pb_nn *net = calloc(1, sizeof *net);
    if (!net)
        return NULL;
    net->cfg = *cfg;
    net->max_batch = max_batch;
    net->d0 = cfg->encoding == PB_ENC_RAW ? 1 : cfg->encoding == PB_ENC_FOURIER ? 2 * cfg->features : cfg->features + 1;
    net->n_params = layout(net);
    size_t w = cfg->width, b = max_batch;
    net->theta = calloc(net->n_params, sizeof(double));
    net->grad = calloc(net->n_params, sizeof(double));
    net->trainable = calloc(net->n_params, 1);
    net->B = calloc(cfg->features + 1, sizeof(double));
    net->x = malloc(b * sizeof(double));
    net->y = malloc(b * sizeof(double));
    net->E = malloc(b * net->d0 * sizeof(double));
    net->ECOS = malloc(b * net->d0 * sizeof(double));
    size_t widest = w > net->d0 ? w : net->d0;
    net->Z = malloc(b * w * sizeof(double));
    net->dH = malloc(b * widest * sizeof(double));
    net->dHprev = malloc(b * widest * sizeof(double));
    net->WT = malloc(widest * w * sizeof(double));
    int ok = net->theta && net->grad && net->trainable && net->B && net->x && net->y && net->E && net->ECOS && net->Z &&
             net->dH && net->dHprev && net->WT;
    for (size_t l = 0; l < cfg->depth && ok; l++) {
        net->D[l] = malloc(b * w * sizeof(double));
        net->DA[l] = malloc(b * w * sizeof(double));
        net->H[l] = malloc(b * w * sizeof(double));
        ok = net->D[l] && net->DA[l] && net->H[l];
    }
    if (!ok) {
        pb_nn_free(net);
        return NULL;
    }
    initialise(net, rng);
    return net;
}

void pb_nn_free(pb_nn *net)
{
    if (!net)
        return;
    free(net->theta);
    free(net->grad);
    free(net->trainable);
    free(net->B);
    free(net->x);
    free(net->y);
    free(net->E);
    free(net->ECOS);
    free(net->Z);
    free(net->dH);
    free(net->dHprev);
    free(net->WT);
    for (size_t l = 0; l < PB_NN_MAX_DEPTH; l++) {
        free(net->D[l]);
        free(net->DA[l]);
        free(net->H[l]);
    }
    free(net);
}

size_t pb_nn_n_params(const pb_nn *net)
{
    return net->n_params;
}

double *pb_nn_params(pb_nn *net)
{
    return net->theta;
}

double *pb_nn_grads(pb_nn *net)
{
    return net->grad;
}

const unsigned char *pb_nn_trainable(const pb_nn *net)
{
    return net->trainable;
}

static void encode(pb_nn *net, size_t b)
{
    const pb_nn_config *c = &net->cfg;
    size_t d0 = net->d0, m = c->features;
    const double *th = net->theta;
    for (size_t i = 0; i < b; i++) {
        double *e = net->E + i * d0, *ec = net->ECOS + i * d0, x = net->x[i];
        if (c->encoding == PB_ENC_RAW) {
            e[0] = x;
        } else if (c->encoding == PB_ENC_FOURIER) {
            for (size_t j = 0; j < m; j++)
                ec[j] = 2.0 * M_PI * net->B[j] * x;
            pb_sincos_batch(ec, m, e + m, e); /* e = [cos | sin] */
        } else {
            e[0] = th[net->off_t2v_w] * x + th[net->off_t2v_p];
            for (size_t j = 1; j <= m; j++)
                ec[j] = th[net->off_t2v_w + j] * x + th[net->off_t2v_p + j];
            pb_sincos_batch(ec + 1, m, e + 1, ec + 1); /* e = sin, ec = cos, for the backward pass */
        }
    }
}

static void forward(pb_nn *net, const double *t, size_t b)
{
    const pb_nn_config *c = &net->cfg;
    size_t w = c->width;
    const double *th = net->theta;
    for (size_t i = 0; i < b; i++)
        net->x[i] = (t[i] - c->t_mid) / c->t_half;
    encode(net, b);
    const double *hp = net->E;
    for (size_t l = 0; l < c->depth; l++) {
        size_t in = layer_in(net, l);
        pb_gemm_nn(b, in, w, hp, th + net->off_W[l], th + net->off_b[l], net->Z);
        pb_nn_act_forward(c->act, net->Z, b * w, w, c->act == PB_ACT_SNAKE ? th + net->off_a[l] : NULL, c->omega0,
                          net->H[l], net->D[l], net->DA[l]);
        hp = net->H[l];
    }
    const double *wo = th + net->off_wout;
    for (size_t i = 0; i < b; i++) {
        double s = th[net->off_bout];
        const double *h = hp + i * w;
#pragma omp simd reduction(+ : s)
        for (size_t j = 0; j < w; j++)
            s += h[j] * wo[j];
        net->y[i] = s;
    }
}

/* Gradient of one dense layer given dH (b x w) at its output: parameters
 * (W, b, snake a) and, if dhp is not NULL, dH at its input. */
static void dense_backward(pb_nn *net, size_t l, const double *hp, size_t b, size_t in, double *dhp)
{
    size_t w = net->cfg.width;
    const double *W = net->theta + net->off_W[l];
    double *gW = net->grad + net->off_W[l], *gb = net->grad + net->off_b[l];
    double *dZ = net->Z; /* reused: the forward values are no longer needed */
    for (size_t k = 0; k < b * w; k++)
        dZ[k] = net->dH[k] * net->D[l][k];
    if (net->cfg.act == PB_ACT_SNAKE) {
        double *ga = net->grad + net->off_a[l];
        for (size_t i = 0; i < b; i++)
            for (size_t j = 0; j < w; j++)
                ga[j] += net->dH[i * w + j] * net->DA[l][i * w + j];
    }
    for (size_t i = 0; i < b; i++) {
        const double *dz = dZ + i * w;
#pragma omp simd
        for (size_t j = 0; j < w; j++)
            gb[j] += dz[j];
    }
    pb_gemm_tn(b, in, w, hp, dZ, gW);
    if (dhp) { /* dH_prev = dZ W^T, through W^T so the product runs along rows */
        for (size_t r = 0; r < in; r++)
            for (size_t j = 0; j < w; j++)
                net->WT[j * in + r] = W[r * w + j];
        pb_gemm_nn(b, w, in, dZ, net->WT, NULL, dhp);
    }
}

static void encode_backward(pb_nn *net, const double *dE, size_t b)
{
    size_t d0 = net->d0, m = net->cfg.features;
    double *g = net->grad;
    for (size_t i = 0; i < b; i++) {
        const double *de = dE + i * d0, *ec = net->ECOS + i * d0;
        double x = net->x[i];
        g[net->off_t2v_w] += de[0] * x;
        g[net->off_t2v_p] += de[0];
        for (size_t j = 1; j <= m; j++) {
            g[net->off_t2v_w + j] += de[j] * ec[j] * x;
            g[net->off_t2v_p + j] += de[j] * ec[j];
        }
    }
}

double pb_nn_loss_grad(pb_nn *net, const double *t, const double *y, size_t b)
{
    const pb_nn_config *c = &net->cfg;
    size_t w = c->width, L = c->depth;
    forward(net, t, b);
    memset(net->grad, 0, net->n_params * sizeof *net->grad);
    double loss = 0, *g = net->grad;
    const double *wo = net->theta + net->off_wout;
    for (size_t i = 0; i < b; i++) {
        double r = net->y[i] - y[i], dy = 2.0 * r / (double)b;
        loss += r * r;
        g[net->off_bout] += dy;
        const double *h = net->H[L - 1] + i * w;
        for (size_t j = 0; j < w; j++) {
            g[net->off_wout + j] += dy * h[j];
            net->dH[i * w + j] = dy * wo[j];
        }
    }
    for (size_t l = L; l-- > 0;) {
        const double *hp = l > 0 ? net->H[l - 1] : net->E;
        int need_input = l > 0 || c->encoding == PB_ENC_TIME2VEC;
        dense_backward(net, l, hp, b, layer_in(net, l), need_input ? net->dHprev : NULL);
        double *swap = net->dH;
        net->dH = net->dHprev;
        net->dHprev = swap;
    }
    if (c->encoding == PB_ENC_TIME2VEC)
        encode_backward(net, net->dH, b);
    return loss / (double)b;
}

void pb_nn_predict(pb_nn *net, const double *t, size_t n, double *out)
{
    for (size_t i = 0; i < n; i += net->max_batch) {
        size_t b = n - i < net->max_batch ? n - i : net->max_batch;
        forward(net, t + i, b);
        memcpy(out + i, net->y, b * sizeof *out);
    }
}
