/* periodbench fit FILE.csv: the periods in a person's own series. Reads the
 * CSV (pb_csvin), removes a polynomial trend, runs a method of the registry
 * on the band [2/T, mean Nyquist], and reports each component found: period
 * and frequency with standard errors, amplitude, phase, power and Baluev
 * false-alarm probability (of the component's power once the others are
 * removed). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/pb_cli.h"
#include "cli/pb_cli_methods.h"
#include "cli/pb_commands.h"
#include "cli/pb_csvin.h"
#include "cli/pb_out.h"
#include "spectral/pb_fap.h"
#include "spectral/pb_gls.h"
#include "spectral/pb_lsq.h"
#include "base/pb_rng.h"
#include "spectral/pb_trend.h"
#include "registry.h"

#define FIT_MAX_COMPONENTS 64
#define FIT_MAX_SETS 32

static const char fit_usage[] =
    "usage: periodbench fit FILE.csv [OPTIONS]\n"
    "\n"
    "Finds the periods in a series: for each, period and frequency with standard errors,\n"
    "amplitude, phase, power and false-alarm probability, strongest first.\n"
    "\n"
    "  --time-col C        time column, name or 1-based index (default: 1); numbers, or ISO 8601\n"
    "                      dates/date-times (then time is in days since the first sample)\n"
    "  --value-col C       value column, name or 1-based index (default: 2)\n"
    "  --err-col C         column of the values' standard errors: the trend and the fit are\n"
    "                      weighted by 1/error^2 (the methods 'periodbench list methods' marks\n"
    "                      as taking measurement errors)\n"
    "  --method M          a method of 'periodbench list methods' (default: nlls, GSL nonlinear\n"
    "                      least squares from the Lomb-Scargle peaks: the most accurate pipeline\n"
    "                      measured here, and the only one reporting standard errors)\n"
    "  --periods K         find exactly K periods (default: as many as are significant)\n"
    "  --detrend D         none, linear (default) or quadratic: polynomial removed first\n"
    "  --fmin F, --fmax F  frequency band, cycles per time unit (default: 2/T, i.e. at least two\n"
    "                      cycles in the span T, to the mean Nyquist frequency (N-1)/(2T))\n"
    "  --set NAME=VALUE    a parameter of the method (see 'periodbench list methods'); repeatable\n"
    "  --csv               CSV instead of a table: period,period_err,frequency,frequency_err,\n"
    "                      amplitude,phase,power,fap\n"
    "  --predict TIMES.csv write the model (trend + periods) at the times of TIMES.csv's time\n"
    "                      column (same --time-col) to stdout as 'time,value' CSV; the periods\n"
    "                      then go to stderr\n"
    "  --help              this text\n"
    "\n"
    "Missing values (empty, NA) are skipped, unsorted times sorted, duplicate times averaged;\n"
    "stderr says what was done. Phase is in radians at t = 0 (the first sample, for dates):\n"
    "value = amplitude cos(2 pi frequency t + phase). Errors are 1-sigma, from the fit's\n"
    "Jacobian scaled by the residual variance (white noise assumed).\n";

typedef struct fit_args {
    const char *path, *method, *detrend, *predict;
    pb_csvin_options csv;
    double fmin, fmax;
    long periods;
    int csv_out;
    const char *sets[FIT_MAX_SETS];
    size_t n_sets;
} fit_args;

static int parse_fit_args(int argc, char **argv, fit_args *a)
{
    memset(a, 0, sizeof *a);
    a->method = "nlls";
    a->detrend = "linear";
    a->fmin = a->fmax = NAN;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--csv") == 0) { /* the one option without a value */
            a->csv_out = 1;
            continue;
        }
        const char *o = NULL, *v = NULL;
        pb_cli_arg_kind kind = pb_cli_csv_command_arg("fit", argc, argv, &i, &a->path, &a->csv, &o, &v);
        if (kind == PB_CLI_ARG_HELP) {
            fputs(fit_usage, stdout);
            return -1;
        }
        if (kind == PB_CLI_ARG_ERROR)
            return PB_EXIT_USAGE;
        if (kind == PB_CLI_ARG_TAKEN)
            continue;
        int rc = 0;
        if (strcmp(o, "--method") == 0)
            a->method = v;
        else if (strcmp(o, "--detrend") == 0)
            a->detrend = v;
        else if (strcmp(o, "--predict") == 0)
            a->predict = v;
        else if (strcmp(o, "--fmin") == 0)
            rc = pb_cli_parse_nonneg(o, v, &a->fmin);
        else if (strcmp(o, "--fmax") == 0)
            rc = pb_cli_parse_nonneg(o, v, &a->fmax);
        else if (strcmp(o, "--periods") == 0)
            rc = pb_cli_parse_count(o, v, 1, 16, &a->periods);
        else if (strcmp(o, "--set") == 0 && a->n_sets < FIT_MAX_SETS)
            a->sets[a->n_sets++] = v;
        else
            return pb_cli_error(PB_EXIT_USAGE, "fit: unknown option '%s' (see --help)", o);
        if (rc)
            return rc;
    }
    if (!a->path)
        return pb_cli_error(PB_EXIT_USAGE, "fit: missing FILE.csv (see --help)");
    if (strcmp(a->detrend, "none") && strcmp(a->detrend, "linear") && strcmp(a->detrend, "quadratic"))
        return pb_cli_error(PB_EXIT_USAGE, "--detrend %s: expected none, linear or quadratic", a->detrend);
    return 0;
}

