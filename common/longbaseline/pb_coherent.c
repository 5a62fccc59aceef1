#include "longbaseline/pb_coherent.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "spectral/pb_crlb.h"
#include "spectral/pb_gls.h"
#include "spectral/pb_grid.h"
#include "spectral/pb_lsq.h"
#include "spectral/pb_peaks.h"
#include "spectral/pb_schuster.h"

#define COHERENT_MAX_CANDIDATES 16
/* Stages every candidate goes through before only the best goes on. */
#define COHERENT_SHARED_STAGES 2
/* Fewest points in the first stretch: enough for its highest peak to stand
 * out of ~1e7 noise peaks. */
#define COHERENT_MIN_FIRST_POINTS 128
/* Largest first-stretch grid (computed in chunks of first_freqs, so memory
 * stays bounded): a time limit, ~15 s per 10^8 frequencies on one core
 * (clock, 2^12 samples: 2.9e8). */
#define COHERENT_MAX_FIRST_FREQS 1e9

/* Standard error of a sinusoid's frequency fitted to s at f: the
 * Cramer-Rao expression with the residual variance as the noise. */
static double frequency_sigma(const pb_series *s, double f)
{
    pb_component c;
    double offset, rss;
    if (pb_lsq_fit(s, &f, 1, &c, &offset, &rss) != 0 || c.amp <= 0)
        return INFINITY;
    double noise_sd = sqrt(rss / (double)(s->n > 3 ? s->n - 3 : 1));
    return sqrt(pb_crlb_tone_freq_var(noise_sd, c.amp, s->t, s->n));
}

/* Points of s with t < t[0] + span (s is sorted). */
static size_t prefix_within(const pb_series *s, double span)
{
    double limit = s->t[0] + span;
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->t[mid] <= limit)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Exact power maximum within +-half_width of f on the first n points. */
static int refine_on_prefix(const pb_series *s, size_t n, const pb_prior *prior, double f, double half_width,
                            double *f_out, double *power, long *evals)
{
    pb_series part = {n, s->t, s->y, s->dy};
    pb_gls_data d;
    if (pb_gls_data_init(&d, &part) != 0)
        return -1;
    *f_out = pb_gls_refine_peak(&d, f, half_width, prior->fmin, prior->fmax, PB_GLS_REFINE_TOL, evals);
    *power = pb_gls_power(&d, *f_out);
    pb_gls_data_free(&d);
    return 0;
}

/* Follows one candidate from n points on, for at most max_stages stages
 * (appending to r's stages) or to the whole span. */
static int follow(const pb_series *s, const pb_prior *prior, const pb_coherent_options *opt, size_t n0, double f0,
                  size_t max_stages, pb_coherent_result *r)
{
    double total = pb_series_time_span(s);
    size_t n = n0;
    double f = f0, power = 0;
    for (size_t done = 0; done < max_stages; done++) {
        pb_series part = {n, s->t, s->y, s->dy};
        double span = pb_series_time_span(&part);
        if (refine_on_prefix(s, n, prior, f, 0.5 / span, &f, &power, &r->evaluations) != 0)
            return -1;
        double sigma = frequency_sigma(&part, f);
        if (r->n_stages < PB_COHERENT_MAX_STAGES)
            r->stage[r->n_stages++] = (pb_coherent_stage){n, span, f, sigma, power};
        r->freq = f;
        r->sigma = sigma;
        r->power = power;
        if (n == s->n || !isfinite(sigma) || sigma <= 0) {
            r->next_n = 0; /* finished */
            break;
        }
        /* Next stretch: as long as the phase error sigma * span stays within the margin. */
        double next = opt->phase_margin / sigma;
        if (next <= span * 1.01)
            next = span * 1.01; /* always progress: the refinement re-centres within half a peak */
        size_t n_next = next >= total ? s->n : prefix_within(s, next);
        if (n_next <= n)
            n_next = n + 1 < s->n ? n + 1 : s->n;
        n = n_next;
        r->next_n = n;
    }
    return 0;
}

/* Merges the top peaks of one chunk (power[idx[j]], j < got, at f0 + idx df)
 * into the sorted list of the k best so far (found of them). */
static void merge_peaks(const double *power, const size_t *idx, size_t got, double f0, double df, size_t k,
                        size_t *found, double *best_p, double *freqs)
{
    for (size_t j = 0; j < got; j++) {
        double p = power[idx[j]];
        if (*found == k && p <= best_p[k - 1])
            continue;
        size_t pos = *found < k ? (*found)++ : k - 1;
        while (pos > 0 && best_p[pos - 1] < p) {
            best_p[pos] = best_p[pos - 1];
            freqs[pos] = freqs[pos - 1];
            pos--;
        }
        best_p[pos] = p;
        freqs[pos] = f0 + (double)idx[j] * df;
    }
}

