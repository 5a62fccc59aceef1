#include "harness/pb_worker.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/pb_proc.h"
#include "base/pb_reaper.h"
#include "base/pb_timer.h"
#include "support/pb_external.h"

/* Exit code of a worker whose fatal signal came with its address space at the limit. */
#define PB_EXIT_OOM 3
#define POLL_MS 5

#if defined(__SANITIZE_ADDRESS__)
#define PB_LIMIT_ADDRESS_SPACE 0 /* ASan reserves terabytes of shadow: only the RSS watch applies */
#else
#define PB_LIMIT_ADDRESS_SPACE 1
#endif

enum kill_reason { NOT_KILLED, KILLED_TIMEOUT, KILLED_MEMORY };

typedef struct running {
    pid_t pid;
    int fd;
    size_t index;
    double start;
    size_t got;
    enum kill_reason killed;
    double group_checked, group_mb; /* external methods: the group's memory, when last read */
    pb_trial_result res;
} running;

static volatile sig_atomic_t interrupted;
static unsigned long long child_as_limit;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* Virtual size of this process in bytes, async-signal-safe. */
static unsigned long long own_vm_bytes(void)
{
    char buf[64];
    int fd = open("/proc/self/statm", O_RDONLY);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    unsigned long long pages = 0;
    for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; i++)
        pages = pages * 10 + (unsigned long long)(buf[i] - '0');
    return pages * (unsigned long long)sysconf(_SC_PAGESIZE);
}

/* A crash with the address space at its limit is an allocation that failed
 * unchecked: report it as out of memory, not as a crash. */
static void on_fatal_signal(int sig)
{
    if (child_as_limit && own_vm_bytes() >= child_as_limit / 10 * 9)
        _exit(PB_EXIT_OOM);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Seconds of CPU time past the wall-time limit before the kernel stops a
 * worker itself: a backstop for a worker whose parent is gone. */
#define CPU_LIMIT_MARGIN 5

static void child_setup(const pb_worker_limits *lim, pid_t parent)
{
    /* Die with the run: SIGKILL when the parent goes, also if it went
     * before this line; and a process group of its own, so that the parent
     * kills whatever the worker started with it. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(1);
    setpgid(0, 0);
    pb_reaper_init(); /* what a program's children leave behind comes to the worker */
    struct rlimit core = {0, 0};
    setrlimit(RLIMIT_CORE, &core);
    if (lim->timeout > 0) {
        rlim_t cpu = (rlim_t)ceil(lim->timeout) + CPU_LIMIT_MARGIN;
        struct rlimit cpu_limit = {cpu, cpu + 1}; /* SIGXCPU, then SIGKILL a second later */
        setrlimit(RLIMIT_CPU, &cpu_limit);
    }
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    if (PB_LIMIT_ADDRESS_SPACE && lim->memory_mb > 0) {
        /* Headroom over the resident limit for code, stacks and untouched reservations. */
        child_as_limit = (unsigned long long)(lim->memory_mb * 1.25 * 1048576.0) + (256ULL << 20);
        struct rlimit as = {(rlim_t)child_as_limit, (rlim_t)child_as_limit};
        setrlimit(RLIMIT_AS, &as);
    }
    static char altstack[1 << 16];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
}

static void write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w;
        len -= (size_t)w;
    }
}

static int spawn(running *r, const pb_trial_spec *spec, size_t index, const pb_worker_limits *lim)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    fflush(NULL); /* nothing buffered may be written twice */
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        child_setup(lim, parent);
        pb_trial_result res;
        pb_trial_run(spec, &res);
        if (pb_external_path(spec->method))
            pb_reaper_kill_descendants(); /* nothing a program started outlives its trial */
        write_all(fds[1], &res, sizeof res);
        _exit(0);
    }
    close(fds[1]);
    setpgid(pid, pid); /* also here, so that the group exists before any kill */
    pb_reaper_keep(pid);
    fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    memset(r, 0, sizeof *r);
    r->pid = pid;
    r->fd = fds[0];
    r->index = index;
    r->start = pb_timer_wall();
    return 0;
}

static void drain(running *r)
{
    while (r->got < sizeof r->res) {
        ssize_t n = read(r->fd, (char *)&r->res + r->got, sizeof r->res - r->got);
        if (n > 0)
            r->got += (size_t)n;
        else if (!(n < 0 && errno == EINTR))
            break;
    }
}

static double resident_mb(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/statm", (int)pid);
    FILE *f = fopen(path, "r");
    unsigned long long size = 0, rss = 0;
    if (!f)
        return 0;
    if (fscanf(f, "%llu %llu", &size, &rss) != 2)
        rss = 0;
    fclose(f);
    return (double)rss * (double)sysconf(_SC_PAGESIZE) / 1048576.0;
}

