#include "spectral/pb_fap.h"

#include <math.h>

#include "base/pb_series.h"

/* log gamma(n) of Baluev's formula; ~ log(1 - 0.75/n) for large n. */
static double log_gamma_factor(double n)
{
    return 0.5 * log(2.0 / n) + lgamma(0.5 * n) - lgamma(0.5 * (n - 1.0));
}

double pb_fap_baluev(double z, double fmax, const double *t, size_t n)
{
    if (n < 5 || !(z > 0))
        return 1.0;
    if (z >= 1)
        return 0.0;
    double N = (double)n;
    double W = fmax * sqrt(4.0 * M_PI * pb_values_variance(t, n)), NH = N - 1.0, NK = N - 3.0;
    double log1mz = log1p(-z);
    double fap_single = exp(0.5 * NK * log1mz);
    double log_tau = log_gamma_factor(NH) + log(W) + 0.5 * (NK - 1.0) * log1mz + 0.5 * log(0.5 * NH * z);
    double tau = exp(log_tau);
    /* 1 - (1 - a) e^{-tau} = a + (1 - a)(1 - e^{-tau}), kept accurate when both are tiny */
    double fap = fap_single + (1.0 - fap_single) * (-expm1(-tau));
    return fap < 0 ? 0 : fap > 1 ? 1 : fap;
}
