#include "tasks/pb_data_task.h"

#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/pb_names.h"
#include "base/pb_rng.h"
#include "tasks/pb_data_periods.h"

struct pb_data_source {
    char *path;
    char name[PB_NAME_MAX + 1];
    char digest[17];
    char summary[160];
    pb_csvin_series s;
    pb_data_periods periods;
};

static const pb_param_def data_params[] = {
    {"holdout", PB_PARAM_REAL, "0.25", 0.01, 0.9, NULL,
     "share of the time span, at its end, held out as the extrapolation set"},
    {"interp", PB_PARAM_REAL, "0.1", 0.001, 0.5, NULL,
     "share of the points before it held out (seeded) as the interpolation set"},
};

/* How one file splits under one parameter set. */
typedef struct data_split {
    double cut;      /* the extrapolation set is t >= cut */
    size_t n_before; /* points before cut: training and interpolation */
    size_t n_in, n_out, n_train;
    pb_prior prior;  /* the band the training points allow (fit's default) */
} data_split;

static int fail(char *err, size_t errlen, const pb_data_source *src, const char *what)
{
    snprintf(err, errlen, "%s (%s): %s", src->name, src->path, what);
    return -1;
}

/* Whether values[0, n) vary by more than double arithmetic resolves. */
static int varies(const double *t, const double *y, size_t n)
{
    char why[64];
    pb_series s = {n, (double *)t, (double *)y, NULL};
    return pb_series_check_variation(&s, why, sizeof why) == 0;
}

static int plan_split(const pb_data_source *src, const pb_params *p, data_split *sp, char *err, size_t errlen)
{
    const double *t = src->s.t, *y = src->s.y;
    size_t n = src->s.n;
    double holdout = pb_params_real(p, "holdout"), interp = pb_params_real(p, "interp");
    char what[512];
    if (n < PB_DATA_MIN_TRAIN + 2 * PB_DATA_MIN_TEST) {
        snprintf(what, sizeof what, "%zu points; a data task needs at least %d (%d to train on, %d in each test set)",
                 n, PB_DATA_MIN_TRAIN + 2 * PB_DATA_MIN_TEST, PB_DATA_MIN_TRAIN, PB_DATA_MIN_TEST);
        return fail(err, errlen, src, what);
    }
    sp->cut = t[0] + (1.0 - holdout) * (t[n - 1] - t[0]);
    size_t lo = 0, hi = n; /* first index with t >= cut */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid] < sp->cut)
            lo = mid + 1;
        else
            hi = mid;
    }
    sp->n_before = lo;
    sp->n_out = n - lo;
    /* The first and last points before cut stay in training: the
     * interpolation set lies between training points. */
    double want = floor(interp * (double)sp->n_before + 0.5);
    sp->n_in = sp->n_before < 2 ? 0 : (size_t)fmin(want, (double)(sp->n_before - 2));
    sp->n_train = sp->n_before - sp->n_in;
    if (sp->n_out < PB_DATA_MIN_TEST || sp->n_in < PB_DATA_MIN_TEST || sp->n_train < PB_DATA_MIN_TRAIN) {
        snprintf(what, sizeof what,
                 "holdout %g and interp %g leave %zu training, %zu interpolation and %zu extrapolation points "
                 "(at least %d, %d and %d)",
                 holdout, interp, sp->n_train, sp->n_in, sp->n_out, PB_DATA_MIN_TRAIN, PB_DATA_MIN_TEST,
                 PB_DATA_MIN_TEST);
        return fail(err, errlen, src, what);
    }
    if (!varies(t + sp->n_before, y + sp->n_before, sp->n_out)) {
        snprintf(what, sizeof what, "the %zu extrapolation values (the last %g of the span) do not vary: nothing "
                 "to score a forecast against", sp->n_out, holdout);
        return fail(err, errlen, src, what);
    }
    if (!varies(t, y, sp->n_before)) {
        snprintf(what, sizeof what, "the %zu values before the held-out span do not vary", sp->n_before);
        return fail(err, errlen, src, what);
    }
    int two_values = 0; /* among the points that can be interpolated (not the first or last) */
    for (size_t i = 2; i + 1 < sp->n_before && !two_values; i++)
        two_values = y[i] != y[1];
    if (!two_values) {
        snprintf(what, sizeof what, "the points between the first and the last before the held-out span all hold "
                 "one value: no interpolation set drawn from them can be scored");
        return fail(err, errlen, src, what);
    }
    pb_series train = {sp->n_before, (double *)t, (double *)y, NULL};
    sp->prior = pb_prior_for_series(&train);
    /* Removing the interpolation points leaves fewer samples: the mean
     * Nyquist frequency of what methods see. */
    sp->prior.fmax = (double)(sp->n_train - 1) / (2.0 * pb_series_time_span(&train));
    sp->prior.uniform = 0;
    sp->prior.dt = 0;
    for (size_t k = 0; k < src->periods.n; k++) {
        double f = 1.0 / src->periods.period[k];
        if (!(f >= sp->prior.fmin && f <= sp->prior.fmax)) {
            snprintf(what, sizeof what, "known period %g (periods.csv row %zu) lies outside the periods %g to %g "
                     "that its %zu training points allow (two cycles in the training span; the mean Nyquist "
                     "frequency)", src->periods.period[k], src->periods.row[k], 1.0 / sp->prior.fmax,
                     1.0 / sp->prior.fmin, sp->n_train);
            return fail(err, errlen, src, what);
        }
    }
    return 0;
}

