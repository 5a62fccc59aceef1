#include "harness/pb_runs.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_fsutil.h"
#include "base/pb_names.h"
#include "harness/pb_baselines.h"
#include "harness/pb_thresholds.h"
#include "registry.h"
#include "tasks/pb_data_task.h"
#include "tasks/pb_tasks.h"
#include "base/pb_status.h"

const char *const pb_runs_columns[PB_RUNS_NCOLS] = {
    "task",     "task_params", "method",      "method_params",   "seed",            "status",     "success",
    "found",    "nrmse_in",    "nrmse_out",   "freq_est",        "freq_err",        "crlb_ratio", "freq_se",
    "crlb_sd",  "exact_in",    "exact_out",   "exact_fields_in", "exact_fields_out", "fit_seconds",
    "fit_cpu_seconds", "predict_seconds", "iterations", "message",
};

/* Columns added after tables were first written: an older table lacks them. */
static int may_be_missing(int col)
{
    return col == PB_COL_EXACT_FIELDS_IN || col == PB_COL_EXACT_FIELDS_OUT;
}

/* --- reading --- */

typedef struct reader {
    pb_runs_table *t;
    pb_runs_row row;
    int col;
    int map[PB_RUNS_NCOLS]; /* the file's column i is our column map[i] */
    int n_file_cols;
    int header_done, bad;
    const char *path;
    long line; /* the physical line being parsed (1: the header) */
    char *err;
    size_t errlen;
} reader;

static void fail(reader *r, const char *fmt, const char *what)
{
    char msg[400];
    snprintf(msg, sizeof msg, fmt, what);
    snprintf(r->err, r->errlen, "%s:%ld: %s", r->path, r->line, msg);
    r->bad = 1;
}

/* Our index of the column named s[0..len), or -1. */
static int column_named(const char *s, size_t len)
{
    for (int c = 0; c < PB_RUNS_NCOLS; c++)
        if (len == strlen(pb_runs_columns[c]) && memcmp(s, pb_runs_columns[c], len) == 0)
            return c;
    return -1;
}

/* Whether the header read so far already has our column c. */
static int column_seen(const reader *r, int c)
{
    for (int i = 0; i < r->col; i++)
        if (r->map[i] == c)
            return 1;
    return 0;
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->bad)
        return;
    if (!r->header_done) {
        int ours = column_named(s, len);
        if (r->col >= PB_RUNS_NCOLS || ours < 0 || column_seen(r, ours))
            fail(r, "not the runs.csv header (column %s unknown or repeated)",
                 r->col < PB_RUNS_NCOLS ? pb_runs_columns[r->col] : "past the last");
        else
            r->map[r->col] = ours;
        r->col++;
        return;
    }
    if (r->col < r->n_file_cols) {
        char *copy = malloc(len + 1);
        if (!copy) {
            fail(r, "%s", "out of memory");
            return;
        }
        memcpy(copy, s, len);
        copy[len] = '\0';
        r->row.field[r->map[r->col]] = copy;
    }
    r->col++;
}

/* The header has every column but those that may be missing. */
static void check_header(reader *r)
{
    r->n_file_cols = r->col;
    for (int c = 0; c < PB_RUNS_NCOLS && !r->bad; c++) {
        int present = 0;
        for (int i = 0; i < r->n_file_cols && !present; i++)
            present = r->map[i] == c;
        if (!present && !may_be_missing(c))
            fail(r, "the header is not the runs.csv header (no column %s)", pb_runs_columns[c]);
    }
}

/* Columns an older table lacked read as empty (n/a). */
static int fill_missing(pb_runs_row *row)
{
    for (int c = 0; c < PB_RUNS_NCOLS; c++)
        if (!row->field[c] && !(row->field[c] = strdup("")))
            return -1;
    return 0;
}

