/* run's options parsed into a plan (pb_run_args.h). */
#include "cli/pb_run_args.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/pb_cli.h"
#include "harness/pb_baselines.h"
#include "harness/pb_keyset.h"
#include "cli/pb_cli_methods.h"
#include "tasks/pb_data_task.h"
#include "tasks/pb_tasks.h"
#include "registry.h"

#define MAX_SETS 64
#define MAX_SELECTED 64
#define MAX_SEEDS 1000000
#define MAX_SHARDS 100000

static const char run_usage[] =
    "usage: periodbench run [OPTIONS]\n"
    "\n"
    "  --tasks LIST       comma-separated task names, or 'all' (default: all); data:PATH, a CSV\n"
    "                     file or a directory of them, makes a task data:STEM of each file\n"
    "                     (and adds the baselines mean and seasonal-naive to --methods)\n"
    "  --methods LIST     comma-separated method names, or 'all' (default: all)\n"
    "  --seeds SPEC       N for seeds 0..N-1, or a list of seeds and ranges: 7,9 or 100-104 (default: 5)\n"
    "  --set NAME.P=V     set parameter P of task or method NAME; V1,V2,... sweeps it (repeatable)\n"
    "  --set NAME.P:Q=V:W,...  sweeps P and Q together: the pairs given, not every combination\n"
    "  --time-col C, --value-col C, --err-col C\n"
    "                     the columns of every data: file, by name or 1-based number, as for fit\n"
    "                     (default: the first two; no errors)\n"
    "  --jobs N           worker processes at once (default: number of cores)\n"
    "  --timeout S        wall-time limit per trial, seconds (default: 600)\n"
    "  --memory MB        memory limit per trial, MiB (default: 4096)\n"
    "  --out DIR          where the tables go: DIR is created, its parent must exist\n"
    "                     (default: a new directory runs/YYYYmmdd-HHMMSS, named on stderr)\n"
    "  --resume           keep DIR/runs.csv (rows of this plan only) and run the trials missing from it\n"
    "  --force            replace the tables DIR already holds\n"
    "  --shard I/K        run only share I of K of the plan (trials i with i mod K = I), for\n"
    "                     scheduler array jobs; periodbench merge joins the K directories\n"
    "  --quiet            no progress lines on stderr\n"
    "  --help             this text\n"
    "\n"
    "Each trial runs in its own process; a crash, hang or memory blow-up becomes a row\n"
    "(crashed, timeout, oom) and the run goes on. Rows are flushed to runs.csv as trials end.\n"
    "A DIR that already holds a run's tables is refused unless --resume (same plan) or\n"
    "--force; one run at a time writes to a DIR. With gnuplot installed the plots are\n"
    "rendered into DIR/plots/ (else: periodbench plot DIR, once it is).\n";

typedef struct set_entry {
    char target[64], param[64];
    char values[1024]; /* comma-separated */
} set_entry;

typedef struct run_args {
    pb_run_args *out; /* what the caller gets */
    pb_csvin_options columns; /* how data: files are read */
    const pb_task_type **tasks; /* built-in ones, and out->data's */
    size_t n_tasks;
    const pb_method_type *methods[MAX_SELECTED];
    size_t n_methods;
    long *seeds;
    size_t n_seeds;
    set_entry sets[MAX_SETS];
    size_t n_sets;
} run_args;

/* The options a shard records: those that make the plan, and the limits
 * (a trial's outcome depends on them); not where or how fast it runs. */
int pb_run_args_records_plan(const char *opt)
{
    static const char *const kept[] = {"--tasks",   "--methods",   "--seeds",   "--set",   "--timeout",
                                       "--memory",  "--time-col", "--value-col", "--err-col"};
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
        if (strcmp(opt, kept[i]) == 0)
            return 1;
    return 0;
}

static int record(pb_run_args *a, const char *word)
{
    char **grown = realloc(a->plan_argv, (size_t)(a->plan_argc + 2) * sizeof *grown);
    if (!grown)
        return -1;
    a->plan_argv = grown;
    if (!(a->plan_argv[a->plan_argc] = strdup(word)))
        return -1;
    a->plan_argv[++a->plan_argc] = NULL;
    return 0;
}

/* Plain decimal digits only (no sign, space, exponent or 0x: a seed or a
 * count is written as one), within [lo, hi]. */
