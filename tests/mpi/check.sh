#!/bin/sh
# With the MPI build (make MPI=1; run by make mpi-check): mpirun -n 3 gives
# the table of a single-process run of the same plan (outside the timing
# columns), and --resume completes an interrupted table across the two
# modes, either way. QUICK_ARGS: the plan (make compare-quick's).
set -eu
cd "$(dirname "$0")/../.."
: "${QUICK_ARGS:?set by make mpi-check}"
work=$(mktemp -d /tmp/pb-mpi-XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "tests/mpi: $*" >&2; exit 1; }
# Open MPI as root in a container: allow it, oversubscribe two cores, shared memory only.
mpi() { mpirun --allow-run-as-root --oversubscribe --mca btl self,vader -n 3 "$@"; }
strip() { cut -d, -f1-19,23- "$1"; } # without fit_seconds, fit_cpu_seconds, predict_seconds

./periodbench run $QUICK_ARGS --jobs 2 --quiet --out "$work/single" > /dev/null
mpi ./periodbench run $QUICK_ARGS --jobs 1 --quiet --out "$work/mpi" > /dev/null
strip "$work/single/runs.csv" > "$work/a"
strip "$work/mpi/runs.csv" > "$work/b"
cmp -s "$work/a" "$work/b" || fail "3 ranks and one process give different tables: $(diff "$work/a" "$work/b" | head -5)"

# Half a table, completed by the other mode: MPI after a single run, and back.
rows=$(wc -l < "$work/single/runs.csv")
for resume_with in mpi single; do
    head -n $((rows / 2)) "$work/single/runs.csv" > "$work/$resume_with-resumed.csv"
    mkdir -p "$work/r-$resume_with"
    mv "$work/$resume_with-resumed.csv" "$work/r-$resume_with/runs.csv"
    if [ "$resume_with" = mpi ]; then
        mpi ./periodbench run $QUICK_ARGS --jobs 1 --quiet --resume --out "$work/r-mpi" > /dev/null
    else
        ./periodbench run $QUICK_ARGS --jobs 2 --quiet --resume --out "$work/r-single" > /dev/null
    fi
    strip "$work/r-$resume_with/runs.csv" > "$work/c"
    cmp -s "$work/a" "$work/c" || fail "resumed under $resume_with, the table differs"
done
echo "tests/mpi: 3 ranks give the single-process table ($((rows - 1)) trials); --resume across modes: ok"
