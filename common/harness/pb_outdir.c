#include "harness/pb_outdir.h"

#include "base/pb_fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "harness/pb_keyset.h"
#include "harness/pb_runs.h"
#include "harness/pb_plan_rows.h"

#define LOCK_NAME ".periodbench.lock"

/* The files a run writes into its directory (plots/ aside). */
static const char *const run_outputs[] = {"runs.csv",    "summary.csv",     "summary.md",     "headline.md",
                                          "environment.txt", "comparisons.csv", "comparisons.md", "verdict.md"};
/* Every name a run writes in its directory, checked for symbolic links. */
static const char *const written[] = {"runs.csv",  "summary.csv",       "summary.md", "headline.md",    "environment.txt",
                                      "shard.txt", ".periodbench.lock", "plots",      "comparisons.csv", "comparisons.md", "verdict.md"};

static const char ways_on[] = "choose another --out, --resume to complete the same plan, or --force to replace it";

/* dir's parent ("." for a bare name) must be an existing directory. */
/* An exclusive lock on dir/LOCK_NAME: a POSIX record lock, not flock(),
 * because the trial workers are forked from the run and would inherit an
 * flock (a killed run's lingering workers would hold it); a record lock is
 * the run's own, and the kernel names its holder. The file is removed at
 * release, so after locking check that the path still names the file
 * locked (a run releasing meanwhile may have removed it); if not, retry. */
static int take_lock(pb_outdir *o, const char *dir, char *err, size_t errlen)
{
    snprintf(o->lock_path, sizeof o->lock_path, "%s/%s", dir, LOCK_NAME);
    for (int attempt = 0; attempt < 100; attempt++) {
        int fd = open(o->lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (fd < 0) {
            snprintf(err, errlen, "%s: %s", o->lock_path, strerror(errno));
            return 1;
        }
        struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
        if (fcntl(fd, F_SETLK, &fl) != 0) {
            int busy = errno == EACCES || errno == EAGAIN;
            struct flock held = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
            long pid = busy && fcntl(fd, F_GETLK, &held) == 0 && held.l_type != F_UNLCK ? (long)held.l_pid : 0;
            close(fd);
            if (busy && pid > 0)
                snprintf(err, errlen, "--out %s: another periodbench run (pid %ld) is writing there; wait for it or "
                         "choose another --out", dir, pid);
            else if (busy)
                snprintf(err, errlen, "--out %s: another periodbench run is writing there; wait for it or choose "
                         "another --out", dir);
            else
                snprintf(err, errlen, "%s: %s", o->lock_path, strerror(errno));
            return busy ? 2 : 1;
        }
        struct stat locked, named;
        if (fstat(fd, &locked) == 0 && stat(o->lock_path, &named) == 0 && locked.st_ino == named.st_ino &&
            locked.st_dev == named.st_dev) {
            o->lock_fd = fd;
            return 0;
        }
        close(fd);
    }
    snprintf(err, errlen, "%s: could not be locked", o->lock_path);
    return 1;
}

/* A table that is a symbolic link or a hard link would be written through,
 * outside dir (--force, a resume); one that is not a regular file (a FIFO)
 * would hang its reader: refused, whatever the mode. */
static int check_tables(const char *dir, char *err, size_t errlen)
{
    for (size_t i = 0; i < sizeof written / sizeof written[0]; i++) {
        char path[4200];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, written[i]);
        if (lstat(path, &st) != 0)
            continue;
        int folder = strcmp(written[i], "plots") == 0;
        const char *why = S_ISLNK(st.st_mode) ? "is a symbolic link"
                          : folder && !S_ISDIR(st.st_mode) ? "is not a directory"
                          : !folder && !S_ISREG(st.st_mode) ? "is not a regular file"
                          : !folder && st.st_nlink > 1 ? "has other hard links" : NULL;
        if (why) {
            snprintf(err, errlen, "--out %s: %s %s; periodbench writes no table through one (it would land outside "
                     "the directory, or hang): remove it or choose another --out", dir, written[i], why);
            return 2;
        }
    }
    return 0;
}

