/* pb_baselines: what a forecaster compares a method against on observed
 * data: the training mean (methods/mean.c) and the seasonal naive forecast
 * at the plain periodogram's period (methods/seasonal_naive.c), fitted to
 * the same training points and scored on the same extrapolation set. */
#ifndef PB_BASELINES_H
#define PB_BASELINES_H

#include "contract/pb_method.h"
#include "contract/pb_task.h"

/* The two baselines' nrmse_out on d's first channel: out[0] the mean's,
 * out[1] the seasonal naive's (NAN where that baseline cannot be fitted). */
void pb_baselines_nrmse_out(const pb_task_data *d, double out[2]);

/* The two baselines, in that order. */
#define PB_BASELINES_N 2
extern const pb_method_type *const pb_baselines[PB_BASELINES_N];

/* Whether a method of that name is one of the baselines. */
int pb_baselines_is_baseline(const char *method_name);

#endif
