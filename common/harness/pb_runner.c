#include "harness/pb_runner.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/pb_fsutil.h"
#include "harness/pb_cost_order.h"
#include "harness/pb_keyset.h"
#include "harness/pb_runs.h"
#include "base/pb_timer.h"
#include "harness/pb_worker.h"

typedef struct run_state {
    const pb_plan *plan;
    FILE *csv;
    size_t done, total;
    double start;
    int progress;
    char *err;
    size_t errlen;
} run_state;

static void print_duration(char *buf, size_t len, double s)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, len, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, len, "%ld:%02ld", t / 60, t % 60);
}

static int on_trial_done(void *ctx, size_t index, const pb_trial_result *res)
{
    run_state *st = ctx;
    const pb_trial_spec *spec = &st->plan->trials[index];
    pb_runs_row row;
    if (pb_runs_row_from_trial(&row, spec, res) != 0) {
        snprintf(st->err, st->errlen, "out of memory");
        return -1;
    }
    int bad = pb_runs_write_row(st->csv, &row) != 0 || fflush(st->csv) != 0;
    pb_runs_row_free(&row);
    if (bad) {
        snprintf(st->err, st->errlen, "writing runs.csv: %s", strerror(errno));
        return -1;
    }
    st->done++;
    if (st->progress) {
        double elapsed = pb_timer_wall() - st->start;
        char e[32], eta[32];
        print_duration(e, sizeof e, elapsed);
        print_duration(eta, sizeof eta, elapsed / (double)st->done * (double)(st->total - st->done));
        fprintf(stderr, "periodbench: [%zu/%zu] %s %s seed %ld: %s%s, elapsed %s, ETA %s\n", st->done, st->total,
                spec->task->name, spec->method->name, spec->seed, pb_status_name(res->status),
                res->success ? " (success)" : "", e, eta);
    }
    return 0;
}

typedef struct keyed_row {
    const char *key;
    size_t index;
} keyed_row;

/* By key, then by position: the first of equal keys is found first. */
static int cmp_keyed_row(const void *a, const void *b)
{
    const keyed_row *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* Rewrites runs.csv in plan order (rows of other trials after them, as
 * they were), through a temporary file and a rename. */
static int rewrite_in_plan_order(const pb_plan *plan, const char *path, char *err, size_t errlen)
{
    pb_runs_table t;
    if (pb_runs_read(path, &t, NULL, err, errlen) != 0)
        return -1;
    int rc = pb_runner_write_in_plan_order(plan, &t, path, err, errlen);
    pb_runs_table_free(&t);
    return rc;
}

int pb_runner_write_in_plan_order(const pb_plan *plan, const pb_runs_table *table, const char *path, char *err,
                                  size_t errlen)
{
    const pb_runs_table t = *table;
    char **row_keys = calloc(t.n ? t.n : 1, sizeof *row_keys);
    char *used = calloc(t.n ? t.n : 1, 1);
    size_t *order = malloc((t.n ? t.n : 1) * sizeof *order);
    int rc = -1;
    if (!row_keys || !used || !order) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < t.n; i++) {
        char k[PB_KEY_MAX];
        pb_runs_row_key(&t.rows[i], k, sizeof k);
        if (!(row_keys[i] = strdup(k))) {
            snprintf(err, errlen, "out of memory");
            goto done;
        }
    }
    /* Row index by key: sort (key, index) pairs, then binary-search each planned trial. */
    size_t n_order = 0;
    keyed_row *by_key = malloc((t.n ? t.n : 1) * sizeof *by_key);
    if (!by_key) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < t.n; i++)
        by_key[i] = (keyed_row){row_keys[i], i};
    qsort(by_key, t.n, sizeof *by_key, cmp_keyed_row);
    for (size_t p = 0; p < plan->n; p++) {
        char k[PB_KEY_MAX];
        pb_runs_spec_key(&plan->trials[p], k, sizeof k);
        size_t lo = 0, hi = t.n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (strcmp(by_key[mid].key, k) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < t.n && strcmp(by_key[lo].key, k) == 0 && !used[by_key[lo].index]) {
            used[by_key[lo].index] = 1;
            order[n_order++] = by_key[lo].index;
        }
    }
    free(by_key);
    for (size_t i = 0; i < t.n; i++)
        if (!used[i])
            order[n_order++] = i;
    FILE *f = pb_fs_open_temp(path);
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        goto done;
    }
    int bad = pb_runs_write_header(f) != 0;
    for (size_t i = 0; i < n_order && !bad; i++)
        bad = pb_runs_write_row(f, &t.rows[order[i]]) != 0;
    if (pb_fs_commit_temp(f, path, bad) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        goto done;
    }
    rc = 0;
