#include "spectral/pb_spectrum.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spectral/pb_fftspec.h"
#include "spectral/pb_gls.h"
#include "spectral/pb_grid.h"

/* Least points for a floating-mean sinusoid fit (offset, cos, sin) plus one. */
#define SPECTRUM_MIN_POINTS 4
/* How far rounding may take a power outside [0, 1] before it is refused. */
#define POWER_SLACK 1e-9

static int alloc_spectrum(pb_spectrum *sp, size_t m)
{
    sp->m = m;
    sp->note = NULL;
    sp->freq = malloc((m ? m : 1) * sizeof *sp->freq);
    sp->power = malloc((m ? m : 1) * sizeof *sp->power);
    return sp->freq && sp->power ? 0 : -1;
}

void pb_spectrum_free(pb_spectrum *sp)
{
    free(sp->freq);
    free(sp->power);
    memset(sp, 0, sizeof *sp);
}

static int powers_in_range(const pb_spectrum *out)
{
    for (size_t j = 0; j < out->m; j++)
        if (!(out->power[j] >= -POWER_SLACK && out->power[j] <= 1 + POWER_SLACK))
            return 0;
    return 1;
}

/* Normalised power is in [0, 1]: a rounding excursion (within POWER_SLACK)
 * is clamped; anything else means sums the series cannot carry, and there is
 * no answer rather than a wrong one. */
static int check_power(pb_spectrum *out, int nterms, size_t n, char *err, size_t errlen)
{
    for (size_t j = 0; j < out->m; j++) {
        double p = out->power[j];
        if (p >= -POWER_SLACK && p <= 1 + POWER_SLACK) {
            out->power[j] = fmin(fmax(p, 0.0), 1.0);
            continue;
        }
        if (nterms > 1) /* the usual cause: 2 nterms + 1 columns nearly dependent at some frequency */
            snprintf(err, errlen, "the power at frequency %.17g came out %.17g, outside [0, 1]: the model of %d "
                     "parameters (nterms %d) is too ill-conditioned on %zu points for double arithmetic; use a "
                     "smaller --nterms or more points", out->freq[j], p, 2 * nterms + 1, nterms, n);
        else
            snprintf(err, errlen, "the power at frequency %.17g came out %.17g, outside [0, 1]: sums this series' "
                     "values cannot carry in double arithmetic (or, for lomb-scargle on a grid too large for exact "
                     "sums, the fast sums' tolerance; try --method ls-direct on a narrower band)", out->freq[j], p);
        pb_spectrum_free(out);
        return -1;
    }
    return 0;
}

static int fft_spectrum(const pb_series *s, const pb_spectrum_request *req, double f_hi, pb_spectrum *out, char *err,
                        size_t errlen)
{
    double dt = (s->t[s->n - 1] - s->t[0]) / (double)(s->n - 1);
    size_t off;
    if (!pb_series_is_uniform(s, dt, &off)) {
        snprintf(err, errlen, "the FFT periodogram needs uniformly spaced times (sample %zu is off the grid); "
                              "use --method ls-direct", off + 1);
        return -1;
    }
    if (req->nfreq) {
        snprintf(err, errlen, "--nfreq does not apply to the FFT periodogram (its grid is the FFT's)");
        return -1;
    }
    size_t pad = (size_t)fmax(1.0, nearbyint(req->samples_per_peak));
    pb_fftspec *spec = pb_fftspec_alloc(s->n, pad, PB_WINDOW_RECT);
    double *power = spec ? malloc(pb_fftspec_bins(spec) * sizeof *power) : NULL;
    if (!spec || !power) {
        snprintf(err, errlen, "out of memory for the FFT of %zu points padded %zu times", s->n, pad);
        pb_fftspec_free(spec);
        free(power);
        return -2;
    }
    pb_fftspec_ls_power(spec, s->y, power);
    double bin = 1.0 / ((double)(s->n * pad) * dt);
    size_t lo = (size_t)ceil(fmax(req->fmin, bin) / bin), hi = (size_t)floor(f_hi / bin);
    if (hi >= pb_fftspec_bins(spec))
        hi = pb_fftspec_bins(spec) - 1;
    int rc = 0;
    if (hi < lo) {
        snprintf(err, errlen, "no FFT bin in the band [%g, %g]", req->fmin, f_hi);
        rc = -1;
    } else if (alloc_spectrum(out, hi - lo + 1) != 0) {
        snprintf(err, errlen, "out of memory for %zu FFT bins", hi - lo + 1);
        rc = -2;
    } else {
        for (size_t j = lo; j <= hi; j++) {
            out->freq[j - lo] = (double)j * bin;
            out->power[j - lo] = power[j];
        }
    }
    pb_fftspec_free(spec);
    free(power);
    return rc ? rc : check_power(out, 1, s->n, err, errlen);
}

