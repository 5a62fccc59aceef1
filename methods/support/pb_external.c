#include "support/pb_external.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/pb_names.h"
#include "base/pb_proc.h"
#include "base/pb_reaper.h"
#include "base/pb_timer.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the protocol's arrays are little-endian float64: convert them on this machine"
#endif

#define EXT_MAX_METHODS 64
#define EXT_MAX_PARAMS 64
#define EXT_LINE_MAX 4096
#define EXT_DESCRIBE_SECONDS 60.0 /* a describe that takes longer is refused */
#define EXT_FILE_BYTES (64L << 20) /* the largest file (its stderr too) a program may write */
#define EXT_STDERR_TAIL 300       /* bytes of the program's stderr quoted in a message */
#define EXT_MIN_POINTS 4          /* fewer points are bad input before the program sees them */
#define EXT_MAX_ITERATIONS 1e15   /* a larger iteration count is a protocol error */

typedef struct ext_method {
    pb_method_type type;
    pb_param_def params[EXT_MAX_PARAMS];
    char *path;
} ext_method;

static ext_method *loaded[EXT_MAX_METHODS];
static size_t n_loaded;

/* The one program session of this process: started by the first fit of
 * its method, kept for the next channels and trials of the same method. */
typedef struct ext_session {
    const ext_method *em;
    pid_t pid;
    FILE *to, *from;
    int err_fd; /* the program's stderr, an unlinked temporary file */
} ext_session;

static ext_session session = {NULL, -1, NULL, NULL, -1};

/* Why the last predict failed (predict has no report of its own). */
static char predict_failure[PB_MESSAGE_MAX];

/* The wall-time limit of one exchange with the session (0: none; a run's
 * worker has its own): when it passes, SIGALRM kills the program, its reply
 * ends, and the exchange is a timeout. */
static double session_timeout;
static volatile sig_atomic_t timed_out;
static volatile pid_t alarm_target = -1;

static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
    if (alarm_target > 0) /* the program and all it started: a child of it may hold the pipe open */
        pb_reaper_kill_descendants_on_signal();
}

void pb_external_set_timeout(double seconds)
{
    session_timeout = seconds > 0 ? seconds : 0;
}

static void arm(pid_t pid)
{
    timed_out = 0;
    if (session_timeout <= 0 || pid <= 0)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    alarm_target = pid;
    double whole = floor(session_timeout);
    struct itimerval it = {{0, 0}, {(time_t)whole, (suseconds_t)((session_timeout - whole) * 1e6)}};
    setitimer(ITIMER_REAL, &it, NULL);
}

static void disarm(void)
{
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    alarm_target = -1;
}

typedef struct ext_model {
    const ext_method *em;
    size_t k;
    pb_component *comp;
} ext_model;

/* --- starting programs --- */

/* Forks path with one argument; its stdin and stdout are pipes (to_child,
 * from_child, the parent's ends), its stderr err_fd. The child dies with
 * this process. Returns the pid, or -1. */
static pid_t spawn(const char *path, const char *arg, int *to_child, int *from_child, int err_fd)
{
    int in[2], out[2];
    if (pipe(in) != 0)
        return -1;
    if (pipe(out) != 0) {
        close(in[0]);
        close(in[1]);
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(in[0]), close(in[1]), close(out[0]), close(out[1]);
        return -1;
    }
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        /* its stderr goes to a file: without a cap, a chatty program fills the disk */
        struct rlimit fsize = {EXT_FILE_BYTES, EXT_FILE_BYTES};
        setrlimit(RLIMIT_FSIZE, &fsize);
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        if (err_fd >= 0)
            dup2(err_fd, STDERR_FILENO);
        for (int fd = 3; fd < 1024; fd++)
            close(fd);
        signal(SIGPIPE, SIG_DFL);
        execl(path, path, arg, (char *)NULL);
        fprintf(stderr, "cannot run %s: %s\n", path, strerror(errno));
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    *to_child = in[1];
    *from_child = out[0];
    return pid;
}