static int parse_whole(const char *s, long lo, long hi, long *out)
{
    size_t len = strlen(s);
    if (len == 0 || len > 18 || strspn(s, "0123456789") != len)
        return -1;
    long x = strtol(s, NULL, 10);
    if (x < lo || x > hi)
        return -1;
    *out = x;
    return 0;
}

static int cmp_long(const void *x, const void *y)
{
    long a = *(const long *)x, b = *(const long *)y;
    return (a > b) - (a < b);
}

/* "N" -> 0..N-1; else items "a" or "a-b" separated by commas. */
static int parse_seeds(const char *spec, run_args *a)
{
    long n;
    if (!strchr(spec, ',') && !strchr(spec, '-')) {
        if (parse_whole(spec, 1, MAX_SEEDS, &n) != 0)
            return pb_cli_error(PB_EXIT_USAGE, "--seeds %s: expected N from 1 to %d (seeds 0..N-1), a list or a range",
                                spec, MAX_SEEDS);
        a->seeds = malloc((size_t)n * sizeof *a->seeds);
        if (!a->seeds)
            return pb_cli_error(PB_EXIT_FAILURE, "out of memory");
        for (long i = 0; i < n; i++)
            a->seeds[a->n_seeds++] = i;
        return 0;
    }
    char buf[4096];
    if (strlen(spec) >= sizeof buf)
        return pb_cli_error(PB_EXIT_USAGE, "--seeds: list too long");
    strcpy(buf, spec);
    size_t cap = 0;
    if (pb_cli_list_has_empty_item(buf))
        return pb_cli_error(PB_EXIT_USAGE, "--seeds %s: an empty item in the list", spec);
    for (char *save = NULL, *item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        long lo, hi;
        char *dash = strchr(item, '-');
        if (dash) {
            *dash = '\0';
            if (parse_whole(item, 0, 2147483647L, &lo) || parse_whole(dash + 1, 0, 2147483647L, &hi) || hi < lo)
                return pb_cli_error(PB_EXIT_USAGE, "--seeds %s: bad range '%s-%s'", spec, item, dash + 1);
        } else if (parse_whole(item, 0, 2147483647L, &lo) == 0) {
            hi = lo;
        } else {
            return pb_cli_error(PB_EXIT_USAGE, "--seeds %s: '%s' is not a seed", spec, item);
        }
        if ((double)a->n_seeds + (double)(hi - lo) + 1 > MAX_SEEDS)
            return pb_cli_error(PB_EXIT_USAGE, "--seeds %s: more than %d seeds", spec, MAX_SEEDS);
        for (long s = lo; s <= hi; s++) {
            if (a->n_seeds == cap) {
                cap = cap ? 2 * cap : 64;
                long *grown = realloc(a->seeds, cap * sizeof *grown);
                if (!grown)
                    return pb_cli_error(PB_EXIT_FAILURE, "out of memory");
                a->seeds = grown;
            }
            a->seeds[a->n_seeds++] = s;
        }
    }
    if (a->n_seeds == 0)
        return pb_cli_error(PB_EXIT_USAGE, "--seeds %s: no seeds", spec);
    /* A seed twice would run the same trial twice. */
    long *sorted = malloc(a->n_seeds * sizeof *sorted);
    if (!sorted)
        return pb_cli_error(PB_EXIT_FAILURE, "out of memory");
    memcpy(sorted, a->seeds, a->n_seeds * sizeof *sorted);
    qsort(sorted, a->n_seeds, sizeof *sorted, cmp_long);
    long twice = -1;
    for (size_t i = 1; i < a->n_seeds && twice < 0; i++)
        if (sorted[i] == sorted[i - 1])
            twice = sorted[i];
    free(sorted);
    if (twice >= 0)
        return pb_cli_error(PB_EXIT_USAGE, "--seeds %s: seed %ld given twice (it would run the same trials twice)", spec,
                            twice);
    return 0;
}

static int by_task_name(const void *x, const void *y)
{
    return strcmp((*(const pb_task_type *const *)x)->name, (*(const pb_task_type *const *)y)->name);
}

/* One name twice (a task listed twice, two files with one stem) would run
 * the same trials twice. Sorted, not compared pairwise: 10^5 files. */
