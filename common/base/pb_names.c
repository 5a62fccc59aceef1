#include "base/pb_names.h"

#include <stddef.h>
#include <string.h>

/* Non-empty, at most PB_NAME_MAX characters, and every one a lower-case
 * letter, a digit or sep. */
static int is_name(const char *s, char sep)
{
    if (!s || !*s || strlen(s) > PB_NAME_MAX)
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

int pb_name_is_data_stem(const char *s)
{
    if (!s || !*s || strlen(s) > PB_NAME_MAX - 5 || *s == '.' || *s == '-')
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' ||
              *s == '_' || *s == '.'))
            return 0;
    return 1;
}

int pb_name_is_task(const char *s)
{
    return pb_name_is_kebab(s) || (s && strncmp(s, "data:", 5) == 0 && pb_name_is_data_stem(s + 5));
}
