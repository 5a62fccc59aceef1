#!/bin/sh
# The seed's PyTorch sgd-sin beside the C one, from a run's summary.csv
# (make seed-torch): success, nrmse_in and median fit time of each, and the
# time ratio, as a Markdown table.
set -eu
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
         $col["method"] == "sgd-sin" || $col["method"] == "seed-sin-torch" {
             m = $col["method"]; n[m] = $col["trials"]; ok[m] = $col["success_rate"] * $col["trials"]
             nrmse[m] = $col["nrmse_in_median"]; t[m] = $col["fit_seconds_median"] }
         END {
             print "| method | sin31 successes | nrmse_in (median) | fit_seconds (median) |"
             print "|---|---|---|---|"
             printf "| `sgd-sin` (C) | %d/%d | %.3g | %.3g |\n", ok["sgd-sin"], n["sgd-sin"], nrmse["sgd-sin"], t["sgd-sin"]
             printf "| `seed-sin-torch` (the seed'"'"'s PyTorch code, external) | %d/%d | %.3g | %.3g |\n", \
                 ok["seed-sin-torch"], n["seed-sin-torch"], nrmse["seed-sin-torch"], t["seed-sin-torch"]
             printf "\nIn one run on one machine (`make seed-torch`, one job): the C `sgd-sin` fits %.0fx faster.\n", \
                 t["seed-sin-torch"] / t["sgd-sin"] }' "$1"
