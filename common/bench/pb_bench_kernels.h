/* pb_bench_kernels: the throughput of periodbench's own kernels and fits,
 * as figures to a sink (pb_bench_timing): the fast Lomb-Scargle power and
 * its error against exact sums (N = 1e3 .. max_n), the exact power at 100
 * frequencies, the FFT power (N = 2^10 .. 2^24, capped by max_n x 16.8),
 * sgd-sin's default fit, Adam steps of 3 x 64 GELU and SIREN networks
 * (batch 32, 256), nlls on the tone, cwt-ridge on drift (N = 2^10 .. 2^20,
 * capped by max_n x 16), the clock pipeline per channel, and reading a
 * 10^6-row CSV. */
#ifndef PB_BENCH_KERNELS_H
#define PB_BENCH_KERNELS_H

#include <stddef.h>

#include "bench/pb_bench_timing.h"

/* Runs them all; 0, or -1 when out of memory (or a fit fails). */
int pb_bench_kernels(const pb_bench_sink *o, int repeat, double max_n);

/* The Lomb-Scargle benchmark series of N points (irregular times,
 * exponential gaps of mean 1; a tone in uniform noise) as t,y CSV to path,
 * for the peers; its grid: f_k = k / (5 T), k = 1 .. 25,000. 0 or -1. */
int pb_bench_lomb_scargle_write(const char *path, size_t N);

#endif
