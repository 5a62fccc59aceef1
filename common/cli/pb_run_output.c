#include "cli/pb_run_output.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/pb_cli.h"
#include "harness/pb_environment.h"
#include "harness/pb_plots.h"
#include "harness/pb_summary.h"

void pb_run_command_line(int argc, char **argv, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < argc && used < len; i++) {
        int w = snprintf(buf + used, len - used, "%s%s", i ? " " : "periodbench ", argv[i]);
        used += w > 0 ? (size_t)w : 0;
    }
}

/* Summary and environment from the table as it now stands on disk. */
static int write_summaries(const pb_run_options *opt, const char *command_line)
{
    char path[4200], err[512] = "";
    snprintf(path, sizeof path, "%s/runs.csv", opt->out_dir);
    pb_runs_table t;
    if (pb_runs_read(path, &t, NULL, err, sizeof err) != 0)
        return pb_cli_error(PB_EXIT_FAILURE, "%s", err);
    int rc = pb_summary_write(&t, opt->out_dir, err, sizeof err);
    pb_runs_table_free(&t);
    if (rc == 0)
        rc = pb_environment_write(opt->out_dir, command_line, opt->jobs, opt->timeout, opt->memory_mb, err,
                                  sizeof err);
    if (rc != 0)
        return pb_cli_error(PB_EXIT_FAILURE, "%s", err);
    snprintf(path, sizeof path, "%s/summary.md", opt->out_dir);
    FILE *f = fopen(path, "r");
    if (f) {
        char line[4096];
        while (fgets(line, sizeof line, f))
            fputs(line, stdout);
        fclose(f);
    }
    return 0;
}

/* Renders the plots and says once where they are, or how to render them. */
static void render_plots(const char *out_dir, int progress)
{
    char err[512] = "";
    int rc = pb_plots_render(out_dir, PB_PLOTS_DEFAULT_SECONDS, err, sizeof err);
    if (rc < 0)
        fprintf(stderr, "periodbench: gnuplot is not installed: %s/plots/ holds the plot data; render it with "
                "'periodbench plot %s' once it is (apt-get install gnuplot-nox)\n", out_dir, out_dir);
    else if (rc > 0)
        pb_cli_error(PB_EXIT_FAILURE, "plots: %s (the tables are written)", err);
    else if (progress)
        fprintf(stderr, "periodbench: plots in %s/plots/\n", out_dir);
}

int pb_run_write_outputs(const pb_run_options *opt, const char *command_line)
{
    int rc = write_summaries(opt, command_line);
    if (rc == 0)
        render_plots(opt->out_dir, opt->progress);
    return rc;
}