/* What dir holds, against mode: 0 (go on), 2 (refused), 1 (failure). */
static int check_contents(const char *dir, pb_outdir_mode mode, const pb_plan *plan, char *err, size_t errlen)
{
    if (mode == PB_OUTDIR_FORCE)
        return 0;
    char path[4200];
    snprintf(path, sizeof path, "%s/runs.csv", dir);
    int has_table = access(path, F_OK) == 0;
    if (!has_table) {
        for (size_t i = 1; i < sizeof run_outputs / sizeof run_outputs[0]; i++) {
            snprintf(path, sizeof path, "%s/%s", dir, run_outputs[i]);
            if (access(path, F_OK) == 0) {
                snprintf(err, errlen, "--out %s already holds %s (but no runs.csv); choose another --out, or "
                         "--force to replace it", dir, run_outputs[i]);
                return 2;
            }
        }
        return 0;
    }
    pb_runs_table t;
    if (pb_runs_read(path, &t, NULL, err, errlen) != 0)
        return 2; /* err names the file and line */
    int rows_rc = pb_plan_rows_check(plan, &t, path, err, errlen);
    if (rows_rc) {
        pb_runs_table_free(&t);
        return rows_rc;
    }
    pb_keyset planned;
    if (pb_keyset_of_plan(&planned, plan) != 0) {
        pb_runs_table_free(&t);
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    pb_keyset held;
    if (pb_keyset_of_table(&held, &t) != 0) {
        pb_keyset_free(&planned);
        pb_runs_table_free(&t);
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    const char *twice = pb_keyset_first_duplicate(&held);
    if (twice) { /* one row per trial, always: which of two would count? */
        size_t at = 0;
        for (size_t i = 0; i < t.n; i++) {
            char k[PB_KEY_MAX];
            pb_runs_row_key(&t.rows[i], k, sizeof k);
            if (strcmp(k, twice) == 0) {
                at = i;
                break;
            }
        }
        snprintf(err, errlen, "--out %s: runs.csv holds one trial twice (task %s, method %s, seed %s, from data row "
                 "%zu): remove the row that is wrong, or --force to replace the table", dir, t.rows[at].field[PB_COL_TASK],
                 t.rows[at].field[PB_COL_METHOD], t.rows[at].field[PB_COL_SEED], at + 1);
        pb_keyset_free(&held);
        pb_keyset_free(&planned);
        pb_runs_table_free(&t);
        return 2;
    }
    pb_keyset_free(&held);
    size_t foreign = 0, first_foreign = 0;
    for (size_t i = 0; i < t.n; i++) {
        char k[PB_KEY_MAX];
        pb_runs_row_key(&t.rows[i], k, sizeof k);
        if (!pb_keyset_has(&planned, k) && foreign++ == 0)
            first_foreign = i;
    }
    int rc = 0;
    if (foreign) {
        const pb_runs_row *r = &t.rows[first_foreign];
        snprintf(err, errlen, "--out %s holds runs.csv of another plan (%zu of its %zu rows are not trials of this "
                 "run, the first: task %s, method %s, seed %s); %s", dir, foreign, t.n, r->field[PB_COL_TASK],
                 r->field[PB_COL_METHOD], r->field[PB_COL_SEED], ways_on);
        rc = 2;
    } else if (mode == PB_OUTDIR_NEW && t.n > 0) {
        snprintf(err, errlen, "--out %s already holds runs.csv with %zu rows of this plan; %s", dir, t.n, ways_on);
        rc = 2;
    }
    pb_keyset_free(&planned);
    pb_runs_table_free(&t);
    return rc;
}

int pb_outdir_claim(pb_outdir *o, const char *dir, pb_outdir_mode mode, const pb_plan *plan, char *err,
                    size_t errlen)
{
    o->lock_fd = -1;
    o->lock_path[0] = '\0';
    int rc = pb_fs_make_out_dir(dir, err, errlen);
    if (!rc)
        rc = check_tables(dir, err, errlen);
    if (!rc)
        rc = take_lock(o, dir, err, errlen);
    if (!rc && (rc = check_contents(dir, mode, plan, err, errlen)) != 0)
        pb_outdir_release(o);
    return rc;
}

void pb_outdir_release(pb_outdir *o)
{
    if (o->lock_fd < 0)
        return;
    unlink(o->lock_path);
    close(o->lock_fd);
    o->lock_fd = -1;
}

int pb_outdir_make_default(const char *parent, char *buf, size_t len, char *err, size_t errlen)
{
    /* A parent that is a link (./runs -> elsewhere) is not followed. */
    if (pb_fs_make_plain_dir(parent) != 0) {
        snprintf(err, errlen, "%s: %s", parent,
                 errno == ELOOP ? "a symbolic link: give --out DIR, or make it a directory" : strerror(errno));
        return 1;
    }
    time_t now = time(NULL);
    struct tm tm;
    char stamp[32];
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    for (int k = 1; k < 1000; k++) {
        if (k == 1)
            snprintf(buf, len, "%s/%s", parent, stamp);
        else
            snprintf(buf, len, "%s/%s-%d", parent, stamp, k);
        if (mkdir(buf, 0777) == 0)
            return 0;
        if (errno != EEXIST) {
            snprintf(err, errlen, "%s: %s", buf, strerror(errno));
            return 1;
        }
    }
    snprintf(err, errlen, "%s: no free name for %s", parent, stamp);
    return 1;
}
