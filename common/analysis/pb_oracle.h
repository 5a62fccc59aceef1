/* pb_oracle: how well the shapes task can be done at all (periodbench
 * oracle prints it). An
 * ideal estimator is given the true shape (its levels, edges and ramp) and
 * the noise's sigma; only the period and phase are left. Which side of every
 * edge each training point lies on confines them to a convex polygon
 * (pb_phase_region: the noise, 0.1 of the shape's RMS, is far below half a
 * jump, so the values say it), and the estimator takes the posterior mean
 * over it (the Gaussian likelihood of every residual: uniform for the two
 * levels of the square and the pulse, the ramp's information added for the
 * sawtooth) - or, given the true period too, the posterior mean of the
 * phase. Its predictions are scored as the trials' are, on the same data
 * (seeds) as `periodbench run`. */
#ifndef PB_ORACLE_H
#define PB_ORACLE_H

#include <stddef.h>

typedef struct pb_oracle_score {
    double nrmse_in[2], nrmse_out[2]; /* [0]: period from the data; [1]: the true period */
} pb_oracle_score;

/* The ideal estimator on one seed of the shapes task with this shape
 * (sawtooth, square or pulse). Returns 0, or -1 with the reason in err. */
int pb_oracle_trial(const char *shape, long seed, pb_oracle_score *sc, char *err, size_t errlen);

/* The most test points of n_test a misplaced edge may get wrong within the
 * success rule: each adds jump^2 / n_test to the mean squared error. */
long pb_oracle_points_allowed(const char *shape, size_t n_test);

#endif
