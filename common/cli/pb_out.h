/* pb_out: the printing layer of the commands' answers (fit, periodogram).
 * Every number goes through pb_out_num, which refuses a non-finite one, and
 * a method's own note through pb_out_note, which refuses one that holds
 * "nan" or "inf": an answer that exits with status 0 holds only finite
 * numbers (a quantity that does not exist is printed as text, n/a). After a
 * refusal nothing more is printed; pb_out_finish then names it and returns
 * exit status 2, which the command returns. The answer is held in memory
 * and written to its stream by pb_out_finish only when nothing was refused:
 * a refused answer leaves no partial table behind. */
#ifndef PB_OUT_H
#define PB_OUT_H

#include <stdio.h>

typedef struct pb_out {
    FILE *f;           /* the answer so far (a memory stream; dest if none could be had) */
    FILE *dest;        /* where it goes when it is complete */
    char *held;        /* the memory stream's text */
    size_t held_len;
    char refused[256]; /* the first quantity refused, "" while none */
} pb_out;

void pb_out_init(pb_out *o, FILE *f);
/* Text without numbers computed here (labels, names, separators). */
void pb_out_text(pb_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* x with a printf format taking one double; what names it for a refusal. */
void pb_out_num(pb_out *o, const char *what, const char *fmt, double x);
/* A method's one-line account, numbers in it already formatted. */
void pb_out_note(pb_out *o, const char *fmt, const char *note);
/* Refuses the answer, saying why (a quantity no number can say). */
void pb_out_refuse(pb_out *o, const char *why);
/* 1 if text holds a word "nan", "inf" or "infinity" (any case), the way
 * printf writes a non-finite number; else 0. */
int pb_out_has_non_finite(const char *text);
/* 0, or PB_EXIT_USAGE after saying on stderr what was refused (context:
 * the file the answer is about); PB_EXIT_FAILURE if writing failed. */
int pb_out_finish(pb_out *o, const char *context);

#endif
