#!/usr/bin/python3
"""Peer measurement for `make bench-peers`: astropy's LombScargle on the series
periodbench wrote (bench --data), on the same grid as periodbench's benchmark,
for N = 10^3 .. 10^6 (the first N points are periodbench's N-point series:
the same generator draws them in order). Prints CSV rows
benchmark,params,metric,value,unit. A measurement tool, not part of the product."""
import sys
import time

import numpy as np
from astropy.timeseries import LombScargle

data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
t_all, y_all = data[:, 0], data[:, 1]
n_all, m = len(t_all), 25000
n = 1000
while n <= n_all:
    t, y = t_all[:n], y_all[:n]
    f = np.arange(1, m + 1) / (5.0 * (t[-1] - t[0]))
    ls = LombScargle(t, y)
    ls.power(f[:100], method="fast")  # warm-up
    times = []
    for _ in range(5):
        start = time.perf_counter()
        fast = ls.power(f, method="fast")
        times.append(time.perf_counter() - start)
    sample = np.linspace(0, m - 1, 500).astype(int)
    exact = ls.power(f[sample], method="cython")
    params = "N=%d;M=%d" % (n, m)
    print("astropy-fast,%s,seconds_median,%.6g,s" % (params, np.median(times)))
    print("astropy-fast,%s,max_abs_error_vs_exact,%.6g,power" % (params, np.max(np.abs(fast[sample] - exact))))
    n *= 10
