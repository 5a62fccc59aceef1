/* periodbench periodogram FILE.csv: frequency,power of a person's own series
 * (standard normalisation, as astropy's LombScargle(t, y[, dy]).power(f)). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/pb_cli.h"
#include "cli/pb_commands.h"
#include "io/pb_csvin.h"
#include "cli/pb_out.h"
#include "spectral/pb_fftspec.h"
#include "spectral/pb_gls.h"
#include "spectral/pb_gls_harmonics.h"
#include "spectral/pb_grid.h"
#include "spectral/pb_spectrum.h"

static const char periodogram_usage[] =
    "usage: periodbench periodogram FILE.csv [OPTIONS]\n"
    "\n"
    "Writes the periodogram of a series as 'frequency,power' CSV on stdout (%.17g).\n"
    "Power: the generalized Lomb-Scargle power, standard normalisation, in [0, 1]\n"
    "(astropy's LombScargle(t, y).power(f) with default options; with --err-col,\n"
    "LombScargle(t, y, dy): every sum weighted by 1/dy^2, around the weighted mean;\n"
    "with --nterms K, LombScargle(t, y, nterms=K): an offset and K harmonics of f).\n"
    "\n"
    "  --time-col C          time column, name or 1-based index (default: 1); numbers or ISO 8601\n"
    "                        dates (then frequency is in cycles per day)\n"
    "  --value-col C         value column, name or 1-based index (default: 2)\n"
    "  --err-col C           column of the values' standard errors (default: none, unweighted);\n"
    "                        rows without one are skipped, each must be a positive number\n"
    "  --method M            lomb-scargle (fast sums by a non-uniform FFT, within 1e-9 of exact;\n"
    "                        default), ls-direct (exact O(N M) sums) or periodogram (FFT; uniform\n"
    "                        sampling only; its grid is the FFT's: j / (pad N dt), pad = samples per peak;\n"
    "                        its power the classic Lomb-Scargle one, mean removed, no floating offset)\n"
    "  --fmin F, --fmax F    band (default: one grid step to the mean Nyquist frequency (N-1)/(2T))\n"
    "  --nfreq M             M frequencies from fmin to fmax (lomb-scargle, ls-direct)\n"
    "  --samples-per-peak S  grid step 1/(S T) (default 5)\n"
    "  --nterms K            harmonics of each frequency in the model, 1 .. 16 (default 1)\n"
    "  --repeat K            compute K times, write once (to time the computation)\n"
    "  --help                this text\n";

typedef struct periodogram_args {
    const char *path, *method;
    pb_csvin_options csv;
    double fmin, fmax, spp;
    long nfreq, repeat, nterms;
} periodogram_args;

static int parse_periodogram_args(int argc, char **argv, periodogram_args *a)
{
    *a = (periodogram_args){NULL, "lomb-scargle", {NULL, NULL, NULL, 0, 0, 0}, 0, NAN, 5, 0, 1, 1};
    for (int i = 1; i < argc; i++) {
        const char *o = NULL, *v = NULL;
        pb_cli_arg_kind kind = pb_cli_csv_command_arg("periodogram", argc, argv, &i, &a->path, &a->csv, &o, &v);
        if (kind == PB_CLI_ARG_HELP) {
            fputs(periodogram_usage, stdout);
            return -1;
        }
        if (kind == PB_CLI_ARG_ERROR)
            return PB_EXIT_USAGE;
        if (kind == PB_CLI_ARG_TAKEN)
            continue;
        int rc = 0;
        if (strcmp(o, "--method") == 0)
            a->method = v;
        else if (strcmp(o, "--fmin") == 0)
            rc = pb_cli_parse_nonneg(o, v, &a->fmin);
        else if (strcmp(o, "--fmax") == 0)
            rc = pb_cli_parse_nonneg(o, v, &a->fmax);
        else if (strcmp(o, "--samples-per-peak") == 0)
            rc = pb_cli_parse_nonneg(o, v, &a->spp);
        else if (strcmp(o, "--nfreq") == 0)
            rc = pb_cli_parse_count(o, v, 2, (long)PB_GRID_MAX_FREQS, &a->nfreq);
        else if (strcmp(o, "--repeat") == 0)
            rc = pb_cli_parse_count(o, v, 1, 1000000L, &a->repeat);
        else if (strcmp(o, "--nterms") == 0)
            rc = pb_cli_parse_count(o, v, 1, PB_GLS_MAX_NTERMS, &a->nterms);
        else
            return pb_cli_error(PB_EXIT_USAGE, "periodogram: unknown option '%s' (see --help)", o);
        if (rc)
            return rc;
    }
    if (!a->path)
        return pb_cli_error(PB_EXIT_USAGE, "periodogram: missing FILE.csv (see --help)");
    if (strcmp(a->method, "lomb-scargle") != 0 && strcmp(a->method, "ls-direct") != 0 &&
        strcmp(a->method, "periodogram") != 0)
        return pb_cli_error(PB_EXIT_USAGE, "--method %s: expected lomb-scargle, ls-direct or periodogram", a->method);
    if (!isnan(a->fmax) && a->fmin >= a->fmax)
        return pb_cli_error(PB_EXIT_USAGE, "--fmin %g is not below --fmax %g: the band is empty (swapped?)", a->fmin,
                            a->fmax);
    if (!(a->spp > 0) || a->spp > 1e4)
        return pb_cli_error(PB_EXIT_USAGE, "--samples-per-peak %g: expected a number in (0, 1e4]", a->spp);
    return 0;
}

static int write_spectrum(const pb_spectrum *sp, const char *path)
{
    pb_out o;
    pb_out_init(&o, stdout);
    pb_out_text(&o, "frequency,power\n");
    for (size_t j = 0; j < sp->m; j++) {
        pb_out_num(&o, "a frequency", "%.17g,", sp->freq[j]);
        pb_out_num(&o, "a power", "%.17g\n", sp->power[j]);
    }
    return pb_out_finish(&o, path);
}

int pb_cmd_periodogram(int argc, char **argv)
{
    periodogram_args a;
    int rc = parse_periodogram_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? PB_EXIT_OK : rc;
    pb_csvin_series s;
    char err[600] = "";
    if (pb_csvin_read(a.path, &a.csv, &s, err, sizeof err) != 0)
        return pb_cli_error(PB_EXIT_USAGE, "%s", err);
    pb_series series = {s.n, s.t, s.y, s.dy};
    pb_spectrum_request req = {a.method, a.fmin, a.fmax, a.spp, (size_t)a.nfreq, (int)a.nterms};
    pb_spectrum sp = {0, NULL, NULL, NULL};
    for (long k = 0; k < a.repeat && rc == 0; k++) {
        pb_spectrum_free(&sp);
        rc = pb_spectrum_compute(&series, &req, &sp, err, sizeof err);
    }
    if (rc == 0)
        pb_csvin_describe(&s, a.path, stderr); /* what was done to the data */
    if (rc == 0 && sp.note)
        fprintf(stderr, "periodbench: %s: %s\n", a.path, sp.note);
    pb_csvin_free(&s);
    if (rc != 0)
        return pb_cli_error(rc == -2 ? PB_EXIT_FAILURE : PB_EXIT_USAGE, "%s: %s", a.path, err);
    rc = write_spectrum(&sp, a.path);
    pb_spectrum_free(&sp);
    return rc;
}
