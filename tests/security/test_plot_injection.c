/* No string of the user's or of a data file reaches a shell or gnuplot's
 * command parser: result directories named with shell and gnuplot
 * metacharacters, and plot data whose labels carry commands, render (or are
 * refused) without running anything. Every payload would create the file
 * named by $PB_CANARY if it ran. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers/scratch.h"
#include "helpers/cli_run.h"

/* Shell, gnuplot and awk metacharacters; none holds a '/' so each can also
 * be a file name. */
static const char *const payloads[] = {
    "$(touch $PB_CANARY)",
    "`touch $PB_CANARY`",
    "'; system(\"touch $PB_CANARY\"); '",
    "\"; system('touch $PB_CANARY'); \"",
    "x\n!touch $PB_CANARY\n",
    "; touch $PB_CANARY; ",
    "' | touch $PB_CANARY #",
    "\\'$(touch $PB_CANARY)\\'",
    "@x `touch $PB_CANARY` @y",
};
#define N_PAYLOADS (sizeof payloads / sizeof payloads[0])

static char canary_dir[] = "/tmp/pb-canary-XXXXXX";
static char canary[64];

static void set_canary(void)
{
    cr_assert_not_null(mkdtemp(canary_dir));
    snprintf(canary, sizeof canary, "%s/ran", canary_dir);
    setenv("PB_CANARY", canary, 1);
}

static void assert_nothing_ran(const char *what)
{
    cr_assert_neq(access(canary, F_OK), 0, "%s ran a command (it created %s)", what, canary);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s", path);
    fputs(text, f);
    fclose(f);
}

/* Each figure's data with the payload in each of its labels. */
static void hostile_plot_data(int which, const char *p, char *name, size_t namelen, char *text, size_t len)
{
    static const char *const names[] = {"drift.dat", "budget.dat",   "clock.dat",    "cost_accuracy.dat",
                                        "snr.dat",   "scaling.dat",  "success.dat",  "fit_time.dat"};
    snprintf(name, namelen, "%s", names[which]);
    switch (which) {
    case 0:
        snprintf(text, len,
                 "# drift seed 0: training window [0, %s 2048)\n"
                 "# best\tsgd\t%s\t1\t0.1\n# best\t%s\tx\t1\t0.2\n"
                 "\"truth\"\tperiod\n1\t50\n2\t49\n\n\n\"%s\"\tperiod\n1\t50\n2\t48\n",
                 p, p, p, p);
        break;
    case 1:
        snprintf(text, len,
                 "# training budget\n\"tone%s\"\t%s\tnetwork\tnrmse_in\tnrmse_out\t1\t1\n1000\t1\t1\n2000\t0.5\t0.6\n\n\n"
                 "\"%s(x)\"\tlabel\treference\t%s\t%s\t1\t1\n1000\t1\t1\n",
                 p, p, p, p, p);
        break;
    case 2:
        snprintf(text, len,
                 "# task and method\texact_in\texact_out\n# listed\tclock(n=%s) x: unsupported 5\n"
                 "\"clock %s\"\t0.5\t0.5\t1\t1\t1\t1\t1\t1\n",
                 p, p);
        break;
    case 3:
        snprintf(text, len, "\"%s\"\t%s\nm\t0.1\t0.1\t0.5\t1\n\n\n\"%s: Pareto front\"\nm\t0.1\t0.1\n\n\n", p, p, p);
        break;
    case 4:
        snprintf(text, len, "\"%s\"\tfreq_err_rms\n0\t0.1\n10\t0.01\n\n\n\"bound\"\tcrlb\n0\t0.1\n10\t0.01\n", p);
        break;
    case 5:
        snprintf(text, len, "\"%s\"\tseconds\n100\t0.1\n1000\t1\n", p);
        break;
    default:
        snprintf(text, len, "task\t%s\n%s\t0.5\n", p, p);
        break;
    }
}
#define N_PLOT_DATA 8

Test(security, plot_runs_nothing_a_data_file_names, .timeout = 300)
{
    set_canary();
    for (size_t i = 0; i < N_PAYLOADS; i++)
        for (int which = 0; which < N_PLOT_DATA; which++) {
            char dir[] = "/tmp/pb-plotinj-XXXXXX", plots[64], err[4096], name[64], text[4096];
            cr_assert_not_null(mkdtemp(dir));
            snprintf(plots, sizeof plots, "%s/plots", dir);
            cr_assert_eq(mkdir(plots, 0755), 0);
            hostile_plot_data(which, payloads[i], name, sizeof name, text, sizeof text);
            /* the budget figure's data is in every result directory, often with no curve */
            write_file(plots, "budget.dat", "# training budget: no curves\n");
            write_file(plots, name, text);
            const char *argv[] = {"plot", dir, NULL};
            int rc = pb_test_run_argv(argv, NULL, err, sizeof err);
            assert_nothing_ran(name);
            cr_assert(rc == 0 || rc == 1, "plot exit %d on payload %zu in %s: %s", rc, i, name, err);
            pb_test_remove_tree(dir);
        }
    pb_test_remove_tree(canary_dir);
}

