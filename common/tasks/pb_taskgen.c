#include "tasks/pb_taskgen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>

#include "spectral/pb_crlb.h"
#include "base/pb_rng.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void pb_taskgen_sort(double *t, size_t n)
{
    qsort(t, n, sizeof *t, cmp_double);
}

void pb_taskgen_uniform_times(double *t, size_t n, double t0, double dt)
{
    for (size_t i = 0; i < n; i++)
        t[i] = t0 + (double)i * dt;
}

void pb_taskgen_random_times(gsl_rng *r, double *t, size_t n, double a, double b)
{
    for (size_t i = 0; i < n; i++)
        t[i] = a + (b - a) * gsl_rng_uniform(r);
    qsort(t, n, sizeof *t, cmp_double);
}

size_t pb_taskgen_gapped_times(gsl_rng *r, double *t, size_t n_draw, double a, double b,
                               double gap_fraction, int blocks)
{
    double span = b - a, gap = gap_fraction * span / blocks;
    double starts[64];
    if (blocks > 64)
        blocks = 64;
    /* Gap starts: sorted draws in the kept length, then shifted past earlier gaps. */
    for (int j = 0; j < blocks; j++)
        starts[j] = a + (span - blocks * gap) * gsl_rng_uniform(r);
    qsort(starts, (size_t)blocks, sizeof *starts, cmp_double);
    for (int j = 0; j < blocks; j++)
        starts[j] += j * gap;
    pb_taskgen_random_times(r, t, n_draw, a, b);
    size_t kept = 0;
    for (size_t i = 0; i < n_draw; i++) {
        int in_gap = 0;
        for (int j = 0; j < blocks && !in_gap; j++)
            in_gap = t[i] >= starts[j] && t[i] < starts[j] + gap;
        if (!in_gap)
            t[kept++] = t[i];
    }
    return kept;
}

void pb_taskgen_add_components(double *y, const double *t, size_t n, const pb_component *c, size_t k)
{
    for (size_t j = 0; j < k; j++)
        for (size_t i = 0; i < n; i++)
            y[i] += c[j].amp * cos(2.0 * M_PI * c[j].freq * t[i] + c[j].phase);
}

void pb_taskgen_add_noise(gsl_rng *r, double *y, size_t n, double sigma)
{
    if (sigma <= 0)
        return;
    for (size_t i = 0; i < n; i++)
        y[i] += gsl_ran_gaussian_ziggurat(r, sigma);
}

double pb_taskgen_sigma_for_snr(double amp, double snr_db)
{
    return amp / sqrt(2.0 * pow(10.0, snr_db / 10.0));
}

pb_component pb_taskgen_fundamental(const double *shape, size_t m)
{
    double re = 0, im = 0;
    for (size_t j = 0; j < m; j++) {
        double a = 2.0 * M_PI * (double)j / (double)m;
        re += shape[j] * cos(a);
        im -= shape[j] * sin(a);
    }
    re /= (double)m;
    im /= (double)m;
    pb_component c = {1.0, 2.0 * hypot(re, im), atan2(im, re), 0};
    return c;
}

int pb_taskgen_alloc_sets(pb_task_data *d, int n_channels, size_t n_train, size_t n_test)
{
    d->n_channels = n_channels;
    if (pb_sampleset_alloc(&d->train, n_train, n_channels) || pb_sampleset_alloc(&d->test_in, n_test, n_channels) ||
        pb_sampleset_alloc(&d->test_out, n_test, n_channels))
        return -1;
    for (int c = 0; c < n_channels; c++) {
        memset(d->train.y[c], 0, n_train * sizeof(double));
        memset(d->test_in.y[c], 0, n_test * sizeof(double));
        memset(d->test_out.y[c], 0, n_test * sizeof(double));
    }
    return 0;
}

gsl_rng *pb_taskgen_begin(pb_task_data *d, const char *key, const char *stream, int n_channels, size_t n_train,
                          size_t n_test, char *err, size_t errlen)
{
    gsl_rng *r = pb_rng_alloc(key, stream);
    if (!r || pb_taskgen_alloc_sets(d, n_channels, n_train, n_test) != 0) {
        gsl_rng_free(r);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    return r;
}

int pb_taskgen_test_times(const char *key, pb_task_data *d, double w0, double w1, double o0, double o1,
                          int two_sided)
{
    gsl_rng *r = pb_rng_alloc(key, "test-times");
    if (!r)
        return -1;
    pb_taskgen_random_times(r, d->test_in.t, d->test_in.n, w0, w1);
    pb_taskgen_random_times(r, d->test_out.t, d->test_out.n, o0, o1);
    gsl_rng_free(r);
    if (two_sided)
        for (size_t i = 0; i < d->test_out.n; i += 2)
            d->test_out.t[i] = (w0 + w1) - d->test_out.t[i];
    return 0;
}

int pb_taskgen_finish_tone_task(pb_task_data *d, const char *key, const pb_component *c, size_t k, double offset,
                                double sigma, double w0, double w1, double o0, double o1, int two_sided,
                                char *err, size_t errlen)
{
    gsl_rng *noise = pb_rng_alloc(key, "noise");
    if (!noise || pb_taskgen_test_times(key, d, w0, w1, o0, o1, two_sided) != 0) {
        gsl_rng_free(noise);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    pb_taskgen_fill_components(&d->train, 0, c, k, offset);
    pb_taskgen_fill_components(&d->test_in, 0, c, k, offset);
    pb_taskgen_fill_components(&d->test_out, 0, c, k, offset);
    pb_taskgen_add_noise(noise, d->train.y[0], d->train.n, sigma);
    gsl_rng_free(noise);
    pb_taskgen_set_truth(d, c, k, sigma);
    d->window_start = w0;
    d->window_end = w1;
    return 0;
}

void pb_taskgen_fill_components(pb_sampleset *s, int channel, const pb_component *c, size_t k, double offset)
{
    for (size_t i = 0; i < s->n; i++)
        s->y[channel][i] = offset;
    pb_taskgen_add_components(s->y[channel], s->t, s->n, c, k);
}

void pb_taskgen_set_truth(pb_task_data *d, const pb_component *c, size_t k, double sigma)
{
    pb_channel_truth *tr = &d->truth[0];
    tr->name = "y";
    tr->n_components = k;
    for (size_t j = 0; j < k; j++) {
        tr->comp[j] = c[j];
        tr->crlb_sd[j] = NAN;
    }
    d->noise_sigma = sigma;
    if (sigma > 0) {
        double var[PB_MAX_TRUTH];
        if (pb_crlb_fisher_freq_var(sigma, c, k, d->train.t, d->train.n, var) == 0)
            for (size_t j = 0; j < k; j++)
                tr->crlb_sd[j] = sqrt(var[j]);
    }
}
