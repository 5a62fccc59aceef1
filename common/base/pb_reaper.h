/* pb_reaper: whatever an external program starts dies with it. This process
 * becomes a child sub-reaper (PR_SET_CHILD_SUBREAPER), so a descendant whose
 * parent exits, even one that left the process group with setsid, becomes
 * this process's child instead of init's; it is then a stray (a child this
 * process did not keep) and is killed with everything below it. A tree is
 * killed by stopping every process in it until no new one appears (a stopped
 * process cannot fork), then SIGKILL to each. Linux only (/proc). */
#ifndef PB_REAPER_H
#define PB_REAPER_H

#include <sys/types.h>

/* Makes this process a sub-reaper (not inherited by fork: call it in each
 * process that starts programs). */
void pb_reaper_init(void);

/* A child this process started on purpose and reaps itself (a worker, a
 * program's session): never taken for a stray. */
void pb_reaper_keep(pid_t pid);
void pb_reaper_forget(pid_t pid);

/* Keeps every child this process has now (what a library started, such as
 * an MPI singleton's daemon). */
void pb_reaper_keep_children(void);

/* Kills root and every descendant; reaps those descendants that are this
 * process's children, not root (its caller waits for it). */
void pb_reaper_kill_tree(pid_t root);

/* Kills and reaps every child of this process that is not kept, with
 * everything below it. */
void pb_reaper_reap_strays(void);

/* Kills and reaps every descendant of this process, kept or not. */
void pb_reaper_kill_descendants(void);

/* The same from a signal handler (async-signal-safe: raw /proc reads, fixed
 * buffers, no waiting): every descendant is stopped and killed, so that an
 * interrupted command leaves nothing running (its caller then dies of the
 * signal, and init reaps them). */
void pb_reaper_kill_descendants_on_signal(void);

/* Resident MiB of root and all its descendants. */
double pb_reaper_tree_resident_mb(pid_t root);

#endif
