/* periodbench bench: throughput and accuracy benchmarks, as CSV
 * (benchmark,params,metric,value,unit) on stdout, and with --out DIR also
 * DIR/bench.csv and DIR/bench.md. Each timing: one warm-up, then the median
 * and the min-max of --repeat runs; peak memory is the process's max RSS
 * after the benchmark. Benchmarks print numbers; they assert nothing. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/pb_fsutil.h"
#include "bench/pb_bench_external.h"
#include "bench/pb_bench_kernels.h"
#include "bench/pb_bench_peers.h"
#include "bench/pb_bench_scaling.h"
#include "bench/pb_bench_timing.h"
#include "cli/pb_cli.h"
#include "cli/pb_commands.h"
#include "support/pb_external.h"

static const char bench_usage[] =
    "usage: periodbench bench [--repeat R] [--max-n N] [--out DIR]\n"
    "\n"
    "  lomb-scargle: time of the fast power (25,000 frequencies) and its largest absolute\n"
    "                error against exact sums at 500 of them, N = 1e3 .. max-n (default 1e6)\n"
    "  ls-direct:    time of the exact power at 100 frequencies (the full grid is N x 25,000)\n"
    "  periodogram:  time of the FFT power, N = 2^10 .. 2^24 (capped by max-n x 16.8)\n"
    "  sgd-sin:      steps per second of the default 10^6-step fit on sin31\n"
    "  nn-train:     Adam training steps per second of 3 x 64 GELU and SIREN networks, batch 32, 256\n"
    "  nlls:         one fit on the default tone (N = 1024), spectral start\n"
    "  cwt-ridge:    one fit on drift, N = 2^10 .. 2^20 (capped by max-n x 16)\n"
    "  fold:         the whole clock pipeline (N = 2^20), seconds per channel (HH, MM, SS)\n"
    "  external:     an external method's overhead (an echoing program, tests/methods/external/echo.py\n"
    "                beside the binary in the source tree, never from the current directory; an\n"
    "                install has none and skips it):\n"
    "                fit + predict of 16 points (median of 200), and of a 2^20-point channel, in MB/s\n"
    "  --repeat R    timed runs after one warm-up (default 5); the median is reported\n"
    "  nlls-from-start, cwt: the workloads of --peer-data (a tone fitted from a given start;\n"
    "                the Morlet transform of a pure tone, N = 2^16, 257 scales) and their accuracy\n"
    "  --peer-data DIR  write those workloads' inputs (DIR/tone.csv, DIR/cwt.csv) and stop\n"
    "  --scaling RUNS.csv --rank0-us U --out DIR   simulate MPI ranks from a run's trial costs and\n"
    "                rank 0's cost per trial (make mpi-scaling) into DIR/mpi_scaling.md and DIR/plots; stop\n"
    "  --data FILE   write the N = max-n lomb-scargle series as t,y CSV (for the peers) and stop;\n"
    "                its grid: f_k = k / (5 T), k = 1 .. 25,000, T = t[N-1] - t[0]\n";

typedef struct bench_out {
    FILE *csv, *md;
} bench_out;

/* The sink: stdout, and DIR/bench.csv and DIR/bench.md with --out. */
static void emit(void *ctx, const char *bench, const char *params, const char *metric, double value, const char *unit)
{
    bench_out *o = ctx;
    printf("%s,%s,%s,%.6g,%s\n", bench, params, metric, value, unit);
    if (o->csv)
        fprintf(o->csv, "%s,%s,%s,%.6g,%s\n", bench, params, metric, value, unit);
    if (o->md)
        fprintf(o->md, "| %s | %s | %s | %.4g | %s |\n", bench, params, metric, value, unit);
    fflush(stdout);
}

/* The echoing test program the overhead is measured with, beside the
 * binary in the source tree (never looked up from the current directory: a
 * program there is nobody's choice); an install has none. */
#define BENCH_ECHO_PROGRAM "tests/methods/external/echo.py"
#define BENCH_EXTERNAL_TIMEOUT 600.0

static int bench_external(const pb_bench_sink *o, int repeat)
{
    pb_bench_external_result r;
    char err[1024] = "", exe[PATH_MAX], echo[PATH_MAX + 64];
    if (pb_fs_exe_dir(exe, sizeof exe) != 0) {
        fprintf(stderr, "periodbench: bench: external: skipped (cannot find the binary's folder)\n");
        return 0;
    }
    snprintf(echo, sizeof echo, "%s/" BENCH_ECHO_PROGRAM, exe);
    pb_external_set_timeout(BENCH_EXTERNAL_TIMEOUT);
    if (access(echo, X_OK) != 0) {
        fprintf(stderr, "periodbench: bench: external: skipped (no %s beside the binary: the source tree has it)\n",
                BENCH_ECHO_PROGRAM);
        return 0;
    }
    if (pb_bench_external(echo, repeat, &r, err, sizeof err) != 0) {
        fprintf(stderr, "periodbench: bench: external: skipped (%s)\n", err);
        return 0;
    }
    pb_bench_emit(o, "external", "echo;N=16", "fit_predict_seconds_median", r.trial_seconds, "s");
    pb_bench_emit(o, "external", "echo;N=1048576", "fit_predict_seconds_median", r.channel_seconds, "s");
    pb_bench_emit(o, "external", "echo;N=1048576", "throughput", r.mb_per_second, "MiB/s");
    return 0;
}

