#include "base/pb_decimal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIGITS 19
#define MAX_POW5 27

typedef unsigned __int128 u128;

static const uint64_t pow5[MAX_POW5 + 1] = {
    1ull, 5ull, 25ull, 125ull, 625ull, 3125ull, 15625ull, 78125ull, 390625ull, 1953125ull, 9765625ull,
    48828125ull, 244140625ull, 1220703125ull, 6103515625ull, 30517578125ull, 152587890625ull, 762939453125ull,
    3814697265625ull, 19073486328125ull, 95367431640625ull, 476837158203125ull, 2384185791015625ull,
    11920928955078125ull, 59604644775390625ull, 298023223876953125ull, 1490116119384765625ull,
    7450580596923828125ull,
};

static int bit_length(u128 x)
{
    uint64_t hi = (uint64_t)(x >> 64), lo = (uint64_t)x;
    return hi ? 128 - __builtin_clzll(hi) : lo ? 64 - __builtin_clzll(lo) : 0;
}

/* mant * 2^e as a double, for 2^52 <= mant <= 2^53 and a normal result:
 * its bits set directly (ldexp's general path costs more than the rest). */
static double make_double(uint64_t mant, int e)
{
    if (mant >> 53)
        mant >>= 1, e++;
    uint64_t bits = ((uint64_t)(e + 52 + 1023) << 52) | (mant & ((1ull << 52) - 1));
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

/* x * 2^e2 rounded to 53 bits, to nearest with ties to even; sticky: the
 * exact value is a little above x (a remainder was dropped). */
static double round_to_double(u128 x, int e2, int sticky)
{
    int bits = bit_length(x);
    if (bits <= 53)
        return ldexp((double)(uint64_t)x, e2); /* exact (only the product path gets here: sticky is 0) */
    int shift = bits - 53;
    uint64_t mant = (uint64_t)(x >> shift);
    u128 rest = x & (((u128)1 << shift) - 1), half = (u128)1 << (shift - 1);
    if (rest > half || (rest == half && (sticky || (mant & 1))))
        mant++;
    return make_double(mant, e2 + shift);
}

double pb_decimal_parse(const char *s, char **end)
{
    const char *p = s;
    int negative = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
        return strtod(s, end); /* hexadecimal */
    uint64_t w = 0;
    int digits = 0, frac = 0, any = 0;
    while (*p == '0')
        p++, any = 1;
    for (; *p >= '0' && *p <= '9'; p++, any = 1) {
        if (digits == MAX_DIGITS)
            return strtod(s, end);
        w = 10 * w + (uint64_t)(*p - '0'), digits += w > 0;
    }
    if (*p == '.') {
        p++;
        if (w == 0)
            while (*p == '0')
                p++, frac++, any = 1;
        for (; *p >= '0' && *p <= '9'; p++, frac++, any = 1) {
            if (digits == MAX_DIGITS)
                return strtod(s, end);
            w = 10 * w + (uint64_t)(*p - '0'), digits += w > 0;
        }
    }
    if (!any)
        return strtod(s, end);
    int exp10 = 0;
    if (*p == 'e' || *p == 'E') {
        const char *q = p + 1;
        int eneg = *q == '-';
        if (*q == '-' || *q == '+')
            q++;
        if (!(*q >= '0' && *q <= '9'))
            return strtod(s, end);
        for (; *q >= '0' && *q <= '9'; q++) {
            if (exp10 > 10000)
                return strtod(s, end);
            exp10 = 10 * exp10 + (*q - '0');
        }
        exp10 = eneg ? -exp10 : exp10;
        p = q;
    }
    *end = (char *)p;
    if (w == 0)
        return negative ? -0.0 : 0.0;
    int q10 = exp10 - frac;
    if (q10 > MAX_POW5 || q10 < -MAX_POW5)
        return strtod(s, end);
    double v;
    if (q10 >= 0) {
        v = round_to_double((u128)w * pow5[q10], q10, 0);
    } else {
        /* w / 10^m = (w 2^sh / 5^m) 2^(-sh - m): the quotient has >= 64 bits */
        int m = -q10, sh = 127 - bit_length(w);
        u128 num = (u128)w << sh, quo = num / pow5[m];
        v = round_to_double(quo, -sh - m, num - quo * pow5[m] != 0);
    }
    return negative ? -v : v;
}
