#include "harness/pb_environment.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/utsname.h>
#include <fftw3.h>
#include <gsl/gsl_version.h>

#include "base/pb_escape.h"
#include "base/pb_fsutil.h"
#include "base/pb_version.h"

/* The compiler's family by its own macros (clang also defines __GNUC__),
 * and the command the Makefile ran it as (CC). */
#if defined(__clang__)
#define PB_COMPILER_NAME "clang"
#elif defined(__GNUC__)
#define PB_COMPILER_NAME "gcc"
#else
#define PB_COMPILER_NAME "unknown compiler"
#endif
#ifndef PB_BUILD_CC
#define PB_BUILD_CC "unknown"
#endif
/* The source's revision, from the Makefile at build time: no git runs at run time. */
#ifndef PB_BUILD_REVISION
#define PB_BUILD_REVISION "unknown"
#endif
#ifndef PB_BUILD_CFLAGS
#define PB_BUILD_CFLAGS "unknown"
#endif

static void cpu_model(char *buf, size_t len)
{
    snprintf(buf, len, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "model name", 10) == 0) {
            char *colon = strchr(line, ':');
            if (colon) {
                snprintf(buf, len, "%s", colon + 2);
                buf[strcspn(buf, "\n")] = '\0';
            }
            break;
        }
    fclose(f);
}

int pb_environment_write(const char *out_dir, const char *command_line, int jobs, double timeout, double memory_mb,
                         char *err, size_t errlen)
{
    char path[4200], cpu[256], date[64];
    snprintf(path, sizeof path, "%s/environment.txt", out_dir);
    cpu_model(cpu, sizeof cpu);
    time_t now = time(NULL);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    struct utsname u;
    if (uname(&u) != 0)
        memset(&u, 0, sizeof u);
    FILE *f = pb_fs_open_temp(path);
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    fprintf(f, "periodbench %s\n", PB_VERSION);
    fprintf(f, "date: %s\n", date);
    fprintf(f, "git: %s\n", PB_BUILD_REVISION);
    fputs("command: ", f); /* one line, whatever --out or a path holds */
    pb_escape_write(f, command_line, 8192);
    fputc('\n', f);
    fprintf(f, "compiler: %s %s (CC=%s)\n", PB_COMPILER_NAME, __VERSION__, PB_BUILD_CC);
    fprintf(f, "cflags: %s\n", PB_BUILD_CFLAGS);
    fprintf(f, "cpu: %s\n", cpu);
    fprintf(f, "kernel: %s %s %s\n", u.sysname, u.release, u.machine);
    fprintf(f, "fftw: %s\n", fftw_version);
    fprintf(f, "gsl: %s\n", gsl_version);
    fprintf(f, "jobs: %d\ntimeout_seconds: %g\nmemory_limit_mib: %g\n", jobs, timeout, memory_mb);
    if (pb_fs_commit_temp(f, path, 0) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}
