#!/usr/bin/python3
"""py-dft-peak: the protocol's dependency-free example (standard library
only), a complete method in a few lines: the highest peak of the classical
periodogram on a grid over the prior band, refined by golden-section
search, then offset, amplitude and phase by least squares."""
import cmath
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
from periodbench_method import Method, Param, Unsupported, main, sinusoid  # noqa: E402


def power(t, y, f):
    c = s = 0.0
    for x, v in zip(t, y):
        a = 2 * math.pi * f * x
        c += v * math.cos(a)
        s += v * math.sin(a)
    return c * c + s * s


def grid_powers(t, y, f0, step, m):
    """power(t, y, f0 + j step) for j < m, each sample's phasor turned by one
    step per frequency (complex products run at C speed inside list and sum;
    the direct sums' sin and cos per sample and frequency took ~4 s a trial),
    recomputed exactly every 256 frequencies."""
    turn = [cmath.exp(2j * math.pi * step * x) for x in t]
    out, z = [], []
    for j in range(m):
        if j % 256 == 0:
            z = [v * cmath.exp(2j * math.pi * (f0 + j * step) * x) for x, v in zip(t, y)]
        total = sum(z)
        out.append(total.real * total.real + total.imag * total.imag)
        z = [a * b for a, b in zip(z, turn)]
    return out


def least_squares(t, y, f):
    """offset, amplitude, phase of offset + a cos + b sin at f (normal equations)."""
    cols = [[1.0] * len(t), [math.cos(2 * math.pi * f * x) for x in t], [math.sin(2 * math.pi * f * x) for x in t]]
    a = [[sum(p * q for p, q in zip(ci, cj)) for cj in cols] for ci in cols]
    b = [sum(p * v for p, v in zip(ci, y)) for ci in cols]
    for i in range(3):  # Gauss-Jordan with partial pivoting
        k = max(range(i, 3), key=lambda r: abs(a[r][i]))
        a[i], a[k], b[i], b[k] = a[k], a[i], b[k], b[i]
        if a[i][i] == 0:
            return b[0] / len(t), 0.0, 0.0
        for r in range(3):
            if r != i:
                g = a[r][i] / a[i][i]
                a[r] = [x - g * z for x, z in zip(a[r], a[i])]
                b[r] -= g * b[i]
    off, c, s = (b[i] / a[i][i] for i in range(3))
    return off, math.hypot(c, s), math.atan2(-s, c)


class DftPeak(Method):
    name, family = "py-dft-peak", "spectral"
    summary = "pure Python: classical periodogram peak on a grid, golden-section refinement, least squares"
    params = [Param("samples_per_peak", "real", 5, 1, 100, "grid step 1/(S T)"),
              Param("max_ops", "real", 2e7, 1e3, 1e12, "largest samples x frequencies attempted; above: unsupported")]

    def fit(self, t, y, dy, prior, params, seed):
        span = t[-1] - t[0]
        mean = sum(y) / len(y)
        yc = [v - mean for v in y]
        step = 1.0 / (params["samples_per_peak"] * span)
        f0 = max(prior["fmin"], step)
        m = int((prior["fmax"] - f0) / step) + 1
        if m * len(t) > params["max_ops"]:
            raise Unsupported("the grid needs %d frequencies x %d samples > max_ops %g" % (m, len(t), params["max_ops"]))
        powers = grid_powers(t, yc, f0, step, m)
        best = max(range(m), key=powers.__getitem__)
        lo, hi = f0 + (best - 1) * step, f0 + (best + 1) * step
        g = (math.sqrt(5) - 1) / 2
        for _ in range(60):  # golden section on the exact power
            a, b = hi - g * (hi - lo), lo + g * (hi - lo)
            if power(t, yc, a) > power(t, yc, b):
                hi = b
            else:
                lo = a
        f = (lo + hi) / 2
        self.offset, amp, phase = least_squares(t, y, f)
        self.components = [(f, amp, phase)]
        return {"message": "grid %d frequencies, peak %.12g" % (m, f), "iterations": m + 60,
                "components": self.components}

    def predict(self, t):
        return sinusoid(self.components, self.offset, t)


if __name__ == "__main__":
    main(DftPeak)