int pb_spectrum_compute(const pb_series *s, const pb_spectrum_request *req, pb_spectrum *out, char *err,
                        size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (s->n < SPECTRUM_MIN_POINTS) {
        snprintf(err, errlen, "too few points: %zu (a sinusoid with an offset needs at least %d)", s->n,
                 SPECTRUM_MIN_POINTS);
        return -1;
    }
    if (s->n < 2 * (size_t)req->nterms + 2) { /* an offset and 2 nterms columns, and one degree of freedom left */
        snprintf(err, errlen, "too few points for nterms %d: %zu (the model has %d parameters; at least %d points)",
                 req->nterms, s->n, 2 * req->nterms + 1, 2 * req->nterms + 2);
        return -1;
    }
    if (pb_series_check_variation(s, err, errlen) != 0)
        return -1;
    double span = s->t[s->n - 1] - s->t[0];
    double fmax = isnan(req->fmax) ? 0.5 * (double)(s->n - 1) / span : req->fmax;
    if (strcmp(req->method, "periodogram") == 0) {
        if (s->dy || req->nterms != 1) {
            snprintf(err, errlen, "the FFT periodogram takes no %s (use lomb-scargle or ls-direct)",
                     s->dy ? "measurement errors" : "harmonics");
            return -1;
        }
        return fft_spectrum(s, req, fmax, out, err, errlen);
    }
    pb_grid g;
    int bad = req->nfreq ? pb_grid_fixed(req->fmin, fmax, req->nfreq, &g)
                         : pb_grid_auto(span, req->samples_per_peak, req->fmin, fmax, &g);
    if (req->nfreq && (bad == -1 || req->fmin <= 0)) {
        snprintf(err, errlen, "empty band: fmin %g, fmax %g (with --nfreq, fmin must be > 0)", req->fmin, fmax);
        return -1;
    }
    if (bad == -1) {
        snprintf(err, errlen, "no grid frequency in the band [%g, %g]: the step 1/(S T) = %.3g (S = %g samples per "
                 "peak, T = %.3g) is wider than it; raise --samples-per-peak or widen the band", req->fmin, fmax,
                 1.0 / (req->samples_per_peak * span), req->samples_per_peak, span);
        return -1;
    }
    if (bad == -2 || (double)g.m > PB_GRID_MAX_FREQS) {
        snprintf(err, errlen, "the grid would have %s%.3g frequencies (span %.3g, band [%g, %g], step %.3g), more "
                 "than the %.3g allowed: narrow the band (--fmin, --fmax) or lower --samples-per-peak or --nfreq",
                 bad == -2 ? "more than " : "", bad == -2 ? 1e15 : (double)g.m, span, g.f0, fmax, g.df,
                 PB_GRID_MAX_FREQS);
        return -1;
    }
    if (strcmp(req->method, "ls-direct") == 0 && (double)g.m * (double)s->n > PB_GRID_MAX_EXACT_OPS) {
        snprintf(err, errlen, "exact sums over %zu frequencies x %zu samples = %.3g pairs, more than the %.3g "
                 "allowed: use --method lomb-scargle (fast sums), or narrow the band or the grid", g.m, s->n,
                 (double)g.m * (double)s->n, PB_GRID_MAX_EXACT_OPS);
        return -1;
    }
    pb_gls_data d;
    int rc = pb_gls_data_init(&d, s) == 0 ? -2 : -3;
    d.nterms = req->nterms;
    if (rc == -2 && alloc_spectrum(out, g.m) == 0)
        rc = strcmp(req->method, "lomb-scargle") == 0 ? pb_gls_power_fast(&d, g.f0, g.df, g.m, PB_GLS_FAST_TOL, out->power)
                                                      : pb_gls_power_grid(&d, g.f0, g.df, g.m, out->power);
    if (rc != -3)
        pb_gls_data_free(&d);
    if (rc != 0) {
        snprintf(err, errlen, "out of memory for the %zu-frequency grid and its sums", g.m);
        pb_spectrum_free(out);
        return -2;
    }
    for (size_t j = 0; j < g.m; j++)
        out->freq[j] = g.f0 + (double)j * g.df;
    if (strcmp(req->method, "lomb-scargle") == 0 && !powers_in_range(out) &&
        (double)g.m * (double)s->n <= PB_GRID_MAX_EXACT_OPS) {
        /* The fast sums' tolerance fails on some times (clusters far apart): the exact sums answer instead. */
        rc = pb_gls_data_init(&d, s) == 0 ? 0 : -2;
        d.nterms = req->nterms;
        if (rc == 0) {
            rc = pb_gls_power_grid(&d, g.f0, g.df, g.m, out->power);
            pb_gls_data_free(&d);
        }
        if (rc != 0) {
            snprintf(err, errlen, "out of memory for the exact sums");
            pb_spectrum_free(out);
            return -2;
        }
        out->note = "the fast sums left [0, 1] on these times: the exact sums (ls-direct) were used";
    }
    return check_power(out, req->nterms, s->n, err, errlen);
}
