/* periodbench fit FILE.csv: the periods in a person's own series. Reads the
 * CSV (pb_csvin), runs a method of the registry on the band [2/T, mean
 * Nyquist] with a polynomial trend in its model (fitted together with the
 * sinusoids, by the methods that take a trend), and reports each component found: period
 * and frequency with standard errors, amplitude, phase, power and Baluev
 * false-alarm probability of each significant period, as pb_fit_select
 * chose them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/pb_cli.h"
#include "io/pb_iso8601.h"
#include "support/pb_external.h"
#include "cli/pb_cli_methods.h"
#include "cli/pb_commands.h"
#include "io/pb_csvin.h"
#include "analysis/pb_fit_select.h"
#include "cli/pb_out.h"
#include "spectral/pb_trend.h"
#include "registry.h"

#define FIT_MAX_COMPONENTS 64
#define FIT_MAX_SETS 32
#define FIT_DEFAULT_TIMEOUT 600.0 /* seconds per exchange with an external program */

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
    "  --periods K         exactly K periods, each marked significant or not; exit 2 saying why\n"
    "                      if fewer distinct ones exist in the band (default: the significant ones)\n"
    "  --fap P             significance: a period is reported when its false-alarm probability\n"
    "                      is at most P (default 1e-3) and it pays for itself by BIC\n"
    "  --errors E          ar1 (default): each +- widened (or narrowed) by the residuals' AR(1)\n"
    "                      noise spectrum at its frequency; white: white noise assumed\n"
    "  --detrend D         none, linear (default) or quadratic: a polynomial trend fitted together\n"
    "                      with the periods (in the periodogram, the refinement, the errors and\n"
    "                      the significance), by the methods with a 'trend' parameter (nlls,\n"
    "                      lomb-scargle); other methods fit none, and refuse linear or quadratic\n"
    "  --fmin F, --fmax F  frequency band, cycles per time unit (default: 2/T, i.e. at least two\n"
    "                      cycles in the span T, to the mean Nyquist frequency (N-1)/(2T))\n"
    "  --set NAME=VALUE    a parameter of the method (see 'periodbench list methods'); repeatable\n"
    "  --timeout S         wall-time limit of each exchange with an external method's program\n"
    "                      (start-up, fit, predict), seconds (default: 600); past it the program\n"
    "                      and everything it started are killed and fit exits 1 saying so\n"
    "  --csv               CSV instead of a table: period,period_err,frequency,frequency_err,\n"
    "                      amplitude,phase,power,fap,significant,kind,freq_spread,freq_low,freq_high\n"
    "  --predict TIMES.csv write the model (trend + periods) at the times of TIMES.csv's time\n"
    "                      column (same --time-col) to stdout as 'time,value' CSV ('time_utc,value'\n"
    "                      with dates: YYYY-MM-DDTHH:MM:SSZ, which fit reads back); the periods\n"
    "                      then go to stderr\n"
    "  --help              this text\n"
    "\n"
    "Missing values (empty, NA) are skipped, unsorted times sorted, duplicate times averaged;\n"
    "stderr says what was done. Phase is in radians at t = 0 (the first sample, for dates):\n"
    "value = amplitude cos(2 pi frequency t + phase). Errors are 1-sigma, from the fit's\n"
    "Jacobian scaled by the residual variance, then by --errors. No period outside the band is\n"
    "reported (a slower fitted swing is kept as part of the trend, and said). Two lines closer\n"
    "than 1/T are one period unless they beat one line with a drifting amplitude; three or more\n"
    "within 3/T of each other are one quasi-periodic band (centre, spread). A FAP below the\n"
    "double range prints as <1e-300.\n";

typedef struct fit_args {
    const char *path, *method, *detrend, *predict;
    pb_csvin_options csv;
    double fmin, fmax;
    long periods;
    double fap, timeout;
    pb_fit_errors errors;
    int csv_out;
    const char *sets[FIT_MAX_SETS];
    size_t n_sets;
} fit_args;

