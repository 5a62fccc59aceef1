"""periodbench's external-method protocol, version 1 (PROTOCOL.md beside
this file), for Python: a method is a subclass of Method with a parameter
table, fit and predict; main(YourMethod) speaks the protocol. Standard
library only; numpy is used for the arrays when it is installed."""

import math
import sys
import traceback
from array import array

try:
    import numpy
except ImportError:  # the protocol works without it
    numpy = None

PROTOCOL = 1
STATUSES = ("ok", "no-convergence", "diverged", "unsupported", "bad-input", "error")


class Param:
    """A parameter: kind 'int', 'real' or 'choice'; lo/hi bound int and real
    values, choices lists a choice's values."""

    def __init__(self, name, kind, default, lo=None, hi=None, meaning="", choices=()):
        self.name, self.kind, self.default = name, kind, default
        self.lo, self.hi, self.meaning, self.choices = lo, hi, meaning, choices

    def line(self):
        if self.kind == "choice":
            return "param %s choice %s %s %s" % (self.name, self.default, "|".join(self.choices), self.meaning)
        return "param %s %s %s %r %r %s" % (self.name, self.kind, self.default, self.lo, self.hi, self.meaning)

    def value(self, text):
        return int(float(text)) if self.kind == "int" else float(text) if self.kind == "real" else text


class Unsupported(Exception):
    """Raise from fit when the method cannot do this series within reason."""


class Method:
    """Override name, family, summary, params (a list of Param), uses_errors,
    and fit and predict."""

    name = family = summary = None
    params = []
    uses_errors = False

    def fit(self, t, y, dy, prior, params, seed):
        """t, y, dy (None without errors): the training series, as numpy
        arrays or array('d'); prior: dict fmin, fmax, uniform, dt; params: a
        dict of typed values; seed: an int for the method's own randomness.
        Returns a dict with any of status ('ok'), message, iterations and
        components [(freq, amp, phase) or (freq, amp, phase, freq_se)]
        (a component is amp cos(2 pi freq t + phase))."""
        raise NotImplementedError

    def predict(self, t):
        """The fitted model at times t: a sequence of floats."""
        raise NotImplementedError


def _describe(m):
    lines = ["periodbench-method %d" % PROTOCOL, "name " + m.name, "family " + m.family, "summary " + m.summary,
             "uses_errors %d" % (1 if m.uses_errors else 0)]
    lines += [p.line() for p in m.params]
    sys.stdout.write("\n".join(lines + ["end"]) + "\n")


def _read_exact(n):
    data = sys.stdin.buffer.read(n)  # a buffered read returns all n bytes unless the input ends
    if len(data) != n:
        raise EOFError("the harness closed the input")
    return data


def _doubles(n):
    raw = _read_exact(8 * n)
    if numpy is not None:
        return numpy.frombuffer(raw, dtype="<f8").copy()
    a = array("d")
    a.frombytes(raw)
    if sys.byteorder == "big":
        a.byteswap()
    return a


def _write_doubles(values):
    if numpy is not None:
        sys.stdout.buffer.write(numpy.asarray(values, dtype="<f8").tobytes())
        return
    a = values if isinstance(values, array) and values.typecode == "d" else array("d", (float(v) for v in values))
    if sys.byteorder == "big":
        a = array("d", a)
        a.byteswap()
    sys.stdout.buffer.write(a.tobytes())


def _one_line(text):
    return " ".join(str(text).split())


def _fit(m, table):
    params, seed, prior, t = {}, 0, {}, None
    while True:
        words = sys.stdin.buffer.readline().decode().split()
        if words[0] == "param":
            params[words[1]] = table[words[1]].value(words[2])
        elif words[0] == "seed":
            seed = int(words[1])
        elif words[0] == "prior":
            prior = {"fmin": float(words[1]), "fmax": float(words[2]), "uniform": words[3] == "1",
                     "dt": float(words[4])}
        elif words[0] == "data":
            n, errors = int(words[1]), words[2] == "1"
            t, y = _doubles(n), _doubles(n)
            dy = _doubles(n) if errors else None
            break
    try:
        r = m.fit(t, y, dy, prior, params, seed) or {}
    except ImportError as e:
        package = getattr(e, "name", None) or str(e)
        r = {"status": "unsupported", "message": "needs the Python package %s (Debian: python3-%s)" % (package, package)}
    except Unsupported as e:
        r = {"status": "unsupported", "message": str(e)}
    except Exception as e:  # a failure of the method is its row, with the reason
        traceback.print_exc(file=sys.stderr)
        r = {"status": "error", "message": "fit raised %s: %s" % (type(e).__name__, e)}
    status = r.get("status", "ok")
    comps = r.get("components", []) if status in ("ok", "no-convergence") else []
    out = ["fitted %s %d" % (status if status in STATUSES else "error", int(r.get("iterations", 0))),
           "message " + _one_line(r.get("message", "")), "components %d" % len(comps)]
    out += [" ".join(repr(float(x)) for x in c) for c in comps]
    sys.stdout.buffer.write(("\n".join(out) + "\n").encode())
    sys.stdout.buffer.flush()


def _serve(m):
    table = {p.name: p for p in m.params}
    sys.stdout.buffer.write(b"ready\n")
    sys.stdout.buffer.flush()
    while True:
        line = sys.stdin.buffer.readline().decode()
        if not line or line.strip() == "quit":
            return
        words = line.split()
        if words[0] == "fit":
            _fit(m, table)
        elif words[0] == "predict":
            n = int(words[1])
            y = m.predict(_doubles(n)) if n else []
            if len(y) != n:
                raise ValueError("predict returned %d values for %d times" % (len(y), n))
            sys.stdout.buffer.write(b"predicted %d\n" % n)
            _write_doubles(y)
            sys.stdout.buffer.flush()
        else:
            raise ValueError("unknown request %r" % line)


def main(method_class):
    """The program's entry point: `PROGRAM describe` or `PROGRAM serve`."""
    m = method_class()
    if len(sys.argv) == 2 and sys.argv[1] == "describe":
        _describe(m)
    elif len(sys.argv) == 2 and sys.argv[1] == "serve":
        _serve(m)
    else:
        sys.exit("usage: %s describe|serve (a periodbench method: see PROTOCOL.md)" % sys.argv[0])


def sinusoid(components, offset, t):
    """offset + sum of amp cos(2 pi freq t + phase), at each time of t."""
    return [offset + sum(a * math.cos(2 * math.pi * f * x + p) for f, a, p in components) for x in t]

