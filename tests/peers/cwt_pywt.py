#!/usr/bin/python3
"""Peer measurement for `make bench-peers`: pywt.cwt with its Morlet wavelet
('morl', FFT method) on the pure tone of periodbench's cwt benchmark
(N = 2^16, period 37.3 samples), at the same Fourier periods (periodbench's
scales x 1.033, converted with pywt.scale2frequency); the ridge period at
the middle sample from the scale of greatest |W|, refined by a parabola in
log scale as periodbench does. Prints CSV rows benchmark,params,metric,value,unit.
A measurement tool, not part of the product."""
import sys
import time

import numpy as np
import pywt

path = sys.argv[1]
with open(path) as f:
    period = float(f.readline().lstrip("# ").split(";")[0].split("=")[1])
ours = np.loadtxt(path, skiprows=2)
periods = ours * 4 * np.pi / (6 + np.sqrt(2 + 36))  # periodbench's scale -> Fourier period (w0 = 6)
scales = pywt.scale2frequency("morl", 1) * periods  # pywt: frequency = scale2frequency(w, 1) / scale
n = 65536
y = np.cos(2 * np.pi * np.arange(n) / period)
pywt.cwt(y[:4096], scales[:8], "morl", method="fft")  # warm-up
times = []
for _ in range(3):
    t0 = time.perf_counter()
    coef, freqs = pywt.cwt(y, scales, "morl", method="fft")
    times.append(time.perf_counter() - t0)
p = np.abs(coef[:, n // 2]) ** 2
j = int(np.argmax(p))
lp, ls = np.log(p[j - 1:j + 2] + 1e-300), np.log(scales[j - 1:j + 2])
d = 0.5 * (lp[0] - lp[2]) / (lp[0] - 2 * lp[1] + lp[2])
ridge = 1.0 / pywt.scale2frequency("morl", np.exp(ls[1] + d * (ls[2] - ls[1])))
params = "tone;N=%d;scales=%d" % (n, len(scales))
print("pywt-cwt,%s,seconds_median,%.6g,s" % (params, np.median(times)))
print("pywt-cwt,%s,ridge_period_rel_error,%.6g,1" % (params, abs(ridge / period - 1)))
