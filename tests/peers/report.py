#!/usr/bin/python3
"""Writes results/peers.md for `make bench-peers` from the CSV rows
(benchmark,params,metric,value,unit) of periodbench bench and of the peer
scripts, all measured in the same run on the same machine. A measurement
tool, not part of the product. Usage: report.py OURS.csv PEERS.csv..."""
import csv
import sys

rows = {}
for path in sys.argv[1:]:
    with open(path) as f:
        for r in csv.reader(f):
            if len(r) == 5 and r[0] != "benchmark":
                rows[(r[0], r[1], r[2])] = float(r[3])


def get(bench, params, metric):
    return rows.get((bench, params, metric))


print("### periodbench against its peers\n")
print("Measured by `make bench-peers` in one run on one machine (see environment.txt): the same "
      "data or the same workload through periodbench and through the peer.\n")
ls = "N=1000000;M=25000"
ours, peer = get("lomb-scargle", ls, "seconds_median"), get("astropy-fast", ls, "seconds_median")
if ours and peer:
    print("| Lomb-Scargle power, N = 10^6 irregular times, 25,000 frequencies | periodbench | astropy `fast` |")
    print("|---|---|---|")
    print("| time (s, median of 5) | %.4g | %.4g |" % (ours, peer))
    print("| largest error against exact sums (power) | %.2g | %.2g |" % (
        get("lomb-scargle", ls, "max_abs_error_vs_exact"), get("astropy-fast", ls, "max_abs_error_vs_exact")))
    print("| speed ratio (astropy / periodbench) | %.1fx | |\n" % (peer / ours))
print("| network training, Adam, steps per second | periodbench (double) | PyTorch float32 | PyTorch float64 "
      "| ratio to float32 | ratio to float64 |")
print("|---|---|---|---|---|---|")
for net in ("gelu", "siren"):
    for batch in (32, 256):
        p = "%s;width=64;depth=3;batch=%d;adam" % (net, batch)
        o, t32, t64 = get("nn-train", p + ";double", "steps_per_second"), get("torch-nn-train", p + ";float",
                      "steps_per_second"), get("torch-nn-train", p + ";double", "steps_per_second")
        if o and t32 and t64:
            print("| 3 x 64 %s, batch %d | %.0f | %.0f | %.0f | %.1fx | %.1fx |" % (
                "GELU MLP" if net == "gelu" else "SIREN", batch, o, t32, t64, o / t32, o / t64))
o, t = get("sgd-sin", "sin31;steps=1000000;batch=32", "steps_per_second"), get("torch-sgd-sin", "sin31;batch=32",
                                                                               "steps_per_second")
if o and t:
    print("\n| sgd-sin (the seed's sin(w x), batch 32), steps per second | periodbench | PyTorch | ratio |")
    print("|---|---|---|---|")
    print("| | %.3g | %.3g | %.0fx |" % (o, t, o / t))