/* How a reaped program ended, as text. */
static void describe_exit(int ws, char *buf, size_t len)
{
    if (WIFEXITED(ws))
        snprintf(buf, len, "exited with status %d", WEXITSTATUS(ws));
    else if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGXFSZ)
        snprintf(buf, len, "was killed for writing more than %ld MiB to one file (its stderr counts)",
                 EXT_FILE_BYTES >> 20);
    else if (WIFSIGNALED(ws))
        snprintf(buf, len, "was killed by signal %d (%s)", WTERMSIG(ws), strsignal(WTERMSIG(ws)));
    else
        snprintf(buf, len, "ended");
}

/* Runs `path describe` and returns its stdout (malloc'd), or NULL with err. */
static char *run_describe(const char *path, char *err, size_t errlen)
{
    int to, from;
    FILE *errf = tmpfile();
    pid_t pid = spawn(path, "describe", &to, &from, errf ? fileno(errf) : -1);
    if (pid < 0) {
        snprintf(err, errlen, "%s: cannot start it: %s", path, strerror(errno));
        if (errf)
            fclose(errf);
        return NULL;
    }
    close(to);
    size_t cap = 8192, n = 0;
    char *text = malloc(cap);
    double start = pb_timer_wall();
    fcntl(from, F_SETFL, O_NONBLOCK);
    int done = 0, ws = 0;
    while (text && !done) {
        ssize_t got = read(from, text + n, cap - n - 1);
        if (got > 0) {
            n += (size_t)got;
            if (n + 1 == cap) {
                char *bigger = cap < (1u << 20) ? realloc(text, cap *= 2) : NULL;
                if (!bigger) {
                    free(text);
                    text = NULL;
                }
                text = bigger;
            }
        } else if (got == 0) {
            done = 1;
        } else if (pb_timer_wall() - start > EXT_DESCRIBE_SECONDS) {
            pb_reaper_kill_tree(pid);
            done = 2;
        } else {
            struct timespec pause_ts = {0, 5000000};
            nanosleep(&pause_ts, NULL);
        }
    }
    close(from);
    /* Its output ended; it has what is left of the same minute to exit. */
    while (waitpid(pid, &ws, WNOHANG) == 0) {
        if (pb_timer_wall() - start > EXT_DESCRIBE_SECONDS) {
            pb_reaper_kill_tree(pid);
            waitpid(pid, &ws, 0);
            done = 2;
            break;
        }
        struct timespec pause_ts = {0, 5000000};
        nanosleep(&pause_ts, NULL);
    }
    pb_reaper_reap_strays(); /* whatever describe started and left behind */
    if (text)
        text[n] = '\0';
    char how[96];
    describe_exit(ws, how, sizeof how);
    if (!text || done == 2 || !WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
        char tail[EXT_STDERR_TAIL + 1] = "";
        if (errf) {
            long end = (fseek(errf, 0, SEEK_END), ftell(errf));
            fseek(errf, end > EXT_STDERR_TAIL ? end - EXT_STDERR_TAIL : 0, SEEK_SET);
            tail[fread(tail, 1, EXT_STDERR_TAIL, errf)] = '\0';
        }
        snprintf(err, errlen, "%s describe: %s%s%s", path,
                 done == 2 ? "took longer than a minute" : !text ? "printed too much" : how, tail[0] ? ": " : "",
                 tail);
        free(text);
        text = NULL;
    }
    if (errf)
        fclose(errf);
    return text;
}

/* --- describing --- */

static char *copy_word(const char **s)
{
    while (**s == ' ')
        (*s)++;
    const char *w = *s;
    while (**s && **s != ' ')
        (*s)++;
    size_t len = (size_t)(*s - w);
    char *c = len ? malloc(len + 1) : NULL;
    if (c) {
        memcpy(c, w, len);
        c[len] = '\0';
    }
    return c;
}

static char *copy_rest(const char *s)
{
    while (*s == ' ')
        s++;
    return strdup(s);
}

/* "param NAME KIND DEFAULT (MIN MAX | CHOICES) MEANING" into d; nothing of
 * a refused line is kept. */
