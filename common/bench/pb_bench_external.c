#include "bench/pb_bench_external.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pb_timer.h"
#include "support/pb_external.h"

#define SMALL_N 16
#define SMALL_REPEAT 200
#define CHANNEL_N (1u << 20)

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* One fit + predict on n points; the seconds, or NAN with err. */
static double round_trip(const pb_method_type *m, const pb_params *p, const double *t, const double *y, size_t n,
                         double *back, char *err, size_t errlen)
{
    pb_series s = {n, t, y, NULL};
    pb_prior prior = {0.0, 0.5, 1, 1.0};
    pb_fit_report rep = {0};
    void *model = NULL;
    double t0 = pb_timer_wall();
    pb_status st = m->fit(&s, &prior, p, NULL, &model, &rep);
    double untimed = rep.untimed_seconds;
    if (st != PB_OK || m->predict(model, t, n, back) != PB_OK) {
        snprintf(err, errlen, "%s: %s", m->name, rep.message[0] ? rep.message : pb_external_predict_failure());
        if (model)
            m->free_model(model);
        return NAN;
    }
    m->free_model(model);
    return pb_timer_wall() - t0 - untimed;
}

int pb_bench_external(const char *program, int repeat, pb_bench_external_result *r, char *err, size_t errlen)
{
    const pb_method_type *m = pb_external_load(program, err, errlen);
    if (!m)
        return -1;
    pb_params *p = pb_params_alloc(m->params, m->n_params);
    double *t = malloc(CHANNEL_N * sizeof *t), *y = malloc(CHANNEL_N * sizeof *y), *back = malloc(CHANNEL_N * sizeof *back);
    double times[SMALL_REPEAT];
    int rc = -1;
    if (!p || !t || !y || !back) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < CHANNEL_N; i++) {
        t[i] = (double)i;
        y[i] = sin(0.1 * (double)i);
    }
    /* The first call starts the program (untimed) and warms it up. */
    if (isnan(round_trip(m, p, t, y, SMALL_N, back, err, errlen)))
        goto done;
    for (int k = 0; k < SMALL_REPEAT; k++)
        if (isnan(times[k] = round_trip(m, p, t, y, SMALL_N, back, err, errlen)))
            goto done;
    qsort(times, SMALL_REPEAT, sizeof *times, cmp_double);
    r->trial_seconds = times[SMALL_REPEAT / 2];
    for (int k = 0; k < repeat; k++)
        if (isnan(times[k] = round_trip(m, p, t, y, CHANNEL_N, back, err, errlen)))
            goto done;
    if (memcmp(back, t, CHANNEL_N * sizeof *t) != 0) {
        snprintf(err, errlen, "%s: the echoed times differ from those sent", m->name);
        goto done;
    }
    qsort(times, (size_t)repeat, sizeof *times, cmp_double);
    r->channel_seconds = times[repeat / 2];
    r->mb_per_second = 4.0 * CHANNEL_N * sizeof(double) / 1048576.0 / r->channel_seconds;
    rc = 0;
done:
    pb_params_free(p);
    free(t);
    free(y);
    free(back);
    return rc;
}
