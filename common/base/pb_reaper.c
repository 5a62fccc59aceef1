#include "base/pb_reaper.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/pb_proc.h"

#define KEPT_MAX 1024
#define FREEZE_ROUNDS 64 /* a tree still growing after this many stop rounds is killed as it is */

static pid_t kept[KEPT_MAX];
static size_t n_kept;

void pb_reaper_init(void)
{
    prctl(PR_SET_CHILD_SUBREAPER, 1);
}

void pb_reaper_keep(pid_t pid)
{
    if (n_kept < KEPT_MAX)
        kept[n_kept++] = pid;
}

void pb_reaper_forget(pid_t pid)
{
    for (size_t i = 0; i < n_kept; i++)
        if (kept[i] == pid) {
            kept[i] = kept[--n_kept];
            return;
        }
}

static int is_kept(pid_t pid)
{
    for (size_t i = 0; i < n_kept; i++)
        if (kept[i] == pid)
            return 1;
    return 0;
}

/* Every process on the machine with its parent, from /proc. */
typedef struct proc_list {
    pid_t *pid, *ppid;
    size_t n, cap;
} proc_list;

static void proc_list_free(proc_list *l)
{
    free(l->pid);
    free(l->ppid);
    *l = (proc_list){0};
}

static int scan(proc_list *l)
{
    l->n = 0;
    DIR *d = opendir("/proc");
    if (!d)
        return -1;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        char *end;
        long pid = strtol(e->d_name, &end, 10);
        pb_proc_stat st;
        if (*end || pid <= 0 || pb_proc_read((pid_t)pid, &st) != 0)
            continue;
        if (l->n == l->cap) {
            size_t cap = l->cap ? 2 * l->cap : 512;
            pid_t *p = realloc(l->pid, cap * sizeof *p), *q = p ? realloc(l->ppid, cap * sizeof *q) : NULL;
            if (p)
                l->pid = p;
            if (!q)
                break;
            l->ppid = q;
            l->cap = cap;
        }
        l->pid[l->n] = (pid_t)pid;
        l->ppid[l->n++] = (pid_t)st.ppid;
    }
    closedir(d);
    return 0;
}

/* root's descendants (not root) into *out (malloc'd); their count. */
static size_t descendants(pid_t root, pid_t **out)
{
    proc_list l = {0};
    *out = NULL;
    if (scan(&l) != 0 || l.n == 0) {
        proc_list_free(&l);
        return 0;
    }
    pid_t *found = malloc((l.n + 1) * sizeof *found);
    size_t n = 0;
    if (found) { /* breadth first: found[k]'s children are appended as k reaches it */
        found[n++] = root;
        for (size_t k = 0; k < n; k++)
            for (size_t i = 0; i < l.n; i++)
                if (l.ppid[i] == found[k] && l.pid[i] != root && n <= l.n)
                    found[n++] = l.pid[i];
        memmove(found, found + 1, (n - 1) * sizeof *found);
        n--;
    }
    proc_list_free(&l);
    *out = found;
    return n;
}

static int contains(const pid_t *set, size_t n, pid_t pid)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == pid)
            return 1;
    return 0;
}

/* Stops the tree below root (and root, if with_root) until it stops
 * growing, kills it, and reaps the members that are our children. */
static void kill_below(pid_t root, int with_root)
{
    pid_t *tree = NULL;
    size_t n = 0;
    if (with_root)
        kill(root, SIGSTOP);
    for (int round = 0; round < FREEZE_ROUNDS; round++) {
        pid_t *now;
        size_t m = descendants(root, &now);
        int grew = 0;
        for (size_t i = 0; i < m; i++)
            if (!tree || !contains(tree, n, now[i])) {
                kill(now[i], SIGSTOP);
                grew = 1;
            }
        free(tree);
        tree = now;
        n = m;
        if (!grew)
            break;
    }
    if (with_root)
        kill(root, SIGKILL);
    for (size_t i = 0; i < n; i++)
        kill(tree[i], SIGKILL);
    pid_t self = getpid();
    for (size_t i = 0; i < n; i++) {
        pb_proc_stat st;
        if (pb_proc_read(tree[i], &st) == 0 && st.ppid == self)
            waitpid(tree[i], NULL, 0);
    }
    free(tree);
}

void pb_reaper_kill_tree(pid_t root)
{
    if (root > 0)
        kill_below(root, 1);
}

