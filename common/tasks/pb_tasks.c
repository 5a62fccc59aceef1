#include "tasks/pb_tasks.h"

#include <string.h>

const pb_task_type *const pb_tasks_all[] = {
    &pb_task_sin31, &pb_task_tone,  &pb_task_tone_irregular, &pb_task_multitone, &pb_task_close_tones,
    &pb_task_shapes, &pb_task_drift, &pb_task_cycles,         &pb_task_clock,     NULL,
};

const pb_task_type *pb_tasks_find(const char *name)
{
    for (size_t i = 0; pb_tasks_all[i]; i++)
        if (strcmp(pb_tasks_all[i]->name, name) == 0)
            return pb_tasks_all[i];
    return NULL;
}

size_t pb_tasks_count(void)
{
    size_t n = 0;
    while (pb_tasks_all[n])
        n++;
    return n;
}