static int is_whole(const char *s)
{
    if (*s == '-')
        s++;
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* Columns that are never negative when given; the exact-reading rates are
 * also at most 1. */
static int in_range(int c, double x)
{
    if (c == PB_COL_FREQ_EST)
        return 1;
    if (c == PB_COL_EXACT_IN || c == PB_COL_EXACT_OUT)
        return x >= 0 && x <= 1;
    if (c == PB_COL_ITERATIONS)
        return x >= 0 && x <= PB_RUNS_MAX_ITERATIONS && x == floor(x);
    if (c == PB_COL_FIT_SECONDS || c == PB_COL_FIT_CPU_SECONDS || c == PB_COL_PREDICT_SECONDS)
        return x >= 0 && x <= PB_RUNS_MAX_SECONDS;
    return x >= 0;
}

/* The first numeric column that is neither empty nor a finite number in its
 * range, or -1. */
static int bad_number(const pb_runs_row *w)
{
    for (int c = PB_COL_NRMSE_IN; c <= PB_COL_ITERATIONS; c++) {
        if (c == PB_COL_EXACT_FIELDS_IN || c == PB_COL_EXACT_FIELDS_OUT || !w->field[c][0])
            continue;
        char *end;
        double x = strtod(w->field[c], &end);
        if (*end != '\0' || !isfinite(x) || !in_range(c, x))
            return c;
    }
    return -1;
}

static int has_control_byte(const char *s)
{
    for (const unsigned char *c = (const unsigned char *)s; *c; c++)
        if ((*c < 0x20 && *c != '\t') || *c == 0x7f)
            return 1;
    return 0;
}

static double number_or_nan(const pb_runs_row *w, int c)
{
    return w->field[c][0] ? strtod(w->field[c], NULL) : NAN;
}

/* The score kind of a built-in task by its name; -1 for a data task or a
 * name no task has (its rows are judged by their columns alone). */
static int task_score(const char *name)
{
    const pb_task_type *t = strncmp(name, "data:", 5) == 0 ? NULL : pb_tasks_find(name);
    return t ? (int)t->score : -1;
}

/* Whether a row's exact columns are what its task writes: a task scored by
 * exact readings fills them wherever there is a model, any other leaves
 * them empty. NULL, or what is wrong. */
static const char *exact_columns_contradiction(const pb_runs_row *w, int status)
{
    int kind = task_score(w->field[PB_COL_TASK]);
    int any = w->field[PB_COL_EXACT_IN][0] || w->field[PB_COL_EXACT_OUT][0];
    int both = w->field[PB_COL_EXACT_IN][0] && w->field[PB_COL_EXACT_OUT][0];
    if (kind == PB_SCORE_EXACT && pb_status_has_model((pb_status)status) && !both)
        return "its task is scored by exact readings, and a row with a model has exact_in and exact_out";
    if (kind >= 0 && kind != PB_SCORE_EXACT && any)
        return "its task is not scored by exact readings: exact_in and exact_out are empty";
    return NULL;
}

/* Whether a row's success agrees with its own scores, for the built-in
 * tasks' rules (pb_thresholds.h; the rule is the task's; a data task's
 * rule needs the baselines, which no row holds). The numbers are printed to
 * 8-10 digits: only a contradiction beyond that rounding counts. */
static int success_contradicts_scores(const pb_runs_row *w, int status)
{
    if (!pb_status_has_model((pb_status)status) || strncmp(w->field[PB_COL_TASK], "data:", 5) == 0)
        return 0;
    const double slack = 1e-6;
    int kind = task_score(w->field[PB_COL_TASK]);
    int exact = kind >= 0 ? kind == PB_SCORE_EXACT : w->field[PB_COL_EXACT_IN][0] && w->field[PB_COL_EXACT_OUT][0];
    double a = number_or_nan(w, exact ? PB_COL_EXACT_IN : PB_COL_NRMSE_IN);
    double b = number_or_nan(w, exact ? PB_COL_EXACT_OUT : PB_COL_NRMSE_OUT);
    int surely_met, surely_missed;
    if (exact) {
        surely_met = a >= PB_SUCCESS_EXACT * (1 + slack) && b >= PB_SUCCESS_EXACT * (1 + slack);
        surely_missed = a < PB_SUCCESS_EXACT * (1 - slack) || b < PB_SUCCESS_EXACT * (1 - slack);
    } else {
        surely_met = a <= PB_SUCCESS_NRMSE * (1 - slack) && b <= PB_SUCCESS_NRMSE * (1 - slack);
        surely_missed = !(a <= PB_SUCCESS_NRMSE * (1 + slack)) || !(b <= PB_SUCCESS_NRMSE * (1 + slack));
    }
    int success = strcmp(w->field[PB_COL_SUCCESS], "1") == 0;
    return success ? surely_missed : surely_met;
}

/* What a data row's success can never be, whatever the baselines scored
 * (pb_trial.c's rule): a success needs no period missed and a method other
 * than a baseline (a baseline never beats itself). NULL when
 * the row holds none of these. */
static const char *data_success_contradiction(const pb_runs_row *w)
{
    if (strncmp(w->field[PB_COL_TASK], "data:", 5) != 0 || strcmp(w->field[PB_COL_SUCCESS], "1") != 0)
        return NULL;
    if (strcmp(w->field[PB_COL_FOUND], "0") == 0)
        return "a data row with a known period missed (found 0) does not succeed";
    if (pb_baselines_is_baseline(w->field[PB_COL_METHOD]))
        return "a baseline's row never succeeds (success is beating the baselines)";
    return NULL;
}

/* Whether a row's found and frequency columns agree with its method: a
 * built-in method that reports no periods has none of them; one that does
 * has a found on every row with a model of a built-in task (every one has
 * a truth). NULL, or what is wrong. A name periodbench does not know (an
 * external program not loaded) is not judged. */
static const char *found_contradiction(const pb_runs_row *w, int status)
{
    const pb_method_type *m = pb_methods_find(w->field[PB_COL_METHOD]);
    if (!m)
        return NULL;
    int any = w->field[PB_COL_FOUND][0] != '\0';
    for (int c = PB_COL_FREQ_EST; c <= PB_COL_CRLB_SD; c++)
        any |= w->field[c][0] != '\0';
    if (!m->components && any)
        return "its method reports no periods: found and the frequency columns are empty";
    if (m->components && pb_status_has_model((pb_status)status) && !w->field[PB_COL_FOUND][0] &&
        strncmp(w->field[PB_COL_TASK], "data:", 5) != 0)
        return "its method reports periods and its task has a truth: a row with a model has a found";
    return NULL;
}

/* The first score column a row holds, or -1: a row without a model has
 * none (pb_trial.c writes them only where there is one). */
static int first_score(const pb_runs_row *w)
{
    for (int c = PB_COL_NRMSE_IN; c <= PB_COL_EXACT_FIELDS_OUT; c++)
        if (w->field[c][0])
            return c;
    return -1;
}

/* The fields every reader relies on: names, seed, status, success, found,
 * numbers that are numbers in their range, a score wherever the status has
 * a model and none elsewhere, a success only there, a message of one clean line. */
static void validate_row(reader *r)
{
    const pb_runs_row *w = &r->row;
    int c = bad_number(w);
    int status = pb_status_from_name(w->field[PB_COL_STATUS]);
    if (!pb_name_is_task(w->field[PB_COL_TASK]))
        fail(r, "task '%s' is not a task name", w->field[PB_COL_TASK]);
    else if (!pb_name_is_kebab(w->field[PB_COL_METHOD]))
        fail(r, "method '%s' is not a method name", w->field[PB_COL_METHOD]);
    else if (!is_whole(w->field[PB_COL_SEED]))
        fail(r, "seed '%s' is not a whole number", w->field[PB_COL_SEED]);
    else if (status < 0)
        fail(r, "status '%s' is not a known status", w->field[PB_COL_STATUS]);
    else if (c >= 0) {
        char what[160];
        snprintf(what, sizeof what, "%s '%.100s'", pb_runs_columns[c], w->field[c]);
        fail(r, "%s is neither empty nor a finite number in its range", what);
    } else if (pb_status_has_model((pb_status)status) &&
               (!w->field[PB_COL_NRMSE_IN][0] || !w->field[PB_COL_NRMSE_OUT][0]))
        fail(r, "status %s without nrmse_in and nrmse_out: a row with a model is scored", w->field[PB_COL_STATUS]);
    else if (!pb_status_has_model((pb_status)status) && first_score(w) >= 0)
        fail(r, "a row without a model (this status) with a score in %s: scores are written only with a model",
             pb_runs_columns[first_score(w)]);
    else if (strcmp(w->field[PB_COL_SUCCESS], "0") != 0 && strcmp(w->field[PB_COL_SUCCESS], "1") != 0 &&
             (w->field[PB_COL_SUCCESS][0] || strncmp(w->field[PB_COL_TASK], "data:", 5) != 0))
        fail(r, "success '%s' is not 0 or 1 (or empty, for a data task without known periods)",
             w->field[PB_COL_SUCCESS]);
    else if (strcmp(w->field[PB_COL_SUCCESS], "1") == 0 && !pb_status_has_model((pb_status)status))
        fail(r, "success 1 with status %s: only a row with a model succeeds", w->field[PB_COL_STATUS]);
    else if (found_contradiction(w, status))
        fail(r, "found and freq columns contradict the row's method: %s", found_contradiction(w, status));
    else if (exact_columns_contradiction(w, status))
        fail(r, "exact_in and exact_out contradict the row's task: %s", exact_columns_contradiction(w, status));
    else if (data_success_contradiction(w))
        fail(r, "success 1 contradicts the row: %s", data_success_contradiction(w));
    else if (success_contradicts_scores(w, status))
        fail(r, "success %s contradicts the row's own nrmse_in, nrmse_out (or exact_in, exact_out) under the task's "
             "success rule", w->field[PB_COL_SUCCESS]);
    else if (strcmp(w->field[PB_COL_FOUND], "1") == 0 && !w->field[PB_COL_FREQ_ERR][0])
        fail(r, "%s", "found 1 without a freq_err: a period found has an error");
    else if (w->field[PB_COL_FOUND][0] && strcmp(w->field[PB_COL_FOUND], "0") != 0 &&
             strcmp(w->field[PB_COL_FOUND], "1") != 0)
        fail(r, "found '%s' is not empty, 0 or 1", w->field[PB_COL_FOUND]);
    else if (has_control_byte(w->field[PB_COL_MESSAGE]))
        fail(r, "%s", "a message with a control byte (a message is one line of text)");
}

static void on_row(int c, void *data)
{
    (void)c;
    reader *r = data;
    if (!r->bad && !r->header_done) {
        check_header(r);
        r->header_done = 1;
    } else if (!r->bad) {
        char got[64];
        snprintf(got, sizeof got, "%d columns, not %d", r->col, r->n_file_cols);
        if (r->col != r->n_file_cols)
            fail(r, "a row of %s", got);
        else if (fill_missing(&r->row) != 0)
            fail(r, "%s", "out of memory");
        else
            validate_row(r);
        if (!r->bad && pb_runs_table_push(r->t, &r->row) != 0)
            fail(r, "%s", "out of memory");
    }
    if (r->bad)
        pb_runs_row_free(&r->row);
    memset(&r->row, 0, sizeof r->row);
    r->col = 0;
}

static char *slurp(const char *path, long *len, int *missing)
{
    *missing = 0;
    FILE *f = pb_fs_open_regular(path);
    if (!f) {
        *missing = errno == ENOENT;
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return NULL;
    }
    *len = (long)n;
    return buf;
}

int pb_runs_read(const char *path, pb_runs_table *t, long *complete_bytes, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    long len = 0;
    int missing = 0;
    char *buf = slurp(path, &len, &missing);
    if (complete_bytes)
        *complete_bytes = 0;
    if (!buf) {
        if (missing)
            return 0;
        snprintf(err, errlen, "%s: %s", path,
                 errno == EINVAL ? "not a regular file (a table is one)" : strerror(errno ? errno : EIO));
        return -1;
    }
    long complete = len;
    while (complete > 0 && buf[complete - 1] != '\n')
        complete--; /* a line cut short by a kill is not a row */
    if (complete_bytes)
        *complete_bytes = complete;
    struct csv_parser p;
    reader r = {.t = t, .path = path, .line = 1, .err = err, .errlen = errlen};
    if (csv_init(&p, CSV_APPEND_NULL) != 0) {
        free(buf);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* Line by line, so that an error names the line it is on. */
    for (long at = 0; at < complete && !r.bad;) {
        const char *nl = memchr(buf + at, '\n', (size_t)(complete - at));
        long end = nl ? (long)(nl - buf) + 1 : complete;
        if (csv_parse(&p, buf + at, (size_t)(end - at), on_field, on_row, &r) != (size_t)(end - at) && !r.bad) {
            snprintf(err, errlen, "%s:%ld: %s", path, r.line, csv_strerror(csv_error(&p)));
            r.bad = 1;
        }
        at = end;
        r.line++;
    }
    if (!r.bad)
        csv_fini(&p, on_field, on_row, &r);
    csv_free(&p);
    free(buf);
    pb_runs_row_free(&r.row);
    if (r.bad) {
        pb_runs_table_free(t);
        return -1;
    }
    return 0;
}

void pb_runs_row_free(pb_runs_row *row)
{
    for (int c = 0; c < PB_RUNS_NCOLS; c++) {
        free(row->field[c]);
        row->field[c] = NULL;
    }
}

void pb_runs_table_free(pb_runs_table *t)
{
    for (size_t i = 0; i < t->n; i++)
        pb_runs_row_free(&t->rows[i]);
    free(t->rows);
    memset(t, 0, sizeof *t);
}

int pb_runs_table_push(pb_runs_table *t, pb_runs_row *row)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        pb_runs_row *rows = realloc(t->rows, cap * sizeof *rows);
        if (!rows)
            return -1;
        t->rows = rows;
        t->cap = cap;
    }
    t->rows[t->n++] = *row;
    memset(row, 0, sizeof *row);
    return 0;
}

