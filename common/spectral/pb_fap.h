/* pb_fap: false-alarm probability of a Lomb-Scargle peak (standard
 * normalisation) under white Gaussian noise, by Baluev's (2008) bound:
 * FAP = 1 - (1 - FAP_single) exp(-tau), FAP_single = (1 - z)^((N-3)/2),
 * tau = gamma(N-1) W (1 - z)^((N-4)/2) sqrt((N-1) z / 2), W = fmax sqrt(4 pi var(t)),
 * gamma(n) = sqrt(2/n) Gamma(n/2) / Gamma((n-1)/2). Astropy's fap_baluev
 * computes the same quantity. */
#ifndef PB_FAP_H
#define PB_FAP_H

#include <stddef.h>

/* z: the peak's power in [0, 1]; fmax: the highest frequency searched;
 * t[0..n): the sample times. Returns a probability in [0, 1]. */
double pb_fap_baluev(double z, double fmax, const double *t, size_t n);

#endif