/* The row of a worker that has been reaped with wait status ws. */
static void finish(running *r, int ws, const pb_worker_limits *lim, pb_trial_result *out)
{
    char msg[PB_MESSAGE_MAX];
    if (r->killed == KILLED_TIMEOUT) {
        snprintf(msg, sizeof msg, "exceeded the %g s wall-time limit", lim->timeout);
        pb_trial_result_init(out, PB_TIMEOUT, msg);
    } else if (r->killed == KILLED_MEMORY) {
        snprintf(msg, sizeof msg, "exceeded the %g MiB memory limit", lim->memory_mb);
        pb_trial_result_init(out, PB_OUT_OF_MEMORY, msg);
    } else if (WIFEXITED(ws) && WEXITSTATUS(ws) == 0 && r->got == sizeof r->res) {
        *out = r->res;
        out->message[PB_MESSAGE_MAX - 1] = '\0';
    } else if (WIFEXITED(ws) && WEXITSTATUS(ws) == PB_EXIT_OOM) {
        snprintf(msg, sizeof msg, "address space exhausted (limit %g MiB)", lim->memory_mb);
        pb_trial_result_init(out, PB_OUT_OF_MEMORY, msg);
    } else if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGXCPU) {
        snprintf(msg, sizeof msg, "exceeded the %g s CPU-time limit", lim->timeout + CPU_LIMIT_MARGIN);
        pb_trial_result_init(out, PB_TIMEOUT, msg);
    } else if (WIFSIGNALED(ws)) {
        snprintf(msg, sizeof msg, "worker killed by signal %d (%s)%s", WTERMSIG(ws), strsignal(WTERMSIG(ws)),
                 WTERMSIG(ws) == SIGKILL ? ", possibly the system's out-of-memory killer" : "");
        pb_trial_result_init(out, PB_CRASHED, msg);
    } else {
        snprintf(msg, sizeof msg, "worker exited with status %d without a result",
                 WIFEXITED(ws) ? WEXITSTATUS(ws) : -1);
        pb_trial_result_init(out, PB_CRASHED, msg);
    }
}

/* The worker's resident MiB: its own; for an external method, that of the
 * worker and every process below it, in its group or not, read at most every GROUP_POLL_SECONDS (a scan of /proc). */
#define GROUP_POLL_SECONDS 0.05
static double resident(running *r, const pb_trial_spec *spec)
{
    if (!pb_external_path(spec->method))
        return resident_mb(r->pid);
    double now = pb_timer_wall();
    if (now - r->group_checked >= GROUP_POLL_SECONDS) {
        r->group_checked = now;
        r->group_mb = pb_reaper_tree_resident_mb(r->pid);
    }
    return r->group_mb;
}

/* A worker killed with its process group and, for a program that left the
 * group (setsid), everything else below it. */
static void kill_worker(pid_t pid)
{
    kill(-pid, SIGKILL);
    pb_reaper_kill_tree(pid);
}

static void kill_all(running *run, int n_run)
{
    for (int i = 0; i < n_run; i++) {
        kill_worker(run[i].pid);
        waitpid(run[i].pid, NULL, 0);
        pb_reaper_forget(run[i].pid);
        close(run[i].fd);
    }
    pb_reaper_reap_strays();
}

typedef struct in_order {
    const size_t *order;
    size_t n, next;
} in_order;

static long next_in_order(void *ctx)
{
    in_order *o = ctx;
    return o->next < o->n ? (long)o->order[o->next++] : PB_WORKER_NO_MORE;
}

int pb_worker_run_all(const pb_trial_spec *specs, const size_t *order, size_t n, const pb_worker_limits *lim,
                      pb_worker_done done, void *ctx)
{
    in_order o = {order, n, 0};
    return pb_worker_run_from(specs, next_in_order, &o, lim, done, ctx);
}

int pb_worker_run_from(const pb_trial_spec *specs, pb_worker_next next_trial, void *source, const pb_worker_limits *lim,
                       pb_worker_done done, void *ctx)
{
    int jobs = lim->jobs > 0 ? lim->jobs : 1;
    running *run = calloc((size_t)jobs, sizeof *run);
    struct pollfd *pfd = calloc((size_t)jobs, sizeof *pfd);
    if (!run || !pfd) {
        free(run);
        free(pfd);
        return -1;
    }
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    interrupted = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    int n_run = 0, rc = 0, exhausted = 0;
    while ((!exhausted || n_run > 0) && rc == 0) {
        while (!interrupted && !exhausted && n_run < jobs) {
            long i = next_trial(source);
            if (i == PB_WORKER_NO_MORE)
                exhausted = 1;
            if (i < 0)
                break; /* none yet (PB_WORKER_NOT_YET): poll, then ask again */
            if (spawn(&run[n_run], &specs[i], (size_t)i, lim) != 0) {
                rc = -1;
                break;
            }
            n_run++;
        }
        if (interrupted) {
            rc = 130;
            break;
        }
        for (int i = 0; i < n_run; i++)
            pfd[i] = (struct pollfd){run[i].fd, POLLIN, 0};
        poll(pfd, (nfds_t)n_run, POLL_MS);
        for (int i = 0; i < n_run && rc == 0;) {
            running *r = &run[i];
            drain(r);
            int ws = 0;
            pid_t w = waitpid(r->pid, &ws, WNOHANG);
            if (w == r->pid) {
                drain(r);
                close(r->fd);
                pb_reaper_forget(r->pid);
                if (pb_external_path(specs[r->index].method))
                    pb_reaper_reap_strays(); /* a killed worker's program's orphans come here */
                pb_trial_result res;
                finish(r, ws, lim, &res);
                size_t index = r->index;
                run[i] = run[--n_run];
                if (done(ctx, index, &res) != 0)
                    rc = -1;
                continue;
            }
            if (!r->killed) {
                if (pb_timer_wall() - r->start > lim->timeout) {
                    r->killed = KILLED_TIMEOUT;
                    kill_worker(r->pid);
                } else if (lim->memory_mb > 0 && resident(r, &specs[r->index]) > lim->memory_mb) {
                    r->killed = KILLED_MEMORY;
                    kill_worker(r->pid);
                }
            }
            i++;
        }
    }
    kill_all(run, n_run);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    free(run);
    free(pfd);
    return rc;
}