static int refuse_a_task_twice(const pb_task_type **tasks, size_t n)
{
    const pb_task_type **sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted)
        return pb_cli_error(PB_EXIT_FAILURE, "out of memory");
    memcpy(sorted, tasks, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_task_name);
    int rc = 0;
    for (size_t i = 1; i < n && !rc; i++)
        if (strcmp(sorted[i]->name, sorted[i - 1]->name) == 0)
            rc = pb_cli_error(PB_EXIT_USAGE, "--tasks: '%s' given twice%s", sorted[i]->name,
                              pb_task_is_data(sorted[i]) ? " (two files with one name, or one file twice)" : "");
    free(sorted);
    return rc;
}

/* --tasks: built-in names, 'all' (every built-in task) and data:PATH (a
 * task per file), in the order given. The data files are all read here,
 * before any trial: a bad one stops the run. */
static int parse_tasks(const char *list, run_args *a)
{
    char *buf = strdup(list);
    size_t n_items = 1;
    for (const char *c = list; *c; c++)
        n_items += *c == ',';
    /* Each item: a built-in task, or the range [first, last) of data tasks. */
    const pb_task_type **builtin = calloc(n_items * (pb_tasks_count() + 1), sizeof *builtin);
    size_t *first = calloc(n_items + 1, sizeof *first), *n_of = calloc(n_items + 1, sizeof *n_of);
    int rc = 0;
    if (!buf || !builtin || !first || !n_of)
        rc = pb_cli_error(PB_EXIT_FAILURE, "out of memory");
    else if (pb_cli_list_has_empty_item(list))
        rc = pb_cli_error(PB_EXIT_USAGE, "--tasks %s: an empty item in the list", list);
    size_t item = 0, total = 0;
    for (char *save = NULL, *name = rc ? NULL : strtok_r(buf, ",", &save); name && !rc;
         name = strtok_r(NULL, ",", &save), item++) {
        char err[2048];
        if (strncmp(name, PB_DATA_PREFIX, strlen(PB_DATA_PREFIX)) == 0) {
            first[item] = a->out->data.n;
            if (pb_data_tasks_load(name + strlen(PB_DATA_PREFIX), &a->columns, &a->out->data, err, sizeof err) != 0)
                rc = pb_cli_error(PB_EXIT_USAGE, "--tasks data:...: %s", err); /* err names the file */
            n_of[item] = a->out->data.n - first[item];
        } else if (strcmp(name, "all") == 0) {
            for (size_t i = 0; pb_tasks_all[i]; i++)
                builtin[item * (pb_tasks_count() + 1) + i] = pb_tasks_all[i];
            n_of[item] = pb_tasks_count();
        } else if ((builtin[item * (pb_tasks_count() + 1)] = pb_tasks_find(name)) != NULL) {
            n_of[item] = 1;
        } else {
            rc = pb_cli_error(PB_EXIT_USAGE, "--tasks: no such task '%s' (see periodbench list tasks; a file of "
                              "your own is data:PATH)", name);
        }
        total += n_of[item];
    }
    /* The data tasks' array no longer moves: now take pointers into it. */
    if (!rc && !(a->tasks = malloc((total ? total : 1) * sizeof *a->tasks)))
        rc = pb_cli_error(PB_EXIT_FAILURE, "out of memory");
    for (size_t i = 0; !rc && i < item; i++)
        for (size_t k = 0; k < n_of[i]; k++)
            a->tasks[a->n_tasks++] = builtin[i * (pb_tasks_count() + 1)] ? builtin[i * (pb_tasks_count() + 1) + k]
                                                                         : &a->out->data.types[first[i] + k];
    if (!rc)
        rc = refuse_a_task_twice(a->tasks, a->n_tasks);
    free(buf);
    free(builtin);
    free(first);
    free(n_of);
    return rc;
}

static const void *find_method(const char *name)
{
    return pb_cli_method("--methods", name);
}

/* The I-th of the ':'-separated fields of list into out (at most size
 * bytes); 0 when list has fewer fields or the field is too long. */
static int zip_field(const char *list, size_t index, char *out, size_t size)
{
    for (size_t i = 0; i < index; i++) {
        list = strchr(list, ':');
        if (!list)
            return 0;
        list++;
    }
    size_t len = strcspn(list, ":");
    if (len >= size)
        return 0;
    memcpy(out, list, len);
    out[len] = '\0';
    return 1;
}

static size_t zip_count(const char *list)
{
    size_t n = 1;
    for (; *list; list++)
        n += *list == ':';
    return n;
}