done:
    for (size_t i = 0; row_keys && i < t.n; i++)
        free(row_keys[i]);
    free(row_keys);
    free(used);
    free(order);
    return rc;
}

/* Writes the finished rows back in the current columns (a table of an
 * older layout gains the newer, empty ones; a torn last line is gone),
 * through a temporary file and a rename. */
static int rewrite_finished(const char *path, const pb_runs_table *t, char *err, size_t errlen)
{
    FILE *f = pb_fs_open_temp(path);
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    int bad = pb_runs_write_header(f) != 0;
    for (size_t i = 0; i < t->n && !bad; i++)
        bad = pb_runs_write_row(f, &t->rows[i]) != 0;
    if (pb_fs_commit_temp(f, path, bad) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* Opens runs.csv for appending: fresh (header only) unless resuming, in
 * which case the finished rows are rewritten (rewrite_finished) and
 * returned in *finished (empty otherwise; free it). */
static FILE *open_runs(const char *path, int resume, pb_runs_table *finished, char *err, size_t errlen)
{
    memset(finished, 0, sizeof *finished);
    if (resume) {
        if (pb_runs_read(path, finished, NULL, err, errlen) != 0)
            return NULL;
        if (access(path, F_OK) == 0 && rewrite_finished(path, finished, err, errlen) != 0)
            return NULL;
    }
    /* Not through a symbolic link (pb_outdir refuses one; this is the last word) */
    int fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (resume ? O_APPEND : O_TRUNC), 0666);
    if (fd >= 0)
        lseek(fd, 0, SEEK_END); /* so that ftell says whether the file is new */
    FILE *f = fd >= 0 ? fdopen(fd, resume ? "a" : "w") : NULL;
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (ftell(f) == 0 && (pb_runs_write_header(f) != 0 || fflush(f) != 0)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        fclose(f);
        return NULL;
    }
    return f;
}

int pb_runner_run(const pb_plan *plan, const pb_run_options *opt, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/runs.csv", opt->out_dir);
    pb_runs_table finished;
    pb_keyset done = {0};
    FILE *csv = open_runs(path, opt->resume, &finished, err, errlen);
    if (!csv)
        return 1;
    size_t *order = malloc((plan->n ? plan->n : 1) * sizeof *order), n_pending = 0;
    if (!order || pb_keyset_of_table(&done, &finished) != 0) {
        fclose(csv);
        free(order);
        pb_runs_table_free(&finished);
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    for (size_t i = 0; i < plan->n; i++) {
        char k[PB_KEY_MAX];
        pb_runs_spec_key(&plan->trials[i], k, sizeof k);
        if (!pb_keyset_has(&done, k))
            order[n_pending++] = i;
    }
    pb_keyset_free(&done);
    pb_cost_order(plan, &finished, order, n_pending); /* out of memory: plan order, no harm */
    pb_runs_table_free(&finished);
    if (opt->progress && plan->n > n_pending)
        fprintf(stderr, "periodbench: resuming: %zu of %zu trials already in %s\n", plan->n - n_pending, plan->n, path);
    run_state st = {plan, csv, 0, n_pending, pb_timer_wall(), opt->progress, err, errlen};
    pb_worker_limits lim = {opt->jobs, opt->timeout, opt->memory_mb};
    pb_run_executor execute = opt->execute ? opt->execute : pb_worker_run_all;
    int rc = execute(plan->trials, order, n_pending, &lim, on_trial_done, &st);
    free(order);
    if (fclose(csv) != 0 && rc == 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return 1;
    }
    if (rc == 130) {
        snprintf(err, errlen, "interrupted: %zu trials written to %s; continue with --resume", st.done, path);
        return 130;
    }
    if (rc != 0) {
        if (!err[0])
            snprintf(err, errlen, "could not start a worker process: %s", strerror(errno));
        return 1;
    }
    return rewrite_in_plan_order(plan, path, err, errlen) == 0 ? 0 : 1;
}

static int keep_result(void *ctx, size_t index, const pb_trial_result *res)
{
    (void)index;
    *(pb_trial_result *)ctx = *res;
    return 0;
}

void pb_runner_run_isolated(const pb_trial_spec *spec, const pb_run_options *opt, pb_trial_result *res)
{
    size_t zero = 0;
    pb_worker_limits lim = {1, opt->timeout, opt->memory_mb};
    pb_trial_result_init(res, PB_INTERNAL_ERROR, "worker did not run");
    pb_worker_run_all(spec, &zero, 1, &lim, keep_result, res);
}
