/* pb_decimal: strtod for the decimal numbers data files hold, faster. A
 * number of at most 19 significant digits whose decimal exponent (after
 * the digits) is within +-27 is converted exactly: 5^27 < 2^63, so the
 * digits times 5^q, or divided by 5^q with the remainder kept, fit 128-bit
 * integers, and the one rounding to 53 bits is done by hand (to nearest,
 * ties to even) - the correctly rounded double, the same bits as glibc's
 * strtod. Anything else (more digits, a larger exponent, hex, inf, nan,
 * leading spaces) is left to strtod. */
#ifndef PB_DECIMAL_H
#define PB_DECIMAL_H

/* As strtod(s, end). */
double pb_decimal_parse(const char *s, char **end);

#endif