/* --- writing --- */

static char *format_number(double x, const char *fmt)
{
    char buf[64] = "";
    if (isfinite(x) || isinf(x))
        snprintf(buf, sizeof buf, fmt, x);
    return strdup(buf);
}

/* n numbers joined by ';' ("" for none): one per channel. */
static char *format_list(const double *x, int n, const char *fmt)
{
    char buf[256] = "";
    size_t used = 0;
    for (int i = 0; i < n && used + 32 < sizeof buf; i++) {
        if (i)
            buf[used++] = ';';
        used += (size_t)snprintf(buf + used, sizeof buf - used, fmt, x[i]);
    }
    return strdup(buf);
}

int pb_runs_row_from_trial(pb_runs_row *row, const pb_trial_spec *spec, const pb_trial_result *res)
{
    char tp[PB_PARAMS_TEXT_MAX], mp[PB_PARAMS_TEXT_MAX], buf[64];
    pb_params_format(spec->task_params, tp, sizeof tp);
    pb_params_format(spec->method_params, mp, sizeof mp);
    memset(row, 0, sizeof *row);
    row->field[PB_COL_TASK] = strdup(spec->task->name);
    row->field[PB_COL_TASK_PARAMS] = strdup(tp);
    row->field[PB_COL_METHOD] = strdup(spec->method->name);
    row->field[PB_COL_METHOD_PARAMS] = strdup(mp);
    snprintf(buf, sizeof buf, "%ld", spec->seed);
    row->field[PB_COL_SEED] = strdup(buf);
    row->field[PB_COL_STATUS] = strdup(pb_status_name(res->status));
    /* A data file without a known period has no success to speak of, even
     * in a row the worker did not score (a timeout, a crash). */
    int no_success = res->success < 0 || (pb_task_is_data(spec->task) && pb_data_task_known_periods(spec->task) == 0);
    row->field[PB_COL_SUCCESS] = strdup(no_success ? "" : res->success ? "1" : "0");
    row->field[PB_COL_FOUND] = strdup(res->found < 0 ? "" : res->found ? "1" : "0");
    row->field[PB_COL_NRMSE_IN] = format_number(res->nrmse_in, "%.10g");
    row->field[PB_COL_NRMSE_OUT] = format_number(res->nrmse_out, "%.10g");
    row->field[PB_COL_FREQ_EST] = format_number(res->freq_est, "%.17g");
    row->field[PB_COL_FREQ_ERR] = format_number(res->freq_err, "%.6g");
    row->field[PB_COL_CRLB_RATIO] = format_number(res->crlb_ratio, "%.6g");
    row->field[PB_COL_FREQ_SE] = format_number(res->freq_se, "%.6g");
    row->field[PB_COL_CRLB_SD] = format_number(res->crlb_sd, "%.6g");
    row->field[PB_COL_EXACT_IN] = format_number(res->exact_in, "%.8g");
    row->field[PB_COL_EXACT_OUT] = format_number(res->exact_out, "%.8g");
    row->field[PB_COL_EXACT_FIELDS_IN] = format_list(res->exact_field_in, res->n_exact_fields, "%.8g");
    row->field[PB_COL_EXACT_FIELDS_OUT] = format_list(res->exact_field_out, res->n_exact_fields, "%.8g");
    row->field[PB_COL_FIT_SECONDS] = format_number(res->fit_seconds, "%.6g");
    row->field[PB_COL_FIT_CPU_SECONDS] = format_number(res->fit_cpu_seconds, "%.6g");
    row->field[PB_COL_PREDICT_SECONDS] = format_number(res->predict_seconds, "%.6g");
    snprintf(buf, sizeof buf, "%ld", res->iterations);
    row->field[PB_COL_ITERATIONS] = strdup(buf);
    row->field[PB_COL_MESSAGE] = strdup(res->message);
    for (unsigned char *c = (unsigned char *)row->field[PB_COL_MESSAGE]; c && *c; c++)
        if ((*c < 0x20 && *c != '\t') || *c == 0x7f)
            *c = ' '; /* a program's bytes: a message is one line of text (the reader refuses others) */
    for (int c = 0; c < PB_RUNS_NCOLS; c++)
        if (!row->field[c]) {
            pb_runs_row_free(row);
            return -1;
        }
    return 0;
}

