/* pb_plots: renders a result directory's figures (the .dat files of DIR/plots/ into
 * .png files) with gnuplot and the project's scripts, found beside the binary
 * (in the source tree: common/plots/; installed: ../share/periodbench/plots/). */
#ifndef PB_PLOTS_H
#define PB_PLOTS_H

#include <stddef.h>

/* The folder of the gnuplot scripts into buf. Returns 0, or -1 if none
 * is found (err says where it looked). */
int pb_plots_scripts_dir(char *buf, size_t len, char *err, size_t errlen);

/* The limit on one script, in seconds of wall and CPU time: a figure of the
 * comparison's tables takes well under one; a crafted .dat can make gnuplot
 * read for hours. */
#define PB_PLOTS_DEFAULT_SECONDS 60.0

/* Runs every script on out_dir/plots, each stopped after seconds. Returns 0
 * when all rendered, 1 when one failed or ran out of time or no scripts were
 * found (err says which), -1 when gnuplot is not installed (nothing was
 * tried). */
int pb_plots_render(const char *out_dir, double seconds, char *err, size_t errlen);

#endif