static int data_validate(const pb_task_type *self, const pb_params *p, char *err, size_t errlen)
{
    data_split sp;
    return plan_split(self->source, p, &sp, err, errlen);
}

/* Marks n_in of the indices 1 .. n_before - 2 (a partial Fisher-Yates
 * shuffle from the trial's "split" stream). A draw of one value only
 * (spiky or stepped data) has no spread to score against: its last point
 * is swapped for the next one in the shuffle's order that differs
 * (plan_split made sure there is one). */
static int choose_interp(const char *key, const data_split *sp, const double *y, unsigned char *held)
{
    size_t m = sp->n_before - 2;
    size_t *idx = malloc((m ? m : 1) * sizeof *idx);
    gsl_rng *r = pb_rng_alloc(key, "split");
    if (!idx || !r) {
        free(idx);
        gsl_rng_free(r);
        return -1;
    }
    for (size_t i = 0; i < m; i++)
        idx[i] = i + 1;
    for (size_t i = 0; i < sp->n_in; i++) {
        size_t j = i + (size_t)gsl_rng_uniform_int(r, (unsigned long)(m - i));
        size_t tmp = idx[i];
        idx[i] = idx[j];
        idx[j] = tmp;
    }
    int constant = 1;
    for (size_t i = 1; i < sp->n_in && constant; i++)
        constant = y[idx[i]] == y[idx[0]];
    for (size_t j = sp->n_in; constant && j < m; j++)
        if (y[idx[j]] != y[idx[0]]) {
            size_t tmp = idx[sp->n_in - 1];
            idx[sp->n_in - 1] = idx[j];
            idx[j] = tmp;
            constant = 0;
        }
    for (size_t i = 0; i < sp->n_in; i++)
        held[idx[i]] = 1;
    free(idx);
    gsl_rng_free(r);
    return 0;
}

