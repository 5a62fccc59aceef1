#!/bin/sh
# The layering rule, checked on every #include "..." in common/ and methods/:
# each layer may include only the layers listed for it below (dependencies
# point one way; nothing includes cli/), and no two modules (a .c with its
# .h) include each other, directly or through others. Prints each breach
# and exits 1; run by `make test`.
set -eu
cd "$(dirname "$0")/../.."

# layer: the layers it may include (itself always allowed). cli/ parses,
# reads and prints: the estimators and model selections it runs are in
# analysis/, the benchmarks' workloads in bench/; it calls a spectral/ or
# sgd/ routine whose result it prints, and reaches nothing else below.
rules='base:
spectral: base
wavelet: base
nn: base
sgd: base
nlls: base spectral
longbaseline: base spectral
contract: base
io: base
stats: base
tasks: base contract spectral io
methods: base contract spectral nlls longbaseline wavelet nn sgd
harness: base contract tasks methods stats
analysis: base contract spectral nlls longbaseline tasks methods harness
bench: base io contract spectral nlls wavelet nn sgd tasks methods harness
cli: base io contract spectral sgd stats tasks methods harness analysis bench'

files=$(find common methods -name '*.[ch]' | sort)
for f in $files; do
    grep -H '^#include "' "$f" || true
done | awk -v rules="$rules" '
function layer_of(path,   p) {            # common/X/... -> X; methods/... -> methods
    if (path ~ /^methods\//) return "methods"
    split(path, p, "/"); return p[2]
}
function target_path(inc) {               # an include as written -> its file
    if (inc == "registry.h") return "methods/registry.h"
    if (inc ~ /^support\//) return "methods/" inc
    return "common/" inc
}
function module(path) { sub(/\.[ch]$/, "", path); return path }
BEGIN {
    n = split(rules, lines, "\n")
    for (i = 1; i <= n; i++) {
        split(lines[i], kv, ":"); allow[kv[1] " " kv[1]] = 1; known[kv[1]] = 1
        m = split(kv[2], deps, " ")
        for (j = 1; j <= m; j++) allow[kv[1] " " deps[j]] = 1
    }
}
{
    src = $0; sub(/:.*/, "", src)
    inc = $0; sub(/^[^"]*"/, "", inc); sub(/".*/, "", inc)
    dst = target_path(inc)
    from = layer_of(src); to = layer_of(dst)
    if (!(from in known)) { print src ": not in a known layer folder"; bad = 1; next }
    if (!((from " " to) in allow)) { print src ": " from "/ may not include " inc " (" to "/)"; bad = 1 }
    a = module(src); b = module(dst)
    if (a != b && !((a, b) in edge)) { edge[a, b] = 1; out[a] = out[a] " " b }
}
function visit(v,   k, nbr, m) {          # depth-first search for a cycle
    state[v] = 1; stack[++depth] = v
    m = split(out[v], nbr, " ")
    for (k = 1; k <= m; k++) {
        if (state[nbr[k]] == 1) { cycle_from(nbr[k]); bad = 1 }
        else if (!state[nbr[k]]) visit(nbr[k])
    }
    state[v] = 2; depth--
}
function cycle_from(v,   i, s) {
    for (i = 1; stack[i] != v; i++) ;
    s = v
    for (i++; i <= depth; i++) s = s " -> " stack[i]
    print "include circle: " s " -> " v
}
END {
    for (v in out) if (!state[v]) visit(v)
    exit bad
}'
