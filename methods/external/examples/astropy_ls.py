#!/usr/bin/python3
"""astropy-ls: astropy's LombScargle as a method - a real peer inside the
same tables: the highest peak of autopower over the prior band (weighted by
the errors when there are some), then offset, amplitude and phase by least
squares at that frequency."""
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)), ".."))
from periodbench_method import Method, Param, main  # noqa: E402


class AstropyLS(Method):
    name, family, uses_errors = "astropy-ls", "spectral", True
    summary = "astropy's LombScargle (method 'fast' by default): the highest peak, then least squares"
    params = [Param("method", "choice", "fast", choices=("fast", "cython", "slow"), meaning="astropy's method"),
              Param("samples_per_peak", "real", 5, 1, 100, "grid step 1/(S T)")]

    def fit(self, t, y, dy, prior, params, seed):
        import numpy
        from astropy.timeseries import LombScargle

        t, y = numpy.asarray(t), numpy.asarray(y)
        ls = LombScargle(t, y, None if dy is None else numpy.asarray(dy))
        span = t[-1] - t[0]
        fmin = max(prior["fmin"], 1 / (params["samples_per_peak"] * span))
        freq, power = ls.autopower(method=params["method"], minimum_frequency=fmin, maximum_frequency=prior["fmax"],
                                   samples_per_peak=params["samples_per_peak"])
        f = float(freq[numpy.argmax(power)])
        w = numpy.ones_like(y) if dy is None else 1 / numpy.asarray(dy) ** 2
        a = numpy.column_stack([numpy.ones_like(t), numpy.cos(2 * math.pi * f * t), numpy.sin(2 * math.pi * f * t)])
        sw = numpy.sqrt(w)
        (self.offset, c, s), *_ = numpy.linalg.lstsq(a * sw[:, None], y * sw, rcond=None)
        self.comp = (f, math.hypot(c, s), math.atan2(-s, c))
        return {"iterations": len(freq), "components": [self.comp],
                "message": "%d frequencies, peak %.12g power %.4f" % (len(freq), f, float(power.max()))}

    def predict(self, t):
        f, amp, phase = self.comp
        return [self.offset + amp * math.cos(2 * math.pi * f * x + phase) for x in t]


if __name__ == "__main__":
    main(AstropyLS)
