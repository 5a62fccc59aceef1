#include "spectral/pb_gls_harmonics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "spectral/pb_nufft.h"
#include "base/pb_phase.h"
#include "base/pb_sincos.h"

#define GLSH_BLOCK 256
/* A column whose Cholesky pivot falls below this share of its diagonal is
 * numerically a combination of the earlier ones: left out of the fit. */
#define GLSH_DEPENDENT 1e-10
/* Frequencies per fast-sum chunk, times nterms: bounds the chunk's sums
 * (6 nterms arrays of chunk doubles) to 2^22 * 48 bytes = 200 MB. */
#define GLSH_CHUNK_TERMS (1u << 22)

/* Column index of the model: 0 offset, 2k - 1 cos(k x), 2k sin(k x). */
static double normal_entry(const pb_glsh_sums *u, int a, int b)
{
    if (a == 0 || b == 0) {
        int j = a + b; /* the other column */
        if (j == 0)
            return 1.0;
        int k = (j + 1) / 2;
        return j % 2 ? u->c[k] : u->s[k];
    }
    int ka = (a + 1) / 2, kb = (b + 1) / 2, sum = ka + kb, diff = ka > kb ? ka - kb : kb - ka;
    int sign_ba = kb >= ka ? 1 : -1; /* sin((kb - ka) x) = sign * s[diff] */
    if (a % 2 && b % 2) /* cos cos */
        return 0.5 * (u->c[diff] + u->c[sum]);
    if (!(a % 2) && !(b % 2)) /* sin sin */
        return 0.5 * (u->c[diff] - u->c[sum]);
    if (a % 2) /* cos(ka x) sin(kb x) = (sin((ka + kb) x) + sin((kb - ka) x)) / 2 */
        return 0.5 * (u->s[sum] + sign_ba * u->s[diff]);
    return 0.5 * (u->s[sum] - sign_ba * u->s[diff]); /* sin(ka x) cos(kb x) */
}

double pb_glsh_power_from_sums(const pb_glsh_sums *u, int nterms, double yy)
{
    enum { P_MAX = 2 * PB_GLS_MAX_NTERMS + 1 };
    int p = 2 * nterms + 1;
    double a[P_MAX][P_MAX], l[P_MAX][P_MAX], b[P_MAX], z[P_MAX];
    if (!(yy > 0))
        return 0.0;
    for (int i = 0; i < p; i++)
        for (int j = 0; j <= i; j++)
            a[i][j] = normal_entry(u, i, j);
    b[0] = 0.0; /* y is centred on its weighted mean */
    for (int k = 1; k <= nterms; k++) {
        b[2 * k - 1] = u->yc[k];
        b[2 * k] = u->ys[k];
    }
    /* b' A^+ b = |z|^2 with L z = b, L the Cholesky factor of the kept columns. */
    double quad = 0;
    for (int j = 0; j < p; j++) {
        double d = a[j][j];
        for (int k = 0; k < j; k++)
            d -= l[j][k] * l[j][k];
        if (!(d > GLSH_DEPENDENT * a[j][j])) {
            for (int i = j; i < p; i++)
                l[i][j] = 0.0;
            z[j] = 0.0;
            continue;
        }
        double ljj = sqrt(d);
        l[j][j] = ljj;
        for (int i = j + 1; i < p; i++) {
            double s = a[i][j];
            for (int k = 0; k < j; k++)
                s -= l[i][k] * l[j][k];
            l[i][j] = s / ljj;
        }
        double s = b[j];
        for (int k = 0; k < j; k++)
            s -= l[j][k] * z[k];
        z[j] = s / ljj;
        quad += z[j] * z[j];
    }
    return quad / yy;
}

int pb_glsh_terms_at(const pb_gls_data *d, double f)
{
    int k = d->nterms;
    while (k > 1 && (double)k * f >= d->harmonic_fmax)
        k--;
    return k;
}

