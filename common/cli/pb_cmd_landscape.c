/* periodbench landscape: the pictures that explain why SGD fails on the
 * seed's sin(31 x) - the mean loss and the mean gradient of y = sin(w x)
 * over the whole sin31 training set (seed 0), for w in [0, 62] and zoomed
 * on [30, 32], as gnuplot data (w, loss, gradient). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/pb_cli.h"
#include "cli/pb_commands.h"
#include "base/pb_fsutil.h"
#include "sgd/pb_landscape.h"
#include "tasks/pb_tasks.h"
#include "harness/pb_trial.h"

static const char landscape_usage[] =
    "usage: periodbench landscape [--out DIR]\n"
    "\n"
    "Writes DIR/landscape.dat (w from 0 to 62, 12,401 points) and DIR/landscape_zoom.dat\n"
    "(w from 30 to 32, 10,001 points): columns w, mean loss, mean dL/dw of y = sin(w x) over\n"
    "the sin31 task's training set (seed 0, default parameters). Default DIR: results/plots.\n";

static int write_range(const char *dir, const char *name, const pb_series *s, double w0, double w1, size_t m)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    double *loss = malloc(m * sizeof *loss), *grad = malloc(m * sizeof *grad);
    FILE *f = loss && grad && pb_landscape_sin(s, w0, w1, m, loss, grad) == 0 ? pb_fs_open_temp(path) : NULL;
    int rc = f ? 0 : -1;
    if (f) {
        fprintf(f, "# sin31 (seed 0, %zu points): w\tmean loss\tmean dL/dw\n", s->n);
        for (size_t j = 0; j < m; j++)
            fprintf(f, "%.9g\t%.9g\t%.9g\n", w0 + (double)j * (w1 - w0) / (double)(m - 1), loss[j], grad[j]);
        rc = pb_fs_commit_temp(f, path, 0);
    }
    free(loss);
    free(grad);
    return rc ? pb_cli_error(PB_EXIT_FAILURE, "landscape: writing %s: %s", path, strerror(errno)) : 0;
}

int pb_cmd_landscape(int argc, char **argv)
{
    const char *dir = "results/plots";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(landscape_usage, stdout);
            return PB_EXIT_OK;
        }
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            dir = argv[++i];
        else
            return pb_cli_error(PB_EXIT_USAGE, "landscape: unknown option '%s' (see --help)", argv[i]);
    }
    char made[4400];
    int made_rc = pb_fs_make_out_dir(dir, made, sizeof made);
    if (made_rc)
        return pb_cli_error(made_rc == 2 ? PB_EXIT_USAGE : PB_EXIT_FAILURE, "landscape: %s", made);
    const pb_task_type *task = &pb_task_sin31;
    pb_params *tp = pb_params_alloc(task->params, task->n_params);
    pb_trial_spec spec = {task, tp, NULL, NULL, 0};
    char err[256];
    pb_task_data d;
    memset(&d, 0, sizeof d);
    int rc = PB_EXIT_FAILURE;
    if (tp) {
        if (pb_trial_generate(&spec, &d, err, sizeof err) == 0) {
            pb_series s = pb_task_train_series(&d, 0);
            rc = write_range(dir, "landscape.dat", &s, 0.0, 62.0, 12401);
            if (rc == 0)
                rc = write_range(dir, "landscape_zoom.dat", &s, 30.0, 32.0, 10001);
        } else {
            pb_cli_error(PB_EXIT_FAILURE, "landscape: %s", err);
        }
    }
    pb_task_data_free(&d);
    pb_params_free(tp);
    return rc;
}
