/* The method registry: the one list of methods (registry.c). */
#ifndef PB_REGISTRY_H
#define PB_REGISTRY_H

#include <stddef.h>

#include "contract/pb_method.h"

/* NULL-terminated, in the order tables list them: the built-ins, then the
 * external methods added at start-up (pb_methods_add). */
#define PB_METHODS_MAX 128
extern const pb_method_type *pb_methods_all[PB_METHODS_MAX + 1];

/* Appends m (an external method). Returns 0, or -1 if its name is taken
 * or the list is full. */
int pb_methods_add(const pb_method_type *m);

/* The two baselines every data task is scored against (harness/pb_baselines). */
extern const pb_method_type pb_method_mean, pb_method_seasonal_naive;

/* The method called name, or NULL. */
const pb_method_type *pb_methods_find(const char *name);
size_t pb_methods_count(void);

#endif
