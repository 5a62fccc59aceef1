/* The parameters of the phase-coherent search (pb_coherent), shared by the
 * methods that use it: PB_COHERENT_PARAM_DEFS goes into their tables. */
#ifndef PB_COHERENT_PARAMS_H
#define PB_COHERENT_PARAMS_H

#include "longbaseline/pb_coherent.h"
#include "spectral/pb_gls.h"
#include "base/pb_param.h"

#define PB_COHERENT_PARAM_DEFS                                                                                    \
    {"first_freqs", PB_PARAM_REAL, "2e6", 100, 1e8, NULL,                                                        \
     "frequencies of the first stretch's full-band periodogram (sets the stretch's length)"},                   \
        {"candidates", PB_PARAM_INT, "3", 1, 16, NULL, "top peaks of the first stretch followed to the end"},    \
        {"phase_margin", PB_PARAM_REAL, "0.05", 0.001, 0.4, NULL,                                                \
         "largest predicted phase error (cycles, one standard error) at a stretch's end"},                      \
        {"samples_per_peak", PB_PARAM_REAL, "5", 1, 100, NULL, "grid density of the first stretch"},             \
        {"tol", PB_PARAM_REAL, PB_GLS_FAST_TOL_TEXT, 1e-15, 1e-3, NULL, "relative tolerance of the fast sums"}

static inline pb_coherent_options pb_coherent_options_from(const pb_params *p)
{
    pb_coherent_options o = {pb_params_real(p, "first_freqs"), pb_params_real(p, "samples_per_peak"),
                             (int)pb_params_int(p, "candidates"), pb_params_real(p, "phase_margin"),
                             pb_params_real(p, "tol")};
    return o;
}

/* The search with the options of a method's parameter table. */
static inline pb_status pb_coherent_search_params(const pb_series *s, const pb_prior *prior, const pb_params *p,
                                                  pb_coherent_result *res, char *msg, size_t msglen)
{
    pb_coherent_options o = pb_coherent_options_from(p);
    return pb_coherent_search(s, prior, &o, res, msg, msglen);
}

#endif