static int parse_param(const char *s, pb_param_def *d, char *why, size_t len)
{
    char *name = copy_word(&s), *kind = copy_word(&s), *def = copy_word(&s), *a = copy_word(&s);
    int choice = kind && strcmp(kind, "choice") == 0;
    int number = kind && (strcmp(kind, "int") == 0 || strcmp(kind, "real") == 0);
    char *b = number ? copy_word(&s) : NULL, *end1 = NULL, *end2 = NULL;
    double lo = a ? strtod(a, &end1) : 0, hi = b ? strtod(b, &end2) : 0;
    int ok = pb_name_is_snake(name) && def && a &&
             (choice || (number && b && !*end1 && !*end2 && isfinite(lo) && isfinite(hi) && lo <= hi));
    if (ok && choice) {
        *d = (pb_param_def){name, PB_PARAM_CHOICE, def, 0, 0, a, copy_rest(s)};
        a = NULL; /* kept as the choices */
    } else if (ok) {
        *d = (pb_param_def){name, strcmp(kind, "int") == 0 ? PB_PARAM_INT : PB_PARAM_REAL, def, lo, hi, NULL,
                            copy_rest(s)};
    } else {
        free(name);
        free(def);
        snprintf(why, len, "a param line is not 'param NAME int|real DEFAULT MIN MAX MEANING' or "
                           "'param NAME choice DEFAULT A|B MEANING'");
    }
    free(kind);
    free(a);
    free(b);
    return ok ? 0 : -1;
}

/* A parameter a user can set: its name once in the table, its choices
 * words that --set can name (no ',' or '=' or quote). */
static int check_param(const ext_method *em, size_t k, char *why, size_t len)
{
    const pb_param_def *d = &em->params[k];
    for (size_t i = 0; i < k; i++)
        if (strcmp(em->params[i].name, d->name) == 0) {
            snprintf(why, len, "parameter '%s' is described twice", d->name);
            return -1;
        }
    for (const char *c = d->choices; c && *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              strchr("|-_.+", *c))) {
            snprintf(why, len, "parameter '%s': a choice holds '%c' (choices are letters, digits and - _ . +, "
                     "separated by |)", d->name, *c);
            return -1;
        }
    return 0;
}

/* The strings of a description that is refused. */
static void free_description(ext_method *em)
{
    pb_method_type *t = &em->type;
    free((char *)t->name);
    free((char *)t->family);
    free((char *)t->summary);
    for (size_t i = 0; i < t->n_params; i++) {
        free((char *)em->params[i].name);
        free((char *)em->params[i].default_value);
        free((char *)em->params[i].choices);
        free((char *)em->params[i].description);
    }
    free(em->path);
    free(em);
}

static pb_status ext_fit(const pb_series *train, const pb_prior *prior, const pb_params *params, gsl_rng *rng,
                         void **model, pb_fit_report *report);
static pb_status ext_predict(const void *model, const double *t, size_t n, double *y);
static size_t ext_components(const void *model, pb_component *out, size_t max);
static void ext_free(void *model);

/* The description's lines into em. Returns 0, or -1 with why. */
static int parse_description(char *text, ext_method *em, char *why, size_t len)
{
    pb_method_type *t = &em->type;
    int version = 0, ended = 0;
    t->uses_errors = 0;
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line && !ended; line = strtok_r(NULL, "\n", &save)) {
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r')
            line[l - 1] = '\0';
        for (const unsigned char *c = (const unsigned char *)line; *c; c++)
            if (*c < 0x20 || *c == 0x7f) { /* it would reach a terminal through list, and TAB the tables */
                snprintf(why, len, "a control character (byte 0x%02x) in its description", *c);
                return -1;
            }
        const char *rest = line;
        char *key = copy_word(&rest);
        if (!key)
            continue;
        if (strcmp(key, "periodbench-method") == 0)
            version = atoi(rest);
        else if (strcmp(key, "name") == 0)
            free((char *)t->name), t->name = copy_word(&rest);
        else if (strcmp(key, "family") == 0)
            free((char *)t->family), t->family = copy_word(&rest);
        else if (strcmp(key, "summary") == 0)
            free((char *)t->summary), t->summary = copy_rest(rest);
        else if (strcmp(key, "uses_errors") == 0)
            t->uses_errors = atoi(rest) != 0;
        else if (strcmp(key, "param") == 0) {
            if (t->n_params == EXT_MAX_PARAMS) {
                snprintf(why, len, "more than %d parameters", EXT_MAX_PARAMS);
                free(key);
                return -1;
            }
            if (parse_param(rest, &em->params[t->n_params], why, len) != 0) {
                free(key);
                return -1;
            }
            t->n_params++;
            if (check_param(em, t->n_params - 1, why, len) != 0) {
                free(key);
                return -1;
            }
        } else if (strcmp(key, "end") == 0)
            ended = 1;
        free(key);
    }
    if (version != PB_EXTERNAL_PROTOCOL)
        snprintf(why, len, "its first line is not 'periodbench-method %d' (protocol %d)", PB_EXTERNAL_PROTOCOL,
                 version);
    else if (!pb_name_is_kebab(t->name))
        snprintf(why, len, "no kebab-case 'name' line of at most %d characters", PB_NAME_MAX);
    else if (!t->family || !t->summary)
        snprintf(why, len, "no 'family' or 'summary' line");
    else if (!pb_name_is_kebab(t->family))
        snprintf(why, len, "family '%.60s' is not a kebab-case word (lower-case letters, digits, '-')", t->family);
    else if (!ended)
        snprintf(why, len, "no 'end' line");
    else
        return 0;
    return -1;
}

