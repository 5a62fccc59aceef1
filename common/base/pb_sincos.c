/* sincos() is a GNU extension of glibc's libm. */
#define _GNU_SOURCE
#include "base/pb_sincos.h"

#include <math.h>

#include "base/pb_phase.h"

/* pi/2 split into three parts of 33, 33 and 53 bits (Cody-Waite): k * part
 * is exact for |k| < 2^20, so the reduced argument keeps full precision. */
static const double PIO2_HI = 1.57079632673412561417e+00;
static const double PIO2_MID = 6.07710050650619224932e-11;
static const double PIO2_LO = 2.02226624879595063154e-21;
static const double TWO_OVER_PI = 6.36619772367581382433e-01;
/* Adding and subtracting 1.5 * 2^52 rounds to the nearest integer. */
static const double ROUND_MAGIC = 6755399441055744.0;

/* Taylor series on |r| <= pi/4 (truncation error < 1e-16), Horner form. */
static inline double sin_poly(double r)
{
    double z = r * r;
    double p = -1.0 / 1307674368000.0;                 /* -1/15! */
    p = p * z + 1.0 / 6227020800.0;                    /* 1/13! */
    p = p * z - 1.0 / 39916800.0;                      /* -1/11! */
    p = p * z + 1.0 / 362880.0;                        /* 1/9! */
    p = p * z - 1.0 / 5040.0;                          /* -1/7! */
    p = p * z + 1.0 / 120.0;                           /* 1/5! */
    p = p * z - 1.0 / 6.0;                             /* -1/3! */
    return r + r * z * p;
}

static inline double cos_poly(double r)
{
    double z = r * r;
    double p = 1.0 / 20922789888000.0;                 /* 1/16! */
    p = p * z - 1.0 / 87178291200.0;                   /* -1/14! */
    p = p * z + 1.0 / 479001600.0;                     /* 1/12! */
    p = p * z - 1.0 / 3628800.0;                       /* -1/10! */
    p = p * z + 1.0 / 40320.0;                         /* 1/8! */
    p = p * z - 1.0 / 720.0;                           /* -1/6! */
    p = p * z + 1.0 / 24.0;                            /* 1/4! */
    return 1.0 - 0.5 * z + z * z * p;
}

static void sincos_fast(const double *x, size_t n, double *s, double *c)
{
#pragma omp simd
    for (size_t i = 0; i < n; i++) {
        double k = (x[i] * TWO_OVER_PI + ROUND_MAGIC) - ROUND_MAGIC;
        double r = ((x[i] - k * PIO2_HI) - k * PIO2_MID) - k * PIO2_LO;
        /* Quadrant as a double in {-2, -1, 0, 1, 2} (k mod 4, centred), so the
         * selection below stays in vector registers. */
        double q = k - 4.0 * ((k * 0.25 + ROUND_MAGIC) - ROUND_MAGIC);
        double aq = fabs(q);
        double sp = sin_poly(r), cp = cos_poly(r);
        /* q = 0: (sp, cp); 1: (cp, -sp); +-2: (-sp, -cp); -1 (= 3): (-cp, sp) */
        double sv = aq == 1.0 ? cp : sp, cv = aq == 1.0 ? sp : cp;
        s[i] = (aq == 2.0 || q == -1.0) ? -sv : sv;
        c[i] = (aq == 2.0 || q == 1.0) ? -cv : cv;
    }
}

void pb_sincos_batch(const double *x, size_t n, double *s, double *c)
{
    int fast = 1;
    for (size_t i = 0; i < n; i++)
        fast &= fabs(x[i]) <= PB_SINCOS_FAST_MAX; /* false for NaN too */
    if (fast) {
        sincos_fast(x, n, s, c);
        return;
    }
    /* One argument reduction for both (for |x| ~ 1e19, the exact reduction
     * is most of the time): glibc's sincos gives the values of sin and cos
     * bit for bit (the tests check it). */
    for (size_t i = 0; i < n; i++)
        sincos(x[i], &s[i], &c[i]);
}

void pb_sincos_turns(double f, const double *t, size_t n, double *x, double *s, double *c)
{
    for (size_t i = 0; i < n; i++) {
        double turns = pb_phase_frac(f, t[i]);
        x[i] = 2.0 * M_PI * (turns > 0.5 ? turns - 1.0 : turns);
    }
    sincos_fast(x, n, s, c);
}
