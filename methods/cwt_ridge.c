/* cwt-ridge: the Morlet continuous wavelet transform (pb_cwt, FFTW) over
 * the prior band, its ridge (pb_ridge) giving the instantaneous period,
 * amplitude and phase. Inside the reliable stretch (outside the cone of
 * influence) the prediction is the ridge's local sinusoid; beyond it, on
 * either side and outside the window, the rhythm continues from the
 * stretch's last (first) cycle: its amplitude, phase and mean frequency.
 * Uniform sampling only. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wavelet/pb_cwt.h"
#include "contract/pb_method.h"
#include "wavelet/pb_ridge.h"

static const pb_param_def cwt_ridge_params[] = {
    {"omega0", PB_PARAM_REAL, "6", 2, 40, NULL,
     "Morlet centre frequency w0 (6: Torrence & Compo; 2 pi: pyBOAT); larger = finer in frequency, coarser in time"},
    {"voices", PB_PARAM_INT, "32", 4, 256, NULL, "scales per octave"},
    {"penalty", PB_PARAM_REAL, "0", 0, 1e6, NULL,
     "ridge continuity: 0 takes the maximum at each time; > 0 penalises scale jumps (penalty * jump^2 per sample, "
     "jump in scale indices) against log power"},
    {"edge", PB_PARAM_REAL, "1.5", 0.1, 10, NULL,
     "the reliable stretch starts this many cone-of-influence half-widths (sqrt(2) s) from each end"},
    {"max_cells", PB_PARAM_REAL, "2e7", 1e3, 1e9, NULL,
     "penalty > 0 (the path needs the whole transform): largest transform attempted (samples x scales; 16 "
     "bytes each); above it: unsupported"},
};

typedef struct cwt_model {
    double t0, dt, offset;
    size_t n, lo, hi;
    double f_before, f_after; /* mean frequency over the first / last reliable cycle */
    double *amp, *phase, *freq;
} cwt_model;

static void cwt_model_free(void *model)
{
    cwt_model *m = model;
    if (!m)
        return;
    free(m->amp);
    free(m->phase);
    free(m->freq);
    free(m);
}

/* Geometric scales whose Fourier periods cover [pmin, pmax]. */
static size_t band_scales(double pmin, double pmax, double omega0, long voices, double **scale)
{
    double factor = pb_cwt_fourier_factor(omega0);
    size_t s = (size_t)ceil(log2(pmax / pmin) * (double)voices) + 1;
    *scale = malloc(s * sizeof **scale);
    if (!*scale)
        return 0;
    for (size_t j = 0; j < s; j++)
        (*scale)[j] = pmin / factor * exp2((double)j / (double)voices);
    return s;
}

/* Mean frequency over one cycle of the ridge from index a towards b. */
static double cycle_frequency(const pb_ridge *r, size_t a, int towards_end, double dt)
{
    size_t len = (size_t)fmax(1.0, round(r->period[a] / dt));
    size_t b;
    if (towards_end)
        b = a + len < r->n ? a + len : r->n - 1;
    else
        b = a >= len ? a - len : 0;
    if (a == b)
        return r->freq[a];
    return fabs(r->phase[a] - r->phase[b]) / (2.0 * M_PI * dt * fabs((double)a - (double)b));
}

