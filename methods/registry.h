/* The method registry: the one list of methods (registry.c). */
#ifndef PB_REGISTRY_H
#define PB_REGISTRY_H

#include <stddef.h>

#include "contract/pb_method.h"

/* NULL-terminated, in the order tables list them. */
extern const pb_method_type *const pb_methods_all[];

/* The method called name, or NULL. */
const pb_method_type *pb_methods_find(const char *name);
size_t pb_methods_count(void);

#endif