static int data_generate(const pb_task_type *self, const pb_params *p, const char *key, pb_task_data *d, char *err,
                         size_t errlen)
{
    const pb_data_source *src = self->source;
    data_split sp;
    if (plan_split(src, p, &sp, err, errlen) != 0)
        return -1;
    unsigned char *held = calloc(sp.n_before, 1);
    int failed = !held || choose_interp(key, &sp, src->s.y, held) != 0 || pb_sampleset_alloc(&d->train, sp.n_train, 1) != 0 ||
                 pb_sampleset_alloc(&d->test_in, sp.n_in, 1) != 0 || pb_sampleset_alloc(&d->test_out, sp.n_out, 1) != 0;
    if (!failed && src->s.dy) /* methods that weight by errors get them for what they see */
        failed = !(d->train.dy = malloc(sp.n_train * sizeof *d->train.dy));
    if (failed) {
        free(held);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    size_t a = 0, b = 0;
    for (size_t i = 0; i < sp.n_before; i++) {
        pb_sampleset *to = held[i] ? &d->test_in : &d->train;
        size_t *k = held[i] ? &b : &a;
        to->t[*k] = src->s.t[i];
        to->y[0][*k] = src->s.y[i];
        if (to->dy)
            to->dy[*k] = src->s.dy[i];
        (*k)++;
    }
    free(held);
    for (size_t i = 0; i < sp.n_out; i++) {
        d->test_out.t[i] = src->s.t[sp.n_before + i];
        d->test_out.y[0][i] = src->s.y[sp.n_before + i];
    }
    d->n_channels = 1;
    d->truth[0].name = "y";
    d->truth[0].n_components = src->periods.n;
    for (size_t k = 0; k < src->periods.n; k++) {
        d->truth[0].comp[k] = (pb_component){1.0 / src->periods.period[k], NAN, NAN, 0};
        d->truth[0].crlb_sd[k] = NAN; /* no noise model: no bound */
    }
    d->prior = sp.prior;
    d->window_start = src->s.t[0];
    d->window_end = sp.cut;
    d->noise_sigma = NAN;
    d->score = PB_SCORE_OBSERVED;
    return 0;
}

/* FNV-1a over the bytes of what a trial sees: times, values, errors, the
 * value scale and the known periods. */
static void fingerprint(pb_data_source *src)
{
    uint64_t h = 1469598103934665603ULL;
#define MIX(ptr, bytes)                                                                                              \
    do {                                                                                                             \
        const unsigned char *q_ = (const unsigned char *)(ptr);                                                      \
        for (size_t i_ = 0; i_ < (bytes); i_++)                                                                      \
            h = (h ^ q_[i_]) * 1099511628211ULL;                                                                     \
    } while (0)
    MIX(&src->s.n, sizeof src->s.n);
    MIX(src->s.t, src->s.n * sizeof *src->s.t);
    MIX(src->s.y, src->s.n * sizeof *src->s.y);
    if (src->s.dy)
        MIX(src->s.dy, src->s.n * sizeof *src->s.dy);
    MIX(&src->s.value_scale, sizeof src->s.value_scale);
    MIX(src->periods.period, src->periods.n * sizeof *src->periods.period);
#undef MIX
    snprintf(src->digest, sizeof src->digest, "%016llx", (unsigned long long)h);
}

static void source_free(pb_data_source *src)
{
    if (!src)
        return;
    free(src->path);
    pb_csvin_free(&src->s);
    free(src);
}

void pb_data_tasks_free(pb_data_tasks *t)
{
    for (size_t i = 0; i < t->n; i++)
        source_free(t->sources[i]);
    free(t->sources);
    free(t->types);
    memset(t, 0, sizeof *t);
}

int pb_task_is_data(const pb_task_type *t)
{
    return t->generate == data_generate;
}

size_t pb_data_task_known_periods(const pb_task_type *t)
{
    return pb_task_is_data(t) ? ((const pb_data_source *)t->source)->periods.n : 0;
}

const char *pb_data_task_path(const pb_task_type *t)
{
    return pb_task_is_data(t) ? ((const pb_data_source *)t->source)->path : NULL;
}

static int ends_with_csv(const char *name)
{
    size_t len = strlen(name);
    return len > 4 && strcmp(name + len - 4, ".csv") == 0;
}

/* The reader grows its arrays by doubling; a task keeps its series for the
 * whole run (10^5 files): keep only what they hold. */
static void shrink(double **a, size_t n)
{
    double *b = *a && n ? realloc(*a, n * sizeof *b) : NULL;
    if (b)
        *a = b;
}

/* Reads one file into a new source named data:STEM. */
static pb_data_source *read_source(const char *path, const char *file_name, const pb_csvin_options *opt, char *err,
                                   size_t errlen)
{
    char stem[PB_NAME_MAX + 1];
    size_t len = strlen(file_name) - 4;
    struct stat st;
    if (len >= sizeof stem || (memcpy(stem, file_name, len), stem[len] = '\0', !pb_name_is_data_stem(stem))) {
        snprintf(err, errlen, "%s: '%.*s' cannot name a task data:STEM (letters, digits, '-', '_' and '.', not "
                 "first '.' or '-', at most %d): rename the file", path, (int)len, file_name, PB_NAME_MAX - 5);
        return NULL;
    }
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file", path);
        return NULL;
    }
    pb_data_source *src = calloc(1, sizeof *src);
    if (!src || !(src->path = strdup(path))) {
        free(src);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    snprintf(src->name, sizeof src->name, PB_DATA_PREFIX "%.*s", PB_NAME_MAX - 5, stem);
    char why[2048];
    if (pb_csvin_read(path, opt, &src->s, why, sizeof why) != 0) {
        snprintf(err, errlen, "%s", why); /* it names the file */
        source_free(src);
        return NULL;
    }
    shrink(&src->s.t, src->s.n);
    shrink(&src->s.y, src->s.n);
    shrink(&src->s.dy, src->s.n);
    snprintf(src->summary, sizeof src->summary, "%zu points of %s%s", src->s.n, file_name,
             src->s.dates ? " (times: days since the first date)" : "");
    return src;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* The *.csv files of dir (not periods.csv, not hidden), sorted. */
static int list_csv(const char *dir, char ***names, size_t *n, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "%s: cannot open the directory", dir);
        return -1;
    }
    size_t cap = 0;
    int rc = 0;
    *names = NULL;
    *n = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.' || !ends_with_csv(e->d_name) || strcmp(e->d_name, PB_DATA_PERIODS_FILE) == 0)
            continue;
        if (*n == PB_DATA_MAX_FILES) {
            snprintf(err, errlen, "%s: more than %d CSV files", dir, PB_DATA_MAX_FILES);
            rc = -1;
        } else if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            char **grown = realloc(*names, cap * sizeof *grown);
            if (grown)
                *names = grown;
            else
                rc = -1;
        }
        if (rc == 0 && !((*names)[*n] = strdup(e->d_name)))
            rc = -1;
        if (rc == 0)
            (*n)++;
        else if (!err[0])
            snprintf(err, errlen, "out of memory");
    }
    closedir(d);
    if (rc != 0) {
        free_names(*names, *n);
        *names = NULL;
        *n = 0;
        return -1;
    }
    if (*n == 0) {
        snprintf(err, errlen, "%s: no .csv file in the directory (a data task is one CSV file)", dir);
        return -1;
    }
    qsort(*names, *n, sizeof **names, cmp_names);
    return 0;
}

