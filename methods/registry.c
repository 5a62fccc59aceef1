/* The one list of methods. To add a method: write methods/NAME.c exporting
 * a const pb_method_type, declare it here and add it to pb_methods_all. */
#include "registry.h"

#include <string.h>

extern const pb_method_type pb_method_sgd_sin, pb_method_ls_direct, pb_method_periodogram, pb_method_lomb_scargle,
    pb_method_ls_coherent, pb_method_fold, pb_method_nlls, pb_method_cwt_ridge, pb_method_dwt_denoise,
    pb_method_mlp_gelu, pb_method_siren, pb_method_snake, pb_method_fourier_mlp, pb_method_time2vec,
    pb_method_sgd_complex, pb_method_chirp;

const pb_method_type *pb_methods_all[PB_METHODS_MAX + 1] = {
    &pb_method_sgd_sin,
    &pb_method_ls_direct,
    &pb_method_periodogram,
    &pb_method_lomb_scargle,
    &pb_method_ls_coherent,
    &pb_method_fold,
    &pb_method_nlls,
    &pb_method_chirp,
    &pb_method_cwt_ridge,
    &pb_method_dwt_denoise,
    &pb_method_mlp_gelu,
    &pb_method_siren,
    &pb_method_snake,
    &pb_method_fourier_mlp,
    &pb_method_time2vec,
    &pb_method_sgd_complex,
    &pb_method_mean,
    &pb_method_seasonal_naive,
    NULL,
};

const pb_method_type *pb_methods_find(const char *name)
{
    for (size_t i = 0; pb_methods_all[i]; i++)
        if (strcmp(pb_methods_all[i]->name, name) == 0)
            return pb_methods_all[i];
    return NULL;
}

size_t pb_methods_count(void)
{
    size_t n = 0;
    while (pb_methods_all[n])
        n++;
    return n;
}

int pb_methods_add(const pb_method_type *m)
{
    size_t n = pb_methods_count();
    if (n == PB_METHODS_MAX || pb_methods_find(m->name))
        return -1;
    pb_methods_all[n] = m;
    pb_methods_all[n + 1] = NULL;
    return 0;
}
