/* The network engine against naive references: every parameter's gradient,
 * for every activation and every input encoding, against central finite
 * differences of the loss; the optimisers against their update rules
 * written out by hand. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_rng.h>

#include "nn/pb_gemm.h"
#include "nn/pb_nn.h"
#include "nn/pb_opt.h"
#include "helpers/test_thresholds.h"

/* Largest relative gap between the analytic gradient and central differences. */
static double worst_gradient_error(const pb_nn_config *cfg)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 17);
    enum { B = 7 };
    double t[B], y[B];
    for (size_t i = 0; i < B; i++) {
        t[i] = 100.0 * gsl_rng_uniform(r);
        y[i] = sin(0.3 * t[i]);
    }
    pb_nn *net = pb_nn_alloc(cfg, B, r);
    cr_assert_not_null(net);
    size_t n = pb_nn_n_params(net);
    double *p = pb_nn_params(net), *analytic = malloc(n * sizeof *analytic);
    pb_nn_loss_grad(net, t, y, B);
    for (size_t k = 0; k < n; k++)
        analytic[k] = pb_nn_grads(net)[k];
    double worst = 0;
    for (size_t k = 0; k < n; k++) {
        if (!pb_nn_trainable(net)[k])
            continue;
        /* Two difference schemes: fourth order with a wide step (accurate where the loss is smooth)
         * and second order with a narrow one (for ReLU's kinks); a wrong gradient fails both. */
        double keep = p[k], wide = 1e-4 * fmax(1.0, fabs(keep)), narrow = 1e-7 * fmax(1.0, fabs(keep)), f[6];
        const double at[6] = {-2 * wide, -wide, wide, 2 * wide, -narrow, narrow};
        for (int s = 0; s < 6; s++) {
            p[k] = keep + at[s];
            f[s] = pb_nn_loss_grad(net, t, y, B);
        }
        p[k] = keep;
        double fd4 = (8.0 * (f[2] - f[1]) - (f[3] - f[0])) / (12.0 * wide), fd2 = (f[5] - f[4]) / (2.0 * narrow);
        double g = analytic[k], scale = fmax(fabs(g), 1e-6);
        double err = fmin(fabs(fd4 - g) / fmax(fabs(fd4), scale), fabs(fd2 - g) / fmax(fabs(fd2), scale));
        worst = fmax(worst, err);
    }
    free(analytic);
    pb_nn_free(net);
    gsl_rng_free(r);
    return worst;
}

Test(nn, gradients_match_finite_differences_for_every_operator_and_encoding)
{
    const pb_nn_act acts[] = {PB_ACT_GELU, PB_ACT_RELU, PB_ACT_TANH, PB_ACT_SINE, PB_ACT_SNAKE};
    const char *act_names[] = {"gelu", "relu", "tanh", "sine", "snake"};
    const pb_nn_encoding encs[] = {PB_ENC_RAW, PB_ENC_FOURIER, PB_ENC_TIME2VEC};
    const char *enc_names[] = {"raw", "fourier", "time2vec"};
    for (size_t a = 0; a < 5; a++)
        for (size_t e = 0; e < 3; e++) {
            /* sine with w0 = 3 here: w0 = 30 makes the loss so curved that central differences,
             * not the gradient, limit the agreement */
            pb_nn_config cfg = {encs[e], 3, 2.0, acts[a], 5, 2, acts[a] == PB_ACT_SINE ? 3.0 : 30.0, 0.8, 1, 50.0, 50.0};
            double err = worst_gradient_error(&cfg);
            cr_assert(err <= PB_TOL_NN_GRADIENT, "%s with %s input: relative gradient error %g", act_names[a],
                      enc_names[e], err);
        }
}

Test(nn, adam_and_sgd_follow_their_update_rules)
{
    double p[2] = {1.0, -2.0}, g[2] = {0.5, -0.25};
    unsigned char trainable[2] = {1, 0};
    pb_opt *adam = pb_opt_alloc(PB_OPT_ADAM, 2, 0.1, 0.0);
    pb_opt_step(adam, p, g, trainable);
    /* first Adam step: m^ = g, v^ = g^2, so p -= lr g / (|g| + eps) */
    cr_assert(fabs(p[0] - (1.0 - 0.1 * 0.5 / (0.5 + 1e-8))) < 1e-15, "%.17g", p[0]);
    cr_assert_eq(p[1], -2.0); /* not trainable */
    pb_opt_free(adam);
    pb_opt *sgd = pb_opt_alloc(PB_OPT_SGD, 2, 0.1, 0.9);
    p[0] = 1.0;
    pb_opt_step(sgd, p, g, NULL);
    pb_opt_step(sgd, p, g, NULL); /* v = g, then v = 0.9 g + g */
    cr_assert(fabs(p[0] - (1.0 - 0.1 * 0.5 - 0.1 * 1.9 * 0.5)) < 1e-15, "%.17g", p[0]);
    pb_opt_free(sgd);
}

/* The register-blocked products against the naive triple loops, at sizes
 * with and without the blocking's tails. */
Test(nn, gemm_kernels_match_naive_loops)
{
    const size_t sizes[][3] = {{32, 64, 64}, {7, 5, 13}, {1, 1, 1}, {33, 3, 17}};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    for (size_t s = 0; s < 4; s++) {
        size_t m = sizes[s][0], k = sizes[s][1], n = sizes[s][2];
        double *A = malloc(m * k * sizeof *A), *B = malloc(k * n * sizeof *B), *Bt = malloc(m * n * sizeof *Bt);
        double *bias = malloc(n * sizeof *bias), *C = malloc(m * n * sizeof *C), *G = malloc(k * n * sizeof *G);
        for (size_t i = 0; i < m * k; i++)
            A[i] = gsl_rng_uniform(r) - 0.5;
        for (size_t i = 0; i < k * n; i++)
            B[i] = G[i] = gsl_rng_uniform(r) - 0.5;
        for (size_t i = 0; i < m * n; i++)
            Bt[i] = gsl_rng_uniform(r) - 0.5;
        for (size_t j = 0; j < n; j++)
            bias[j] = gsl_rng_uniform(r);
        pb_gemm_nn(m, k, n, A, B, bias, C);
        for (size_t i = 0; i < m; i++)
            for (size_t j = 0; j < n; j++) {
                double want = bias[j];
                for (size_t p = 0; p < k; p++)
                    want += A[i * k + p] * B[p * n + j];
                cr_assert(fabs(C[i * n + j] - want) < 1e-13, "nn %zux%zux%zu at (%zu, %zu)", m, k, n, i, j);
            }
        pb_gemm_tn(m, k, n, A, Bt, G);
        for (size_t p = 0; p < k; p++)
            for (size_t j = 0; j < n; j++) {
                double want = B[p * n + j];
                for (size_t i = 0; i < m; i++)
                    want += A[i * k + p] * Bt[i * n + j];
                cr_assert(fabs(G[p * n + j] - want) < 1e-13, "tn %zux%zux%zu at (%zu, %zu)", m, k, n, p, j);
            }
        free(A);
        free(B);
        free(Bt);
        free(bias);
        free(C);
        free(G);
    }
    gsl_rng_free(r);
}