/* The top-k peaks of the first stretch's periodogram over the whole band,
 * highest power first. A grid of at most chunk frequencies is the exact
 * Lomb-Scargle power; a longer one (sparse data: the stretch spans long) is
 * ranked in chunks of chunk frequencies (memory stays bounded) on the
 * Schuster power, a third of the work, which the stages' exact power then
 * refines. Returns how many were found (0: out of memory). */
static size_t first_stretch_peaks(const pb_series *first, const pb_grid *g, size_t chunk, double tol, size_t k,
                                  double *freqs)
{
    if (chunk > g->m)
        chunk = g->m;
    double *power = malloc(chunk * sizeof *power), best_p[COHERENT_MAX_CANDIDATES];
    size_t idx[COHERENT_MAX_CANDIDATES], found = 0;
    pb_gls_data d;
    pb_schuster *plan = g->m > chunk ? pb_schuster_alloc(chunk, tol) : NULL; /* one plan for every chunk */
    if (!power || (g->m > chunk && !plan) || pb_gls_data_init(&d, first) != 0) {
        free(power);
        pb_schuster_free(plan);
        return 0;
    }
    for (size_t start = 0; start < g->m; start += chunk) {
        size_t m = g->m - start < chunk ? g->m - start : chunk;
        double f0 = g->f0 + (double)start * g->df;
        /* the last, shorter chunk is shifted back to end at the grid's end */
        if (plan && m < chunk) {
            f0 = g->f0 + (double)(g->m - chunk) * g->df;
            start = g->m - chunk;
            m = chunk;
        }
        if (plan ? pb_schuster_power(plan, &d, f0, g->df, power) : pb_gls_power_fast(&d, f0, g->df, m, tol, power)) {
            found = 0;
            break;
        }
        size_t got = pb_peaks_top(power, m, k, idx);
        merge_peaks(power, idx, got, f0, g->df, k, &found, best_p, freqs);
    }
    pb_gls_data_free(&d);
    pb_schuster_free(plan);
    free(power);
    return found;
}

pb_status pb_coherent_search(const pb_series *s, const pb_prior *prior, const pb_coherent_options *opt,
                             pb_coherent_result *res, char *msg, size_t msglen)
{
    /* First stretch: the longest whose full-band grid has at most first_freqs
     * frequencies, but at least COHERENT_MIN_FIRST_POINTS points (sparse data
     * need a longer stretch; its grid is then computed in chunks). */
    double first_span = opt->first_freqs / (opt->samples_per_peak * (prior->fmax - prior->fmin));
    size_t n0 = prefix_within(s, first_span);
    if (n0 < COHERENT_MIN_FIRST_POINTS)
        n0 = s->n < COHERENT_MIN_FIRST_POINTS ? s->n : COHERENT_MIN_FIRST_POINTS;
    pb_series first = {n0, s->t, s->y, s->dy};
    pb_grid g;
    int grid = pb_grid_auto(pb_series_time_span(&first), opt->samples_per_peak, prior->fmin, prior->fmax, &g);
    if (grid == -1) {
        snprintf(msg, msglen, "empty prior band [%g, %g]", prior->fmin, prior->fmax);
        return PB_BAD_INPUT;
    }
    if (grid == -2 || (double)g.m > COHERENT_MAX_FIRST_FREQS) {
        snprintf(msg, msglen, "the first %zu samples span %.3g: their grid needs %s%.3g frequencies (> %.3g)", n0,
                 pb_series_time_span(&first), grid == -2 ? "more than " : "", grid == -2 ? 1e15 : (double)g.m,
                 COHERENT_MAX_FIRST_FREQS);
        return PB_UNSUPPORTED;
    }
    double cand[COHERENT_MAX_CANDIDATES];
    size_t k = opt->candidates < COHERENT_MAX_CANDIDATES ? (size_t)opt->candidates : COHERENT_MAX_CANDIDATES;
    size_t found = first_stretch_peaks(&first, &g, (size_t)opt->first_freqs, opt->tol, k, cand);
    /* Every candidate through the first stages; the one with the highest power
     * then goes on alone to the whole span. */
    pb_coherent_result trial;
    res->power = -1;
    long evals = 0;
    for (size_t c = 0; c < found; c++) {
        trial.evaluations = 0;
        trial.n_stages = 0;
        if (follow(s, prior, opt, n0, cand[c], COHERENT_SHARED_STAGES, &trial) != 0) {
            snprintf(msg, msglen, "out of memory");
            return PB_OUT_OF_MEMORY;
        }
        evals += trial.evaluations;
        if (trial.power > res->power)
            *res = trial;
    }
    if (found == 0) {
        snprintf(msg, msglen, "no peak in the first stretch's periodogram (or out of memory)");
        return PB_OUT_OF_MEMORY;
    }
    res->evaluations = 0;
    if (res->next_n && follow(s, prior, opt, res->next_n, res->freq, PB_COHERENT_MAX_STAGES, res) != 0) {
        snprintf(msg, msglen, "out of memory");
        return PB_OUT_OF_MEMORY;
    }
    res->evaluations += evals;
    return PB_OK;
}
