/* pb_phase_region: where a periodic model's frequency f and phase phi can
 * be when each point's phase is known to lie in an interval,
 * lo_i <= f tau_i + phi <= hi_i (tau_i = t_i - t_ref; lo and hi in cycles,
 * the cycle count included). The region is a convex polygon; for each phi
 * the constraints leave one interval of f, so it is scanned over phi on a
 * grid and its area-weighted centroid taken. What an ideal estimator that
 * knew the shape exactly would report (periodbench oracle). */
#ifndef PB_PHASE_REGION_H
#define PB_PHASE_REGION_H

#include <stddef.h>

typedef struct pb_phase_region {
    double f, phi;        /* the centroid */
    double phi_lo, phi_hi; /* the scanned phases where the region is not empty */
    double area;          /* in cycles x cycles per time unit */
} pb_phase_region;

/* The interval [*f_lo, *f_hi] of f the constraints leave at phase phi.
 * Returns 1 if it is not empty, else 0. */
int pb_phase_region_at(const double *tau, const double *lo, const double *hi, size_t n, double phi, double *f_lo,
                       double *f_hi);

/* The phase interval [*phi_lo, *phi_hi] the constraints leave at frequency f.
 * Returns 1 if it is not empty, else 0. */
int pb_phase_region_phases(const double *tau, const double *lo, const double *hi, size_t n, double f,
                           double *phi_lo, double *phi_hi);

/* The centroid over phi in [phi0 - width, phi0 + width], steps + 1 equally
 * spaced phases (each weighted by its interval's length). Returns 0, or -1 if the region is
 * empty there, or touches the scan's ends (width too small; out->phi_lo and
 * phi_hi say which). */
int pb_phase_region_centroid(const double *tau, const double *lo, const double *hi, size_t n, double phi0,
                             double width, size_t steps, pb_phase_region *out);

/* The mean of (f, phi) over the region found by pb_phase_region_centroid
 * (reg) under the density exp(log_density(f, phi)): a posterior mean when
 * log_density is a log-likelihood. The region is scanned on steps phases x
 * steps frequencies (each row's interval split evenly). Returns 0, or -1
 * (steps < 2, or no point with a finite density). */
int pb_phase_region_mean(const double *tau, const double *lo, const double *hi, size_t n,
                         const pb_phase_region *reg, size_t steps,
                         double (*log_density)(double f, double phi, void *ctx), void *ctx, double *f_mean,
                         double *phi_mean);

#endif
