/* pb_tasks: the task catalog (common/tasks/README.md), one list. */
#ifndef PB_TASKS_H
#define PB_TASKS_H

#include <stddef.h>

#include "contract/pb_task.h"

extern const pb_task_type pb_task_sin31, pb_task_tone, pb_task_tone_irregular, pb_task_multitone,
    pb_task_close_tones, pb_task_shapes, pb_task_drift, pb_task_cycles, pb_task_clock;

/* NULL-terminated list of every task, in catalog order. */
extern const pb_task_type *const pb_tasks_all[];

/* The task called name, or NULL. */
const pb_task_type *pb_tasks_find(const char *name);
size_t pb_tasks_count(void);

#endif
