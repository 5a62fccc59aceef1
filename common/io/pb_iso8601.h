/* pb_iso8601: ISO 8601 dates and date-times to seconds since 1970-01-01 UTC.
 * Accepted: YYYY-MM-DD, and YYYY-MM-DD[T or space]HH:MM[:SS[.fff]] with an
 * optional Z or +HH:MM / -HH:MM offset (no offset: UTC). */
#ifndef PB_ISO8601_H
#define PB_ISO8601_H

#include <stddef.h>

/* Returns 0 and *seconds, or -1 if s is not such a date (or not a real
 * calendar date: month 13, February 30, hour 25 ...). */
int pb_iso8601_parse(const char *s, double *seconds);

/* seconds (since 1970-01-01 UTC, rounded to the second) as
 * YYYY-MM-DDTHH:MM:SSZ, the year always four digits, so that
 * pb_iso8601_parse reads it back. Returns 0, or -1 outside the years
 * 0000-9999 that form holds (buf then empty); len >= 21. */
int pb_iso8601_format(double seconds, char *buf, size_t len);

#endif
