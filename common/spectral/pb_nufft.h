/* pb_nufft: fast trigonometric sums on a uniform frequency grid,
 *   F_k = sum_j c_j exp(2 pi i (f0 + k df) t_j),  k < m,
 * for any (non-uniform) times t_j, in O(N w + m log m) by a type-1
 * non-uniform FFT: each term is spread onto an oversampled periodic grid
 * with the "exponential of semicircle" kernel (Barnett, Magland & af
 * Klinteberg 2019), the grid is transformed by FFTW, and the kernel's
 * Fourier transform is divided out. Accuracy is set by tol (relative to
 * sum |c_j|); the tests hold it against direct sums. From f0 = 0 the
 * (real) coefficients spread onto real grids: half the work. */
#ifndef PB_NUFFT_H
#define PB_NUFFT_H

#include <stddef.h>

typedef struct pb_nufft pb_nufft;

/* A plan for m output frequencies at tolerance tol (1e-15 .. 1e-2).
 * NULL on allocation failure. */
pb_nufft *pb_nufft_alloc(size_t m, double tol);
/* Gives p back: the last two plans are kept and handed out again by an
 * alloc of the same m and tolerance (the fixed cost of small sums). */
void pb_nufft_free(pb_nufft *p);

/* Sums for n_sets coefficient sets sharing the times: set s has real
 * coefficients c[s][j] (complex weights are not needed by the callers).
 * Writes re[s][k], im[s][k], k < m. t_scale multiplies every t_j (2 gives
 * the sums at doubled frequencies). Returns 0, or -1 on allocation failure. */
int pb_nufft_trig_sums(pb_nufft *p, const double *t, size_t n, double t_scale, double f0, double df,
                       const double *const *c, int n_sets, double *const *re, double *const *im);

#endif