/* Whether two --set parameter lists (P or P:Q:...) name a parameter in common. */
static int shares_param(const char *a, const char *b)
{
    char x[64], y[64];
    for (size_t i = 0; zip_field(a, i, x, sizeof x); i++)
        for (size_t j = 0; zip_field(b, j, y, sizeof y); j++)
            if (strcmp(x, y) == 0)
                return 1;
    return 0;
}

static int parse_set(const char *arg, run_args *a)
{
    /* The target ends at the last '.' before '=': parameters hold no '.',
     * a data file's task may (data:a.b). */
    const char *eq = strchr(arg, '='), *dot = NULL;
    for (const char *c = arg; *c && (!eq || c < eq); c++)
        if (*c == '.')
            dot = c;
    if (!dot || !eq || eq < dot || dot == arg || eq == dot + 1 || !eq[1])
        return pb_cli_error(PB_EXIT_USAGE, "--set %s: expected NAME.PARAM=VALUE[,VALUE...]", arg);
    if (a->n_sets == MAX_SETS)
        return pb_cli_error(PB_EXIT_USAGE, "--set: at most %d settings", MAX_SETS);
    set_entry *e = &a->sets[a->n_sets];
    if ((size_t)(dot - arg) >= sizeof e->target || (size_t)(eq - dot - 1) >= sizeof e->param ||
        strlen(eq + 1) >= sizeof e->values)
        return pb_cli_error(PB_EXIT_USAGE, "--set %s: too long", arg);
    memcpy(e->target, arg, (size_t)(dot - arg));
    e->target[dot - arg] = '\0';
    memcpy(e->param, dot + 1, (size_t)(eq - dot - 1));
    e->param[eq - dot - 1] = '\0';
    strcpy(e->values, eq + 1);
    for (size_t i = 0; i < a->n_sets; i++)
        if (strcmp(a->sets[i].target, e->target) == 0 && shares_param(a->sets[i].param, e->param))
            return pb_cli_error(PB_EXIT_USAGE, "--set %s.%s given twice (sweep with V1,V2,...)", e->target, e->param);
    a->n_sets++;
    return 0;
}

/* A data task is judged against the two baselines: their rows belong
 * beside every method's, so a run with data tasks runs them too. */
static int add_baselines(run_args *a)
{
    for (size_t b = 0; b < PB_BASELINES_N; b++) {
        int listed = 0;
        for (size_t i = 0; i < a->n_methods; i++)
            listed |= a->methods[i] == pb_baselines[b];
        if (listed)
            continue;
        if (a->n_methods == MAX_SELECTED)
            return pb_cli_error(PB_EXIT_USAGE, "--methods: more than %d names with the baselines data tasks add",
                                MAX_SELECTED);
        a->methods[a->n_methods++] = pb_baselines[b];
    }
    return 0;
}