/* The names of the methods that weight by measurement errors, "a, b and c". */
static const char *methods_using_errors(void)
{
    static char list[256];
    const char *names[64];
    size_t k = 0;
    for (size_t i = 0; pb_methods_all[i] && k < 64; i++)
        if (pb_methods_all[i]->uses_errors)
            names[k++] = pb_methods_all[i]->name;
    list[0] = '\0';
    for (size_t i = 0; i < k; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i == 0 ? "" : i + 1 == k ? " and " : ", ",
                 names[i]);
    return list;
}

static int detrend_degree(const char *name)
{
    return strcmp(name, "none") == 0 ? -1 : strcmp(name, "linear") == 0 ? 1 : 2;
}

/* The method's parameters: defaults, --periods, then each --set. NULL
 * after saying why (a bad --set or --periods; allocation cannot fail here
 * in any way worth a different exit status). */
static pb_params *method_params(const pb_method_type *m, const fit_args *a)
{
    pb_params *p = pb_params_alloc(m->params, m->n_params);
    char err[256], buf[32];
    if (!p) {
        pb_cli_error(PB_EXIT_USAGE, "out of memory for the method's parameters");
        return NULL;
    }
    if (a->periods) {
        snprintf(buf, sizeof buf, "%ld", a->periods);
        if (!pb_params_has(p, "components") || pb_params_set(p, "components", buf, err, sizeof err)) {
            pb_cli_error(PB_EXIT_USAGE, "--periods %ld: method %s cannot be asked for a number of periods", a->periods,
                         m->name);
            pb_params_free(p);
            return NULL;
        }
    }
    for (size_t i = 0; i < a->n_sets; i++) {
        char name[64];
        const char *eq = strchr(a->sets[i], '=');
        size_t len = eq ? (size_t)(eq - a->sets[i]) : 0;
        if (!eq || len == 0 || len >= sizeof name) {
            pb_cli_error(PB_EXIT_USAGE, "--set %s: expected NAME=VALUE", a->sets[i]);
            pb_params_free(p);
            return NULL;
        }
        memcpy(name, a->sets[i], len);
        name[len] = '\0';
        if (pb_params_set(p, name, eq + 1, err, sizeof err)) {
            pb_cli_error(PB_EXIT_USAGE, "--set %s: %s", a->sets[i], err);
            pb_params_free(p);
            return NULL;
        }
    }
    if (m->validate && m->validate(p, err, sizeof err) != 0) {
        pb_cli_error(PB_EXIT_USAGE, "method %s: %s", m->name, err);
        pb_params_free(p);
        return NULL;
    }
    return p;
}

typedef struct fit_row {
    pb_component c;
    double power, fap;
} fit_row;

static int by_power(const void *x, const void *y)
{
    const fit_row *a = x, *b = y;
    return (a->power < b->power) - (a->power > b->power);
}

