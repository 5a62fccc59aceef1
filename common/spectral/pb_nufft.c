#include "spectral/pb_nufft.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <fftw3.h>
#include <gsl/gsl_integration.h>

#include "base/pb_phase.h"
#include "base/pb_sincos.h"

#define NUFFT_MAX_SETS 4
#define NUFFT_MAX_WIDTH 16
#define NUFFT_MAX_DEGREE 24
#define NUFFT_BLOCK 256
#define KERNEL_RESYNC 256
#define NUFFT_OVERSAMPLING 2.0

/* One way of laying the m modes on a fine grid. The kernel is accurate for
 * modes |k| <= nf / 4. Real grids (from f0 = 0) give modes 0 .. m-1, so nf
 * >= 4 m; complex grids are centred, modes -h .. m-1-h with h the power of
 * two nearest m/2 (so that h df, the centring's frequency, is exact), so nf
 * >= 4 max(h, m - h), about half. */
typedef struct nufft_layout {
    size_t nf;      /* fine-grid size; 0 until first used */
    size_t shift;   /* h: output k is mode k - h */
    double *deconv; /* 1 / kernel transform at mode |k|, k <= max(h, m - h) */
    fftw_plan plan[NUFFT_MAX_SETS];
} nufft_layout;

struct pb_nufft {
    size_t m;       /* output modes */
    size_t nf;      /* fine-grid size of the layout in use (the spreading reads it) */
    int w;          /* kernel width in grid cells */
    double beta;    /* kernel shape */
    int degree;     /* of the per-cell Chebyshev expansions of the kernel */
    double poly[NUFFT_MAX_DEGREE + 1][NUFFT_MAX_WIDTH]; /* poly[k][l]: cell l, coefficient of x^k */
    size_t cells;   /* complex cells every grid and spectrum has */
    fftw_complex *grid[NUFFT_MAX_SETS], *spec[NUFFT_MAX_SETS];
    nufft_layout real, cplx;
};

/* Smallest 2^a 3^b 5^c >= n (sizes FFTW transforms fastest). */
static size_t nice_size(size_t n)
{
    for (size_t s = n;; s++) {
        size_t r = s;
        while (r % 2 == 0)
            r /= 2;
        while (r % 3 == 0)
            r /= 3;
        while (r % 5 == 0)
            r /= 5;
        if (r == 1)
            return s;
    }
}

static double es_kernel(double z, double beta)
{
    double q = 1.0 - z * z;
    return q > 0 ? exp(beta * (sqrt(q) - 1.0)) : 0.0;
}

/* deconv[k] = 1 / ((w/2) int_{-1}^{1} phi(z) cos(pi k w z / nf) dz), k < modes,
 * by Gauss-Legendre quadrature (at least 4w + 16 nodes: the integrand has at
 * most w/4 oscillations over [-1, 1] for |k| <= nf/4). */
