#include "helpers/procs.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int pb_test_sleeping(long seconds)
{
    char want[64], path[300], buf[256];
    int wn = snprintf(want, sizeof want, "sleep%c%ld", '\0', seconds) + 1;
    int count = 0;
    DIR *d = opendir("/proc");
    cr_assert_not_null(d);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        snprintf(path, sizeof path, "/proc/%s/cmdline", e->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        for (size_t i = 0; i + (size_t)wn <= n; i++)
            if (memcmp(buf + i, want, (size_t)wn) == 0 && (i == 0 || buf[i - 1] == '/' || buf[i - 1] == '\0')) {
                count++;
                break;
            }
    }
    closedir(d);
    return count;
}

int pb_test_still_sleeping(long seconds)
{
    int n = 0;
    for (int i = 0; i < 100 && (n = pb_test_sleeping(seconds)) > 0; i++) {
        struct timespec ts = {0, 10000000};
        nanosleep(&ts, NULL);
    }
    return n;
}

