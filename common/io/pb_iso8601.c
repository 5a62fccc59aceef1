#include "io/pb_iso8601.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (the era-based civil-to-days computation). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(long y, long m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 ? 28 + leap : days[m - 1];
}

/* Exactly `digits` decimal digits at *p; advances *p. */
static int read_digits(const char **p, int digits, long *out)
{
    long v = 0;
    for (int i = 0; i < digits; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += digits;
    *out = v;
    return 0;
}

static int expect(const char **p, char c)
{
    if (**p != c)
        return -1;
    (*p)++;
    return 0;
}

int pb_iso8601_parse(const char *s, double *seconds)
{
    const char *p = s;
    long y, mo, d, h = 0, mi = 0, sec = 0;
    double frac = 0;
    if (read_digits(&p, 4, &y) || expect(&p, '-') || read_digits(&p, 2, &mo) || expect(&p, '-') ||
        read_digits(&p, 2, &d))
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
        return -1;
    long offset_min = 0;
    if (*p == 'T' || *p == ' ') {
        p++;
        if (read_digits(&p, 2, &h) || expect(&p, ':') || read_digits(&p, 2, &mi))
            return -1;
        if (*p == ':') {
            p++;
            if (read_digits(&p, 2, &sec))
                return -1;
            if (*p == '.' || *p == ',') {
                const char *start = p + 1;
                double scale = 0.1;
                for (p = start; isdigit((unsigned char)*p); p++, scale /= 10)
                    frac += (*p - '0') * scale;
                if (p == start)
                    return -1;
            }
        }
        if (h > 23 || mi > 59 || sec > 60) /* 60: a leap second, read as the next minute's 0 */
            return -1;
        if (*p == 'Z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p == '-' ? -1 : 1;
            long oh, om = 0;
            p++;
            if (read_digits(&p, 2, &oh))
                return -1;
            if (*p == ':')
                p++;
            if (isdigit((unsigned char)*p) && read_digits(&p, 2, &om))
                return -1;
            if (oh > 23 || om > 59)
                return -1;
            offset_min = sign * (oh * 60 + om);
        }
    }
    if (*p != '\0')
        return -1;
    *seconds = (double)days_from_civil(y, mo, d) * 86400.0 + (double)(h * 3600 + mi * 60 + sec) + frac -
               (double)offset_min * 60.0;
    return 0;
}

/* The inverse of days_from_civil: y-m-d of a day count from 1970-01-01. */
static void civil_from_days(long z, long *y, long *m, long *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

int pb_iso8601_format(double seconds, char *buf, size_t len)
{
    buf[0] = '\0';
    double whole = floor(seconds + 0.5);
    /* years 0000-9999: -62167219200 s (0000-01-01) to 253402300799 s (9999-12-31T23:59:59) */
    if (!(whole >= -62167219200.0 && whole <= 253402300799.0))
        return -1;
    long long s = (long long)whole;
    long long day = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
    long rest = (long)(s - day * 86400), y, m, d;
    civil_from_days((long)day, &y, &m, &d);
    snprintf(buf, len, "%04ld-%02ld-%02ldT%02ld:%02ld:%02ldZ", y, m, d, rest / 3600, rest / 60 % 60, rest % 60);
    return 0;
}