static int parse_args(int argc, char **argv, run_args *a)
{
    const char *tasks = "all", *methods = "all", *seeds = "5";
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    a->out->opt = (pb_run_options){cores > 0 ? (int)cores : 1, 600.0, 4096.0, NULL, 0, 1, NULL};
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        int has_value = i + 1 < argc;
        double x;
        long n;
        if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
            fputs(run_usage, stdout);
            return -1;
        } else if (strcmp(o, "--resume") == 0) {
            a->out->opt.resume = 1;
        } else if (strcmp(o, "--force") == 0) {
            a->out->force = 1;
        } else if (strcmp(o, "--quiet") == 0) {
            a->out->opt.progress = 0;
        } else if (strcmp(o, "--tasks") == 0 || strcmp(o, "--methods") == 0 || strcmp(o, "--seeds") == 0 ||
                   strcmp(o, "--set") == 0 || strcmp(o, "--jobs") == 0 || strcmp(o, "--timeout") == 0 ||
                   strcmp(o, "--memory") == 0 || strcmp(o, "--out") == 0 || strcmp(o, "--shard") == 0 ||
                   strcmp(o, "--time-col") == 0 || strcmp(o, "--value-col") == 0 || strcmp(o, "--err-col") == 0) {
            if (!has_value)
                return pb_cli_error(PB_EXIT_USAGE, "%s: missing value", o);
            const char *v = argv[++i];
            if (pb_run_args_records_plan(o) && (record(a->out, o) || record(a->out, v)))
                return pb_cli_error(PB_EXIT_FAILURE, "out of memory");
            if (strcmp(o, "--tasks") == 0)
                tasks = v;
            else if (strcmp(o, "--time-col") == 0)
                a->columns.time_col = v;
            else if (strcmp(o, "--value-col") == 0)
                a->columns.value_col = v;
            else if (strcmp(o, "--err-col") == 0)
                a->columns.err_col = v;
            else if (strcmp(o, "--methods") == 0)
                methods = v;
            else if (strcmp(o, "--seeds") == 0)
                seeds = v;
            else if (strcmp(o, "--set") == 0) {
                int rc = parse_set(v, a);
                if (rc)
                    return rc;
            } else if (strcmp(o, "--jobs") == 0) {
                if (parse_whole(v, 1, 256, &n) != 0)
                    return pb_cli_error(PB_EXIT_USAGE, "--jobs %s: expected a whole number from 1 to 256", v);
                a->out->opt.jobs = (int)n;
            } else if (strcmp(o, "--timeout") == 0) {
                if (pb_cli_parse_timeout(o, v, &x) != 0)
                    return PB_EXIT_USAGE;
                a->out->opt.timeout = x;
            } else if (strcmp(o, "--memory") == 0) {
                if (pb_cli_parse_real(o, v, 16, 1e7, "MiB from 16 to 1e7", &x) != 0)
                    return PB_EXIT_USAGE;
                a->out->opt.memory_mb = x;
            } else if (strcmp(o, "--shard") == 0) {
                char *slash = strchr(v, '/');
                if (!slash || parse_whole(slash + 1, 1, MAX_SHARDS, &n) != 0 ||
                    (*slash = '\0', parse_whole(v, 0, n - 1, &a->out->shard_index)) != 0) {
                    if (slash)
                        *slash = '/';
                    return pb_cli_error(PB_EXIT_USAGE, "--shard %s: expected I/K with 0 <= I < K <= %d", v, MAX_SHARDS);
                }
                *slash = '/';
                a->out->shard_count = n;
            } else {
                if (!*v)
                    return pb_cli_error(PB_EXIT_USAGE, "--out: empty directory name");
                a->out->opt.out_dir = v;
            }
        } else {
            return pb_cli_error(PB_EXIT_USAGE, "run: unknown option '%s' (see periodbench run --help)", o);
        }
    }
    if (a->out->opt.resume && a->out->force)
        return pb_cli_error(PB_EXIT_USAGE, "--resume and --force: choose one (complete the table, or replace it)");
    if (a->out->opt.resume && !a->out->opt.out_dir)
        return pb_cli_error(PB_EXIT_USAGE, "--resume: name the directory to complete with --out DIR (without --out, "
                            "run writes a new directory each time)");
    int rc = parse_tasks(tasks, a);
    if (!rc && a->out->data.n == 0 && (a->columns.time_col || a->columns.value_col || a->columns.err_col))
        rc = pb_cli_error(PB_EXIT_USAGE, "--time-col, --value-col and --err-col choose the columns of data: files; "
                          "--tasks names none");
    if (!rc)
        rc = pb_cli_parse_names("--methods", methods, (const void **)a->methods, MAX_SELECTED, &a->n_methods,
                                find_method, (const void *const *)pb_methods_all);
    if (!rc && a->out->data.n)
        rc = add_baselines(a);
    if (!rc)
        rc = parse_seeds(seeds, a);
    return rc;
}

/* Every parameter set of one task or method: its defaults with each --set
 * aimed at it applied, sweeps multiplied out (a zipped sweep P:Q=V:W,...
 * is one sweep whose values set several parameters). Appends to plan's params and
 * to out[]. Returns the count, or -1 after printing the error. */
