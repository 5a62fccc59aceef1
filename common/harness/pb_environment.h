/* pb_environment: OUT/environment.txt, what a reader needs to reproduce a
 * table: compiler, flags, CPU, library versions, git revision, date, limits. */
#ifndef PB_ENVIRONMENT_H
#define PB_ENVIRONMENT_H

#include <stddef.h>

/* command_line: the run's arguments, recorded verbatim. Returns 0 or -1 (err). */
int pb_environment_write(const char *out_dir, const char *command_line, int jobs, double timeout, double memory_mb,
                         char *err, size_t errlen);

#endif
