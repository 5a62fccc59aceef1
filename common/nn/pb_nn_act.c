#include "nn/pb_nn_act.h"

#include <math.h>
#include <string.h>

#include "base/pb_sincos.h"

/* glibc's vector math library (libmvec: erf since 2.35, exp) has 4- and
 * 8-wide versions of these; declaring them lets GCC call those from the
 * loops below (glibc itself declares them only under -ffast-math). GELU's
 * erf and exp took ~40 % of a training step as scalar calls. */
#if defined(__GLIBC__) && defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
double erf(double) __attribute__((simd("notinbranch")));
double exp(double) __attribute__((simd("notinbranch")));
#endif

static void gelu(const double *z, size_t n, double *h, double *dz)
{
    for (size_t i = 0; i < n; i++) {
        double cdf = 0.5 * (1.0 + erf(z[i] * M_SQRT1_2));
        double pdf = exp(-0.5 * z[i] * z[i]) * (0.5 * M_2_SQRTPI * M_SQRT1_2);
        h[i] = z[i] * cdf;
        dz[i] = cdf + z[i] * pdf;
    }
}

static void relu(const double *z, size_t n, double *h, double *dz)
{
    for (size_t i = 0; i < n; i++) {
        h[i] = z[i] > 0 ? z[i] : 0.0;
        dz[i] = z[i] > 0 ? 1.0 : 0.0;
    }
}

static void tanh_act(const double *z, size_t n, double *h, double *dz)
{
    for (size_t i = 0; i < n; i++) {
        h[i] = tanh(z[i]);
        dz[i] = 1.0 - h[i] * h[i];
    }
}

/* sin(w0 z): the arguments go through the vectorised sine/cosine. */
static void sine(const double *z, size_t n, double omega0, double *h, double *dz)
{
    for (size_t i = 0; i < n; i++)
        dz[i] = omega0 * z[i];
    pb_sincos_batch(dz, n, h, dz); /* in place: h = sin, dz = cos */
    for (size_t i = 0; i < n; i++)
        dz[i] *= omega0;
}

static void snake(const double *z, size_t n, size_t width, const double *a, double *h, double *dz, double *da)
{
    for (size_t i = 0; i < n; i++) {
        double ai = a[i % width], s = sin(ai * z[i]), c = cos(ai * z[i]);
        h[i] = z[i] + s * s / ai;
        dz[i] = 1.0 + 2.0 * s * c;
        da[i] = (2.0 * s * c * z[i] * ai - s * s) / (ai * ai);
    }
}

void pb_nn_act_forward(pb_nn_act act, const double *z, size_t n, size_t width, const double *a, double omega0,
                       double *h, double *dz, double *da)
{
    switch (act) {
    case PB_ACT_GELU:
        gelu(z, n, h, dz);
        break;
    case PB_ACT_RELU:
        relu(z, n, h, dz);
        break;
    case PB_ACT_TANH:
        tanh_act(z, n, h, dz);
        break;
    case PB_ACT_SINE:
        sine(z, n, omega0, h, dz);
        break;
    case PB_ACT_SNAKE:
        snake(z, n, width, a, h, dz, da);
        break;
    }
}

int pb_nn_act_from_name(const char *name)
{
    static const char *const names[] = {"gelu", "relu", "tanh", "sine", "snake"};
    for (int i = 0; i < 5; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}
