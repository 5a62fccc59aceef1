/* pb_names: the shapes of the suite's names: methods and tasks are
 * kebab-case (lower-case letters, digits, '-'), parameters snake_case
 * (lower-case letters, digits, '_'); neither empty nor longer than
 * PB_NAME_MAX (so that a trial's key, PB_KEY_MAX, always holds it). */
#ifndef PB_NAMES_H
#define PB_NAMES_H

#define PB_NAME_MAX 64

int pb_name_is_kebab(const char *s);
int pb_name_is_snake(const char *s);

#endif
