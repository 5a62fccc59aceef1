#!/usr/bin/python3
"""A test program: echoes what it was sent, to check that doubles cross the
protocol bit for bit both ways. Its components are the prior (fmin, fmax,
dt), the first point (t, y, dy) and the last; predict returns the times."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)), "../../../methods/external"))
from periodbench_method import Method, Param, main  # noqa: E402


class Echo(Method):
    name, family, summary, uses_errors = "test-echo", "test", "echoes its input (tests only)", True
    params = [Param("label", "choice", "a", choices=("a", "b"), meaning="any choice"),
              Param("scale", "real", 1.5, 0, 10, "any real")]

    def fit(self, t, y, dy, prior, params, seed):
        first = (t[0], y[0], dy[0] if dy is not None else 0.0)
        last = (t[-1], y[-1], float(seed % 1000003))
        return {"components": [(prior["fmin"], prior["fmax"], prior["dt"]), first, last],
                "message": "label=%s scale=%r n=%d" % (params["label"], params["scale"], len(t)), "iterations": 7}

    def predict(self, t):
        return t


if __name__ == "__main__":
    main(Echo)