static int kernel_transform(const pb_nufft *p, size_t nf, size_t modes, double *deconv)
{
    /* 4w + 16 rounded up to a multiple of 32: sizes whose nodes GSL has in
     * tables. Other sizes, whose nodes GSL computes, left errors of 1e-12 to
     * 1e-11 of sum |c| in the sums at any tol (measured: q = 60 .. 80). */
    size_t q = (size_t)(4 * p->w + 16 + 31) / 32 * 32;
    gsl_integration_glfixed_table *tab = gsl_integration_glfixed_table_alloc(q);
    double *zw = malloc(q * sizeof *zw), *step = malloc(q * sizeof *step);
    if (!tab || !zw || !step) {
        gsl_integration_glfixed_table_free(tab);
        free(zw);
        free(step);
        return -1;
    }
    for (size_t i = 0; i < q; i++) {
        double z, wt;
        gsl_integration_glfixed_point(-1.0, 1.0, i, &z, &wt, tab);
        zw[i] = wt * es_kernel(z, p->beta) * 0.5 * p->w;
        step[i] = M_PI * p->w * z / (double)nf;
    }
    /* cos(k step_i) for consecutive k by rotation, vectorised over the nodes,
     * recomputed exactly every KERNEL_RESYNC modes. */
    double *cr = malloc(4 * q * sizeof *cr);
    if (!cr) {
        gsl_integration_glfixed_table_free(tab);
        free(zw);
        free(step);
        return -1;
    }
    double *ci = cr + q, *rc = ci + q, *rs = rc + q;
    for (size_t i = 0; i < q; i++) {
        rc[i] = cos(step[i]);
        rs[i] = sin(step[i]);
    }
    for (size_t k = 0; k < modes; k++) {
        double kk = (double)k, sum = 0;
        if (k % KERNEL_RESYNC == 0)
            for (size_t i = 0; i < q; i++) {
                cr[i] = cos(kk * step[i]);
                ci[i] = sin(kk * step[i]);
            }
#pragma omp simd reduction(+ : sum)
        for (size_t i = 0; i < q; i++) {
            sum += zw[i] * cr[i];
            double c = cr[i] * rc[i] - ci[i] * rs[i];
            ci[i] = ci[i] * rc[i] + cr[i] * rs[i];
            cr[i] = c;
        }
        deconv[k] = 1.0 / sum;
    }
    free(cr);
    gsl_integration_glfixed_table_free(tab);
    free(zw);
    free(step);
    return 0;
}

/* Kernel value l of a spread, as a function of the spread's offset s in
 * [0, 1): phi((l + s - w/2) / (w/2)). Each cell's function is interpolated
 * at Chebyshev nodes of x = 2s - 1 and rewritten as a polynomial in x (in
 * long double; the kernel is so smooth over one cell that the monomial
 * coefficients stay small), so a spread costs w Horner sums that the
 * compiler keeps in vector registers, instead of w exp and sqrt. */
static void kernel_polynomials(pb_nufft *p)
{
    int d = p->degree, w = p->w;
    long double vals[NUFFT_MAX_DEGREE + 1], cheb[NUFFT_MAX_DEGREE + 1];
    long double tk[NUFFT_MAX_DEGREE + 1][NUFFT_MAX_DEGREE + 1]; /* monomial coefficients of T_k */
    memset(tk, 0, sizeof tk);
    tk[0][0] = 1;
    tk[1][1] = 1;
    for (int k = 2; k <= d; k++)
        for (int i = 0; i <= k; i++)
            tk[k][i] = (i ? 2 * tk[k - 1][i - 1] : 0) - tk[k - 2][i];
    memset(p->poly, 0, sizeof p->poly);
    for (int l = 0; l < w; l++) {
        for (int j = 0; j <= d; j++) {
            long double x = cosl(M_PI * (j + 0.5L) / (d + 1));
            vals[j] = es_kernel((double)((l + 0.5L * (x + 1) - 0.5L * w) / (0.5L * w)), p->beta);
        }
        for (int k = 0; k <= d; k++) {
            long double sum = 0;
            for (int j = 0; j <= d; j++)
                sum += vals[j] * cosl(M_PI * k * (j + 0.5L) / (d + 1));
            cheb[k] = (k == 0 ? 1 : 2) * sum / (d + 1);
        }
        for (int i = 0; i <= d; i++) {
            long double a = 0;
            for (int k = i; k <= d; k++)
                a += cheb[k] * tk[k][i];
            p->poly[i][l] = (double)a;
        }
    }
}

/* Four doubles in one AVX register (GCC/Clang vector extension): the
 * spreading below is written in them because GCC 12 does not vectorise the
 * plain loops (it keeps the Horner sums scalar). */
typedef double v4d __attribute__((vector_size(32)));

/* The same, at any 8-byte aligned address (grid cells, table rows). A macro,
 * not a function: vectors passed by value would change the ABI without AVX. */
typedef double v4d_unaligned __attribute__((vector_size(32), aligned(8), may_alias));
#define V4D_AT(ptr) (*(v4d_unaligned *)(ptr))

