#include "helpers/cli_run.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

const char *pb_test_bin(void)
{
    const char *b = getenv("PB_BIN");
    cr_assert_not_null(b, "PB_BIN must name the periodbench binary (make test sets it)");
    return b;
}

int pb_test_run(const char *args, const char *out_path, char *err, size_t errlen)
{
    char full[4400], rc_path[64], err_path[64];
    snprintf(rc_path, sizeof rc_path, "/tmp/pb-cli-rc.%d", (int)getpid());
    snprintf(err_path, sizeof err_path, "/tmp/pb-cli-err.%d", (int)getpid());
    snprintf(full, sizeof full, "%s %s >%s 2>%s; echo $? > %s", pb_test_bin(), args, out_path ? out_path : "/dev/null",
             err_path, rc_path);
    cr_assert_eq(system(full), 0);
    FILE *f = fopen(rc_path, "r");
    int rc = -1;
    cr_assert_not_null(f);
    cr_assert_eq(fscanf(f, "%d", &rc), 1);
    fclose(f);
    unlink(rc_path);
    f = fopen(err_path, "r");
    err[0] = '\0';
    if (f) {
        size_t got = fread(err, 1, errlen - 1, f);
        err[got] = '\0';
        fclose(f);
        unlink(err_path);
    }
    return rc;
}

int pb_test_run_argv(const char *const *argv, const char *out_path, char *err, size_t errlen)
{
    char err_path[64];
    snprintf(err_path, sizeof err_path, "/tmp/pb-cli-err.%d", (int)getpid());
    const char *full[64] = {pb_test_bin()};
    size_t n = 1;
    for (; argv[n - 1] && n < 63; n++)
        full[n] = argv[n - 1];
    full[n] = NULL;
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = open(out_path ? out_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || e < 0)
            _exit(125);
        dup2(in, 0);
        dup2(out, 1);
        dup2(e, 2);
        execv(full[0], (char *const *)full);
        _exit(127);
    }
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    err[0] = '\0';
    FILE *f = fopen(err_path, "r");
    if (f) {
        size_t got = fread(err, 1, errlen - 1, f);
        err[got] = '\0';
        fclose(f);
        unlink(err_path);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void pb_test_expect_refused(const char *args, const char *mentions)
{
    char err[4096];
    int rc = pb_test_run(args, NULL, err, sizeof err);
    cr_assert_eq(rc, 2, "'%s' exited %d: %s", args, rc, err);
    cr_assert(strstr(err, "periodbench: ") && strstr(err, mentions), "'%s': '%s' does not mention '%s'", args, err,
              mentions);
}
