#include "nlls/pb_nlls.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit_nlinear.h>

#include "nlls/pb_tone_lm.h"
#include "spectral/pb_lsq.h"
#include "base/pb_phase.h"

/* GSL's stopping tests: a step below 1e-12 of each parameter, or a scaled
 * gradient below 1e-12; tighter than the statistical error at any SNR. */
#define PB_NLLS_XTOL 1e-12
#define PB_NLLS_GTOL 1e-12

/* Parameter layout: x[0] = c, x[1..D] the trend's; fundamental j occupies
 * the block starting at 1 + D + j (1 + 2H): f_j, then a_j1, b_j1, ...,
 * a_jH, b_jH. */
typedef struct nlls_problem {
    size_t n, k, h, d;
    const double *tau; /* t - t_mid */
    double tau_half;   /* the trend's x = tau / tau_half */
    const double *y;
    const double *dy;  /* standard errors (weights 1/dy^2), or NULL */
} nlls_problem;

static size_t block_of(const nlls_problem *p, size_t j)
{
    return 1 + p->d + j * (1 + 2 * p->h);
}

/* The trend's part of the model at tau[i] (0 without one). */
static double trend_at(const nlls_problem *p, const gsl_vector *x, size_t i)
{
    double v = 0, u = p->d ? p->tau[i] / p->tau_half : 0, up = u;
    for (size_t q = 1; q <= p->d; q++, up *= u)
        v += gsl_vector_get(x, q) * up;
    return v;
}

static int residual_f(const gsl_vector *x, void *params, gsl_vector *f)
{
    const nlls_problem *p = params;
    for (size_t i = 0; i < p->n; i++) {
        double v = gsl_vector_get(x, 0) + trend_at(p, x, i);
        for (size_t j = 0; j < p->k; j++) {
            size_t b = block_of(p, j);
            double w = 2.0 * M_PI * gsl_vector_get(x, b) * p->tau[i];
            for (size_t h = 1; h <= p->h; h++)
                v += gsl_vector_get(x, b + 2 * h - 1) * cos((double)h * w) +
                     gsl_vector_get(x, b + 2 * h) * sin((double)h * w);
        }
        gsl_vector_set(f, i, v - p->y[i]);
    }
    return GSL_SUCCESS;
}

static int residual_df(const gsl_vector *x, void *params, gsl_matrix *J)
{
    const nlls_problem *p = params;
    for (size_t i = 0; i < p->n; i++) {
        gsl_matrix_set(J, i, 0, 1.0);
        double u = p->d ? p->tau[i] / p->tau_half : 0, up = u;
        for (size_t q = 1; q <= p->d; q++, up *= u)
            gsl_matrix_set(J, i, q, up);
        for (size_t j = 0; j < p->k; j++) {
            size_t b = block_of(p, j);
            double w = 2.0 * M_PI * gsl_vector_get(x, b) * p->tau[i], dfreq = 0;
            for (size_t h = 1; h <= p->h; h++) {
                double c = cos((double)h * w), s = sin((double)h * w);
                double a = gsl_vector_get(x, b + 2 * h - 1), bb = gsl_vector_get(x, b + 2 * h);
                gsl_matrix_set(J, i, b + 2 * h - 1, c);
                gsl_matrix_set(J, i, b + 2 * h, s);
                dfreq += 2.0 * M_PI * (double)h * p->tau[i] * (bb * c - a * s);
            }
            gsl_matrix_set(J, i, b, dfreq);
        }
    }
    return GSL_SUCCESS;
}