void pb_reaper_kill_descendants(void)
{
    kill_below(getpid(), 0);
    pb_reaper_reap_strays(); /* orphans of the killed that came to us as zombies */
    for (size_t i = 0; i < n_kept; i++)
        waitpid(kept[i], NULL, WNOHANG);
}

void pb_reaper_keep_children(void)
{
    proc_list l = {0};
    if (scan(&l) != 0)
        return;
    pid_t self = getpid();
    for (size_t i = 0; i < l.n; i++)
        if (l.ppid[i] == self && !is_kept(l.pid[i]))
            pb_reaper_keep(l.pid[i]);
    proc_list_free(&l);
}

void pb_reaper_reap_strays(void)
{
    pid_t self = getpid();
    for (int round = 0; round < FREEZE_ROUNDS; round++) {
        proc_list l = {0};
        if (scan(&l) != 0)
            return;
        int strays = 0;
        for (size_t i = 0; i < l.n; i++)
            if (l.ppid[i] == self && !is_kept(l.pid[i])) {
                strays++;
                kill_below(l.pid[i], 1);
                waitpid(l.pid[i], NULL, 0);
            }
        proc_list_free(&l);
        if (!strays)
            return;
    }
}

double pb_reaper_tree_resident_mb(pid_t root)
{
    pb_proc_stat st;
    double total = pb_proc_read(root, &st) == 0 ? st.resident_mb : 0;
    pid_t *tree;
    size_t n = descendants(root, &tree);
    for (size_t i = 0; i < n; i++)
        if (pb_proc_read(tree[i], &st) == 0)
            total += st.resident_mb;
    free(tree);
    return total;
}

/* --- on a fatal signal: only async-signal-safe calls from here on --- */

#define SIGNAL_MAX_PROCS 8192

struct linux_dirent64 {
    unsigned long long d_ino;
    long long d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

/* The parent of pid from /proc/pid/stat, by hand (no stdio): -1 if gone. */
static long parent_of(long pid)
{
    char path[40] = "/proc/", buf[512];
    int k = 6;
    char digits[24];
    int nd = 0;
    for (long v = pid; v > 0 && nd < 20; v /= 10)
        digits[nd++] = (char)('0' + v % 10);
    while (nd > 0)
        path[k++] = digits[--nd];
    const char *tail = "/stat";
    for (int i = 0; tail[i]; i++)
        path[k++] = tail[i];
    path[k] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t got = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (got <= 0)
        return -1;
    buf[got] = '\0';
    char *p = NULL;
    for (char *q = buf; *q; q++) /* the command name may hold ')': the last one ends it */
        if (*q == ')')
            p = q;
    if (!p || !p[1] || !p[2] || !p[3])
        return -1;
    p += 4; /* ") S " */
    long ppid = 0;
    for (; *p >= '0' && *p <= '9'; p++)
        ppid = ppid * 10 + (*p - '0');
    return ppid;
}

static long sig_pid[SIGNAL_MAX_PROCS], sig_ppid[SIGNAL_MAX_PROCS], sig_tree[SIGNAL_MAX_PROCS];

void pb_reaper_kill_descendants_on_signal(void)
{
    long self = (long)getpid();
    for (int round = 0; round < 4; round++) {
        int dir = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir < 0)
            return;
        size_t n = 0;
        char buf[8192];
        for (long got; (got = syscall(SYS_getdents64, dir, buf, sizeof buf)) > 0;)
            for (long off = 0; off < got;) {
                struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);
                off += e->d_reclen;
                long pid = 0;
                const char *c = e->d_name;
                for (; *c >= '0' && *c <= '9'; c++)
                    pid = pid * 10 + (*c - '0');
                if (*c || pid <= 0 || n == SIGNAL_MAX_PROCS)
                    continue;
                sig_pid[n] = pid;
                sig_ppid[n++] = parent_of(pid);
            }
        close(dir);
        size_t m = 0;
        sig_tree[m++] = self;
        for (size_t k = 0; k < m; k++)
            for (size_t i = 0; i < n && m < SIGNAL_MAX_PROCS; i++)
                if (sig_ppid[i] == sig_tree[k] && sig_pid[i] != self)
                    sig_tree[m++] = sig_pid[i];
        if (m == 1)
            return;
        for (size_t k = 1; k < m; k++)
            kill((pid_t)sig_tree[k], SIGSTOP);
        for (size_t k = 1; k < m; k++)
            kill((pid_t)sig_tree[k], SIGKILL);
    }
}
