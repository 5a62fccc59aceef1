#include "cli/pb_cli_methods.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/pb_fsutil.h"
#include "cli/pb_cli.h"
#include "registry.h"
#include "support/pb_external.h"
#include "tasks/pb_tasks.h"

/* The search path's folders beside the binary (the first that exists). */
static const char *const beside_binary[] = {"methods/external", "../share/periodbench/methods"};

/* Set by pb_cli_methods_only_these_programs: the programs that may run
 * when named by a path (their real paths). */
static int only_named;
static char **named_programs;
static int n_named_programs;

int pb_cli_methods_only_these_programs(char *const *paths, int n)
{
    only_named = 1;
    named_programs = calloc((size_t)n + 1, sizeof *named_programs);
    if (!named_programs)
        return pb_cli_error(PB_EXIT_FAILURE, "out of memory");
    for (int i = 0; i < n; i++) {
        char real[PATH_MAX];
        if (!realpath(paths[i], real))
            return pb_cli_error(PB_EXIT_USAGE, "program %s: %s", paths[i], strerror(errno));
        if (!(named_programs[n_named_programs++] = strdup(real)))
            return pb_cli_error(PB_EXIT_FAILURE, "out of memory");
    }
    return 0;
}

static int is_named_program(const char *real)
{
    for (int i = 0; i < n_named_programs; i++)
        if (strcmp(named_programs[i], real) == 0)
            return 1;
    return 0;
}

/* Loads the program at path and adds it; 0 or PB_EXIT_USAGE. A program of
 * the search path that cannot describe itself is skipped with a warning
 * (searched: an interpreter missing on this machine must not stop every
 * command); one named on the command line is an error; a taken name is an
 * error either way. */
static int add_program(const char *given, int searched, const pb_method_type **out)
{
    char err[1024] = "", path[PATH_MAX];
    if (!realpath(given, path)) /* one program, one method, however it is named */
        return pb_cli_error(PB_EXIT_USAGE, "external method %s: %s", given, strerror(errno));
    if (only_named && !searched && !is_named_program(path))
        return pb_cli_error(PB_EXIT_USAGE, "external method %s: not run: periodbench runs no program that a results "
                            "directory names, only those you name (merge --program %s) or install on its search path",
                            given, given);
    const pb_method_type *m = pb_external_load(path, err, sizeof err);
    if (!m && searched) {
        char line[1200];
        snprintf(line, sizeof line, "external method %s: skipped", err);
        pb_cli_say("periodbench: warning: ", line);
        return 0;
    }
    if (!m)
        return pb_cli_error(PB_EXIT_USAGE, "external method %s", err);
    const pb_method_type *same = pb_methods_find(m->name);
    if (same && same != m) {
        const char *other = pb_external_path(same);
        return pb_cli_error(PB_EXIT_USAGE, "external method %s: its name '%s' is taken by %s%s", path, m->name,
                            other ? "the program " : "a built-in method", other ? other : "");
    }
    if (pb_tasks_find(m->name))
        return pb_cli_error(PB_EXIT_USAGE, "external method %s: its name '%s' is a task's", path, m->name);
    if (!same && pb_methods_add(m) != 0)
        return pb_cli_error(PB_EXIT_USAGE, "external method %s: more methods than the registry holds", path);
    if (out)
        *out = m;
    return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Every executable regular file of dir, in name order. */
static int load_folder(const char *dir)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, by_name), rc = 0;
    for (int i = 0; i < n; i++) {
        char path[PATH_MAX + 256];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
        if (rc == 0 && list[i]->d_name[0] != '.' && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
            access(path, X_OK) == 0)
            rc = add_program(path, 1, NULL);
        free(list[i]);
    }
    if (n >= 0)
        free(list);
    return rc;
}

int pb_cli_load_methods(void)
{
    char exe[PATH_MAX], dir[PATH_MAX + 64];
    struct stat st;
    if (pb_fs_exe_dir(exe, sizeof exe) == 0)
        for (size_t i = 0; i < sizeof beside_binary / sizeof beside_binary[0]; i++) {
            snprintf(dir, sizeof dir, "%s/%s", exe, beside_binary[i]);
            if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
                int rc = load_folder(dir);
                if (rc)
                    return rc;
                break;
            }
        }
    const char *extra = getenv("PERIODBENCH_METHODS");
    if (!extra || !*extra)
        return 0;
    char *copy = strdup(extra);
    int rc = copy ? 0 : pb_cli_error(PB_EXIT_FAILURE, "out of memory");
    for (char *save = NULL, *d = copy ? strtok_r(copy, ":", &save) : NULL; d && rc == 0; d = strtok_r(NULL, ":", &save))
        rc = load_folder(d);
    free(copy);
    return rc;
}

const pb_method_type *pb_cli_method(const char *opt, const char *name_or_path)
{
    if (!strchr(name_or_path, '/')) {
        const pb_method_type *m = pb_methods_find(name_or_path);
        if (!m)
            pb_cli_error(PB_EXIT_USAGE, "%s: no such method '%s' (see periodbench list methods)", opt, name_or_path);
        return m;
    }
    const pb_method_type *m = NULL;
    return add_program(name_or_path, 0, &m) == 0 ? m : NULL;
}
