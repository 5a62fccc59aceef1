#include "harness/pb_plots.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

/* gnuplot -e "dir='PLOTS'" SCRIPT, its output to stderr; the exit status. */
static int run_script(const char *plots, const char *script)
{
    char expr[8400];
    size_t k = (size_t)snprintf(expr, sizeof expr, "dir='");
    for (const char *c = plots; *c && k + 3 < sizeof expr; c++) {
        if (*c == '\'')
            expr[k++] = '\''; /* '' is a quote inside a gnuplot string */
        expr[k++] = *c;
    }
    snprintf(expr + k, sizeof expr - k, "'");
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        /* gnuplot's warnings (a plot with no data) are not the user's concern; a failure is said by the caller */
        int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        execlp("gnuplot", "gnuplot", "-e", expr, script, (char *)NULL);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int pb_plots_render(const char *out_dir, char *err, size_t errlen)
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
        if (rc == 0 && run_script(plots, script) != 0) {
            snprintf(err, errlen, "gnuplot failed on %s for %s", script, plots);
            rc = 1;
        }
        free(list[i]);
    }
    free(list);
    return rc;
}
