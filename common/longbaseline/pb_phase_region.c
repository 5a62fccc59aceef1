#include "longbaseline/pb_phase_region.h"

#include <math.h>
#include <stdlib.h>

int pb_phase_region_at(const double *tau, const double *lo, const double *hi, size_t n, double phi, double *f_lo,
                       double *f_hi)
{
    double a = -INFINITY, b = INFINITY;
    for (size_t i = 0; i < n; i++) {
        double l = lo[i] - phi, h = hi[i] - phi;
        if (tau[i] > 0) {
            a = fmax(a, l / tau[i]), b = fmin(b, h / tau[i]);
        } else if (tau[i] < 0) {
            a = fmax(a, h / tau[i]), b = fmin(b, l / tau[i]);
        } else if (l > 0 || h < 0) { /* tau = 0: phi itself must lie in [lo, hi] */
            return 0;
        }
    }
    *f_lo = a, *f_hi = b;
    return a <= b;
}

int pb_phase_region_phases(const double *tau, const double *lo, const double *hi, size_t n, double f,
                           double *phi_lo, double *phi_hi)
{
    double a = -INFINITY, b = INFINITY;
    for (size_t i = 0; i < n; i++)
        a = fmax(a, lo[i] - f * tau[i]), b = fmin(b, hi[i] - f * tau[i]);
    *phi_lo = a, *phi_hi = b;
    return a <= b;
}

int pb_phase_region_centroid(const double *tau, const double *lo, const double *hi, size_t n, double phi0,
                             double width, size_t steps, pb_phase_region *out)
{
    double step = 2.0 * width / (double)steps, sw = 0, sf = 0, sp = 0;
    out->phi_lo = INFINITY, out->phi_hi = -INFINITY;
    int at_end = 0;
    for (size_t j = 0; j <= steps; j++) {
        double phi = phi0 - width + (double)j * step, a, b;
        if (!pb_phase_region_at(tau, lo, hi, n, phi, &a, &b) || !isfinite(a) || !isfinite(b))
            continue;
        double w = b - a;
        sw += w, sf += w * 0.5 * (a + b), sp += w * phi;
        out->phi_lo = fmin(out->phi_lo, phi), out->phi_hi = fmax(out->phi_hi, phi);
        at_end |= j == 0 || j == steps;
    }
    if (!(sw > 0) || at_end)
        return -1;
    out->f = sf / sw, out->phi = sp / sw, out->area = sw * step;
    return 0;
}

int pb_phase_region_mean(const double *tau, const double *lo, const double *hi, size_t n,
                         const pb_phase_region *reg, size_t steps,
                         double (*log_density)(double f, double phi, void *ctx), void *ctx, double *f_mean,
                         double *phi_mean)
{
    if (steps < 2)
        return -1;
    /* Each cell's log weight first (the largest is subtracted before exp). */
    double *lw = malloc(steps * steps * sizeof *lw), *fs = malloc(steps * steps * sizeof *fs);
    double *ps = malloc(steps * sizeof *ps), top = -INFINITY;
    if (!lw || !fs || !ps) {
        free(lw), free(fs), free(ps);
        return -1;
    }
    for (size_t j = 0; j < steps; j++) {
        double phi = reg->phi_lo + (reg->phi_hi - reg->phi_lo) * ((double)j + 0.5) / (double)steps, a, b;
        ps[j] = phi;
        int inside = pb_phase_region_at(tau, lo, hi, n, phi, &a, &b);
        for (size_t i = 0; i < steps; i++) {
            double f = a + (b - a) * ((double)i + 0.5) / (double)steps;
            fs[j * steps + i] = f;
            /* each cell's area is its row's width / steps: in the weight */
            lw[j * steps + i] = inside && b > a ? log_density(f, phi, ctx) + log(b - a) : -INFINITY;
            top = fmax(top, lw[j * steps + i]);
        }
    }
    double sw = 0, sf = 0, sp = 0;
    for (size_t j = 0; j < steps && isfinite(top); j++)
        for (size_t i = 0; i < steps; i++) {
            double w = exp(lw[j * steps + i] - top);
            sw += w, sf += w * fs[j * steps + i], sp += w * ps[j];
        }
    free(lw), free(fs), free(ps);
    if (!(sw > 0))
        return -1;
    *f_mean = sf / sw, *phi_mean = sp / sw;
    return 0;
}