static int parse_fit_args(int argc, char **argv, fit_args *a)
{
    memset(a, 0, sizeof *a);
    a->method = "nlls";
    a->detrend = NULL; /* linear, where the method fits a trend */
    a->fmin = a->fmax = NAN;
    a->fap = 1e-3;
    a->timeout = FIT_DEFAULT_TIMEOUT;
    a->errors = PB_FIT_ERRORS_AR1;
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
        else if (strcmp(o, "--timeout") == 0)
            rc = pb_cli_parse_timeout(o, v, &a->timeout);
        else if (strcmp(o, "--fmin") == 0)
            rc = pb_cli_parse_nonneg(o, v, &a->fmin);
        else if (strcmp(o, "--fmax") == 0)
            rc = pb_cli_parse_nonneg(o, v, &a->fmax);
        else if (strcmp(o, "--periods") == 0)
            rc = pb_cli_parse_count(o, v, 1, 16, &a->periods);
        else if (strcmp(o, "--fap") == 0) {
            rc = pb_cli_parse_nonneg(o, v, &a->fap);
            if (!rc && !(a->fap > 0 && a->fap <= 1))
                rc = pb_cli_error(PB_EXIT_USAGE, "--fap %s: expected a probability in (0, 1]", v);
        } else if (strcmp(o, "--errors") == 0) {
            if (strcmp(v, "white") == 0)
                a->errors = PB_FIT_ERRORS_WHITE;
            else if (strcmp(v, "ar1") == 0)
                a->errors = PB_FIT_ERRORS_AR1;
            else
                rc = pb_cli_error(PB_EXIT_USAGE, "--errors %s: expected white or ar1", v);
        }
        else if (strcmp(o, "--set") == 0 && a->n_sets < FIT_MAX_SETS)
            a->sets[a->n_sets++] = v;
        else
            return pb_cli_error(PB_EXIT_USAGE, "fit: unknown option '%s' (see --help)", o);
        if (rc)
            return rc;
    }
    if (!a->path)
        return pb_cli_error(PB_EXIT_USAGE, "fit: missing FILE.csv (see --help)");
    if (a->detrend && pb_trend_degree_named(a->detrend) < 0)
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

/* The trend the method fits with the periods: --detrend, or linear by
 * default, for a method with a 'trend' parameter; none otherwise (asked
 * for explicitly, an error). NULL after saying why. */
static const char *resolve_trend(fit_args *a, const pb_method_type *m, const pb_params *p)
{
    if (pb_params_has(p, "trend"))
        return a->detrend ? a->detrend : "linear";
    if (a->detrend && strcmp(a->detrend, "none") != 0) {
        pb_cli_error(PB_EXIT_USAGE, "--detrend %s: method %s fits no trend with its periods (nlls and lomb-scargle "
                     "do); use --detrend none", a->detrend, m->name);
        return NULL;
    }
    return "none";
}

/* The method's parameters: defaults, --periods, then each --set. NULL
 * after saying why (a bad --set or --periods; allocation cannot fail here
 * in any way worth a different exit status). */
static pb_params *method_params(const pb_method_type *m, fit_args *a)
{
    pb_params *p = pb_params_alloc(m->params, m->n_params);
    char err[256];
    if (!p) {
        pb_cli_error(PB_EXIT_USAGE, "out of memory for the method's parameters");
        return NULL;
    }
    if (a->periods && !pb_params_has(p, "components")) {
        pb_cli_error(PB_EXIT_USAGE, "--periods %ld: method %s cannot be asked for a number of periods", a->periods,
                     m->name);
        pb_params_free(p);
        return NULL;
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
        if (strcmp(name, "components") == 0 || strcmp(name, "fap_max") == 0 || strcmp(name, "trend") == 0) {
            pb_cli_error(PB_EXIT_USAGE, "--set %s: fit sets it from %s", a->sets[i],
                         name[0] == 'c' ? "--periods" : name[0] == 'f' ? "--fap" : "--detrend");
            pb_params_free(p);
            return NULL;
        }
        if (pb_params_set(p, name, eq + 1, err, sizeof err)) {
            pb_cli_error(PB_EXIT_USAGE, "--set %s: %s", a->sets[i], err);
            pb_params_free(p);
            return NULL;
        }
    }
    const char *trend = resolve_trend(a, m, p);
    if (!trend || (pb_params_has(p, "trend") && pb_params_set(p, "trend", trend, err, sizeof err) != 0)) {
        pb_params_free(p);
        return NULL;
    }
    a->detrend = trend;
    if (m->validate && m->validate(p, err, sizeof err) != 0) {
        pb_cli_error(PB_EXIT_USAGE, "method %s: %s", m->name, err);
        pb_params_free(p);
        return NULL;
    }
    return p;
}

