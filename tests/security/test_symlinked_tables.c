/* No table is written through a symbolic link out of its directory:
 * --force, --resume and a fresh run all refuse a DIR whose table (or plots
 * folder, or lock) is a link, and the file it points to is left as it was. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers/cli_run.h"

static void read_first_line(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "%s", path);
    buf[0] = '\0';
    cr_assert_not_null(fgets(buf, (int)len, f));
    fclose(f);
}

Test(security, tables_are_never_written_through_a_symbolic_link, .timeout = 120)
{
    static const char *const names[] = {"runs.csv", "summary.md", "environment.txt", "plots", ".periodbench.lock"};
    static const char *const modes[] = {"--force", "--resume", NULL};
    for (size_t n = 0; n < sizeof names / sizeof names[0]; n++)
        for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
            char top[] = "/tmp/pb-symtab-XXXXXX", dir[64], victim[64], link[128], err[4096], line[64];
            cr_assert_not_null(mkdtemp(top));
            snprintf(dir, sizeof dir, "%s/out", top);
            snprintf(victim, sizeof victim, "%s/victim", top);
            cr_assert_eq(mkdir(dir, 0755), 0);
            FILE *f = fopen(victim, "w");
            cr_assert_not_null(f);
            fputs("precious\n", f);
            fclose(f);
            snprintf(link, sizeof link, "%s/%s", dir, names[n]);
            cr_assert_eq(symlink(victim, link), 0);
            const char *argv[] = {"run", "--tasks", "tone", "--methods", "ls-direct", "--seeds", "1", "--quiet",
                                  "--out", dir, modes[m], NULL};
            int rc = pb_test_run_argv(argv, NULL, err, sizeof err);
            cr_assert_eq(rc, 2, "%s %s as a link: exit %d: %s", modes[m] ? modes[m] : "a fresh run", names[n], rc,
                         err);
            cr_assert_not_null(strstr(err, "symbolic link"), "%s", err);
            read_first_line(victim, line, sizeof line);
            cr_assert_str_eq(line, "precious\n", "%s was written through", names[n]);
            char cmd[128];
            snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
            cr_assert_eq(system(cmd), 0);
        }
}
