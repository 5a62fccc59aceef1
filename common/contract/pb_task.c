#include "contract/pb_task.h"

#include <stdlib.h>
#include <string.h>

int pb_sampleset_alloc(pb_sampleset *s, size_t n, int n_channels)
{
    memset(s, 0, sizeof *s);
    s->n = n;
    s->t = malloc((n ? n : 1) * sizeof *s->t);
    if (!s->t)
        return -1;
    for (int c = 0; c < n_channels; c++) {
        s->y[c] = malloc((n ? n : 1) * sizeof *s->y[c]);
        if (!s->y[c])
            return -1;
    }
    return 0;
}

static void sampleset_free(pb_sampleset *s)
{
    free(s->t);
    free(s->dy);
    for (int c = 0; c < PB_MAX_CHANNELS; c++)
        free(s->y[c]);
    memset(s, 0, sizeof *s);
}

void pb_task_data_free(pb_task_data *d)
{
    if (!d)
        return;
    sampleset_free(&d->train);
    sampleset_free(&d->test_in);
    sampleset_free(&d->test_out);
}

pb_series pb_task_train_series(const pb_task_data *d, int channel)
{
    pb_series s = {d->train.n, d->train.t, d->train.y[channel], d->train.dy};
    return s;
}
