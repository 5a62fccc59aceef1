/* pb_trial: one trial (task, task params, method, method params, seed) run
 * in the calling process: generate, fit each channel, predict, score. The
 * runner (pb_runner) calls it inside an isolated worker. */
#ifndef PB_TRIAL_H
#define PB_TRIAL_H

#include "contract/pb_method.h"
#include "contract/pb_task.h"

#define PB_KEY_MAX 1100 /* > 2 names (PB_NAME_MAX) + 2 settings (PB_PARAMS_TEXT_MAX) + a seed + a data digest */

typedef struct pb_trial_spec {
    const pb_task_type *task;
    const pb_params *task_params;
    const pb_method_type *method;
    const pb_params *method_params;
    long seed;
} pb_trial_spec;

/* Plain data (no pointers): it crosses the worker's pipe as bytes. */
typedef struct pb_trial_result {
    pb_status status;
    int success;    /* 1 / 0 */
    int found;      /* 1 / 0, or -1 when the method reports no components */
    double nrmse_in, nrmse_out, freq_est, freq_err, crlb_ratio, freq_se, crlb_sd, exact_in, exact_out; /* NAN: n/a */
    int n_exact_fields; /* exact-reading tasks: channels read right on their own, in and out; else 0 */
    double exact_field_in[PB_MAX_CHANNELS], exact_field_out[PB_MAX_CHANNELS];
    double fit_seconds, fit_cpu_seconds, predict_seconds;
    long iterations;
    char message[PB_MESSAGE_MAX];
} pb_trial_result;

/* The data key "task|task_params|seed": what the task's data derive from. */
void pb_trial_data_key(const pb_trial_spec *spec, char *buf, size_t len);
/* The full key, adding "|method|method_params": the method's RNG derives from it. */
void pb_trial_key(const pb_trial_spec *spec, char *buf, size_t len);

/* The trial's data: d (zeroed here) generated from the data key. Returns 0,
 * or -1 with the task's reason in err (d is then freed). */
int pb_trial_generate(const pb_trial_spec *spec, pb_task_data *d, char *err, size_t errlen);

/* A result with every metric n/a, the given status and message. */
void pb_trial_result_init(pb_trial_result *res, pb_status status, const char *message);

/* Runs the trial here; never aborts on a method's failure (the status says it). */
void pb_trial_run(const pb_trial_spec *spec, pb_trial_result *res);

#endif
