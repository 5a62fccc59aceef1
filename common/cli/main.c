/* periodbench's entry point: the usage text and the dispatch to the
 * subcommands. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "base/pb_reaper.h"
#include "base/pb_version.h"
#include "cli/pb_cli.h"
#include "cli/pb_cli_methods.h"
#include "cli/pb_commands.h"
#include "harness/pb_mpi.h"

static const char usage[] =
    "usage: periodbench COMMAND [OPTIONS]\n"
    "\n"
    "Which ways of fitting a periodic signal actually work, measured.\n"
    "\n"
    "commands:\n"
    "  list [tasks|methods]   the task catalog and the methods, with every parameter\n"
    "  run                    run tasks x methods x seeds; write runs.csv, summary.csv/.md\n"
    "  fit FILE.csv           the periods in your own series, with errors and false-alarm probabilities\n"
    "  periodogram FILE.csv   frequency,power of your own series\n"
    "  landscape              loss and gradient of sin(w x) against w on sin31 (why SGD fails)\n"
    "  track                  the local period of each method's model over time (drift figure)\n"
    "  oracle                 the shapes task done by an ideal estimator given the true shape\n"
    "  bench                  throughput and accuracy benchmarks (CSV)\n"
    "  plot DIR               render the figures of a result directory with gnuplot\n"
    "  merge OUT DIR...       join the shards of one plan (run --shard I/K) into one run's tables\n"
    "\n"
    "options:\n"
    "  --help                 this text (COMMAND --help: the command's own)\n"
    "  --version              the version\n";

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    int uses_methods; /* the external methods of the search path are loaded first */
} commands[] = {
    {"list", pb_cmd_list, 1},           {"run", pb_cmd_run, 1},     {"periodogram", pb_cmd_periodogram, 0},
    {"landscape", pb_cmd_landscape, 0}, {"track", pb_cmd_track, 1}, {"fit", pb_cmd_fit, 1},
    {"bench", pb_cmd_bench, 0},         {"plot", pb_cmd_plot, 0},   {"merge", pb_cmd_merge, 1},
    {"oracle", pb_cmd_oracle, 0},
};

/* Interrupted (Ctrl-C, a scheduler's TERM, a closed terminal): whatever an
 * external program started dies too, then periodbench dies of the signal.
 * run's worker loop has a handler of its own while trials run. */
static void on_fatal_signal(int sig)
{
    pb_reaper_kill_descendants_on_signal();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void handle_fatal_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_fatal_signal;
        sigaction(sigs[i], &sa, NULL);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        pb_cli_error(PB_EXIT_USAGE, "missing command; usage below");
        fputs(usage, stderr);
        return PB_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return PB_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("periodbench %s\n", PB_VERSION);
        return PB_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0) {
            int under_mpi = commands[i].run == pb_cmd_run; /* mpirun -n K periodbench run ... (make MPI=1) */
            if (under_mpi)
                pb_mpi_init(&argc, &argv);
            pb_reaper_init(); /* what an external program starts comes back here to be killed */
            handle_fatal_signals();
            if (under_mpi)
                pb_reaper_keep_children(); /* MPI's own (a singleton's daemon): not strays */
            int rc = commands[i].uses_methods ? pb_cli_load_methods() : 0;
            rc = rc ? rc : commands[i].run(argc - 1, argv + 1);
            if (under_mpi)
                pb_mpi_finalize();
            pb_reaper_kill_descendants(); /* nothing this command started outlives it */
            return rc;
        }
    return pb_cli_error(PB_EXIT_USAGE, "%s: unknown command (try periodbench --help)", cmd);
}