/* The kernel values of two spreads at offsets s0, s1 in [0, 1), in W lanes
 * each (zero past w). W is a compile-time multiple of 4 at every call (see
 * the switches below), so the loops become straight vector code; two
 * spreads at once because one Horner chain alone is latency-bound. */
static inline __attribute__((always_inline)) void kernel_lanes2(const pb_nufft *p, int W, double s0, double s1,
                                                                v4d *ker0, v4d *ker1)
{
    double x0 = 2.0 * s0 - 1.0, x1 = 2.0 * s1 - 1.0;
    for (int v = 0; v < W / 4; v++)
        ker0[v] = ker1[v] = V4D_AT(&p->poly[p->degree][4 * v]);
    for (int k = p->degree - 1; k >= 0; k--)
        for (int v = 0; v < W / 4; v++) {
            v4d c = V4D_AT(&p->poly[k][4 * v]);
            ker0[v] = ker0[v] * x0 + c;
            ker1[v] = ker1[v] * x1 + c;
        }
}

/* The grid coordinate frac(df t) nf in [0, nf) as uh + ul, ul the part a
 * double loses: the kernel's offset below needs it to ~1e-16 of a cell,
 * while uh alone is only good to ~1e-16 nf cells (1e-11 for nf ~ 1e5). */
static inline void grid_coordinate(double df, double t, double nf, double *uh, double *ul)
{
    double p = df * t, e = fma(df, t, -p);
    double frac = p - floor(p); /* exact */
    *uh = frac * nf;
    *ul = fma(frac, nf, -*uh) + e * nf;
}

/* First grid cell of a spread around grid coordinate uh + ul, and its offset. */
static inline long spread_start(const pb_nufft *p, double uh, double ul, double *offset)
{
    double x = uh - 0.5 * p->w; /* exact: a half-integer off a number with ulp <= 1/2 */
    double i0 = ceil(x), s = (i0 - x) - ul;
    if (s < 0) { /* ul moved the coordinate across a cell boundary */
        s += 1;
        i0 += 1;
    } else if (s >= 1) {
        s -= 1;
        i0 -= 1;
    }
    *offset = s;
    long start = (long)i0;
    return start < 0 ? start + (long)p->nf : start;
}

/* Adds term b's spread to the complex grids: coefficient c[set][b] (cos + i sin). */
static inline __attribute__((always_inline)) void add_complex(pb_nufft *p, int W, long start, const v4d *ker,
                                                              double cosb, double sinb, const double *const *c,
                                                              size_t b, int n_sets)
{
    for (int set = 0; set < n_sets; set++) {
        double ar = c[set][b] * cosb, ai = c[set][b] * sinb;
        v4d a2 = {ar, ai, ar, ai};
        double *g = &p->grid[set][start][0];
        for (int v = 0; v < W / 4; v++) { /* cells 4v .. 4v+3 as (re, im) pairs */
            v4d lo = __builtin_shufflevector(ker[v], ker[v], 0, 0, 1, 1);
            v4d hi = __builtin_shufflevector(ker[v], ker[v], 2, 2, 3, 3);
            V4D_AT(g + 8 * v) += a2 * lo;
            V4D_AT(g + 8 * v + 4) += a2 * hi;
        }
    }
}

/* Adds term b's spread to the real grids: coefficient c[set][b]. */
static inline __attribute__((always_inline)) void add_real(pb_nufft *p, int W, long start, const v4d *ker,
                                                           const double *const *c, size_t b, int n_sets)
{
    for (int set = 0; set < n_sets; set++) {
        double *g = (double *)p->grid[set] + start, cj = c[set][b];
        for (int v = 0; v < W / 4; v++)
            V4D_AT(g + 4 * v) += cj * ker[v];
    }
}

/* Spreads nb terms at grid coordinates u, two at a time, onto real grids
 * (cosv == NULL) or complex ones (coefficients times cosv + i sinv). */
