#include "base/pb_fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int pb_fs_make_plain_dir(const char *dir)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return -1;
    struct stat st;
    if (lstat(dir, &st) != 0)
        return -1;
    if (S_ISLNK(st.st_mode)) {
        errno = ELOOP;
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

int pb_fs_make_out_dir(const char *dir, char *err, size_t errlen)
{
    if (!dir[0]) {
        snprintf(err, errlen, "--out '': an empty directory name");
        return 2;
    }
    char parent[4096];
    if (strlen(dir) >= sizeof parent) {
        snprintf(err, errlen, "--out: a directory name of %zu bytes, longer than %zu", strlen(dir), sizeof parent - 1);
        return 2;
    }
    snprintf(parent, sizeof parent, "%s", dir);
    size_t n = strlen(parent);
    while (n > 1 && parent[n - 1] == '/')
        parent[--n] = '\0';
    char *slash = strrchr(parent, '/');
    struct stat st;
    if (slash) {
        if (slash == parent)
            slash[1] = '\0';
        else
            *slash = '\0';
        if (stat(parent, &st) != 0 || !S_ISDIR(st.st_mode)) {
            snprintf(err, errlen, "--out %s: %s is not an existing directory (--out creates only its last part)", dir,
                     parent);
            return 2;
        }
    }
    if (mkdir(dir, 0777) == 0)
        return 0;
    if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    int exists = errno == EEXIST;
    snprintf(err, errlen, "--out %s: %s", dir, exists ? "exists and is not a directory" : strerror(errno));
    return exists ? 2 : 1;
}

FILE *pb_fs_open_regular(const char *path)
{
    /* O_NONBLOCK: opening a FIFO must not wait for a writer */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        errno = EINVAL;
        return NULL;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f)
        close(fd);
    return f;
}

static void temp_name(char *buf, size_t len, const char *path)
{
    snprintf(buf, len, "%s.tmp.%ld", path, (long)getpid());
}

FILE *pb_fs_open_temp(const char *path)
{
    char tmp[4200];
    temp_name(tmp, sizeof tmp, path);
    /* A new file of our own: a name left behind (or planted as a symbolic
     * link) is removed, never written through. */
    unlink(tmp);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (fd >= 0 && !f)
        close(fd);
    return f;
}

int pb_fs_commit_temp(FILE *f, const char *path, int failed)
{
    char tmp[4200];
    temp_name(tmp, sizeof tmp, path);
    if (fflush(f) != 0 || ferror(f))
        failed = 1;
    if (fclose(f) != 0)
        failed = 1;
    if (failed || rename(tmp, path) != 0) {
        int saved = errno;
        unlink(tmp);
        errno = saved;
        return -1;
    }
    return 0;
}

int pb_fs_exe_dir(char *buf, size_t len)
{
    ssize_t n = readlink("/proc/self/exe", buf, len - 1);
    if (n <= 0 || (size_t)n >= len - 1) {
        if (n > 0)
            errno = ENAMETOOLONG;
        return -1;
    }
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash)
        *slash = '\0';
    return 0;
}
