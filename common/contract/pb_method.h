/* pb_method: the method contract. A method is a const pb_method_type,
 * exported from its own file in methods/ and listed once in methods/registry.c.
 * Like gsl_multifit_nlinear_type, it is a table of function pointers. */
#ifndef PB_METHOD_H
#define PB_METHOD_H

#include <gsl/gsl_rng.h>

#include "base/pb_param.h"
#include "base/pb_series.h"
#include "base/pb_status.h"

#define PB_MESSAGE_MAX 640

/* Filled in by fit: counters and a one-line explanation (why unsupported,
 * final loss, ...). Must be deterministic for a seed (no timings). */
typedef struct pb_fit_report {
    long iterations;  /* method's own unit: SGD steps, solver iterations, grid points */
    long evaluations; /* function (or model) evaluations, 0 if not counted */
    char message[PB_MESSAGE_MAX];
    /* External methods (methods/external): seconds of fit spent starting
     * the program, which fit_seconds leaves out, and CPU seconds the
     * program used for the fit itself, which fit_cpu_seconds adds. */
    double untimed_seconds, other_cpu_seconds;
} pb_fit_report;

typedef struct pb_method_type {
    const char *name;    /* kebab-case, unique across methods and tasks */
    const char *family;  /* "sgd", "spectral", "wavelet", "nlls", or another word */
    const char *summary; /* one line */
    const pb_param_def *params;
    size_t n_params;
    /* Fits one channel. On PB_OK or PB_NO_CONVERGENCE *model is set and owned
     * by the caller (free with free_model); otherwise *model is NULL and
     * report->message says why. rng is the method's own stream. */
    pb_status (*fit)(const pb_series *train, const pb_prior *prior, const pb_params *params,
                     gsl_rng *rng, void **model, pb_fit_report *report);
    /* y[i] = model at t[i], for any t inside or outside the training window. */
    pb_status (*predict)(const void *model, const double *t, size_t n, double *y);
    /* Optional (NULL): writes up to max estimated components, returns how many. */
    size_t (*components)(const void *model, pb_component *out, size_t max);
    void (*free_model)(void *model);
    /* 1: fit weights the samples by 1/dy^2 when train->dy is set (tested in
     * the conformance tests); 0: it is never given errors. */
    int uses_errors;
    /* Optional (NULL): checks a combination of parameters that each pass
     * their own range but not together, before any trial runs. Returns 0,
     * or -1 with err saying why. */
    int (*validate)(const pb_params *params, char *err, size_t errlen);
} pb_method_type;

#endif
