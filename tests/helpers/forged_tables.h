/* Tables edited by hand, as an adversary would: a finished run whose rows
 * are rewritten, then --resume or merge, which must refuse them. */
#ifndef PB_TEST_FORGED_TABLES_H
#define PB_TEST_FORGED_TABLES_H

/* dir/w.csv: 120 steps of a 12-step rhythm on a slope with a little
 * noise, and dir/periods.csv naming its period. */
void pb_test_seasonal_file(const char *dir);

/* In a fresh directory D (dir/w.csv written there first when seasonal):
 * RUN (a command line with one %s, for D) --out D/r; awk's PROGRAM on the
 * rows of METHOD (fields: 6 status, 7 success, 8 found, 9 nrmse_in, 10
 * nrmse_out, 16 exact_in, 17 exact_out); then the same RUN --resume:
 * refused, with a message that mentions MENTIONS. */
void pb_test_forged_resume_refused(const char *run, int seasonal, const char *method, const char *program,
                                   const char *mentions);

#endif