static inline __attribute__((always_inline)) void spread_terms(pb_nufft *p, int W, size_t nb, const double *uh,
                                                               const double *ul, const double *cosv, const double *sinv,
                                                               const double *const *c, int n_sets)
{
    for (size_t b = 0; b < nb; b += 2) {
        size_t b1 = b + 1 < nb ? b + 1 : b; /* an odd last term pairs with itself */
        double s0, s1;
        long start0 = spread_start(p, uh[b], ul[b], &s0), start1 = spread_start(p, uh[b1], ul[b1], &s1);
        v4d ker0[NUFFT_MAX_WIDTH / 4], ker1[NUFFT_MAX_WIDTH / 4];
        kernel_lanes2(p, W, s0, s1, ker0, ker1);
        if (cosv) {
            add_complex(p, W, start0, ker0, cosv[b], sinv[b], c, b, n_sets);
            if (b1 != b)
                add_complex(p, W, start1, ker1, cosv[b1], sinv[b1], c, b1, n_sets);
        } else {
            add_real(p, W, start0, ker0, c, b, n_sets);
            if (b1 != b)
                add_real(p, W, start1, ker1, c, b1, n_sets);
        }
    }
}

/* Plans given back by pb_nufft_free, kept for the next pb_nufft_alloc of
 * the same size and width: the kernel's transform, the FFTW plans and the
 * grids' pages are the fixed cost that dominates below ~10^5 points
 * (25,000 powers at N = 10^3 took 4.7 ms without it, 1.7 ms with it, in
 * make bench-peers). The results are the same (the grids are cleared before every use). One
 * process, one thread: no locking. */
#define NUFFT_CACHE 2
static pb_nufft *nufft_cache[NUFFT_CACHE];

static void layout_destroy(nufft_layout *l)
{
    for (int s = 0; s < NUFFT_MAX_SETS; s++)
        if (l->plan[s])
            fftw_destroy_plan(l->plan[s]);
    free(l->deconv);
}

static void nufft_destroy(pb_nufft *p)
{
    layout_destroy(&p->real);
    layout_destroy(&p->cplx);
    for (int s = 0; s < NUFFT_MAX_SETS; s++) {
        fftw_free(p->grid[s]);
        fftw_free(p->spec[s]);
    }
    free(p);
}

/* Fine-grid size for modes up to |k| = reach: the kernel's accuracy holds
 * for |k| <= nf / 4. */
static size_t fine_size(size_t reach)
{
    size_t min_nf = (size_t)ceil(2.0 * NUFFT_OVERSAMPLING * (double)reach);
    if (min_nf < 2 * NUFFT_MAX_WIDTH) /* the padding folds back onto distinct cells */
        min_nf = 2 * NUFFT_MAX_WIDTH;
    return nice_size(min_nf);
}

/* Largest |mode| of m modes shifted down by h. */
static size_t shifted_reach(size_t m, size_t h)
{
    return m - h > h ? m - h : h;
}

/* The centring shift of a layout: 0 for real grids, else the power of two
 * nearest m / 2 (of the two around it, the one with the smaller reach). */
static size_t layout_shift(size_t m, int real)
{
    if (real || m < 2)
        return 0;
    size_t h = 1;
    while (4 * h <= m)
        h *= 2;
    return shifted_reach(m, 2 * h) < shifted_reach(m, h) ? 2 * h : h;
}

/* Sizes, shift and kernel transform of a layout. */
static int layout_init(const pb_nufft *p, nufft_layout *l, int real)
{
    l->shift = layout_shift(p->m, real);
    size_t reach = real ? p->m : shifted_reach(p->m, l->shift);
    l->nf = fine_size(reach);
    size_t modes = real ? p->m : reach + 1;
    l->deconv = malloc((modes ? modes : 1) * sizeof *l->deconv);
    return l->deconv ? kernel_transform(p, l->nf, modes, l->deconv) : -1;
}

