#include "harness/pb_mpi.h"

#ifdef PB_MPI

#include <mpi.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Messages: a rank asks for a trial; rank 0 answers with a plan index or
 * PB_WORKER_NO_MORE; a rank sends each result (index + pb_trial_result, as
 * bytes: every rank runs the same binary). */
enum { TAG_ASK = 1, TAG_TRIAL = 2, TAG_RESULT = 3 };

typedef struct result_message {
    long index;
    pb_trial_result res;
} result_message;

static int rank = 0, size = 1, started = 0;
static double rank0_busy; /* seconds rank 0 spent answering and writing, not waiting */
static size_t rank0_trials;

void pb_mpi_init(int *argc, char ***argv)
{
    if (MPI_Init(argc, argv) != MPI_SUCCESS)
        return;
    started = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
}

void pb_mpi_finalize(void)
{
    if (started)
        MPI_Finalize();
    started = 0;
}

int pb_mpi_rank(void)
{
    return rank;
}

int pb_mpi_size(void)
{
    return size;
}

int pb_mpi_execute(const pb_trial_spec *specs, const size_t *order, size_t n, const pb_worker_limits *lim,
                   pb_worker_done done, void *ctx)
{
    (void)specs, (void)lim;
    size_t handed = 0, results = 0;
    int told = 0, rc = 0; /* told: ranks answered that there is no more */
    while (results < handed || told < size - 1) {
        result_message msg;
        MPI_Status st;
        MPI_Recv(&msg, (int)sizeof msg, MPI_BYTE, MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
        double t0 = MPI_Wtime(); /* rank 0 busy from here: its cost per trial bounds how many ranks it serves */
        if (st.MPI_TAG == TAG_ASK) {
            /* after a failed write, no more trials: those out there still report */
            long give = rc == 0 && handed < n ? (long)order[handed++] : PB_WORKER_NO_MORE;
            told += give == PB_WORKER_NO_MORE;
            MPI_Send(&give, 1, MPI_LONG, st.MPI_SOURCE, TAG_TRIAL, MPI_COMM_WORLD);
        } else if (st.MPI_TAG == TAG_RESULT) {
            results++;
            if (rc == 0 && done(ctx, (size_t)msg.index, &msg.res) != 0)
                rc = -1;
            rank0_trials++;
        }
        rank0_busy += MPI_Wtime() - t0;
    }
    return rc;
}

void pb_mpi_rank0_load(double *busy_seconds, size_t *trials)
{
    *busy_seconds = rank0_busy;
    *trials = rank0_trials;
}

typedef struct asking {
    int asked, no_more;
} asking;

/* The worker loop's source: one request to rank 0 at a time. */
static long next_from_rank0(void *source)
{
    asking *a = source;
    if (a->no_more)
        return PB_WORKER_NO_MORE;
    if (!a->asked) {
        int ask = 1;
        MPI_Send(&ask, 1, MPI_INT, 0, TAG_ASK, MPI_COMM_WORLD);
        a->asked = 1;
    }
    int ready = 0;
    MPI_Iprobe(0, TAG_TRIAL, MPI_COMM_WORLD, &ready, MPI_STATUS_IGNORE);
    if (!ready)
        return PB_WORKER_NOT_YET;
    long index;
    MPI_Recv(&index, 1, MPI_LONG, 0, TAG_TRIAL, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    a->asked = 0;
    if (index < 0)
        a->no_more = 1;
    return index < 0 ? PB_WORKER_NO_MORE : index;
}

static int send_result(void *ctx, size_t index, const pb_trial_result *res)
{
    (void)ctx;
    result_message msg;
    memset(&msg, 0, sizeof msg);
    msg.index = (long)index;
    msg.res = *res;
    MPI_Send(&msg, (int)sizeof msg, MPI_BYTE, 0, TAG_RESULT, MPI_COMM_WORLD);
    return 0;
}

int pb_mpi_serve(const pb_plan *plan, const pb_worker_limits *lim)
{
    asking a = {0, 0};
    int rc = pb_worker_run_from(plan->trials, next_from_rank0, &a, lim, send_result, NULL);
    if (rc != 0) { /* rank 0 would wait for trials this rank will not run: end the run, --resume completes it */
        fprintf(stderr, "periodbench: rank %d could not start a worker; ending the run (rows written stay)\n", rank);
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
    while (!a.no_more) /* drain: rank 0 waits for this rank's last request to be answered */
        if (next_from_rank0(&a) == PB_WORKER_NOT_YET) {
            struct timespec pause_ts = {0, 1000000};
            nanosleep(&pause_ts, NULL);
        }
    return rc == 0 ? 0 : -1;
}

#else /* a build without MPI: one rank, and nothing to hand out */

void pb_mpi_init(int *argc, char ***argv)
{
    (void)argc, (void)argv;
}

void pb_mpi_finalize(void)
{
}

int pb_mpi_rank(void)
{
    return 0;
}

int pb_mpi_size(void)
{
    return 1;
}

int pb_mpi_execute(const pb_trial_spec *specs, const size_t *order, size_t n, const pb_worker_limits *lim,
                   pb_worker_done done, void *ctx)
{
    return pb_worker_run_all(specs, order, n, lim, done, ctx);
}

int pb_mpi_serve(const pb_plan *plan, const pb_worker_limits *lim)
{
    (void)plan, (void)lim;
    return 0;
}

void pb_mpi_rank0_load(double *busy_seconds, size_t *trials)
{
    *busy_seconds = 0;
    *trials = 0;
}

#endif
