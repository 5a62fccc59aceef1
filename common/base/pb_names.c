#include "base/pb_names.h"

#include <stddef.h>

/* Non-empty, and every character a lower-case letter, a digit or sep. */
static int is_name(const char *s, char sep)
{
    if (!s || !*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == sep))
            return 0;
    return 1;
}

int pb_name_is_kebab(const char *s)
{
    return is_name(s, '-');
}

int pb_name_is_snake(const char *s)
{
    return is_name(s, '_');
}
