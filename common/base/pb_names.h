/* pb_names: the shapes of the suite's names: methods and tasks are
 * kebab-case (lower-case letters, digits, '-'), parameters snake_case
 * (lower-case letters, digits, '_'); neither empty nor longer than
 * PB_NAME_MAX (so that a trial's key, PB_KEY_MAX, always holds it). */
#ifndef PB_NAMES_H
#define PB_NAMES_H

#define PB_NAME_MAX 64

int pb_name_is_kebab(const char *s);
int pb_name_is_snake(const char *s);
/* A data file's stem, the STEM of the task data:STEM: letters of either
 * case, digits, '-', '_' and '.', not starting with '.' or '-', at most
 * PB_NAME_MAX - 5 characters (so that data:STEM is a name). */
int pb_name_is_data_stem(const char *s);
/* A task's name: kebab-case (the built-in tasks) or data:STEM. */
int pb_name_is_task(const char *s);

#endif