static pb_status cwt_ridge_fit(const pb_series *train, const pb_prior *prior, const pb_params *params, gsl_rng *rng,
                               void **model, pb_fit_report *report)
{
    (void)rng;
    *model = NULL;
    if (pb_series_check(train, 8, report->message, sizeof report->message) != 0)
        return PB_BAD_INPUT;
    size_t n = train->n;
    double span = pb_series_time_span(train), dt = pb_series_uniform_step(train);
    if (!(dt > 0)) {
        snprintf(report->message, sizeof report->message,
                 "needs uniform sampling (the transform is an FFT convolution; irregular times are not resampled)");
        return PB_UNSUPPORTED;
    }
    double omega0 = pb_params_real(params, "omega0");
    double pmin = fmax(2.0 * dt, prior->fmax > 0 ? 1.0 / prior->fmax : 2.0 * dt);
    double pmax = fmin(span / 2.0, prior->fmin > 0 ? 1.0 / prior->fmin : span / 2.0);
    if (!(pmax > pmin)) {
        snprintf(report->message, sizeof report->message, "no period of the band [%g, %g] fits twice in the span %g",
                 prior->fmin, prior->fmax, span);
        return PB_UNSUPPORTED;
    }
    double *scale = NULL, penalty = pb_params_real(params, "penalty");
    size_t S = band_scales(pmin, pmax, omega0, pb_params_int(params, "voices"), &scale);
    if (penalty > 0 && (double)S * (double)n > pb_params_real(params, "max_cells")) {
        free(scale);
        snprintf(report->message, sizeof report->message, "the transform needs %zu x %zu = %.3g cells > max_cells %.3g",
                 n, S, (double)S * (double)n, pb_params_real(params, "max_cells"));
        return PB_UNSUPPORTED;
    }
    double mean = 0;
    double *y = malloc(n * sizeof *y);
    cwt_model *m = calloc(1, sizeof *m);
    if (!scale || !y || !m) {
        free(scale);
        free(y);
        free(m);
        return PB_OUT_OF_MEMORY;
    }
    for (size_t i = 0; i < n; i++)
        mean += train->y[i] / (double)n;
    for (size_t i = 0; i < n; i++)
        y[i] = train->y[i] - mean;
    pb_cwt c;
    pb_ridge r;
    double edge = pb_params_real(params, "edge");
    int rc;
    if (penalty == 0) { /* the maximum at each time needs one scale at a time: O(n) memory */
        rc = pb_ridge_extract_streaming(y, n, dt, omega0, scale, S, edge, &r);
    } else if ((rc = pb_cwt_morlet(y, n, dt, omega0, scale, S, &c)) == 0) {
        rc = pb_ridge_extract(&c, penalty, edge, &r);
        pb_cwt_free(&c);
    }
    free(y);
    free(scale);
    if (rc != 0) {
        free(m);
        return rc == -2 ? PB_OUT_OF_MEMORY : PB_INTERNAL_ERROR;
    }
    *m = (cwt_model){train->t[0], dt, mean, n, r.lo, r.hi, 0, 0, r.amp, r.phase, r.freq};
    int reliable = r.lo <= r.hi;
    if (!reliable) /* the ridge's scale is too large for any point to escape the cone: use the middle */
        m->lo = m->hi = n / 2;
    m->f_before = cycle_frequency(&r, m->lo, 1, dt);
    m->f_after = cycle_frequency(&r, m->hi, 0, dt);
    double p_mid = r.period[(m->lo + m->hi) / 2];
    free(r.period);
    report->iterations = (long)S;
    snprintf(report->message, sizeof report->message,
             "%zu scales; ridge period %.6g mid-window, %.6g at the reliable end; reliable stretch [%zu, %zu] of %zu%s",
             S, p_mid, 1.0 / m->f_after, m->lo, m->hi, n, reliable ? "" : " (none: the cone covers the window)");
    *model = m;
    return PB_OK;
}

static pb_status cwt_ridge_predict(const void *model, const double *t, size_t n, double *y)
{
    const cwt_model *m = model;
    for (size_t k = 0; k < n; k++) {
        double x = (t[k] - m->t0) / m->dt;
        size_t i;
        double f;
        if (x < (double)m->lo) {
            i = m->lo;
            f = m->f_before;
        } else if (x > (double)m->hi) {
            i = m->hi;
            f = m->f_after;
        } else {
            i = (size_t)llround(x);
            f = m->freq[i];
        }
        double ti = m->t0 + (double)i * m->dt;
        y[k] = m->offset + m->amp[i] * cos(m->phase[i] + 2.0 * M_PI * f * (t[k] - ti));
    }
    return PB_OK;
}

/* One component: the mean frequency over the reliable stretch. */
static size_t cwt_ridge_components(const void *model, pb_component *out, size_t max)
{
    const cwt_model *m = model;
    if (max == 0)
        return 0;
    double f = m->hi > m->lo ? (m->phase[m->hi] - m->phase[m->lo]) / (2.0 * M_PI * m->dt * (double)(m->hi - m->lo))
                             : m->freq[m->lo];
    double t_lo = m->t0 + (double)m->lo * m->dt;
    out[0] = (pb_component){fabs(f), m->amp[(m->lo + m->hi) / 2], remainder(m->phase[m->lo] - 2.0 * M_PI * f * t_lo, 2.0 * M_PI), 0};
    return 1;
}

const pb_method_type pb_method_cwt_ridge = {
    "cwt-ridge", "wavelet",
    "Morlet wavelet transform (FFTW), ridge = instantaneous period, amplitude, phase; continues the last cycle",
    cwt_ridge_params, sizeof cwt_ridge_params / sizeof cwt_ridge_params[0],
    cwt_ridge_fit, cwt_ridge_predict, cwt_ridge_components, cwt_model_free,
    0, NULL /* validate */
};
