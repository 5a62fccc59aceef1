/* Accuracy thresholds of the tests, in one table (not scattered literals). */
#ifndef TEST_THRESHOLDS_H
#define TEST_THRESHOLDS_H

/* pb_sincos_batch against libm, absolute, |x| <= 1e6 */
#define TOL_SINCOS 4e-15
/* GLS power: grid (rotation recurrence) against one-frequency exact sums */
#define TOL_GLS_GRID_VS_EXACT 1e-12
/* GLS power against the brute-force least-squares definition 1 - chi2(f)/chi2_0 */
#define TOL_GLS_VS_BRUTE_FORCE 1e-9
/* lomb-scargle's fast (non-uniform FFT) power against direct sums, absolute (issue 4) */
#define TOL_LS_FAST_VS_DIRECT 1e-9
/* Spectral methods' frequency against ls-direct's on the same data, relative:
 * all maximise the same exact power, to Brent's tolerance */
#define TOL_SPECTRAL_AGREEMENT 1e-9
/* Closed-form one-tone CRLB against the full Fisher-matrix bound, relative */
#define TOL_CRLB_CLOSED_VS_FISHER 0.02
/* ls-direct on noiseless sin31: relative frequency error (issue 2 asks 1e-6) */
#define TOL_LS_DIRECT_SIN31_REL 1e-6
/* FFT Morlet transform against the direct convolution, relative to the row's
 * largest value, at resolved scales away from the edges (issue 7) */
#define PB_TOL_CWT_DIRECT 1e-8
/* A pure tone's ridge period, relative, outside the cone of influence (issue 7) */
#define PB_TOL_RIDGE_PERIOD 0.005
/* A pure tone's ridge amplitude (relative) and phase (radians) over the
 * reliable stretch, whose ends still feel the zero padding, and in the middle half */
#define PB_TOL_RIDGE_AMP_EDGE 0.025
#define PB_TOL_RIDGE_AMP_MIDDLE 1e-3
#define PB_TOL_RIDGE_PHASE_EDGE 0.01
#define PB_TOL_RIDGE_PHASE_MIDDLE 1e-3
/* Network gradients against central finite differences, relative (issue 3) */
#define PB_TOL_NN_GRADIENT 1e-6

#endif
