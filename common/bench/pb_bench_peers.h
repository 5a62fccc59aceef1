/* pb_bench_peers: the workloads periodbench and its peers (scipy, pywt)
 * both run, on data periodbench writes: a tone (the tone task, seed 0)
 * fitted by nonlinear least squares from a start a quarter of a Fourier
 * bin off lomb-scargle's peak, and the Morlet transform of a pure tone of
 * period 37.3 samples, N = 2^16, periods 4 .. 1024 at 32 voices per octave. */
#ifndef PB_BENCH_PEERS_H
#define PB_BENCH_PEERS_H

#include "bench/pb_bench_timing.h"

/* DIR/tone.csv (with its start and truth in a comment) and DIR/cwt.csv
 * (the scales). 0 or -1. */
int pb_bench_peer_data_write(const char *dir);

/* Times both workloads and reports their accuracy; 0 or -1. */
int pb_bench_peer_workloads(const pb_bench_sink *o, int repeat);

#endif
