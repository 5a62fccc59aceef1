/* pb_fsutil: files written so that a reader never sees half of one, and
 * where the running binary is (its plot scripts and methods lie beside it). */
#ifndef PB_FSUTIL_H
#define PB_FSUTIL_H

#include <stddef.h>
#include <stdio.h>

/* A folder inside a results directory (its plots/): created if missing,
 * refused if it is a symbolic link (what is written there would land where
 * it points: errno ELOOP) or not a directory (ENOTDIR). Returns 0 or -1. */
int pb_fs_make_plain_dir(const char *dir);
/* An output directory named by --out: its last part is created if missing,
 * never its parents (a typo must not leave a tree behind). Returns 0; 2 for
 * a name that cannot be one (empty, a missing parent, a file); 1 for a
 * failure of the system; err says which. */
int pb_fs_make_out_dir(const char *dir, char *err, size_t errlen);
/* A table of a results directory opened for reading: only a regular file
 * (a FIFO would hang the reader, a device never end); NULL with errno
 * (EINVAL for another kind of file) otherwise. */
FILE *pb_fs_open_regular(const char *path);
/* Opens PATH.tmp.PID for writing; NULL on failure (errno set). */
FILE *pb_fs_open_temp(const char *path);
/* Closes f and renames its temporary file onto path, unless failed (or the
 * close fails), in which case the temporary file is removed and path is left
 * as it was. Returns 0 or -1. */
int pb_fs_commit_temp(FILE *f, const char *path, int failed);

/* The folder of the running binary into buf. Returns 0 or -1 (errno set). */
int pb_fs_exe_dir(char *buf, size_t len);

#endif
