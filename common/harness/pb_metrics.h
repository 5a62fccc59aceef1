/* pb_metrics: scores computed by the harness from predictions against the
 * noiseless truth. A metric that does not apply is NAN, never 0. */
#ifndef PB_METRICS_H
#define PB_METRICS_H

#include <stddef.h>

#include "contract/pb_task.h"

/* RMSE(pred - truth) / RMS(truth - mean(truth)); NAN if truth is constant. */
double pb_metric_nrmse(const double *pred, const double *truth, size_t n);

/* Whether a prediction reads as the integer truth: round to nearest, modulo. */
int pb_metric_reading_matches(double pred, double truth, long modulus);

/* Share of the n points at which every channel's reading matches. */
double pb_metric_exact_rate(double *const pred[], double *const truth[], const long *moduli, int n_channels,
                            size_t n);

typedef struct pb_freq_score {
    double freq_est;   /* estimate matched to the first true component */
    double freq_err;   /* largest |f_est - f| over true components */
    double crlb_ratio; /* largest |f_est - f| / sqrt(CRLB); NAN if no bound */
    double freq_se;    /* the standard error the method reported with freq_est; NAN if none */
    double crlb_sd;    /* sqrt(CRLB) of the first true component; NAN if no bound */
    int found;         /* every true component within 0.5/T of an estimate */
} pb_freq_score;

/* Matches each true component to the nearest estimate (|freq| of the
 * estimate) and accumulates into *score across channels; call
 * pb_freq_score_init first. window is the training span T. */
void pb_freq_score_init(pb_freq_score *score);
void pb_freq_score_add(pb_freq_score *score, const pb_channel_truth *truth, const pb_component *est, size_t n_est,
                       double window, int first_channel);

#endif
