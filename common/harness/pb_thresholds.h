/* pb_thresholds: the success rules of the task catalog (common/tasks/README.md) in one place. */
#ifndef PB_THRESHOLDS_H
#define PB_THRESHOLDS_H

/* Tone-like tasks: the function is learned inside and beyond the window. */
#define PB_SUCCESS_NRMSE 0.1
/* Exact-reading tasks (clock): share of test times read exactly, in and out. */
#define PB_SUCCESS_EXACT 0.999
/* `found`: every true frequency has an estimate within this many 1/T. */
#define PB_FOUND_RAYLEIGH_FRACTION 0.5

#endif