static long expand(const char *name, const char *family, const pb_param_def *defs, size_t n_defs, const run_args *a,
                   pb_plan *plan, pb_params **out, size_t max_out)
{
    pb_params *base = pb_plan_own_params(plan, pb_params_alloc(defs, n_defs));
    if (!base)
        return pb_cli_error(PB_EXIT_FAILURE, "out of memory"), -1;
    out[0] = base;
    size_t n = 1;
    for (size_t s = 0; s < a->n_sets; s++) {
        const set_entry *e = &a->sets[s];
        if (strcmp(e->target, name) != 0 && !(family && strcmp(e->target, family) == 0))
            continue;
        size_t n_zip = zip_count(e->param);
        char param[64];
        for (size_t z = 0; z < n_zip; z++)
            if (!zip_field(e->param, z, param, sizeof param) || !param[0] || !pb_params_has(base, param))
                return pb_cli_error(PB_EXIT_USAGE, "--set %s.%s: %s has no parameter '%s' (see periodbench list)",
                                    e->target, e->param, name, param[0] ? param : "(empty)"),
                       -1;
        char values[1024];
        if (pb_cli_list_has_empty_item(e->values))
            return pb_cli_error(PB_EXIT_USAGE, "--set %s.%s=%s: an empty item in the list", e->target, e->param,
                                e->values),
                   -1;
        strcpy(values, e->values);
        size_t n_before = n, n_after = 0;
        pb_params *next[4096];
        for (char *save = NULL, *v = strtok_r(values, ",", &save); v; v = strtok_r(NULL, ",", &save)) {
            /* A plain sweep's value may hold ':' itself. */
            if (n_zip > 1 && zip_count(v) != n_zip)
                return pb_cli_error(PB_EXIT_USAGE, "--set %s.%s: value '%s' has %zu fields, expected %zu", name,
                                    e->param, v, zip_count(v), n_zip),
                       -1;
            for (size_t i = 0; i < n_before; i++) {
                char err[256], value[1024];
                if (n_after == sizeof next / sizeof next[0] || n_after == max_out)
                    return pb_cli_error(PB_EXIT_USAGE, "--set: sweep of %s has too many combinations", name), -1;
                pb_params *p = pb_plan_own_params(plan, pb_params_copy(out[i]));
                if (!p)
                    return pb_cli_error(PB_EXIT_FAILURE, "out of memory"), -1;
                for (size_t z = 0; z < n_zip; z++) {
                    zip_field(e->param, z, param, sizeof param);
                    if (n_zip == 1)
                        snprintf(value, sizeof value, "%s", v);
                    else if (!zip_field(v, z, value, sizeof value))
                        return pb_cli_error(PB_EXIT_USAGE, "--set %s.%s: value too long", name, param), -1;
                    if (pb_params_set(p, param, value, err, sizeof err) != 0)
                        return pb_cli_error(PB_EXIT_USAGE, "--set %s.%s: %s", name, param, err), -1;
                }
                next[n_after++] = p;
            }
        }
        if (n_after == 0)
            return pb_cli_error(PB_EXIT_USAGE, "--set %s.%s: no value", name, e->param), -1;
        memcpy(out, next, n_after * sizeof *out);
        n = n_after;
    }
    return (long)n;
}

static int check_set_targets(const run_args *a)
{
    for (size_t s = 0; s < a->n_sets; s++) {
        const char *t = a->sets[s].target;
        int found = 0;
        for (size_t i = 0; i < a->n_tasks && !found; i++)
            found = strcmp(a->tasks[i]->name, t) == 0 || (pb_task_is_data(a->tasks[i]) && strcmp(t, PB_DATA_FAMILY) == 0);
        for (size_t i = 0; i < a->n_methods && !found; i++)
            found = strcmp(a->methods[i]->name, t) == 0;
        if (!found)
            return pb_cli_error(PB_EXIT_USAGE, "--set %s.%s: '%s' is not among the selected tasks or methods", t,
                                a->sets[s].param, t);
    }
    return 0;
}

#define MAX_SWEEP 4096

/* A setting too long for a trial's key is refused, never cut. */
static int check_settings_length(const char *kind, const char *name, const pb_params *p)
{
    char shown[PB_PARAMS_TEXT_MAX];
    size_t need = pb_params_format(p, shown, sizeof shown);
    if (need < sizeof shown)
        return 0;
    return pb_cli_error(PB_EXIT_USAGE, "%s %s (%.60s...): its settings take %zu characters; a trial's key holds at most "
                        "%d", kind, name, shown, need, PB_PARAMS_TEXT_MAX - 1);
}

/* Every trial once: a sweep that names one value twice (10 and 1e1), a task
 * or method listed twice, a seed twice would run the same trial again. */
static int check_no_duplicate_trial(const pb_plan *plan)
{
    pb_keyset keys;
    if (pb_keyset_of_plan(&keys, plan) != 0)
        return pb_cli_error(PB_EXIT_FAILURE, "out of memory");
    const char *twice = pb_keyset_first_duplicate(&keys);
    int rc = 0;
    if (twice) {
        char shown[PB_KEY_MAX];
        snprintf(shown, sizeof shown, "%s", twice);
        for (char *c = shown; *c; c++)
            if (*c == '\x1f')
                *c = ' ';
        rc = pb_cli_error(PB_EXIT_USAGE, "the plan names one trial twice (task, settings, method, settings, seed: "
                          "%s): a value given twice in a sweep (by value: 10 and 1e1 are one), or a task, method or "
                          "seed listed twice", shown);
    }
    pb_keyset_free(&keys);
    return rc;
}

