/* pb_outdir: a run's claim on its output directory. One writer at a time:
 * an exclusive lock on DIR/.periodbench.lock for the run's whole life (a
 * second run is refused at once, told the pid that holds it). Nothing already there is
 * overwritten unless asked: a directory holding a run's tables is refused
 * unless the run resumes the same plan or is forced. */
#ifndef PB_OUTDIR_H
#define PB_OUTDIR_H

#include <stddef.h>

#include "harness/pb_plan.h"

typedef enum {
    PB_OUTDIR_NEW,    /* the directory must not hold a run's tables yet */
    PB_OUTDIR_RESUME, /* it may hold runs.csv, every row a trial of this plan */
    PB_OUTDIR_FORCE,  /* whatever it holds is replaced */
} pb_outdir_mode;

typedef struct pb_outdir {
    int lock_fd; /* -1 when not held */
    char lock_path[4200];
} pb_outdir;

/* Claims dir for plan: its parent must exist (dir itself is created),
 * the lock must be free, and what dir holds must suit mode. Returns 0;
 * 2 when refused (err names the problem and the ways on); 1 on a runtime
 * failure (err says what). */
int pb_outdir_claim(pb_outdir *o, const char *dir, pb_outdir_mode mode, const pb_plan *plan, char *err,
                    size_t errlen);
/* Releases the lock (and removes the lock file). Safe on an unclaimed o. */
void pb_outdir_release(pb_outdir *o);

/* A new directory for a run with no --out: parent/YYYYmmdd-HHMMSS (with -2,
 * -3, ... if that exists), parent created if missing. Writes its path to
 * buf. Returns 0, or 1 with err. */
int pb_outdir_make_default(const char *parent, char *buf, size_t len, char *err, size_t errlen);

#endif
