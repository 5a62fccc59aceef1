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

#endif
