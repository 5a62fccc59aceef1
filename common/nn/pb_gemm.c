#include "nn/pb_gemm.h"

#define MR 4
#define NR 8

void pb_gemm_nn(size_t m, size_t k, size_t n, const double *A, const double *B, const double *bias, double *C)
{
    size_t i = 0;
    for (; i + MR <= m; i += MR) {
        size_t j = 0;
        for (; j + NR <= n; j += NR) {
            double acc[MR][NR];
            for (int ii = 0; ii < MR; ii++)
                for (int jj = 0; jj < NR; jj++)
                    acc[ii][jj] = bias ? bias[j + jj] : 0.0;
            for (size_t p = 0; p < k; p++) {
                const double *b = B + p * n + j;
                for (int ii = 0; ii < MR; ii++) {
                    double a = A[(i + ii) * k + p];
#pragma omp simd
                    for (int jj = 0; jj < NR; jj++)
                        acc[ii][jj] += a * b[jj];
                }
            }
            for (int ii = 0; ii < MR; ii++)
                for (int jj = 0; jj < NR; jj++)
                    C[(i + ii) * n + j + jj] = acc[ii][jj];
        }
        for (; j < n; j++)
            for (int ii = 0; ii < MR; ii++) {
                double s = bias ? bias[j] : 0.0;
                for (size_t p = 0; p < k; p++)
                    s += A[(i + ii) * k + p] * B[p * n + j];
                C[(i + ii) * n + j] = s;
            }
    }
    for (; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            double s = bias ? bias[j] : 0.0;
            for (size_t p = 0; p < k; p++)
                s += A[i * k + p] * B[p * n + j];
            C[i * n + j] = s;
        }
}

void pb_gemm_tn(size_t m, size_t k, size_t n, const double *A, const double *B, double *C)
{
    size_t r = 0;
    for (; r + MR <= k; r += MR) {
        size_t j = 0;
        for (; j + NR <= n; j += NR) {
            double acc[MR][NR];
            for (int rr = 0; rr < MR; rr++)
                for (int jj = 0; jj < NR; jj++)
                    acc[rr][jj] = C[(r + rr) * n + j + jj];
            for (size_t i = 0; i < m; i++) {
                const double *b = B + i * n + j;
                for (int rr = 0; rr < MR; rr++) {
                    double a = A[i * k + r + rr];
#pragma omp simd
                    for (int jj = 0; jj < NR; jj++)
                        acc[rr][jj] += a * b[jj];
                }
            }
            for (int rr = 0; rr < MR; rr++)
                for (int jj = 0; jj < NR; jj++)
                    C[(r + rr) * n + j + jj] = acc[rr][jj];
        }
        for (; j < n; j++)
            for (int rr = 0; rr < MR; rr++)
                for (size_t i = 0; i < m; i++)
                    C[(r + rr) * n + j] += A[i * k + r + rr] * B[i * n + j];
    }
    for (; r < k; r++)
        for (size_t i = 0; i < m; i++)
            for (size_t j = 0; j < n; j++)
                C[r * n + j] += A[i * k + r] * B[i * n + j];
}