static int nufft_width(double tol)
{
    int w = (int)ceil(-log10(tol)) + 1;
    return w < 2 ? 2 : w > NUFFT_MAX_WIDTH ? NUFFT_MAX_WIDTH : w;
}

pb_nufft *pb_nufft_alloc(size_t m, double tol)
{
    for (int i = 0; i < NUFFT_CACHE; i++)
        if (nufft_cache[i] && nufft_cache[i]->m == m && nufft_cache[i]->w == nufft_width(tol)) {
            pb_nufft *hit = nufft_cache[i];
            nufft_cache[i] = NULL;
            return hit;
        }
    pb_nufft *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->m = m;
    p->w = nufft_width(tol);
    p->beta = 2.30 * p->w;
    p->degree = p->w; /* degrees w - 1 .. w + 4 gave the same errors from w = 6 (measured) */
    kernel_polynomials(p);
    return p;
}

void pb_nufft_free(pb_nufft *p)
{
    if (!p)
        return;
    /* Into the cache: an empty slot, else in place of the oldest (slot 0). */
    int slot = 0;
    while (slot < NUFFT_CACHE && nufft_cache[slot])
        slot++;
    if (slot == NUFFT_CACHE) {
        nufft_destroy(nufft_cache[0]);
        for (int i = 1; i < NUFFT_CACHE; i++)
            nufft_cache[i - 1] = nufft_cache[i];
        slot = NUFFT_CACHE - 1;
    }
    nufft_cache[slot] = p;
}

/* The layout (kernel transform on first use), grids and transforms for
 * n_sets sets: complex-to-complex, or real-to-complex. */
static int ensure_sets(pb_nufft *p, int n_sets, int real)
{
    nufft_layout *l = real ? &p->real : &p->cplx;
    if (!l->nf && layout_init(p, l, real) != 0) {
        layout_destroy(l);
        memset(l, 0, sizeof *l);
        return -1;
    }
    /* Every grid fits both layouts: a real grid of nf doubles is nf / 2 cells. */
    if (!p->cells) {
        size_t need_r = fine_size(p->m) / 2 + NUFFT_MAX_WIDTH + 1;
        size_t need_c = fine_size(shifted_reach(p->m, layout_shift(p->m, 0))) + NUFFT_MAX_WIDTH;
        p->cells = need_r > need_c ? need_r : need_c;
    }
    for (int s = 0; s < n_sets; s++) {
        if (!p->grid[s]) {
            /* NUFFT_MAX_WIDTH cells of padding past the end: spreads never wrap; folded back after. */
            p->grid[s] = fftw_malloc(p->cells * sizeof(fftw_complex));
            p->spec[s] = fftw_malloc(p->cells * sizeof(fftw_complex));
            if (!p->grid[s] || !p->spec[s])
                return -1;
        }
        if (l->plan[s])
            continue;
        /* FFTW_ESTIMATE: the same plan every run. Complex: FFTW_BACKWARD, i.e.
         * sum_i g_i exp(+2 pi i k i / nf); real: the forward (minus) sign, conjugated after. */
        l->plan[s] = real ? fftw_plan_dft_r2c_1d((int)l->nf, (double *)p->grid[s], p->spec[s], FFTW_ESTIMATE)
                          : fftw_plan_dft_1d((int)l->nf, p->grid[s], p->spec[s], FFTW_BACKWARD, FFTW_ESTIMATE);
        if (!l->plan[s])
            return -1;
    }
    p->nf = l->nf;
    return 0;
}

