/* Scratch directories and shell steps for tests: each asserts it worked. */
#ifndef PB_TEST_SCRATCH_H
#define PB_TEST_SCRATCH_H

/* Runs cmd through the shell; the test fails unless it exits 0. */
void pb_test_sh(const char *cmd);
/* mkdtemp on tmpl ("...XXXXXX"), asserted. */
void pb_test_make_dir(char *tmpl);
/* rm -rf dir (dir must not contain a single quote). */
void pb_test_remove_tree(const char *dir);
/* Writes text to path, replacing what was there. */
void pb_test_write_file(const char *path, const char *text);
/* One seed of tone run with method into dir/one-trial; that table without
 * its timing columns (free it). The directory is removed again. */
char *pb_test_one_trial_table(const char *method, const char *dir);

#endif
