/* Processes on this machine, for tests that a program's leftovers are gone. */
#ifndef PB_TEST_PROCS_H
#define PB_TEST_PROCS_H

/* How many processes run "sleep SECONDS" (argv exactly that, by any path). */
int pb_test_sleeping(long seconds);

/* The same after waiting up to a second for it to reach 0 (a SIGKILLed
 * process takes a moment to leave /proc). */
int pb_test_still_sleeping(long seconds);

#endif
