#!/bin/sh
# make install into a fresh PREFIX gives a working periodbench (it runs,
# finds its plot scripts and external methods, its man page renders), and make uninstall removes
# exactly what was installed. Run by `make test` (MAKE and MAKEFLAGS come
# from it, so the build's variables carry over).
set -eu
cd "$(dirname "$0")/../.."
make_cmd=${MAKE:-make}
prefix=$(mktemp -d /tmp/pb-install-XXXXXX)
work=$(mktemp -d /tmp/pb-install-run-XXXXXX)
trap 'rm -rf "$prefix" "$work"' EXIT
fail() { echo "tests/install: $*" >&2; exit 1; }

# Something of the user's in PREFIX, which uninstall must leave alone.
mkdir -p "$prefix/bin"
echo mine > "$prefix/bin/other-tool"
echo mine > "$prefix/keep-me"

"$make_cmd" --no-print-directory -s install PREFIX="$prefix" >/dev/null
bin="$prefix/bin/periodbench"
[ -x "$bin" ] || fail "no $bin"
"$bin" --version | grep -q '^periodbench ' || fail "the installed binary does not run"

# The man page renders and holds the commands' own help.
MANWIDTH=80 man -l "$prefix/share/man/man1/periodbench.1" > "$work/man.txt" 2>/dev/null ||
    fail "man -l periodbench.1 failed"
grep -q 'periodbench run' "$work/man.txt" || fail "the man page lacks the run command"
grep -q -- '--resume' "$work/man.txt" || fail "the man page lacks run's options"

# Installed away from the source tree, the binary still finds its plot scripts.
(cd "$work" && "$bin" run --tasks tone --methods ls-direct --seeds 1 --quiet --out out >/dev/null 2>"$work/err") ||
    fail "the installed binary's run failed: $(cat "$work/err")"
[ -f "$work/out/plots/success.png" ] || fail "the installed binary rendered no plots: $(cat "$work/err")"
# ... and its external methods (the search path beside it).
"$bin" list methods | grep -q 'py-dft-peak' || fail "the installed binary does not list the external methods"

"$make_cmd" --no-print-directory -s uninstall PREFIX="$prefix" >/dev/null
left=$(cd "$prefix" && find . -type f | sort | tr '\n' ' ')
[ "$left" = "./bin/other-tool ./keep-me " ] || fail "after uninstall, PREFIX holds: $left"
[ ! -e "$prefix/share/periodbench" ] || fail "uninstall left share/periodbench"
echo "tests/install: install, man page, plots from the installed binary and uninstall: ok"
