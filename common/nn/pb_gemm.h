/* pb_gemm: the small dense matrix products of the network engine, row-major,
 * register-blocked (4 rows x 8 columns of accumulators) so the compiler
 * keeps the block in vector registers; any sizes (scalar tails).
 *   pb_gemm_nn:  C[m x n] = A[m x k] B[k x n] (+ bias[n] on every row if not NULL)
 *   pb_gemm_tn:  C[k x n] += A[m x k]^T B[m x n]
 * Tested against the naive triple loops. */
#ifndef PB_GEMM_H
#define PB_GEMM_H

#include <stddef.h>

void pb_gemm_nn(size_t m, size_t k, size_t n, const double *A, const double *B, const double *bias, double *C);
void pb_gemm_tn(size_t m, size_t k, size_t n, const double *A, const double *B, double *C);

#endif
