#include "harness/pb_plots.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/pb_fsutil.h"

/* Where the scripts are, relative to the binary's folder. */
static const char *const script_places[] = {"common/plots", "../share/periodbench/plots"};

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int pb_plots_scripts_dir(char *buf, size_t len, char *err, size_t errlen)
{
    char exe[PATH_MAX];
    if (pb_fs_exe_dir(exe, sizeof exe) != 0) {
        snprintf(err, errlen, "cannot find the periodbench binary's folder: %s", strerror(errno));
        return -1;
    }
    for (size_t i = 0; i < sizeof script_places / sizeof script_places[0]; i++) {
        snprintf(buf, len, "%s/%s", exe, script_places[i]);
        if (is_dir(buf))
            return 0;
    }
    snprintf(err, errlen, "no gnuplot scripts in %s/%s or %s/%s", exe, script_places[0], exe, script_places[1]);
    return -1;
}

static int has_gnuplot(void)
{
    const char *path = getenv("PATH");
    char dirs[8192], candidate[PATH_MAX];
    snprintf(dirs, sizeof dirs, "%s", path ? path : "/usr/bin:/bin");
    for (char *save = NULL, *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
        snprintf(candidate, sizeof candidate, "%s/gnuplot", d);
        if (access(candidate, X_OK) == 0)
            return 1;
    }
    return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_script(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 3 && strcmp(e->d_name + n - 3, ".gp") == 0;
}

/* A script X.gp draws X.dat: it runs only when X.dat is a regular file with
 * at least one line that is neither blank nor a comment (so its stats see data). */
static int input_has_data(const char *plots, const char *script_name)
{
    char path[PATH_MAX + 256];
    snprintf(path, sizeof path, "%s/%.*s.dat", plots, (int)(strlen(script_name) - 3), script_name);
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int found = 0, c, at_line_start = 1, in_comment = 0;
    while (!found && (c = getc(f)) != EOF) {
        if (c == '\n') {
            at_line_start = 1;
            in_comment = 0;
        } else if (at_line_start && c == '#') {
            in_comment = 1;
            at_line_start = 0;
        } else if (!in_comment && c != ' ' && c != '\t' && c != '\r') {
            found = 1;
        }
    }
    fclose(f);
    return found;
}

/* A figure written through a symbolic or hard link would land outside the
 * result directory, and a data file that is not a regular file (a FIFO)
 * would hang gnuplot: the plots folder must be plain, every .png in it a
 * file of its own, every .dat a regular file. */
static int check_plots_folder(const char *out_dir, const char *plots, char *err, size_t errlen)
{
    struct stat st;
    if (lstat(plots, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s/plots is not a plain directory (a symbolic link or missing): refusing to write figures "
                              "through it", out_dir);
        return -1;
    }
    DIR *d = opendir(plots);
    if (!d) {
        snprintf(err, errlen, "%s/plots: %s", out_dir, strerror(errno));
        return -1;
    }
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(d)) != NULL;) {
        size_t n = strlen(e->d_name);
        char path[PATH_MAX + 256];
        snprintf(path, sizeof path, "%s/%s", plots, e->d_name);
        const char *why = NULL;
        if (n > 4 && strcmp(e->d_name + n - 4, ".png") == 0 && lstat(path, &st) == 0)
            why = S_ISLNK(st.st_mode)    ? "is a symbolic link: refusing to write a figure through it"
                  : !S_ISREG(st.st_mode) ? "is not a regular file: refusing to write a figure there"
                  : st.st_nlink > 1      ? "has other hard links: refusing to write a figure through them"
                                         : NULL;
        else if (n > 4 && strcmp(e->d_name + n - 4, ".dat") == 0 && (stat(path, &st) != 0 || !S_ISREG(st.st_mode)))
            why = "is not a regular file (gnuplot would wait on it)";
        if (why) {
            snprintf(err, errlen, "%s/plots/%s %s", out_dir, e->d_name, why);
            rc = -1;
        }
    }
    closedir(d);
    return rc;
}

/* gnuplot SCRIPT run in the plots folder, its output to stderr; the exit
 * status. No string of the user's or of a data file reaches gnuplot's command
 * parser or a shell: the scripts name their files relative to the folder they
 * run in and read every label as data. */
static int run_script(const char *plots, const char *script, double seconds, int *timed_out)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL); /* it dies with periodbench */
        /* a crafted .dat can make gnuplot's block-by-block reading take hours: CPU is capped too */
        rlim_t cpu_seconds = (rlim_t)ceil(seconds);
        struct rlimit cpu = {cpu_seconds, cpu_seconds};
        setrlimit(RLIMIT_CPU, &cpu);
        /* gnuplot's warnings (a plot with no data) are not the user's concern; a failure is said by the caller */
        int null = open("/dev/null", O_RDWR);
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        if (chdir(plots) != 0)
            _exit(126);
        execlp("gnuplot", "gnuplot", script, (char *)NULL);
        _exit(127);
    }
    /* and the wall clock: a script that waits on something is killed at the same limit */
    struct timespec start, now, tick = {0, 10 * 1000 * 1000};
    clock_gettime(CLOCK_MONOTONIC, &start);
    int status;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR)
            return -1;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if ((double)(now.tv_sec - start.tv_sec) + 1e-9 * (double)(now.tv_nsec - start.tv_nsec) >= seconds) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            *timed_out = 1;
            return -1;
        }
        nanosleep(&tick, NULL);
    }
    *timed_out = WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGKILL);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int pb_plots_render(const char *out_dir, double seconds, char *err, size_t errlen)
{
    if (!has_gnuplot())
        return -1;
    char scripts[PATH_MAX], plots[PATH_MAX];
    if (pb_plots_scripts_dir(scripts, sizeof scripts, err, errlen) != 0)
        return 1;
    snprintf(plots, sizeof plots, "%s/plots", out_dir);
    if (!is_dir(plots)) {
        snprintf(err, errlen, "%s: no such directory (not a result directory?)", plots);
        return 1;
    }
    if (check_plots_folder(out_dir, plots, err, errlen) != 0)
        return 1;
    struct dirent **list;
    int n = scandir(scripts, &list, is_script, by_name);
    if (n <= 0) {
        snprintf(err, errlen, "%s: no gnuplot scripts", scripts);
        return 1;
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        char script[PATH_MAX + 256];
        snprintf(script, sizeof script, "%s/%s", scripts, list[i]->d_name);
        int timed_out = 0;
        if (rc == 0 && input_has_data(plots, list[i]->d_name) && run_script(plots, script, seconds, &timed_out) != 0) {
            if (timed_out)
                snprintf(err, errlen, "gnuplot took more than %g s on %s for %s, stopped (periodbench's own tables "
                                      "render in about a second; see plot --timeout)", seconds, script, plots);
            else
                snprintf(err, errlen, "gnuplot failed on %s for %s", script, plots);
            rc = 1;
        }
        free(list[i]);
    }
    free(list);
    return rc;
}
