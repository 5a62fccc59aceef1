/* pb_escape: text from outside (a file, a path, a program) written so that
 * it stays on one line and sends no control byte to a terminal. */
#ifndef PB_ESCAPE_H
#define PB_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* text to f with newlines, carriage returns and other control bytes (tab
 * aside) shown as \n, \r and \xHH; at most max bytes of text, then " [...]". */
void pb_escape_write(FILE *f, const char *text, size_t max);

#endif