/* Power and false-alarm probability of each component on the detrended
 * series with every other component removed. */
static int score_components(const pb_series *s, const double *model_y, fit_row *rows, size_t k, double fmax)
{
    double *r = malloc(s->n * sizeof *r), *one = malloc(s->n * sizeof *one);
    if (!r || !one) {
        free(r);
        free(one);
        return -1;
    }
    for (size_t j = 0; j < k; j++) {
        pb_lsq_eval(&rows[j].c, 1, 0.0, s->t, s->n, one);
        for (size_t i = 0; i < s->n; i++)
            r[i] = s->y[i] - model_y[i] + one[i];
        pb_series rs = {s->n, s->t, r, s->dy};
        pb_gls_data d;
        rows[j].power = NAN;
        if (pb_gls_data_init(&d, &rs) == 0) {
            rows[j].power = pb_gls_power(&d, rows[j].c.freq);
            pb_gls_data_free(&d);
        }
        rows[j].fap = isfinite(rows[j].power) ? pb_fap_baluev(rows[j].power, fmax, s->t, s->n) : NAN;
    }
    free(r);
    free(one);
    qsort(rows, k, sizeof *rows, by_power);
    return 0;
}

/* x, or n/a where it does not exist (not positive or not finite: a method
 * without standard errors). */
static void number_or_na(pb_out *o, const char *what, const char *fmt, double x, const char *na)
{
    if (isfinite(x) && x > 0)
        pb_out_num(o, what, fmt, x);
    else
        pb_out_text(o, "%s", na);
}

/* The printf formats of one row's numbers, in order, and the text of a
 * missing error: the CSV's and the table's. */
typedef struct row_style {
    const char *period, *period_err, *freq, *freq_err, *amp, *phase, *power, *fap, *na;
} row_style;

static const row_style csv_style = {"%.17g,", "%.6g", ",%.17g,", "%.6g", ",%.17g", ",%.17g", ",%.6g", ",%.6g\n", ""};
static const row_style table_style = {"%15.9g ", "%11.3g", " %15.9g ", "%11.3g", " %12.6g",
                                      " %9.4f",  " %8.4f", " %10.3g\n", "        n/a"};

static void write_row(pb_out *o, const fit_row *row, const row_style *st)
{
    const pb_component *c = &row->c;
    pb_out_num(o, "a period", st->period, 1.0 / c->freq);
    number_or_na(o, "a period's error", st->period_err, c->freq_se / (c->freq * c->freq), st->na);
    pb_out_num(o, "a frequency", st->freq, c->freq);
    number_or_na(o, "a frequency's error", st->freq_err, c->freq_se, st->na);
    pb_out_num(o, "an amplitude", st->amp, c->amp);
    pb_out_num(o, "a phase", st->phase, c->phase);
    pb_out_num(o, "a power", st->power, row->power);
    pb_out_num(o, "a false-alarm probability", st->fap, row->fap);
}

static void write_rows_csv(pb_out *o, const fit_row *rows, size_t k)
{
    pb_out_text(o, "period,period_err,frequency,frequency_err,amplitude,phase,power,fap\n");
    for (size_t j = 0; j < k; j++)
        write_row(o, &rows[j], &csv_style);
}

static void write_rows_table(pb_out *o, const fit_row *rows, size_t k, const char *unit)
{
    pb_out_text(o, "%3s %15s %11s %15s %11s %12s %9s %8s %10s\n", "#", "period", "+-", "frequency", "+-", "amplitude",
                "phase", "power", "FAP");
    pb_out_text(o, "%3s %15s %11s %15s %11s\n", "", unit, "", "per unit", "");
    for (size_t j = 0; j < k; j++) {
        pb_out_text(o, "%3zu ", j + 1);
        write_row(o, &rows[j], &table_style);
    }
}

/* --predict's times, read before any fitting so a bad file fails fast;
 * dates count days from the data's origin. Returns 0 or an exit status. */
