/* pb_external: a method that is a program in any language, speaking the
 * protocol of methods/external/PROTOCOL.md over its stdin and stdout. The
 * harness sees an ordinary pb_method_type: its name, family, summary and
 * parameter table come from the program's `describe`; its fit, predict and
 * components talk to the program's `serve` session, which is started once
 * per process (inside the trial's worker, so its limits cover it) and whose
 * start-up is left out of fit_seconds. */
#ifndef PB_EXTERNAL_H
#define PB_EXTERNAL_H

#include <stddef.h>

#include "contract/pb_method.h"

/* The protocol version this harness speaks. */
#define PB_EXTERNAL_PROTOCOL 1

/* Runs `path describe` and returns a method type for the program (alive
 * until the process exits), or NULL with err naming the problem. */
const pb_method_type *pb_external_load(const char *path, char *err, size_t errlen);

/* The program behind an external method type, or NULL for a built-in. */
const char *pb_external_path(const pb_method_type *m);

/* Why the last predict of an external method failed ("" if it did not):
 * predict returns only a status, so the harness asks for the reason. */
const char *pb_external_predict_failure(void);

/* The wall-time limit of each exchange with a program's session (start-up,
 * fit, predict) in this process; 0 (the default) for none. fit and track
 * set it; a run's worker has the harness's own limit. A program past it is
 * killed with everything it started, and the call ends as a timeout. */
void pb_external_set_timeout(double seconds);

#endif
