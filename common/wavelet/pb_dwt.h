/* pb_dwt: wavelet-shrinkage denoising with GSL's discrete wavelet transform
 * (Donoho & Johnstone 1994, "VisuShrink"): the series mirrored out to a
 * power-of-two length, transformed, every detail coefficient soft-
 * thresholded at the universal threshold sigma sqrt(2 ln n), sigma from
 * the median absolute deviation of the finest details / 0.6745, transformed
 * back and cut to the original length. */
#ifndef PB_DWT_H
#define PB_DWT_H

#include <stddef.h>

/* The wavelet families accepted, '|'-separated, and GSL's member k for each:
 * daubechies k = 4, 6, ..., 20; haar k = 2; bspline k = 103, 105, 202, 204,
 * 206, 208, 301, 303, 305, 307, 309. */
#define PB_DWT_FAMILIES "daubechies|haar|bspline"

typedef struct pb_dwt_report {
    double sigma;     /* noise standard deviation estimated from the finest details */
    double threshold; /* the universal threshold applied */
    size_t kept, coefficients; /* detail coefficients left non-zero, of how many */
} pb_dwt_report;

/* out[0..n) = denoised y[0..n) (n >= 4). Returns 0, -1 for an unknown
 * family or member k, -2 when out of memory. */
int pb_dwt_denoise(const double *y, size_t n, const char *family, size_t k, double *out, pb_dwt_report *report);

/* 1 if GSL has the wavelet of this family and member k, else 0. */
int pb_dwt_exists(const char *family, size_t k);

/* Soft threshold: sign(x) max(|x| - t, 0). */
double pb_dwt_soft(double x, double t);

#endif
