/* pb_tasks: the task catalog (common/tasks/README.md), one list. */
#ifndef PB_TASKS_H
#define PB_TASKS_H

#include <stddef.h>

#include "contract/pb_task.h"

extern const pb_task_type pb_task_sin31, pb_task_tone, pb_task_tone_irregular, pb_task_multitone,
    pb_task_close_tones, pb_task_shapes, pb_task_drift, pb_task_cycles, pb_task_clock;

/* The noiseless shape of the shapes task ("sawtooth", "square" or "pulse")
 * at phase u in [0, 1): what periodbench oracle is given. */
double pb_task_shapes_value(const char *shape, double u);

/* NULL-terminated list of every task, in catalog order. */
extern const pb_task_type *const pb_tasks_all[];

/* The task called name, or NULL. */
const pb_task_type *pb_tasks_find(const char *name);
size_t pb_tasks_count(void);

#endif
