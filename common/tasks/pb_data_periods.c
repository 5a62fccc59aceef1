#include "tasks/pb_data_periods.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/pb_csvin.h"

/* periods.csv is a short list; a larger file is not one. */
#define PERIODS_MAX_BYTES (16 << 20)

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        s[--len] = '\0';
    if (len >= 2 && s[0] == '"' && s[len - 1] == '"') { /* a quoted field, without quotes inside */
        s[len - 1] = '\0';
        s++;
    }
    return s;
}

static int fail(char *err, size_t errlen, const char *path, size_t row, const char *what)
{
    snprintf(err, errlen, "%s row %zu: %s", path, row, what);
    return -1;
}

/* One data row "file,period" into r. */
static int parse_row(char *line, size_t row, const char *path, pb_data_periods_row *r, char *err, size_t errlen)
{
    char *comma = strchr(line, ',');
    if (!comma || strchr(comma + 1, ','))
        return fail(err, errlen, path, row, "expected two fields, file,period");
    *comma = '\0';
    char *file = trim(line), *num = trim(comma + 1);
    size_t len = strlen(file);
    if (len > 4 && strcmp(file + len - 4, ".csv") == 0)
        file[len -= 4] = '\0';
    if (!len || len >= sizeof r->stem || strchr(file, '/') || strchr(file, '"'))
        return fail(err, errlen, path, row, "the file field is not a file name beside periods.csv");
    double p;
    pb_csvin_number_kind k = pb_csvin_number(num, &p);
    char what[256];
    if (k != PB_NUM_OK) {
        snprintf(what, sizeof what, "the period %s", pb_csvin_number_why(k));
        return fail(err, errlen, path, row, what);
    }
    if (!(p > 0))
        return fail(err, errlen, path, row, "the period is not positive");
    r->row = row;
    memcpy(r->stem, file, len + 1);
    r->period = p;
    return 0;
}

/* The whole file (NUL-terminated), or NULL with err set; *missing when
 * there is none. */
static char *slurp(const char *path, int *missing, char *err, size_t errlen)
{
    struct stat st;
    /* lstat: a link to nothing is there, and not a file of periods. */
    *missing = lstat(path, &st) != 0 && errno == ENOENT;
    if (*missing)
        return NULL;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > PERIODS_MAX_BYTES) {
        snprintf(err, errlen, "%s: not a regular file of at most %d MiB", path, PERIODS_MAX_BYTES >> 20);
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    char *text = malloc((size_t)st.st_size + 1);
    size_t got = f && text ? fread(text, 1, (size_t)st.st_size, f) : 0;
    if (f)
        fclose(f);
    if (!f || !text || got != (size_t)st.st_size) {
        free(text);
        snprintf(err, errlen, "%s: cannot be read", path);
        return NULL;
    }
    text[got] = '\0';
    if (strlen(text) != got) {
        free(text);
        snprintf(err, errlen, "%s: holds a NUL byte", path);
        return NULL;
    }
    return text;
}

int pb_data_periods_read(const char *dir, pb_data_periods_table *t, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    snprintf(t->path, sizeof t->path, "%s/%s", dir, PB_DATA_PERIODS_FILE);
    int missing = 0;
    char *text = slurp(t->path, &missing, err, errlen);
    if (!text)
        return missing ? 0 : -1;
    char *p = text + (strncmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0);
    int header = 0, rc = 0;
    size_t row = 0, cap = 0;
    for (char *line = p, *next; rc == 0 && line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        row++;
        char *s = trim(line);
        if (!*s)
            continue;
        if (!header) {
            char *comma = strchr(s, ',');
            if (!comma || (*comma = '\0', strcmp(trim(s), "file") != 0) || strcmp(trim(comma + 1), "period") != 0)
                rc = fail(err, errlen, t->path, row, "expected the header file,period");
            header = 1;
            continue;
        }
        if (t->n == cap) {
            cap = cap ? 2 * cap : 16;
            pb_data_periods_row *grown = realloc(t->rows, cap * sizeof *grown);
            if (!grown) {
                snprintf(err, errlen, "out of memory");
                rc = -1;
                break;
            }
            t->rows = grown;
        }
        rc = parse_row(s, row, t->path, &t->rows[t->n], err, errlen);
        t->n += rc == 0;
    }
    if (rc == 0 && !header)
        rc = fail(err, errlen, t->path, 1, "empty: expected the header file,period");
    free(text);
    if (rc != 0)
        pb_data_periods_table_free(t);
    return rc;
}

void pb_data_periods_table_free(pb_data_periods_table *t)
{
    free(t->rows);
    t->rows = NULL;
    t->n = 0;
}

int pb_data_periods_add(pb_data_periods *p, const pb_data_periods_row *row, const char *path, char *err,
                        size_t errlen)
{
    char what[400];
    for (size_t k = 0; k < p->n; k++)
        if (p->period[k] == row->period) {
            snprintf(what, sizeof what, "period %g of %s given twice (also row %zu)", row->period, row->stem,
                     p->row[k]);
            return fail(err, errlen, path, row->row, what);
        }
    if (p->n == PB_MAX_TRUTH) {
        snprintf(what, sizeof what, "more than %d known periods for %s", PB_MAX_TRUTH, row->stem);
        return fail(err, errlen, path, row->row, what);
    }
    p->period[p->n] = row->period;
    p->row[p->n++] = row->row;
    return 0;
}

int pb_data_periods_file_exists(const char *dir, const char *stem)
{
    char path[8192];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s.csv", dir, stem);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}
