/* pb_proc: what Linux's /proc/PID/stat says of a process: its state, parent,
 * process group, CPU time and resident memory. */
#ifndef PB_PROC_H
#define PB_PROC_H

#include <sys/types.h>

typedef struct pb_proc_stat {
    char state;         /* R, S, D, Z (zombie), ... */
    long ppid, pgrp;
    double cpu_seconds; /* user + system */
    double resident_mb;
} pb_proc_stat;

/* Returns 0, or -1 if the process does not exist (or cannot be read). */
int pb_proc_read(pid_t pid, pb_proc_stat *st);

#endif