double pb_glsh_power(const pb_gls_data *d, double f)
{
    int K = d->nterms;
    double c[2 * PB_GLS_MAX_NTERMS + 1] = {0}, s[2 * PB_GLS_MAX_NTERMS + 1] = {0};
    double yc[PB_GLS_MAX_NTERMS + 1] = {0}, ys[PB_GLS_MAX_NTERMS + 1] = {0};
    double arg[GLSH_BLOCK], c1[GLSH_BLOCK], s1[GLSH_BLOCK], cj[GLSH_BLOCK], sj[GLSH_BLOCK];
    for (size_t i0 = 0; i0 < d->n; i0 += GLSH_BLOCK) {
        size_t nb = d->n - i0 < GLSH_BLOCK ? d->n - i0 : GLSH_BLOCK;
        const double *w = d->w + i0, *wy = d->wy + i0;
        for (size_t q = 0; q < nb; q++) /* phase reduced to [0, 1) first: exact for large f t */
            arg[q] = 2.0 * M_PI * pb_phase_frac(f, d->t[i0 + q]);
        pb_sincos_batch(arg, nb, s1, c1);
        memcpy(cj, c1, nb * sizeof *cj);
        memcpy(sj, s1, nb * sizeof *sj);
        for (int j = 1; j <= 2 * K; j++) {
            if (j > 1)
                for (size_t q = 0; q < nb; q++) { /* (j x) = ((j - 1) x) + x */
                    double cn = cj[q] * c1[q] - sj[q] * s1[q];
                    sj[q] = sj[q] * c1[q] + cj[q] * s1[q];
                    cj[q] = cn;
                }
            double sc = 0, ss = 0, syc = 0, sys = 0;
#pragma omp simd reduction(+ : sc, ss, syc, sys)
            for (size_t q = 0; q < nb; q++) {
                sc += w[q] * cj[q];
                ss += w[q] * sj[q];
                syc += wy[q] * cj[q];
                sys += wy[q] * sj[q];
            }
            c[j] += sc;
            s[j] += ss;
            if (j <= K) {
                yc[j] += syc;
                ys[j] += sys;
            }
        }
    }
    pb_glsh_sums u;
    double inv_n = 1.0 / (double)d->n;
    u.c[0] = 1.0;
    u.s[0] = 0.0;
    for (int j = 1; j <= 2 * K; j++) {
        u.c[j] = c[j] * inv_n;
        u.s[j] = s[j] * inv_n;
    }
    for (int k = 1; k <= K; k++) {
        u.yc[k] = yc[k] * inv_n;
        u.ys[k] = ys[k] * inv_n;
    }
    return pb_glsh_power_from_sums(&u, pb_glsh_terms_at(d, f), d->yy);
}

/* The fast sums of one chunk of m frequencies from f0: harmonic j of the
 * times (t scaled by j) in pass j; the weights' sums for j <= 2K, the
 * weighted values' for j <= K. */
static int chunk_powers(pb_nufft *plan, const pb_gls_data *d, double f0, double df, size_t m, size_t used,
                        double *buf, double *power)
{
    int K = d->nterms;
    double *re_w[2 * PB_GLS_MAX_NTERMS + 1], *im_w[2 * PB_GLS_MAX_NTERMS + 1];
    double *re_y[PB_GLS_MAX_NTERMS + 1], *im_y[PB_GLS_MAX_NTERMS + 1];
    double *next = buf;
    for (int j = 1; j <= 2 * K; j++) {
        re_w[j] = next;
        im_w[j] = next + m;
        next += 2 * m;
        double *re[2] = {re_w[j], NULL}, *im[2] = {im_w[j], NULL};
        if (j <= K) {
            re_y[j] = re[1] = next;
            im_y[j] = im[1] = next + m;
            next += 2 * m;
        }
        const double *coef[2] = {d->w, d->wy};
        if (pb_nufft_trig_sums(plan, d->t, d->n, (double)j, f0, df, coef, j <= K ? 2 : 1, re, im) != 0)
            return -1;
    }
    double inv_n = 1.0 / (double)d->n;
    for (size_t k = 0; k < used; k++) {
        pb_glsh_sums u;
        u.c[0] = 1.0;
        u.s[0] = 0.0;
        for (int j = 1; j <= 2 * K; j++) {
            u.c[j] = re_w[j][k] * inv_n;
            u.s[j] = im_w[j][k] * inv_n;
        }
        for (int h = 1; h <= K; h++) {
            u.yc[h] = re_y[h][k] * inv_n;
            u.ys[h] = im_y[h][k] * inv_n;
        }
        power[k] = pb_glsh_power_from_sums(&u, pb_glsh_terms_at(d, f0 + (double)k * df), d->yy);
    }
    return 0;
}

int pb_glsh_power_fast(const pb_gls_data *d, double f0, double df, size_t m, double tol, double *power)
{
    size_t chunk = GLSH_CHUNK_TERMS / (size_t)d->nterms;
    if (chunk > m)
        chunk = m;
    pb_nufft *plan = pb_nufft_alloc(chunk, tol);
    double *buf = malloc(6 * (size_t)d->nterms * (chunk ? chunk : 1) * sizeof *buf);
    int rc = plan && buf ? 0 : -1;
    for (size_t k0 = 0; rc == 0 && k0 < m; k0 += chunk) {
        size_t used = m - k0 < chunk ? m - k0 : chunk;
        rc = chunk_powers(plan, d, f0 + (double)k0 * df, df, chunk, used, buf, power + k0);
    }
    pb_nufft_free(plan);
    free(buf);
    for (size_t k = 0, low = pb_gls_ill_conditioned(d, f0, df, m); rc == 0 && k < low; k++)
        power[k] = pb_glsh_power(d, f0 + (double)k * df);
    return rc;
}
