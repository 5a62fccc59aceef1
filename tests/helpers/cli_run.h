/* Running the periodbench binary (PB_BIN, set by make test) from a test, as
 * a user would: exit status, stdout to a file, stderr's text. */
#ifndef PB_TEST_CLI_RUN_H
#define PB_TEST_CLI_RUN_H

#include <stddef.h>

const char *pb_test_bin(void);

/* Runs "periodbench ARGS" (a shell command line) with stdout sent to
 * out_path (NULL: discarded). Returns the exit status; err gets what was
 * written to stderr (as much as fits; "" if nothing). */
int pb_test_run(const char *args, const char *out_path, char *err, size_t errlen);

/* The same without a shell: argv (NULL-terminated, argv[0] not the binary:
 * the first argument after it) passed as they are, so they may hold any
 * byte a file name can; stdin is /dev/null. */
int pb_test_run_argv(const char *const *argv, const char *out_path, char *err, size_t errlen);

/* Runs "periodbench ARGS" and asserts a refusal: exit status 2 and a
 * "periodbench: " message that mentions the given text. */
void pb_test_expect_refused(const char *args, const char *mentions);

#endif
