#include "base/pb_proc.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int pb_proc_read(pid_t pid, pb_proc_stat *st)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t got = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (got <= 0)
        return -1;
    buf[got] = '\0';
    char *p = strrchr(buf, ')'); /* the command's name may hold spaces and parentheses */
    unsigned long long utime, stime;
    long rss;
    if (!p || sscanf(p + 1, " %c %ld %ld %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %*d %*d %*d %*d %*d %*d %*u %*u %ld",
                     &st->state, &st->ppid, &st->pgrp, &utime, &stime, &rss) != 6)
        return -1;
    double tick = (double)sysconf(_SC_CLK_TCK);
    st->cpu_seconds = (double)(utime + stime) / tick;
    st->resident_mb = (double)rss * (double)sysconf(_SC_PAGESIZE) / 1048576.0;
    return 0;
}
