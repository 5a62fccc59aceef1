/* pb_task: the task contract. A task generates, from (params, seed) alone,
 * the training series, the interpolation and extrapolation test sets, the
 * prior and the truth. Same (task, params, seed) -> bit-identical data. */
#ifndef PB_TASK_H
#define PB_TASK_H

#include <stddef.h>

#include "base/pb_param.h"
#include "base/pb_series.h"

#define PB_MAX_CHANNELS 3
#define PB_MAX_TRUTH 8

typedef enum pb_score_kind {
    PB_SCORE_NRMSE, /* success: nrmse_in and nrmse_out <= PB_SUCCESS_NRMSE */
    PB_SCORE_EXACT, /* integer readings modulo a range (clock): exact-match rate */
    /* Observed test values (a data file): success is nrmse_out below both
     * baselines' and, for a method that reports periods, every known
     * period found; n/a when no period is known (common/tasks/README.md). */
    PB_SCORE_OBSERVED
} pb_score_kind;

/* Times and one value array per channel. Training values carry the noise;
 * test values are the noiseless truth (observations, for a data file). */
typedef struct pb_sampleset {
    size_t n;
    double *t;
    double *y[PB_MAX_CHANNELS];
    double *dy; /* the values' standard errors (training set of a data file read with errors); else NULL */
} pb_sampleset;

typedef struct pb_channel_truth {
    const char *name;        /* "y", or "H", "M", "S" for the clock */
    long modulus;            /* PB_SCORE_EXACT: readings are integers mod this */
    size_t n_components;     /* components scored for frequency recovery */
    pb_component comp[PB_MAX_TRUTH];
    double crlb_sd[PB_MAX_TRUTH]; /* sqrt of the Cramer-Rao bound on comp[k].freq; NAN: n/a */
} pb_channel_truth;

typedef struct pb_task_data {
    int n_channels;
    pb_channel_truth truth[PB_MAX_CHANNELS];
    pb_sampleset train, test_in, test_out;
    pb_prior prior;
    double window_start, window_end; /* the training window [start, end) */
    double noise_sigma;
    pb_score_kind score;
} pb_task_data;

typedef struct pb_task_type {
    const char *name;    /* kebab-case, unique across tasks and methods */
    const char *summary; /* one line, with the defaults */
    const pb_param_def *params;
    size_t n_params;
    /* Fills *out from self, params and the text key of (task, params, seed)
     * only. Returns 0, or -1 with a reason in err (allocation failure, or a
     * combination of parameters that makes no sense). */
    int (*generate)(const struct pb_task_type *self, const pb_params *params, const char *key, pb_task_data *out,
                    char *err, size_t errlen);
    /* Optional (NULL: any in-range values go together): rejects, cheaply and
     * before any trial runs, parameter combinations that make no sense.
     * Returns 0, or -1 with the reason in err. generate checks them too. */
    int (*validate)(const struct pb_task_type *self, const pb_params *params, char *err, size_t errlen);
    /* Tasks made at run time from a user's file (data:STEM) hold that file's
     * series here (tasks/pb_data_task.h); NULL for the built-in tasks. */
    const void *source;
    /* Their data's fingerprint, part of every data key, so that a changed
     * file never resumes or merges into another's table; NULL otherwise. */
    const char *digest;
    /* How its trials are scored (the score of every pb_task_data it
     * generates): what a row of it may hold, and its success rule. */
    pb_score_kind score;
    /* The question it settles, one short line for the verdict table (the
     * post's claim where it is one); NULL for a data file. */
    const char *question;
} pb_task_type;

/* Allocates n times and n values for each of the n_channels channels. */
int pb_sampleset_alloc(pb_sampleset *s, size_t n, int n_channels);
void pb_task_data_free(pb_task_data *d);
/* A channel's training series (the view a method is given). */
pb_series pb_task_train_series(const pb_task_data *d, int channel);

#endif