/* Spreads every term onto the grids (real or complex), n_sets sets. */
static void spread_all(pb_nufft *p, const double *t, size_t n, double t_scale, double f0, double df,
                       const double *const *c, int n_sets, int real)
{
    /* The centring: the coefficients carry exp(2 pi i (f0 + h df) t), h df
     * exact (h a power of two), each fraction taken apart. */
    double f_shift = (double)p->cplx.shift * df;
    double phase[NUFFT_BLOCK], cosv[NUFFT_BLOCK], sinv[NUFFT_BLOCK], uh[NUFFT_BLOCK], ul[NUFFT_BLOCK];
    int lanes = (p->w + 3) / 4 * 4;
    for (size_t j0 = 0; j0 < n; j0 += NUFFT_BLOCK) {
        size_t nb = n - j0 < NUFFT_BLOCK ? n - j0 : NUFFT_BLOCK;
        for (size_t b = 0; b < nb; b++)
            grid_coordinate(df, t[j0 + b] * t_scale, (double)p->nf, &uh[b], &ul[b]);
        const double *cb[NUFFT_MAX_SETS];
        for (int s = 0; s < n_sets; s++)
            cb[s] = c[s] + j0;
        if (!real) {
            /* The centre frequency's phase goes into the coefficient; the rest is k x. */
            for (size_t b = 0; b < nb; b++)
                phase[b] = 2.0 * M_PI * pb_phase_frac(pb_phase_frac(f0, t[j0 + b] * t_scale) +
                                                          pb_phase_frac(f_shift, t[j0 + b] * t_scale), 1.0);
            pb_sincos_batch(phase, nb, sinv, cosv);
        }
        const double *cs = real ? NULL : cosv;
        /* One specialised copy per lane count (constant W after inlining). */
        switch (lanes) {
        case 4: spread_terms(p, 4, nb, uh, ul, cs, sinv, cb, n_sets); break;
        case 8: spread_terms(p, 8, nb, uh, ul, cs, sinv, cb, n_sets); break;
        case 12: spread_terms(p, 12, nb, uh, ul, cs, sinv, cb, n_sets); break;
        default: spread_terms(p, 16, nb, uh, ul, cs, sinv, cb, n_sets); break;
        }
    }
}

int pb_nufft_trig_sums(pb_nufft *p, const double *t, size_t n, double t_scale, double f0, double df,
                       const double *const *c, int n_sets, double *const *re, double *const *im)
{
    /* From f0 = 0 the real coefficients spread onto real grids: half the
     * work, and no phase rotation per term. */
    int real = f0 == 0.0;
    if (n_sets < 1 || n_sets > NUFFT_MAX_SETS || ensure_sets(p, n_sets, real) != 0)
        return -1;
    size_t nf = p->nf, cells = real ? nf + NUFFT_MAX_WIDTH : 2 * (nf + NUFFT_MAX_WIDTH);
    for (int s = 0; s < n_sets; s++)
        memset(p->grid[s], 0, cells * sizeof(double));
    spread_all(p, t, n, t_scale, f0, df, c, n_sets, real);
    const nufft_layout *lay = real ? &p->real : &p->cplx;
    for (int s = 0; s < n_sets; s++) {
        double *g = (double *)p->grid[s];
        if (real) { /* fold the padding back onto the periodic grid, transform */
            for (size_t l = 0; l < NUFFT_MAX_WIDTH; l++)
                g[l] += g[nf + l];
        } else {
            for (size_t l = 0; l < 2 * NUFFT_MAX_WIDTH; l++)
                g[l] += g[2 * nf + l];
        }
        fftw_execute(lay->plan[s]);
        if (real) { /* modes k < m <= nf / 4: no wrap-around */
            for (size_t k = 0; k < p->m; k++) {
                re[s][k] = p->spec[s][k][0] * lay->deconv[k];
                im[s][k] = -p->spec[s][k][1] * lay->deconv[k];
            }
            continue;
        }
        size_t h = lay->shift; /* output k is mode k - h: negative modes wrap to the top */
        for (size_t k = 0; k < h; k++) {
            const double *z = p->spec[s][nf - h + k];
            re[s][k] = z[0] * lay->deconv[h - k];
            im[s][k] = z[1] * lay->deconv[h - k];
        }
        for (size_t k = h; k < p->m; k++) {
            re[s][k] = p->spec[s][k - h][0] * lay->deconv[k - h];
            im[s][k] = p->spec[s][k - h][1] * lay->deconv[k - h];
        }
    }
    return 0;
}