static int read_predict_times(const fit_args *a, const pb_csvin_series *data, pb_csvin_series *q)
{
    pb_csvin_options o = {a->csv.time_col, NULL, NULL, 1, data->dates, data->first_epoch};
    char err[600] = "";
    if (pb_csvin_read(a->predict, &o, q, err, sizeof err) != 0)
        return pb_cli_error(PB_EXIT_USAGE, "--predict %s", err);
    if (q->dates != data->dates) {
        pb_csvin_free(q);
        return pb_cli_error(PB_EXIT_USAGE, "--predict %s: its times are %s but the data's are %s", a->predict,
                            q->dates ? "dates" : "numbers", data->dates ? "dates" : "numbers");
    }
    return 0;
}

/* The model (trend + periods) at the --predict times, as time,value CSV,
 * in the file's units (the fit ran on values divided by value_scale). */
static int write_predictions(const pb_csvin_series *data, const pb_csvin_series *q, const pb_method_type *m,
                             const void *model, const pb_trend *trend, const char *path)
{
    double *y = malloc((q->n ? q->n : 1) * sizeof *y);
    if (!y)
        return pb_cli_error(PB_EXIT_FAILURE, "out of memory");
    m->predict(model, q->t, q->n, y);
    pb_out o;
    pb_out_init(&o, stdout);
    pb_out_text(&o, "%s,value\n", data->dates ? "time_utc" : "time");
    for (size_t i = 0; i < q->n; i++) {
        double v = (y[i] + pb_trend_eval(trend, q->t[i])) * data->value_scale;
        if (data->dates) {
            char when[32];
            time_t secs = (time_t)floor(data->first_epoch + q->t[i] * 86400.0 + 0.5);
            struct tm tm;
            gmtime_r(&secs, &tm);
            strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
            pb_out_text(&o, "%s,", when);
        } else {
            pb_out_num(&o, "a time", "%.17g,", q->t[i]);
        }
        pb_out_num(&o, "a predicted value", "%.17g\n", v);
    }
    free(y);
    return pb_out_finish(&o, path);
}

/* Checks what no method can work with; the reason goes to stderr. */
static int check_series(const fit_args *a, const pb_csvin_series *s, const pb_params *mp, int degree)
{
    size_t k = pb_params_has(mp, "components") && pb_params_int(mp, "components") > 0
                   ? (size_t)pb_params_int(mp, "components")
                   : 1;
    size_t need = (size_t)(degree + 1) + 3 * k + 1;
    if (s->n < need)
        return pb_cli_error(PB_EXIT_USAGE, "%s: %zu points, fewer than the %zu needed for %zu period(s)%s", a->path,
                            s->n, need, k, degree >= 0 ? " and the trend" : "");
    double lo = s->y[0], hi = s->y[0];
    for (size_t i = 1; i < s->n; i++) {
        lo = fmin(lo, s->y[i]);
        hi = fmax(hi, s->y[i]);
    }
    if (lo == hi)
        return pb_cli_error(PB_EXIT_USAGE, "%s: all %zu values are equal (%g): nothing varies, so no period", a->path,
                            s->n, lo * s->value_scale);
    return 0;
}

