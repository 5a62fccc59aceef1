/* pb_status: the one status enum of periodbench.
 * A status is a result: it is written into the tables, never aborts a run. */
#ifndef PB_STATUS_H
#define PB_STATUS_H

typedef enum pb_status {
    PB_OK = 0,           /* fit finished; predictions are scored */
    PB_NO_CONVERGENCE,   /* fit stopped at its budget; model still scored */
    PB_DIVERGED,         /* non-finite parameters or predictions */
    PB_UNSUPPORTED,      /* method cannot do this task within reason (says why) */
    PB_BAD_INPUT,        /* empty series, NaN/inf values, too few points */
    PB_OUT_OF_MEMORY,    /* allocation failed or memory limit hit */
    PB_INTERNAL_ERROR,   /* a bug or a library error */
    PB_CRASHED,          /* harness only: worker died on a signal */
    PB_TIMEOUT,          /* harness only: worker exceeded its wall-time limit */
    PB_STATUS_COUNT
} pb_status;

/* Stable lower-case name used in runs.csv ("ok", "no-convergence", ...). */
const char *pb_status_name(pb_status s);
/* Inverse of pb_status_name; returns -1 for an unknown name. */
int pb_status_from_name(const char *name);
/* Whether a model exists after fit with this status (ok, no-convergence). */
int pb_status_has_model(pb_status s);

#endif