/* A probability below the double range: printed as this upper bound, never 0. */
#define FIT_FAP_FLOOR 1e-300

static void write_fap(pb_out *o, const char *fmt, const char *floor_fmt, double fap)
{
    if (fap < FIT_FAP_FLOOR)
        pb_out_text(o, floor_fmt, "<1e-300");
    else
        pb_out_num(o, "a false-alarm probability", fmt, fap);
}

/* x, or na where it does not exist (not positive or not finite: a method
 * without standard errors, or a band). */
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
    const char *period, *period_err, *freq, *freq_err, *amp, *phase, *power, *fap, *fap_floor, *na, *no_phase;
} row_style;

static const row_style csv_style = {"%.17g,", "%.6g", ",%.17g,", "%.6g", ",%.17g", ",%.17g", ",%.6g", ",%.6g", ",%s",
                                    "", ","};
static const row_style table_style = {"%15.9g ", "%11.3g", " %15.9g ", "%11.3g", " %12.6g", " %9.4f", " %8.4f",
                                      " %10.3g", " %10s", "        n/a", "       n/a"};

static void write_numbers(pb_out *o, const pb_fit_period *row, const row_style *st)
{
    const pb_component *c = &row->c;
    pb_out_num(o, "a period", st->period, 1.0 / c->freq);
    number_or_na(o, "a period's error", st->period_err, c->freq_se / (c->freq * c->freq), st->na);
    pb_out_num(o, "a frequency", st->freq, c->freq);
    number_or_na(o, "a frequency's error", st->freq_err, c->freq_se, st->na);
    pb_out_num(o, "an amplitude", st->amp, c->amp);
    if (row->kind == PB_FIT_BAND) /* its lines' phases differ: a band has none */
        pb_out_text(o, "%s", st->no_phase);
    else
        pb_out_num(o, "a phase", st->phase, c->phase);
    pb_out_num(o, "a power", st->power, row->power);
    write_fap(o, st->fap, st->fap_floor, row->fap);
}

static const char *kind_name(const pb_fit_period *row)
{
    return row->kind == PB_FIT_BAND ? "band" : row->members == 2 ? "line+sideband" : "line";
}

static void write_rows_csv(pb_out *o, const pb_fit_selection *sel)
{
    pb_out_text(o, "period,period_err,frequency,frequency_err,amplitude,phase,power,fap,significant,kind,"
                   "freq_spread,freq_low,freq_high\n");
    for (size_t j = 0; j < sel->n_rows; j++) {
        const pb_fit_period *row = &sel->rows[j];
        write_numbers(o, row, &csv_style);
        pb_out_text(o, ",%d,%s,", row->significant, kind_name(row));
        if (row->kind == PB_FIT_BAND) {
            pb_out_num(o, "a band's spread", "%.6g,", row->spread);
            pb_out_num(o, "a band's lowest frequency", "%.17g,", row->f_lo);
            pb_out_num(o, "a band's highest frequency", "%.17g\n", row->f_hi);
        } else {
            pb_out_text(o, ",,\n");
        }
    }
}