const pb_method_type *pb_external_load(const char *path, char *err, size_t errlen)
{
    for (size_t i = 0; i < n_loaded; i++)
        if (strcmp(loaded[i]->path, path) == 0)
            return &loaded[i]->type;
    if (n_loaded == EXT_MAX_METHODS) {
        snprintf(err, errlen, "%s: more than %d external methods", path, EXT_MAX_METHODS);
        return NULL;
    }
    char *text = run_describe(path, err, errlen);
    if (!text)
        return NULL;
    ext_method *em = calloc(1, sizeof *em);
    char why[256] = "";
    if (!em || !(em->path = strdup(path)) || parse_description(text, em, why, sizeof why) != 0) {
        snprintf(err, errlen, "%s describe: %s", path, em ? why : "out of memory");
        free(text);
        if (em)
            free_description(em);
        return NULL;
    }
    free(text);
    /* Every default must pass its own range, as a built-in's must. */
    pb_method_type *t = &em->type;
    t->params = em->params;
    if (pb_params_check_defaults(t->params, t->n_params, why, sizeof why) != 0) {
        snprintf(err, errlen, "%s describe: the default %s", path, why);
        free_description(em);
        return NULL;
    }
    t->fit = ext_fit;
    t->predict = ext_predict;
    t->components = ext_components;
    t->free_model = ext_free;
    loaded[n_loaded++] = em;
    return t;
}

const char *pb_external_predict_failure(void)
{
    return predict_failure;
}

const char *pb_external_path(const pb_method_type *m)
{
    for (size_t i = 0; i < n_loaded; i++)
        if (&loaded[i]->type == m)
            return loaded[i]->path;
    return NULL;
}

/* --- the serve session --- */

static void stderr_tail(char *buf, size_t len)
{
    buf[0] = '\0';
    if (session.err_fd < 0)
        return;
    off_t end = lseek(session.err_fd, 0, SEEK_END);
    off_t from = end > EXT_STDERR_TAIL ? end - EXT_STDERR_TAIL : 0;
    ssize_t got = pread(session.err_fd, buf, len - 1 < EXT_STDERR_TAIL ? len - 1 : EXT_STDERR_TAIL, from);
    buf[got > 0 ? got : 0] = '\0';
    for (char *c = buf; *c; c++)
        if (*c == '\n' || *c == '\r' || *c == '\t')
            *c = ' ';
}

static void stop_session(void)
{
    disarm();
    if (session.to)
        fclose(session.to);
    if (session.from)
        fclose(session.from);
    if (session.pid > 0) {
        pb_reaper_kill_tree(session.pid); /* the program and all it started */
        waitpid(session.pid, NULL, 0);
        pb_reaper_forget(session.pid);
        pb_reaper_reap_strays();
    }
    if (session.err_fd >= 0)
        close(session.err_fd);
    session = (ext_session){NULL, -1, NULL, NULL, -1};
}

/* Says in msg why the session broke (the program's end, or what it wrote
 * instead of what was due, and its stderr), ends it, and returns the status:
 * crashed if the program is gone, error if it broke the protocol. */