int pb_cmd_bench(int argc, char **argv)
{
    long repeat = 5;
    double max_n = 1e6;
    const char *out_dir = NULL, *data_path = NULL, *scaling = NULL;
    double rank0_us = NAN;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(bench_usage, stdout);
            return PB_EXIT_OK;
        }
        if (i + 1 >= argc)
            return pb_cli_error(PB_EXIT_USAGE, "bench: %s: unknown option or missing value", argv[i]);
        char *end;
        const char *v = argv[++i];
        if (strcmp(argv[i - 1], "--repeat") == 0) {
            repeat = strtol(v, &end, 10);
            if (*end || repeat < 1 || repeat > PB_BENCH_MAX_REPEAT)
                return pb_cli_error(PB_EXIT_USAGE, "--repeat %s: expected 1 to %d", v, PB_BENCH_MAX_REPEAT);
        } else if (strcmp(argv[i - 1], "--max-n") == 0) {
            if (pb_cli_parse_real(argv[i - 1], v, 1e3, 1e8, "1e3 to 1e8", &max_n) != 0)
                return PB_EXIT_USAGE;
        } else if (strcmp(argv[i - 1], "--out") == 0) {
            out_dir = v;
        } else if (strcmp(argv[i - 1], "--data") == 0) {
            data_path = v;
        } else if (strcmp(argv[i - 1], "--scaling") == 0) {
            scaling = v;
        } else if (strcmp(argv[i - 1], "--rank0-us") == 0) {
            if (pb_cli_parse_real(argv[i - 1], v, 0, 1e6, "microseconds from 0 to 1e6", &rank0_us) != 0)
                return PB_EXIT_USAGE;
        } else if (strcmp(argv[i - 1], "--peer-data") == 0) {
            char made[4400];
            int made_rc = pb_fs_make_out_dir(v, made, sizeof made);
            if (made_rc)
                return pb_cli_error(made_rc == 2 ? PB_EXIT_USAGE : PB_EXIT_FAILURE, "bench --peer-data: %s", made);
            if (pb_bench_peer_data_write(v) != 0)
                return pb_cli_error(PB_EXIT_FAILURE, "--peer-data %s: cannot write the peers' data", v);
            return PB_EXIT_OK;
        } else {
            return pb_cli_error(PB_EXIT_USAGE, "bench: unknown option '%s' (see --help)", argv[i - 1]);
        }
    }
    if (out_dir) {
        char made[4400];
        int made_rc = pb_fs_make_out_dir(out_dir, made, sizeof made);
        if (made_rc)
            return pb_cli_error(made_rc == 2 ? PB_EXIT_USAGE : PB_EXIT_FAILURE, "bench: %s", made);
    }
    if (scaling) {
        char err[512] = "";
        if (isnan(rank0_us) || !out_dir)
            return pb_cli_error(PB_EXIT_USAGE, "--scaling needs --rank0-us and --out");
        return pb_bench_scaling(scaling, rank0_us * 1e-6, 2, out_dir, err, sizeof err) == 0
                   ? PB_EXIT_OK
                   : pb_cli_error(PB_EXIT_USAGE, "--scaling %s", err);
    }
    if (data_path)
        return pb_bench_lomb_scargle_write(data_path, (size_t)max_n) == 0
                   ? PB_EXIT_OK
                   : pb_cli_error(PB_EXIT_FAILURE, "%s: %s", data_path, strerror(errno));
    bench_out o = {NULL, NULL};
    char csv_path[4200], md_path[4200];
    if (out_dir) {
        snprintf(csv_path, sizeof csv_path, "%s/bench.csv", out_dir);
        snprintf(md_path, sizeof md_path, "%s/bench.md", out_dir);
        o.csv = pb_fs_open_temp(csv_path);
        o.md = pb_fs_open_temp(md_path);
        if (!o.csv || !o.md)
            return pb_cli_error(PB_EXIT_FAILURE, "%s: %s", out_dir, strerror(errno));
        fprintf(o.csv, "benchmark,params,metric,value,unit\n");
        fprintf(o.md, "# periodbench benchmarks\n\nOne warm-up, then the median (and min, max) of %ld runs; "
                      "one core. Machine and build: environment.txt of the same directory's last run.\n\n"
                      "| benchmark | params | metric | value | unit |\n|---|---|---|---|---|\n", repeat);
    }
    printf("benchmark,params,metric,value,unit\n");
    pb_bench_sink sink = {emit, &o};
    int rc = bench_external(&sink, (int)repeat) || pb_bench_peer_workloads(&sink, (int)repeat) ||
             pb_bench_kernels(&sink, (int)repeat, max_n);
    if (out_dir) {
        int bad = rc != 0;
        bad |= pb_fs_commit_temp(o.csv, csv_path, rc != 0) != 0;
        bad |= pb_fs_commit_temp(o.md, md_path, rc != 0) != 0;
        if (bad && rc == 0)
            return pb_cli_error(PB_EXIT_FAILURE, "writing %s: %s", out_dir, strerror(errno));
    }
    return rc ? pb_cli_error(PB_EXIT_FAILURE, "bench: out of memory") : PB_EXIT_OK;
}
