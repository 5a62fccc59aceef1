#!/usr/bin/python3
"""Writes results/peers.md and results/plots/scaling.dat for `make
bench-peers` from the CSV rows (benchmark,params,metric,value,unit) of
periodbench bench and of the peer scripts, all measured in the same run on
the same machine. A measurement tool, not part of the product.
Usage: report.py SCALING.dat OURS.csv PEERS.csv..."""
import csv
import re
import sys

rows = {}
for path in sys.argv[2:]:
    with open(path) as f:
        for r in csv.reader(f):
            if len(r) == 5 and r[0] != "benchmark":
                rows[(r[0], r[1], r[2])] = float(r[3])


def get(bench, params, metric):
    return rows.get((bench, params, metric))


print("### periodbench against its peers\n")
print("Measured by `make bench-peers` in one run on one machine (see environment.txt): the same "
      "data or the same workload through periodbench and through the peer. Ratio > 1: periodbench "
      "is faster.\n")
print("| workload | periodbench | peer | peer's time | ratio | periodbench's error | peer's error |")
print("|---|---|---|---|---|---|---|")
for n in (1000, 10000, 100000, 1000000):
    p = "N=%d;M=25000" % n
    o, t = get("lomb-scargle", p, "seconds_median"), get("astropy-fast", p, "seconds_median")
    if o and t:
        print("| Lomb-Scargle power, N = %d irregular, 25,000 frequencies (error: largest vs exact sums) "
              "| %.3g s | astropy `fast` | %.3g s | %.1fx | %.2g | %.2g |" % (
                  n, o, t, t / o, get("lomb-scargle", p, "max_abs_error_vs_exact"),
                  get("astropy-fast", p, "max_abs_error_vs_exact")))
p = "tone;N=1024"
o, t = get("nlls-from-start", p, "seconds_median"), get("scipy-curve-fit", p, "seconds_median")
if o and t:
    print("| one sinusoid fit from the same start, tone N = 1024 (error: \\|f - truth\\|) | %.3g s "
          "| scipy `curve_fit` | %.3g s | %.2fx | %.3g | %.3g |" % (
              o, t, t / o, get("nlls-from-start", p, "freq_abs_error"), get("scipy-curve-fit", p, "freq_abs_error")))
p = "tone;N=65536;scales=257"
o, t = get("cwt", p, "seconds_median"), get("pywt-cwt", p, "seconds_median")
if o and t:
    print("| Morlet CWT, pure tone N = 2^16, 257 scales (error: ridge period, relative) | %.3g s "
          "| pywt `cwt` (morl, fft) | %.3g s | %.2fx | %.2g | %.2g |" % (
              o, t, t / o, get("cwt", p, "ridge_period_rel_error"), get("pywt-cwt", p, "ridge_period_rel_error")))
for net in ("gelu", "siren"):
    for batch in (32, 256):
        p = "%s;width=64;depth=3;batch=%d;adam" % (net, batch)
        o, t32, t64 = (get("nn-train", p + ";double", "steps_per_second"),
                       get("torch-nn-train", p + ";float", "steps_per_second"),
                       get("torch-nn-train", p + ";double", "steps_per_second"))
        if o and t32 and t64:
            label = "3 x 64 %s, Adam, batch %d (steps/s; ours double)" % ("GELU MLP" if net == "gelu" else "SIREN",
                                                                          batch)
            print("| %s | %.0f /s | PyTorch float32 | %.0f /s | %.1fx | | |" % (label, o, t32, o / t32))
            print("| %s | %.0f /s | PyTorch float64 | %.0f /s | %.1fx | | |" % (label, o, t64, o / t64))
o, t = get("sgd-sin", "sin31;steps=1000000;batch=32", "steps_per_second"), get("torch-sgd-sin", "sin31;batch=32",
                                                                               "steps_per_second")
if o and t:
    print("| sgd-sin, the seed's sin(w x), batch 32 (steps/s) | %.3g /s | PyTorch | %.3g /s | %.0fx | | |" % (
        o, t, o / t))

# The scaling figure's data: seconds against N, one gnuplot block per curve.
curves = [("lomb-scargle (25,000 frequencies)", "lomb-scargle", "seconds_median"),
          ("astropy LombScargle fast (same grid)", "astropy-fast", "seconds_median"),
          ("ls-direct (100 frequencies)", "ls-direct", "seconds_median"),
          ("periodogram (FFT)", "periodogram", "seconds_median"),
          ("cwt-ridge fit on drift", "cwt-ridge", "fit_seconds_per_channel")]
with open(sys.argv[1], "w") as out:
    for title, bench, metric in curves:
        pts = sorted((int(re.search(r"N=(\d+)", p).group(1)), v) for (b, p, m), v in rows.items()
                     if b == bench and m == metric and re.search(r"N=(\d+)", p))
        if pts:
            out.write('"%s"\tseconds\n' % title)
            for n, v in pts:
                out.write("%d\t%.6g\n" % (n, v))
            out.write("\n\n")