static pb_status broken(const char *doing, const char *got, char *msg, size_t len)
{
    char tail[EXT_STDERR_TAIL + 1], how[96] = "";
    stderr_tail(tail, sizeof tail);
    int ws, gone = waitpid(session.pid, &ws, WNOHANG) == session.pid;
    if (!gone && !got) { /* end of output: give it a moment to exit */
        struct timespec pause_ts = {0, 50000000};
        nanosleep(&pause_ts, NULL);
        gone = waitpid(session.pid, &ws, WNOHANG) == session.pid;
    }
    if (gone) {
        describe_exit(ws, how, sizeof how);
        session.pid = -1;
    }
    int late = timed_out;
    if (late)
        snprintf(msg, len, "%s: no answer within %g s (the timeout): the program and all it started were killed; "
                 "stderr: %s", doing, session_timeout, tail[0] ? tail : "(empty)");
    else if (got)
        snprintf(msg, len, "%s: protocol error: %s; stderr: %s", doing, got, tail[0] ? tail : "(empty)");
    else
        snprintf(msg, len, "%s: the program %s; stderr: %s", doing, gone ? how : "closed its output",
                 tail[0] ? tail : "(empty)");
    stop_session();
    return late ? PB_TIMEOUT : got ? PB_INTERNAL_ERROR : PB_CRASHED;
}

/* A line from the program without its newline, or NULL at its end. A
 * line longer than buf is cut to fit and the rest of it read and dropped
 * (only a message can be that long and mean something). */
static char *read_line(char *buf, size_t len)
{
    if (!fgets(buf, (int)len, session.from))
        return NULL;
    size_t n = strlen(buf);
    if (n == len - 1 && buf[n - 1] != '\n')
        for (int c; !timed_out && (c = getc(session.from)) != EOF && c != '\n';)
            ;
    buf[strcspn(buf, "\r\n")] = '\0';
    return buf;
}

static pb_status start_session(const ext_method *em, char *msg, size_t len)
{
    if (session.em == em && session.pid > 0)
        return PB_OK;
    stop_session();
    signal(SIGPIPE, SIG_IGN); /* a program that dies mid-write is a status, not our death */
    FILE *errf = tmpfile();
    int to, from;
    session.err_fd = errf ? dup(fileno(errf)) : -1;
    if (errf)
        fclose(errf);
    session.pid = spawn(em->path, "serve", &to, &from, session.err_fd);
    if (session.pid > 0)
        pb_reaper_keep(session.pid);
    if (session.pid < 0) {
        snprintf(msg, len, "cannot start %s: %s", em->path, strerror(errno));
        stop_session();
        return PB_INTERNAL_ERROR;
    }
    session.to = fdopen(to, "w");
    session.from = fdopen(from, "r");
    session.em = em;
    char line[EXT_LINE_MAX], what[EXT_LINE_MAX + 64];
    if (!session.to || !session.from)
        return broken("start", "out of memory", msg, len);
    arm(session.pid);
    if (!read_line(line, sizeof line))
        return broken("start", NULL, msg, len);
    disarm();
    if (strcmp(line, "ready") != 0) {
        snprintf(what, sizeof what, "expected 'ready', got '%.200s'", line);
        return broken("start", what, msg, len);
    }
    return PB_OK;
}

/* CPU seconds the program has used so far. */
static double program_cpu(void)
{
    pb_proc_stat st;
    return pb_proc_read(session.pid, &st) == 0 ? st.cpu_seconds : 0;
}

static int send_doubles(const double *x, size_t n)
{
    return n == 0 || fwrite(x, sizeof *x, n, session.to) == n ? 0 : -1;
}

static const ext_method *method_of(const pb_params *params)
{
    for (size_t i = 0; i < n_loaded; i++)
        if (loaded[i]->params == pb_params_defs(params))
            return loaded[i];
    return NULL;
}

