/* periodbench plot DIR: renders the figures of an existing result directory
 * (DIR/plots/ *.dat -> *.png) with gnuplot, as run does at its end. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/pb_cli.h"
#include "cli/pb_commands.h"
#include "harness/pb_plots.h"

static const char plot_usage[] =
    "usage: periodbench plot DIR [--timeout S]\n"
    "\n"
    "Renders DIR/plots/*.dat (written by periodbench run, track, landscape and bench)\n"
    "into DIR/plots/*.png with gnuplot. run does this itself when gnuplot is installed.\n"
    "\n"
    "  --timeout S   wall and CPU time limit of each figure's script (default 60;\n"
    "                the comparison's figures take about a second in all)\n";

int pb_cmd_plot(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(plot_usage, stdout);
        return PB_EXIT_OK;
    }
    const char *dir = NULL;
    double seconds = PB_PLOTS_DEFAULT_SECONDS;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) {
            if (pb_cli_parse_timeout(argv[i], argv[i + 1], &seconds) != 0)
                return PB_EXIT_USAGE;
            i++;
        } else if (argv[i][0] != '-' && !dir) {
            dir = argv[i];
        } else {
            return pb_cli_error(PB_EXIT_USAGE, "plot: expected one result directory and at most --timeout S, not "
                                               "'%s' (see periodbench plot --help)", argv[i]);
        }
    }
    if (!dir)
        return pb_cli_error(PB_EXIT_USAGE, "plot: expected one result directory (see periodbench plot --help)");
    char plots[4200], err[1024] = "";
    snprintf(plots, sizeof plots, "%s/plots", dir);
    struct stat st;
    if (stat(plots, &st) != 0 || !S_ISDIR(st.st_mode))
        return pb_cli_error(PB_EXIT_USAGE, "plot %s: no %s folder: not a result directory of periodbench run", dir,
                            plots);
    int rc = pb_plots_render(dir, seconds, err, sizeof err);
    if (rc < 0)
        return pb_cli_error(PB_EXIT_FAILURE, "plot: gnuplot is not installed (apt-get install gnuplot-nox)");
    if (rc > 0)
        return pb_cli_error(PB_EXIT_FAILURE, "plot: %s", err);
    fprintf(stderr, "periodbench: plots in %s/\n", plots);
    return PB_EXIT_OK;
}
