/* pb_iso8601: ISO 8601 dates and date-times to seconds since 1970-01-01 UTC.
 * Accepted: YYYY-MM-DD, and YYYY-MM-DD[T or space]HH:MM[:SS[.fff]] with an
 * optional Z or +HH:MM / -HH:MM offset (no offset: UTC). */
#ifndef PB_ISO8601_H
#define PB_ISO8601_H

/* Returns 0 and *seconds, or -1 if s is not such a date (or not a real
 * calendar date: month 13, February 30, hour 25 ...). */
int pb_iso8601_parse(const char *s, double *seconds);

#endif