/* Appends src as a task to out. */
static int append(pb_data_tasks *out, pb_data_source *src)
{
    pb_task_type *types = realloc(out->types, (out->n + 1) * sizeof *types);
    if (types)
        out->types = types;
    pb_data_source **sources = realloc(out->sources, (out->n + 1) * sizeof *sources);
    if (sources)
        out->sources = sources;
    if (!types || !sources)
        return -1;
    /* Earlier types' source pointers stay valid: they point to the sources,
     * which do not move. */
    out->sources[out->n] = src;
    out->types[out->n] = (pb_task_type){src->name, src->summary, data_params,
                                        sizeof data_params / sizeof data_params[0], data_generate, data_validate,
                                        src, src->digest, PB_SCORE_OBSERVED, NULL};
    out->n++;
    return 0;
}

int pb_data_tasks_load(const char *path, const pb_csvin_options *opt, pb_data_tasks *out, char *err, size_t errlen)
{
    struct stat st;
    err[0] = '\0';
    if (!*path) {
        snprintf(err, errlen, "data: expected a CSV file or a directory after 'data:'");
        return -1;
    }
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "%s: no such file or directory", path);
        return -1;
    }
    char **names = NULL, dir[4096];
    size_t n = 0;
    if (S_ISDIR(st.st_mode)) {
        snprintf(dir, sizeof dir, "%s", path);
        if (list_csv(path, &names, &n, err, errlen) != 0)
            return -1;
    } else {
        const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
        if (!ends_with_csv(base) || strcmp(base, PB_DATA_PERIODS_FILE) == 0) {
            snprintf(err, errlen, "%s: a data task is a .csv file of a series (or a directory of them)", path);
            return -1;
        }
        snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
        names = malloc(sizeof *names);
        if (!names || !(names[0] = strdup(base))) {
            free(names);
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        n = 1;
    }
    size_t first = out->n;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char file[8192];
        snprintf(file, sizeof file, S_ISDIR(st.st_mode) ? "%s/%s" : "%s", S_ISDIR(st.st_mode) ? dir : path,
                 names[i]);
        pb_data_source *src = read_source(file, names[i], opt, err, errlen);
        if (!src || append(out, src) != 0) {
            if (src && !err[0])
                snprintf(err, errlen, "out of memory");
            source_free(src);
            rc = -1;
        }
    }
    /* Known periods, file by file, from periods.csv beside the files. */
    if (rc == 0) {
        pb_data_periods_table table;
        rc = pb_data_periods_read(dir, &table, err, errlen);
        for (size_t i = 0; rc == 0 && i < table.n; i++) {
            const pb_data_periods_row *row = &table.rows[i];
            pb_data_source *src = NULL;
            for (size_t k = first; k < out->n && !src; k++)
                if (strcmp(out->sources[k]->name + strlen(PB_DATA_PREFIX), row->stem) == 0)
                    src = out->sources[k];
            if (src)
                rc = pb_data_periods_add(&src->periods, row, table.path, err, errlen);
            else if (!pb_data_periods_file_exists(dir, row->stem)) {
                snprintf(err, errlen, "%s row %zu: names '%s', but no %s.csv lies beside it", table.path, row->row,
                         row->stem, row->stem);
                rc = -1;
            }
        }
        pb_data_periods_table_free(&table);
    }
    for (size_t k = first; rc == 0 && k < out->n; k++)
        fingerprint(out->sources[k]);
    free_names(names, n);
    return rc;
}