/* The fit request: parameters, seed, prior, data. */
static int send_fit(const pb_series *train, const pb_prior *prior, const pb_params *params, gsl_rng *rng)
{
    uint64_t seed = rng ? ((uint64_t)gsl_rng_get(rng) << 32) ^ (uint64_t)gsl_rng_get(rng) : 0;
    int bad = fprintf(session.to, "fit\n") < 0;
    for (size_t i = 0; i < pb_params_count(params) && !bad; i++)
        bad = fprintf(session.to, "param %s %s\n", pb_params_def(params, i)->name, pb_params_text(params, i)) < 0;
    int errors = train->dy != NULL;
    bad = bad || fprintf(session.to, "seed %llu\nprior %.17g %.17g %d %.17g\ndata %zu %d\n", (unsigned long long)seed,
                         prior->fmin, prior->fmax, prior->uniform, prior->dt, train->n, errors) < 0;
    bad = bad || send_doubles(train->t, train->n) || send_doubles(train->y, train->n) ||
          (errors && send_doubles(train->dy, train->n));
    return bad || fflush(session.to) != 0 ? -1 : 0;
}

/* The statuses a program may report; the others are the harness's. */
static int method_may_say(int code)
{
    return code == PB_OK || code == PB_NO_CONVERGENCE || code == PB_DIVERGED || code == PB_UNSUPPORTED ||
           code == PB_BAD_INPUT || code == PB_INTERNAL_ERROR;
}

/* The fit reply: status line, message line, components. */
/* "FREQ AMP PHASE [FREQ_SE]": three or four numbers as %.17g or Python's
 * repr writes them (inf and nan are scored as such), one space apart and
 * nothing else (sscanf took hexadecimal and ignored trailing words). */
static int parse_component(const char *line, pb_component *c)
{
    double *into[4] = {&c->freq, &c->amp, &c->phase, &c->freq_se};
    const char *s = line;
    int n = 0;
    for (; n < 4 && *s; n++) {
        if (n > 0 && *s++ != ' ')
            return 0;
        const char *word = s;
        while (*s && *s != ' ')
            s++;
        char text[64], *end;
        size_t len = (size_t)(s - word);
        if (len == 0 || len >= sizeof text)
            return 0;
        memcpy(text, word, len);
        text[len] = '\0';
        for (size_t i = 0; i < len; i++)
            if (text[i] == 'x' || text[i] == 'X' || text[i] == 'p' || text[i] == 'P')
                return 0; /* hexadecimal */
        *into[n] = strtod(text, &end);
        if (*end)
            return 0;
    }
    if (c->freq < 0) { /* the same cosine: AMP cos(-2 pi f t + phi) = AMP cos(2 pi f t - phi) */
        c->freq = -c->freq;
        c->phase = -c->phase;
    }
    return n >= 3 && *s == '\0';
}

static pb_status read_fit_reply(ext_model *m, pb_fit_report *report, pb_status *method_status)
{
    char line[EXT_LINE_MAX], what[EXT_LINE_MAX + 64], status[64];
    long iterations;
    if (!read_line(line, sizeof line))
        return broken("fit", NULL, report->message, sizeof report->message);
    int code = -1, end = 0;
    char digits[32] = "";
    if (sscanf(line, "fitted %63s %31[0-9]%n", status, digits, &end) != 2 || line[end] != '\0' ||
        (code = pb_status_from_name(status)) < 0 || !method_may_say(code) || strlen(digits) > 15 ||
        (iterations = strtol(digits, NULL, 10)) > (long)EXT_MAX_ITERATIONS) {
        snprintf(what, sizeof what, "expected 'fitted STATUS ITERATIONS' (STATUS one of ok, no-convergence, diverged, "
                 "unsupported, bad-input, error: crashed, timeout and oom only the harness decides; "
                 "ITERATIONS a whole number from 0 to 1e15), got '%.200s'", line);
        return broken("fit", what, report->message, sizeof report->message);
    }
    *method_status = (pb_status)pb_status_from_name(status);
    report->iterations = iterations;
    if (!read_line(line, sizeof line) || strncmp(line, "message", 7) != 0) {
        snprintf(what, sizeof what, "expected 'message TEXT', got '%.200s'", line);
        return broken("fit", what, report->message, sizeof report->message);
    }
    snprintf(report->message, sizeof report->message, "%.600s", line[7] ? line + 8 : "");
    for (unsigned char *c = (unsigned char *)report->message; *c; c++)
        if (*c < 0x20 || *c == 0x7f)
            *c = ' '; /* the program's bytes reach the tables and the terminal: text only */
    long k;
    if (!read_line(line, sizeof line) || sscanf(line, "components %ld", &k) != 1 || k < 0 || k > 4096) {
        snprintf(what, sizeof what, "expected 'components K', got '%.200s'", line);
        return broken("fit", what, report->message, sizeof report->message);
    }
    m->comp = calloc((size_t)(k ? k : 1), sizeof *m->comp);
    if (!m->comp)
        return PB_OUT_OF_MEMORY;
    for (m->k = 0; m->k < (size_t)k; m->k++) {
        pb_component *c = &m->comp[m->k];
        c->freq_se = NAN;
        if (!read_line(line, sizeof line) || !parse_component(line, c)) {
            snprintf(what, sizeof what, "expected component %zu as 'FREQ AMP PHASE [FREQ_SE]', got '%.200s'",
                     m->k + 1, line);
            return broken("fit", what, report->message, sizeof report->message);
        }
    }
    return PB_OK;
}

