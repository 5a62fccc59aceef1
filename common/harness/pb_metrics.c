#include "harness/pb_metrics.h"

#include <math.h>

#include "harness/pb_thresholds.h"

double pb_metric_nrmse(const double *pred, const double *truth, size_t n)
{
    if (n == 0)
        return NAN;
    double mean = 0, var = 0, se = 0;
    for (size_t i = 0; i < n; i++)
        mean += truth[i];
    mean /= (double)n;
    for (size_t i = 0; i < n; i++) {
        var += (truth[i] - mean) * (truth[i] - mean);
        se += (pred[i] - truth[i]) * (pred[i] - truth[i]);
    }
    return var > 0 ? sqrt(se / var) : NAN;
}

int pb_metric_reading_matches(double pred, double truth, long modulus)
{
    if (!isfinite(pred))
        return 0;
    double r = fmod(nearbyint(pred), (double)modulus);
    if (r < 0)
        r += (double)modulus;
    return r == truth;
}

double pb_metric_exact_rate(double *const pred[], double *const truth[], const long *moduli, int n_channels,
                            size_t n)
{
    if (n == 0)
        return NAN;
    size_t hits = 0;
    for (size_t i = 0; i < n; i++) {
        int all = 1;
        for (int c = 0; c < n_channels && all; c++)
            all = pb_metric_reading_matches(pred[c][i], truth[c][i], moduli[c]);
        hits += (size_t)all;
    }
    return (double)hits / (double)n;
}

void pb_freq_score_init(pb_freq_score *score)
{
    score->freq_est = NAN;
    score->freq_err = NAN;
    score->crlb_ratio = NAN;
    score->freq_se = NAN;
    score->crlb_sd = NAN;
    score->found = 1;
}

/* fmax that ignores NANs on the left (the running maximum starts at NAN). */
static double max_defined(double running, double x)
{
    return isnan(running) ? x : fmax(running, x);
}

void pb_freq_score_add(pb_freq_score *score, const pb_channel_truth *truth, const pb_component *est, size_t n_est,
                       double window, int first_channel)
{
    for (size_t k = 0; k < truth->n_components; k++) {
        double f = truth->comp[k].freq, best = NAN, best_se = NAN, err = INFINITY;
        for (size_t j = 0; j < n_est; j++) {
            double e = fabs(fabs(est[j].freq) - f);
            if (e < err) {
                err = e;
                best = fabs(est[j].freq);
                best_se = est[j].freq_se > 0 ? est[j].freq_se : NAN;
            }
        }
        if (n_est == 0 || !isfinite(err)) {
            score->found = 0; /* nothing to match: the error stays undefined */
            continue;
        }
        if (first_channel && k == 0) {
            score->freq_est = best;
            score->freq_se = best_se;
            score->crlb_sd = isfinite(truth->crlb_sd[0]) && truth->crlb_sd[0] > 0 ? truth->crlb_sd[0] : NAN;
        }
        score->freq_err = max_defined(score->freq_err, err);
        if (isfinite(truth->crlb_sd[k]) && truth->crlb_sd[k] > 0)
            score->crlb_ratio = max_defined(score->crlb_ratio, err / truth->crlb_sd[k]);
        if (err > PB_FOUND_RAYLEIGH_FRACTION / window)
            score->found = 0;
    }
}
