/* pb_phase: the fractional part of a product, for phases f * t of large
 * times: the fma two-product keeps the product's rounding error, so the
 * phase stays accurate to ~1e-16 cycles even when f t is ~1e10 cycles. */
#ifndef PB_PHASE_H
#define PB_PHASE_H

#include <math.h>

static inline double pb_phase_frac(double a, double b)
{
    double p = a * b, e = fma(a, b, -p);
    double f = (p - floor(p)) + e;
    return f - floor(f);
}

#endif