/* The note column: a forced row's significance, a band's extent, a merged sideband. */
static void row_note(const pb_fit_period *row, int forced, char *buf, size_t len)
{
    if (row->kind == PB_FIT_BAND)
        snprintf(buf, len, "quasi-periodic band: %zu lines, periods %.6g to %.6g (spread of the frequency %.3g)",
                 row->members, 1.0 / row->f_hi, 1.0 / row->f_lo, row->spread);
    else if (row->members == 2)
        snprintf(buf, len, "one line whose amplitude drifts (its sideband at period %.6g merged)", 1.0 / row->sideband);
    else
        snprintf(buf, len, "%s", forced ? (row->significant ? "significant" : "NOT significant") : "");
}

static void write_rows_table(pb_out *o, const pb_fit_selection *sel, int forced, const char *unit)
{
    pb_out_text(o, "%3s %15s %11s %15s %11s %12s %9s %8s %10s  %s\n", "#", "period", "+-", "frequency", "+-",
                "amplitude", "phase", "power", "FAP", "note");
    pb_out_text(o, "%3s %15s %11s %15s %11s\n", "", unit, "", strcmp(unit, "days") == 0 ? "per day" : "per time unit", "");
    for (size_t j = 0; j < sel->n_rows; j++) {
        char note[256];
        row_note(&sel->rows[j], forced, note, sizeof note);
        pb_out_text(o, "%3zu ", j + 1);
        write_numbers(o, &sel->rows[j], &table_style);
        pb_out_text(o, "  %s\n", note);
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
                             const void *model, const char *path)
{
    double *y = malloc((q->n ? q->n : 1) * sizeof *y);
    if (!y)
        return pb_cli_error(PB_EXIT_FAILURE, "out of memory");
    m->predict(model, q->t, q->n, y);
    pb_out o;
    pb_out_init(&o, stdout);
    pb_out_text(&o, "%s,value\n", data->dates ? "time_utc" : "time");
    for (size_t i = 0; i < q->n; i++) {
        double v = y[i] * data->value_scale;
        if (data->dates) {
            char when[32];
            if (pb_iso8601_format(data->first_epoch + q->t[i] * 86400.0, when, sizeof when) != 0)
                pb_out_refuse(&o, "a --predict time falls outside the years 0000-9999 that an ISO 8601 date holds");
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
static int check_series(const fit_args *a, const pb_csvin_series *s, long periods, int degree)
{
    size_t k = periods > 0 ? (size_t)periods : 1;
    size_t need = (size_t)(degree + 1) + 3 * k + 1;
    if (s->n < need)
        return pb_cli_error(PB_EXIT_USAGE, "%s: %zu points, fewer than the %zu needed for %zu period(s)%s", a->path,
                            s->n, need, k, degree > 0 ? " and the trend" : "");
    pb_series values = {s->n, s->t, s->y, NULL};
    char why[256];
    if (pb_series_check_variation(&values, why, sizeof why) != 0)
        return pb_cli_error(PB_EXIT_USAGE, "%s: %s", a->path, why);
    return 0;
}

/* The header's band and settings, the rows or "no significant period",
 * and the notes on what was done. */
static void write_table(pb_out *o, const fit_args *a, const pb_method_type *m, const pb_prior *prior,
                        const pb_csvin_series *s, const pb_fit_selection *sel)
{
    const char *unit = s->dates ? "days" : "time units";
    pb_out_text(o, "%s: method %s (%s%s), trend %s%s, band [", a->path, m->name, pb_status_name(sel->status),
                sel->status == PB_OK ? "" : ": see below", a->detrend,
                strcmp(a->detrend, "none") ? " (fitted with the periods)" : "");
    pb_out_num(o, "the band's lower end", "%.6g, ", prior->fmin);
    pb_out_num(o, "the band's upper end", "%.6g]", prior->fmax);
    pb_out_text(o, " per %s, ", s->dates ? "day" : "time unit");
    if (a->periods)
        pb_out_text(o, "%ld period(s) forced", a->periods);
    else
        pb_out_num(o, "the threshold", "significant: FAP <= %.3g and BIC", a->fap);
    pb_out_text(o, "\n# errors: %s", a->errors == PB_FIT_ERRORS_AR1 ? "ar1" : "white");
    pb_out_num(o, "the residuals' correlation", " (residuals' lag-1 correlation %.3f", sel->phi);
    pb_out_num(o, "the step", " at the median step %.6g", sel->step);
    pb_out_text(o, " %s%s)\n", unit,
                a->errors == PB_FIT_ERRORS_AR1 ? "; each +- widened or narrowed by the AR(1) noise at its frequency"
                                                : "; +- assume white noise");
    if (sel->n_rows > 0) {
        write_rows_table(o, sel, a->periods > 0, unit);
    } else {
        pb_out_num(o, "the threshold", "no significant period (none with FAP <= %.3g that pays for itself by BIC)",
                   a->fap);
        if (sel->have_best) {
            pb_out_num(o, "a period", "; the best candidate: period %.6g", 1.0 / sel->best.c.freq);
            pb_out_text(o, " %s, ", unit);
            write_fap(o, "FAP %.3g", "FAP %s", sel->best.fap);
        }
        pb_out_text(o, "\n");
    }
    for (size_t j = 0; j < sel->n_outside; j++)
        pb_out_num(o, "a period outside the band",
                   "# outside the band, kept in the model as part of the trend, not a period: period %.6g\n",
                   1.0 / sel->outside_freq[j]);
    if (sel->n_dropped)
        pb_out_text(o, "# %zu further component(s) fitted but not reported (%s): still in the model --predict writes\n",
                    sel->n_dropped, a->periods ? "beyond --periods" : "not significant");
    if (sel->more_components)
        pb_out_text(o, "# the method reported more than %d components: the first %d are judged, the rest stay in the "
                    "model --predict writes\n", PB_FIT_MAX_ROWS, PB_FIT_MAX_ROWS);
    pb_out_note(o, "# %s\n", sel->method_message);
}

static int run_fit(const fit_args *a, const pb_method_type *m, pb_params *mp, const pb_csvin_series *s,
                   const pb_csvin_series *q)
{
    int degree = pb_trend_degree_named(a->detrend), rc = check_series(a, s, a->periods, degree);
    if (rc)
        return rc;
    pb_series series = {s->n, s->t, s->y, s->dy};
    pb_prior prior = pb_prior_for_series(&series);
    prior.fmin = isnan(a->fmin) ? prior.fmin : a->fmin;
    prior.fmax = isnan(a->fmax) ? prior.fmax : a->fmax;
    if (!(prior.fmax > prior.fmin))
        return pb_cli_error(PB_EXIT_USAGE, "%s: the band [%g, %g] is empty", a->path, prior.fmin, prior.fmax);
    pb_fit_options opt = {a->fap, (size_t)a->periods, a->errors, degree};
    pb_fit_selection *sel = malloc(sizeof *sel);
    char err[1024] = "";
    rc = sel ? pb_fit_select(&series, &prior, m, mp, &opt, sel, err, sizeof err) : 1;
    if (rc) {
        if (sel && sel->model)
            m->free_model(sel->model);
        free(sel);
        return pb_cli_error(rc, "%s: %s", a->path, sel ? err : "out of memory");
    }
    for (size_t j = 0; j < sel->n_rows; j++)
        sel->rows[j].c.amp *= s->value_scale; /* back to the file's units (the fit ran on scaled values) */
    pb_out table;
    pb_out_init(&table, a->predict ? stderr : stdout);
    if (a->csv_out)
        write_rows_csv(&table, sel);
    else
        write_table(&table, a, m, &prior, s, sel);
    if (a->csv_out && sel->n_rows == 0) /* the CSV stays rows only; say why it has none */
        fprintf(stderr, "periodbench: %s: no significant period (FAP <= %g and BIC)\n", a->path, a->fap);
    rc = pb_out_finish(&table, a->path);
    if (rc == 0 && q)
        rc = write_predictions(s, q, m, sel->model, a->path);
    m->free_model(sel->model);
    free(sel);
    return rc;
}

int pb_cmd_fit(int argc, char **argv)
{
    fit_args a;
    int rc = parse_fit_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? PB_EXIT_OK : rc;
    pb_external_set_timeout(a.timeout);
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