static int build_plan(const run_args *a, pb_plan *plan)
{
    static pb_params *task_sets[MAX_SWEEP], *method_sets[MAX_SELECTED][MAX_SWEEP];
    long n_method_sets[MAX_SELECTED];
    for (size_t m = 0; m < a->n_methods; m++) {
        const pb_method_type *mt = a->methods[m];
        n_method_sets[m] = expand(mt->name, NULL, mt->params, mt->n_params, a, plan, method_sets[m], MAX_SWEEP);
        if (n_method_sets[m] < 0)
            return PB_EXIT_USAGE;
        for (long ms = 0; ms < n_method_sets[m]; ms++)
            if (check_settings_length("method", mt->name, method_sets[m][ms]) != 0)
                return PB_EXIT_USAGE;
        for (long ms = 0; ms < n_method_sets[m] && mt->validate; ms++) {
            char err[256], shown[256];
            if (mt->validate(method_sets[m][ms], err, sizeof err) != 0) {
                pb_params_format(method_sets[m][ms], shown, sizeof shown);
                return pb_cli_error(PB_EXIT_USAGE, "method %s (%s): %s", mt->name, shown[0] ? shown : "defaults", err);
            }
        }
    }
    for (size_t t = 0; t < a->n_tasks; t++) {
        const pb_task_type *tt = a->tasks[t];
        long n_task_sets = expand(tt->name, pb_task_is_data(tt) ? PB_DATA_FAMILY : NULL, tt->params, tt->n_params, a, plan, task_sets, MAX_SWEEP);
        if (n_task_sets < 0)
            return PB_EXIT_USAGE;
        for (long ts = 0; ts < n_task_sets; ts++)
            if (check_settings_length("task", tt->name, task_sets[ts]) != 0)
                return PB_EXIT_USAGE;
        double method_total = 0;
        for (size_t m = 0; m < a->n_methods; m++)
            method_total += (double)n_method_sets[m];
        double trials = (double)plan->n + (double)n_task_sets * method_total * (double)a->n_seeds;
        if (trials > PB_PLAN_MAX_TRIALS)
            return pb_cli_error(PB_EXIT_USAGE, "the plan has %.4g trials, more than one run takes (%g): split it (fewer "
                                "seeds or sweep values, or --shard across machines)", trials, PB_PLAN_MAX_TRIALS);
        for (long ts = 0; ts < n_task_sets && tt->validate; ts++) {
            char err[256], shown[256];
            if (tt->validate(tt, task_sets[ts], err, sizeof err) != 0) {
                pb_params_format(task_sets[ts], shown, sizeof shown);
                return pb_cli_error(PB_EXIT_USAGE, "task %s (%s): %s", tt->name, shown[0] ? shown : "defaults", err);
            }
        }
        for (long ts = 0; ts < n_task_sets; ts++)
            for (size_t m = 0; m < a->n_methods; m++)
                for (long ms = 0; ms < n_method_sets[m]; ms++)
                    for (size_t s = 0; s < a->n_seeds; s++) {
                        pb_trial_spec spec = {tt, task_sets[ts], a->methods[m], method_sets[m][ms], a->seeds[s]};
                        if (pb_plan_add(plan, &spec) != 0)
                            return pb_cli_error(PB_EXIT_FAILURE, "out of memory");
                    }
    }
    return check_no_duplicate_trial(plan);
}

int pb_run_args_parse(int argc, char **argv, pb_run_args *out, pb_plan *plan)
{
    run_args a;
    memset(&a, 0, sizeof a);
    memset(out, 0, sizeof *out);
    a.out = out;
    pb_plan_init(plan);
    int rc = parse_args(argc, argv, &a);
    if (!rc)
        rc = check_set_targets(&a);
    if (!rc)
        rc = build_plan(&a, plan);
    free(a.seeds);
    free(a.tasks);
    return rc;
}

void pb_run_args_free(pb_run_args *a)
{
    pb_data_tasks_free(&a->data);
    for (int i = 0; i < a->plan_argc; i++)
        free(a->plan_argv[i]);
    free(a->plan_argv);
    a->plan_argv = NULL;
    a->plan_argc = 0;
}