Test(security, run_and_plot_into_directories_named_with_metacharacters, .timeout = 300)
{
    set_canary();
    for (size_t i = 0; i < N_PAYLOADS; i++) {
        char base[] = "/tmp/pb-dirinj-XXXXXX", out[600], err[4096];
        cr_assert_not_null(mkdtemp(base));
        snprintf(out, sizeof out, "%s/r%s", base, payloads[i]);
        const char *run[] = {"run", "--tasks", "tone,drift", "--methods", "ls-direct", "--seeds", "1",
                             "--quiet", "--out", out, NULL};
        cr_assert_eq(pb_test_run_argv(run, NULL, err, sizeof err), 0, "payload %zu: %s", i, err);
        assert_nothing_ran(payloads[i]);
        char png[700];
        snprintf(png, sizeof png, "%s/plots/success.png", out);
        cr_assert_eq(access(png, F_OK), 0, "no %s: %s", png, err);
        const char *plot[] = {"plot", out, NULL};
        cr_assert_eq(pb_test_run_argv(plot, NULL, err, sizeof err), 0, "payload %zu: %s", i, err);
        assert_nothing_ran(payloads[i]);
        pb_test_remove_tree(base);
    }
    pb_test_remove_tree(canary_dir);
}

/* A figure is never written through a symbolic link out of the directory. */
Test(security, plot_refuses_a_figure_that_is_a_symbolic_link, .timeout = 60)
{
    char dir[] = "/tmp/pb-plotlink-XXXXXX", plots[64], link[96], target[96], err[2048];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(plots, sizeof plots, "%s/plots", dir);
    cr_assert_eq(mkdir(plots, 0755), 0);
    write_file(plots, "success.dat", "task\tm\nt\t0.5\n");
    snprintf(target, sizeof target, "%s/outside", dir);
    write_file(dir, "outside", "kept\n");
    snprintf(link, sizeof link, "%s/success.png", plots);
    cr_assert_eq(symlink(target, link), 0);
    const char *argv[] = {"plot", dir, NULL};
    int rc = pb_test_run_argv(argv, NULL, err, sizeof err);
    cr_assert_neq(rc, 0, "plot wrote through %s", link);
    cr_assert_not_null(strstr(err, "symbolic link"), "%s", err);
    FILE *f = fopen(target, "r");
    char line[16] = "";
    cr_assert_not_null(f);
    cr_assert_not_null(fgets(line, sizeof line, f));
    fclose(f);
    cr_assert_str_eq(line, "kept\n");
    pb_test_remove_tree(dir);
}

/* The scripts themselves: no shell escape of any kind (system(), backquotes,
 * '!' commands, pipes to or from a program) and no code built from strings
 * (eval, load, macros). */
Test(security, the_plot_scripts_never_start_a_program, .timeout = 30)
{
    static const char *const forbidden[] = {"system(", "system (", "`", "eval ", "load ", "'<", "\"<", "'|", "\"|", "\n!"};
    FILE *ls = popen("ls common/plots/*.gp", "r");
    cr_assert_not_null(ls);
    char name[256];
    int scripts = 0;
    while (fgets(name, sizeof name, ls)) {
        name[strcspn(name, "\n")] = '\0';
        FILE *f = fopen(name, "r");
        cr_assert_not_null(f, "%s", name);
        static char text[1 << 16];
        text[0] = '\n';
        size_t n = fread(text + 1, 1, sizeof text - 2, f);
        text[n + 1] = '\0';
        fclose(f);
        for (size_t k = 0; k < sizeof forbidden / sizeof forbidden[0]; k++)
            cr_assert_null(strstr(text, forbidden[k]), "%s holds \"%s\": a way to start a program", name,
                           forbidden[k]);
        for (const char *at = strchr(text, '@'); at; at = strchr(at + 1, '@'))
            cr_assert(!(at[1] == '_' || (at[1] >= 'a' && at[1] <= 'z') || (at[1] >= 'A' && at[1] <= 'Z')),
                      "%s expands a macro (@name): code built from a string", name);
        scripts++;
    }
    pclose(ls);
    cr_assert_geq(scripts, 10, "found only %d plot scripts", scripts);
}
