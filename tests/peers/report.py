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
def time_row(workload, ours, peer, peer_label, params, error_metric, ratio_fmt, error_fmt):
    """One row comparing the median times of ours and peer on the same workload, with each one's error."""
    o, t = get(ours, params, "seconds_median"), get(peer, params, "seconds_median")
    if o and t:
        print(("| %s | %.3g s | %s | %.3g s | " + ratio_fmt + "x | " + error_fmt + " | " + error_fmt + " |") % (
            workload, o, peer_label, t, t / o, get(ours, params, error_metric), get(peer, params, error_metric)))


for n in (1000, 10000, 100000, 1000000):
    time_row("Lomb-Scargle power, N = %d irregular, 25,000 frequencies (error: largest vs exact sums)" % n,
             "lomb-scargle", "astropy-fast", "astropy `fast`", "N=%d;M=25000" % n, "max_abs_error_vs_exact",
             "%.1f", "%.2g")
time_row("one sinusoid fit from the same start, tone N = 1024 (error: \\|f - truth\\|)", "nlls-from-start",
         "scipy-curve-fit", "scipy `curve_fit`", "tone;N=1024", "freq_abs_error", "%.2f", "%.3g")
time_row("Morlet CWT, pure tone N = 2^16, 257 scales (error: ridge period, relative)", "cwt", "pywt-cwt",
         "pywt `cwt` (morl, fft)", "tone;N=65536;scales=257", "ridge_period_rel_error", "%.2f", "%.2g")
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