static void key_of(char *buf, size_t len, const char *task, const char *tp, const char *method, const char *mp,
                   const char *seed)
{
    int w = snprintf(buf, len, "%s\x1f%s\x1f%s\x1f%s\x1f%s", task, tp, method, mp, seed);
    if (w < 0 || (size_t)w >= len) /* a row too long to key is no trial: it matches none, and no other */
        snprintf(buf, len, "\x01too long: %.40s %p", task, (const void *)task);
}

void pb_runs_row_key(const pb_runs_row *row, char *buf, size_t len)
{
    key_of(buf, len, row->field[PB_COL_TASK], row->field[PB_COL_TASK_PARAMS], row->field[PB_COL_METHOD],
           row->field[PB_COL_METHOD_PARAMS], row->field[PB_COL_SEED]);
}

void pb_runs_spec_key(const pb_trial_spec *spec, char *buf, size_t len)
{
    char tp[PB_PARAMS_TEXT_MAX], mp[PB_PARAMS_TEXT_MAX], seed[32];
    pb_params_format(spec->task_params, tp, sizeof tp);
    pb_params_format(spec->method_params, mp, sizeof mp);
    snprintf(seed, sizeof seed, "%ld", spec->seed);
    key_of(buf, len, spec->task->name, tp, spec->method->name, mp, seed);
}

static int write_field(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n"))
        return csv_fwrite(f, s, strlen(s)) == 0 ? 0 : -1;
    return fputs(s, f) < 0 ? -1 : 0;
}

int pb_runs_write_header(FILE *f)
{
    for (int c = 0; c < PB_RUNS_NCOLS; c++)
        if (fprintf(f, "%s%s", c ? "," : "", pb_runs_columns[c]) < 0)
            return -1;
    return fputc('\n', f) == EOF ? -1 : 0;
}

int pb_runs_write_row(FILE *f, const pb_runs_row *row)
{
    for (int c = 0; c < PB_RUNS_NCOLS; c++) {
        if ((c && fputc(',', f) == EOF) || write_field(f, row->field[c] ? row->field[c] : "") != 0)
            return -1;
    }
    return fputc('\n', f) == EOF ? -1 : 0;
}

double pb_runs_number(const pb_runs_row *row, int col)
{
    const char *s = row->field[col];
    if (!s || !*s)
        return NAN;
    char *end;
    double x = strtod(s, &end);
    return *end == '\0' ? x : NAN;
}