static int run_fit(const fit_args *a, const pb_method_type *m, pb_params *mp, const pb_csvin_series *s,
                   const pb_csvin_series *q)
{
    int degree = detrend_degree(a->detrend), rc = check_series(a, s, mp, degree);
    if (rc)
        return rc;
    pb_trend trend;
    double *y = malloc(s->n * sizeof *y), *model_y = malloc(s->n * sizeof *model_y);
    if (!y || !model_y || pb_trend_fit(s->t, s->y, s->dy, s->n, degree, &trend) != 0) {
        free(y);
        free(model_y);
        return pb_cli_error(PB_EXIT_FAILURE, "%s: the %s trend could not be fitted", a->path, a->detrend);
    }
    for (size_t i = 0; i < s->n; i++)
        y[i] = s->y[i] - pb_trend_eval(&trend, s->t[i]);
    pb_series series = {s->n, s->t, y, s->dy};
    double span = pb_series_time_span(&series);
    pb_prior prior = {isnan(a->fmin) ? 2.0 / span : a->fmin, isnan(a->fmax) ? (double)(s->n - 1) / (2.0 * span) : a->fmax,
                      0, 0};
    prior.dt = pb_series_uniform_step(&series);
    prior.uniform = prior.dt > 0;
    void *model = NULL;
    pb_fit_report report = {0};
    gsl_rng *rng = pb_rng_alloc("fit", m->name);
    pb_status st = prior.fmax > prior.fmin && rng ? m->fit(&series, &prior, mp, rng, &model, &report) : PB_BAD_INPUT;
    gsl_rng_free(rng);
    if (!(prior.fmax > prior.fmin))
        snprintf(report.message, sizeof report.message, "the band [%g, %g] is empty", prior.fmin, prior.fmax);
    if (!pb_status_has_model(st) || !model) {
        free(y);
        free(model_y);
        return pb_cli_error(st == PB_BAD_INPUT || st == PB_UNSUPPORTED ? PB_EXIT_USAGE : PB_EXIT_FAILURE,
                            "%s: method %s: %s: %s", a->path, m->name, pb_status_name(st), report.message);
    }
    fit_row rows[FIT_MAX_COMPONENTS];
    pb_component comp[FIT_MAX_COMPONENTS];
    size_t k = m->components ? m->components(model, comp, FIT_MAX_COMPONENTS) : 0;
    for (size_t j = 0; j < k; j++)
        rows[j] = (fit_row){comp[j], NAN, NAN};
    m->predict(model, s->t, s->n, model_y);
    rc = score_components(&series, model_y, rows, k, prior.fmax) ? pb_cli_error(PB_EXIT_FAILURE, "out of memory") : 0;
    for (size_t j = 0; j < k; j++)
        rows[j].c.amp *= s->value_scale; /* back to the file's units */
    pb_out table;
    pb_out_init(&table, a->predict ? stderr : stdout);
    if (rc == 0) {
        if (a->csv_out) {
            write_rows_csv(&table, rows, k);
        } else {
            pb_out_text(&table, "%s: method %s (%s%s), detrend %s, band [", a->path, m->name, pb_status_name(st),
                        st == PB_OK ? "" : ": see below", a->detrend);
            pb_out_num(&table, "the band's lower end", "%.6g, ", prior.fmin);
            pb_out_num(&table, "the band's upper end", "%.6g]", prior.fmax);
            pb_out_text(&table, " per %s\n", s->dates ? "day" : "time unit");
            write_rows_table(&table, rows, k, s->dates ? "days" : "time units");
            if (k == 0)
                pb_out_text(&table, "(the method reports no periods)\n");
            pb_out_note(&table, "# %s\n", report.message);
        }
        rc = pb_out_finish(&table, a->path);
        if (rc == 0 && q)
            rc = write_predictions(s, q, m, model, &trend, a->path);
    }
    m->free_model(model);
    free(y);
    free(model_y);
    return rc;
}

int pb_cmd_fit(int argc, char **argv)
{
    fit_args a;
    int rc = parse_fit_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? PB_EXIT_OK : rc;
    const pb_method_type *m = pb_cli_method("--method", a.method);
    if (!m)
        return PB_EXIT_USAGE;
    if (a.csv.err_col && !m->uses_errors)
        return pb_cli_error(PB_EXIT_USAGE, "--err-col: method %s takes no measurement errors (%s do)", m->name,
                            methods_using_errors());
    pb_params *mp = method_params(m, &a);
    if (!mp)
        return PB_EXIT_USAGE;
    pb_csvin_series s;
    char err[600] = "";
    if (pb_csvin_read(a.path, &a.csv, &s, err, sizeof err) != 0) {
        pb_params_free(mp);
        return pb_cli_error(PB_EXIT_USAGE, "%s", err);
    }
    pb_csvin_describe(&s, a.path, stderr); /* what was done to the data */
    pb_csvin_series q = {0};
    rc = a.predict ? read_predict_times(&a, &s, &q) : 0;
    if (rc == 0)
        rc = run_fit(&a, m, mp, &s, a.predict ? &q : NULL);
    pb_csvin_free(&q);
    pb_csvin_free(&s);
    pb_params_free(mp);
    if (rc == 0 && fflush(stdout) != 0)
        return pb_cli_error(PB_EXIT_FAILURE, "writing stdout failed");
    return rc;
}
