#!/usr/bin/python3
"""Peer measurement for `make bench-peers`: scipy.optimize.curve_fit on the
tone periodbench wrote (bench --peer-data), from the same start frequency,
model c + a cos(2 pi f t) + b sin(2 pi f t), amplitudes started at their
least-squares values (as nlls does). Prints CSV rows
benchmark,params,metric,value,unit. A measurement tool, not part of the product."""
import sys
import time

import numpy as np
from scipy.optimize import curve_fit

path = sys.argv[1]
with open(path) as f:
    head = dict(kv.split("=") for kv in f.readline().lstrip("# ").strip().split(";"))
start, truth = float(head["start"]), float(head["truth"])
data = np.loadtxt(path, delimiter=",", skiprows=2)
t, y = data[:, 0], data[:, 1]


def model(t, f, a, b, c):
    return c + a * np.cos(2 * np.pi * f * t) + b * np.sin(2 * np.pi * f * t)


X = np.column_stack([np.cos(2 * np.pi * start * t), np.sin(2 * np.pi * start * t), np.ones_like(t)])
a0, b0, c0 = np.linalg.lstsq(X, y, rcond=None)[0]
p0 = [start, a0, b0, c0]
curve_fit(model, t, y, p0=p0)  # warm-up
times = []
for _ in range(5):
    t0 = time.perf_counter()
    p, _ = curve_fit(model, t, y, p0=p0)
    times.append(time.perf_counter() - t0)
print("scipy-curve-fit,tone;N=%d,seconds_median,%.6g,s" % (len(t), np.median(times)))
print("scipy-curve-fit,tone;N=%d,freq_abs_error,%.6g,cycles/sample" % (len(t), abs(p[0] - truth)))