static const gsl_multifit_nlinear_trs *solver_named(const char *name)
{
    const struct {
        const char *name;
        const gsl_multifit_nlinear_trs *const *trs;
    } table[] = {
        {"lm", &gsl_multifit_nlinear_trs_lm},           {"lmaccel", &gsl_multifit_nlinear_trs_lmaccel},
        {"dogleg", &gsl_multifit_nlinear_trs_dogleg},   {"ddogleg", &gsl_multifit_nlinear_trs_ddogleg},
        {"subspace2D", &gsl_multifit_nlinear_trs_subspace2D},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (name && strcmp(name, table[i].name) == 0)
            return *table[i].trs;
    return NULL;
}

/* Starting amplitudes: linear least squares at the starting frequencies
 * (all harmonics), on the centred times. Returns 0 or -1. */
static int start_point(const nlls_problem *p, const double *f0, gsl_vector *x)
{
    size_t m = p->k * p->h;
    double *freqs = malloc(m * sizeof *freqs);
    pb_component *comp = malloc(m * sizeof *comp);
    double offset = 0;
    /* On tau the trend's x is tau / tau_half: t_mid 0. */
    pb_trend trend = {(int)p->d, 0, p->tau_half, {0, 0, 0}};
    int rc = -1;
    if (freqs && comp) {
        for (size_t j = 0; j < p->k; j++)
            for (size_t h = 1; h <= p->h; h++)
                freqs[j * p->h + h - 1] = (double)h * f0[j];
        pb_series centred = {p->n, p->tau, p->y, p->dy};
        rc = pb_lsq_fit_trend(&centred, freqs, m, &trend, comp, &offset, NULL);
    }
    if (rc == 0) {
        gsl_vector_set(x, 0, offset);
        for (size_t q = 1; q <= p->d; q++)
            gsl_vector_set(x, q, trend.coef[q]);
        for (size_t j = 0; j < p->k; j++) {
            size_t b = block_of(p, j);
            gsl_vector_set(x, b, f0[j]);
            for (size_t h = 1; h <= p->h; h++) {
                const pb_component *c = &comp[j * p->h + h - 1]; /* A cos(x + phi) = A cos phi cos x - A sin phi sin x */
                gsl_vector_set(x, b + 2 * h - 1, c->amp * cos(c->phase));
                gsl_vector_set(x, b + 2 * h, -c->amp * sin(c->phase));
            }
        }
    }
    free(freqs);
    free(comp);
    return rc;
}

/* Reads the solution into a harmonic model in absolute time (phase moved
 * from t_mid back to t = 0). */
static void read_solution(const nlls_problem *p, const gsl_vector *x, const gsl_matrix *covar, double sigma2,
                          double t_mid, pb_harmonic_model *m)
{
    m->offset = gsl_vector_get(x, 0);
    m->trend = pb_trend_none();
    if (p->d) {
        m->trend = (pb_trend){(int)p->d, t_mid, p->tau_half, {0, 0, 0}};
        for (size_t q = 1; q <= p->d; q++)
            m->trend.coef[q] = gsl_vector_get(x, q);
    }
    m->k = p->k * p->h;
    for (size_t j = 0; j < p->k; j++) {
        size_t b = block_of(p, j);
        double f = gsl_vector_get(x, b), sign = f < 0 ? -1.0 : 1.0; /* cos(-x) = cos x, sin(-x) = -sin x */
        double se = sqrt(fmax(0.0, sigma2 * gsl_matrix_get(covar, b, b)));
        for (size_t h = 1; h <= p->h; h++) {
            double a = gsl_vector_get(x, b + 2 * h - 1), bb = sign * gsl_vector_get(x, b + 2 * h);
            double fh = (double)h * fabs(f);
            double phase = atan2(-bb, a) - 2.0 * M_PI * pb_phase_frac(fh, t_mid);
            m->comp[j * p->h + h - 1] = (pb_component){fh, hypot(a, bb), remainder(phase, 2.0 * M_PI), (double)h * se};
        }
    }
}

int pb_nlls_fit(const pb_series *s, const double *f0, size_t k, const pb_nlls_options *opt, pb_nlls_result *out)
{
    memset(out, 0, sizeof *out);
    const gsl_multifit_nlinear_trs *trs = solver_named(opt->solver);
    size_t h = opt->harmonics, d = opt->trend_degree > 0 ? (size_t)opt->trend_degree : 0;
    size_t np = 1 + d + k * (1 + 2 * h);
    if (!trs || h < 1 || k < 1 || d > 2 || s->n <= np)
        return -1;
    double t_mid = 0.5 * (s->t[0] + s->t[s->n - 1]);
    double *tau = malloc(s->n * sizeof *tau);
    gsl_vector *x = gsl_vector_alloc(np);
    gsl_matrix *covar = gsl_matrix_alloc(np, np);
    pb_harmonic_model *m = pb_harmonic_model_alloc(k * h);
    gsl_multifit_nlinear_parameters par = gsl_multifit_nlinear_default_parameters();
    par.trs = trs;
    gsl_multifit_nlinear_workspace *w = NULL; /* allocated only when the lean path does not apply */
    int rc = -2;
    if (!tau || !x || !covar || !m)
        goto done;
    for (size_t i = 0; i < s->n; i++)
        tau[i] = s->t[i] - t_mid;
    double tau_half = 0.5 * (s->t[s->n - 1] - s->t[0]);
    nlls_problem prob = {s->n, k, h, d, tau, tau_half > 0 ? tau_half : 1, s->y, s->dy};
    rc = -1;
    if (start_point(&prob, f0, x) != 0)
        goto done;
    if (k == 1 && h == 1 && d == 0 && strcmp(opt->solver, "lm") == 0) { /* the common small case: the lean path */
        pb_tone_lm_result lean;
        double x0[4] = {gsl_vector_get(x, 0), gsl_vector_get(x, 1), gsl_vector_get(x, 2), gsl_vector_get(x, 3)};
        if (pb_tone_lm_fit(tau, s->y, s->dy, s->n, x0, opt->max_iter, PB_NLLS_XTOL, PB_NLLS_GTOL, &lean) == 0 &&
            isfinite(lean.rss)) {
            for (size_t p = 0; p < 4; p++) {
                gsl_vector_set(x, p, lean.x[p]);
                for (size_t q = 0; q < 4; q++)
                    gsl_matrix_set(covar, p, q, lean.covar[4 * p + q]);
            }
            read_solution(&prob, x, covar, lean.rss / (double)(s->n - np), t_mid, m);
            *out = (pb_nlls_result){m, lean.rss, lean.iterations, lean.evaluations, lean.converged};
            m = NULL;
            rc = 0;
            goto done;
        }
    }
    rc = -2;
    if (!(w = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &par, s->n, np)))
        goto done;
    rc = -1;
    gsl_multifit_nlinear_fdf fdf = {residual_f, residual_df, NULL, s->n, np, &prob, 0, 0, 0};
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    /* The driver reports "no step lowers the cost" (start already at the
     * minimum to rounding) as GSL_EMAXITER with info = GSL_ENOPROG. */
    int info = 0, status = GSL_ENOMEM, covar_status = GSL_FAILURE;
    gsl_vector *wts = s->dy ? gsl_vector_alloc(s->n) : NULL;
    if (wts) { /* GSL then works on the weighted residuals and Jacobian: rss is chi^2 */
        for (size_t i = 0; i < s->n; i++)
            gsl_vector_set(wts, i, 1.0 / (s->dy[i] * s->dy[i]));
        status = gsl_multifit_nlinear_winit(x, wts, &fdf, w);
    } else if (!s->dy) {
        status = gsl_multifit_nlinear_init(x, &fdf, w);
    }
    if (status == GSL_SUCCESS) {
        status = gsl_multifit_nlinear_driver(opt->max_iter, PB_NLLS_XTOL, PB_NLLS_GTOL, 0.0, NULL, NULL, &info, w);
        covar_status = gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(w), 0.0, covar);
    }
    gsl_set_error_handler(old);
    gsl_vector_free(wts);
    double rss = NAN;
    if (covar_status == GSL_SUCCESS)
        gsl_blas_ddot(w->f, w->f, &rss);
    if (!isfinite(rss))
        goto done;
    read_solution(&prob, w->x, covar, rss / (double)(s->n - np), t_mid, m);
    *out = (pb_nlls_result){m, rss, (long)gsl_multifit_nlinear_niter(w), (long)fdf.nevalf,
                            status == GSL_SUCCESS || info == GSL_ENOPROG};
    m = NULL;
    rc = 0;
done:
    gsl_multifit_nlinear_free(w);
    gsl_matrix_free(covar);
    gsl_vector_free(x);
    free(tau);
    pb_harmonic_model_free(m);
    return rc;
}