static pb_status ext_fit(const pb_series *train, const pb_prior *prior, const pb_params *params, gsl_rng *rng,
                         void **model, pb_fit_report *report)
{
    *model = NULL;
    /* What every built-in refuses first is refused before the program sees it. */
    if (pb_series_check(train, EXT_MIN_POINTS, report->message, sizeof report->message) != 0)
        return PB_BAD_INPUT;
    const ext_method *em = method_of(params);
    if (!em) {
        snprintf(report->message, sizeof report->message, "internal error: no program for these parameters");
        return PB_INTERNAL_ERROR;
    }
    double t0 = pb_timer_wall();
    pb_status st = start_session(em, report->message, sizeof report->message);
    report->untimed_seconds = pb_timer_wall() - t0; /* start-up: not the method's fit */
    if (st != PB_OK)
        return st;
    double cpu0 = program_cpu();
    arm(session.pid);
    if (send_fit(train, prior, params, rng) != 0)
        return broken("fit", NULL, report->message, sizeof report->message);
    ext_model *m = calloc(1, sizeof *m);
    if (!m)
        return PB_OUT_OF_MEMORY;
    m->em = em;
    pb_status method_status = PB_INTERNAL_ERROR;
    st = read_fit_reply(m, report, &method_status);
    disarm();
    report->other_cpu_seconds = session.pid > 0 ? program_cpu() - cpu0 : 0;
    if (st != PB_OK || !pb_status_has_model(method_status)) {
        ext_free(m);
        return st != PB_OK ? st : method_status;
    }
    *model = m;
    return method_status;
}

static pb_status ext_predict(const void *model, const double *t, size_t n, double *y)
{
    const ext_model *m = model;
    char line[EXT_LINE_MAX], what[EXT_LINE_MAX + 64], *msg = predict_failure;
    size_t got;
    predict_failure[0] = '\0';
    if (session.em != m->em || session.pid <= 0) {
        snprintf(predict_failure, sizeof predict_failure, "predict: the program that fitted the model is gone");
        return PB_INTERNAL_ERROR;
    }
    arm(session.pid);
    if (fprintf(session.to, "predict %zu\n", n) < 0 || send_doubles(t, n) || fflush(session.to) != 0)
        return broken("predict", NULL, msg, sizeof predict_failure);
    if (!read_line(line, sizeof line))
        return broken("predict", NULL, msg, sizeof predict_failure);
    if (sscanf(line, "predicted %zu", &got) != 1 || got != n) {
        snprintf(what, sizeof what, "expected 'predicted %zu', got '%.200s'", n, line);
        return broken("predict", what, msg, sizeof predict_failure);
    }
    if (n && fread(y, sizeof *y, n, session.from) != n)
        return broken("predict", NULL, msg, sizeof predict_failure);
    disarm();
    return PB_OK;
}

static size_t ext_components(const void *model, pb_component *out, size_t max)
{
    const ext_model *m = model;
    size_t k = m->k < max ? m->k : max;
    memcpy(out, m->comp, k * sizeof *out);
    return k;
}

static void ext_free(void *model)
{
    ext_model *m = model;
    if (m)
        free(m->comp);
    free(m);
}
