/* pb_param: typed, range-checked parameter tables shared by tasks and methods.
 * A table is a const array of pb_param_def; values are held in a pb_params. */
#ifndef PB_PARAM_H
#define PB_PARAM_H

#include <stddef.h>

typedef enum pb_param_kind { PB_PARAM_REAL, PB_PARAM_INT, PB_PARAM_CHOICE } pb_param_kind;

typedef struct pb_param_def {
    const char *name;          /* snake_case, unique within its table */
    pb_param_kind kind;
    const char *default_value; /* as it would be typed on the command line */
    double min, max;           /* inclusive range for REAL and INT */
    const char *choices;       /* CHOICE only: '|'-separated list */
    const char *description;   /* meaning and unit */
} pb_param_def;

typedef struct pb_params pb_params;

/* A value set holding every default of defs[0..n). NULL on allocation failure. */
pb_params *pb_params_alloc(const pb_param_def *defs, size_t n);
/* Whether every default passes its own range or choices (a table from
 * outside, an external method's, is checked before use; pb_params_alloc
 * aborts on a bad one). Returns 0, or -1 with err naming the parameter. */
int pb_params_check_defaults(const pb_param_def *defs, size_t n, char *err, size_t errlen);
pb_params *pb_params_copy(const pb_params *p);
void pb_params_free(pb_params *p);

/* Sets NAME to VALUE after checking kind and range. Returns 0, or -1 with a
 * one-line reason in err (for "periodbench: ..." messages). */
int pb_params_set(pb_params *p, const char *name, const char *value, char *err, size_t errlen);
/* Whether the table has a parameter NAME. */
int pb_params_has(const pb_params *p, const char *name);

/* Getters: NAME must be in the table (a programming error otherwise: aborts). */
double pb_params_real(const pb_params *p, const char *name);
long pb_params_int(const pb_params *p, const char *name);
const char *pb_params_choice(const pb_params *p, const char *name);

/* "a=1;b=x" for every value that was set or differs from its default, in
 * table order (so a sweep's default value is still named); empty string when
 * nothing was set. Canonical: equal settings give equal text. Returns the
 * length the whole text needs (like snprintf): a result >= len means buf
 * holds only its start. A trial's settings must fit PB_PARAMS_TEXT_MAX (the
 * plan refuses longer ones by name): keys are never cut. */
#define PB_PARAMS_TEXT_MAX 256
size_t pb_params_format(const pb_params *p, char *buf, size_t len);

size_t pb_params_count(const pb_params *p);
const pb_param_def *pb_params_def(const pb_params *p, size_t i);
/* The i-th value as text, canonical (what pb_params_format writes). */
const char *pb_params_text(const pb_params *p, size_t i);
/* The table the values belong to (identifies the method or task). */
const pb_param_def *pb_params_defs(const pb_params *p);

#endif
