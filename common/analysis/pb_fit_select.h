/* pb_fit_select: what `periodbench fit` reports from a method's fit - the
 * significant periods only, the K asked for or an error saying why fewer
 * exist, nothing outside the band, close lines and quasi-periodic bands
 * reported as what the data support, and standard errors that allow for
 * correlated residuals.
 *
 * The rules, in order:
 *  - the band [fmin, fmax] is a contract: a fitted component outside it
 *    (a trend-like slow swing, or one the refinement pushed out) stays in
 *    the model, as part of the trend, and is not reported as a period;
 *  - a period is significant when its false-alarm probability (Baluev, of
 *    the power it explains once every other component is removed) is at
 *    most fap_max AND it pays for itself by the Bayesian information
 *    criterion (n ln(RSS without it / RSS with it) > 3 ln n: frequency,
 *    amplitude and phase); without a forced K, components that are not
 *    are dropped and the rest refitted;
 *  - two significant lines less than 1/T apart are kept as two only if
 *    they beat, by the same criterion, one line whose amplitude and phase
 *    drift linearly (pb_am_line); else they are one period, the stronger;
 *  - three or more significant lines each within PB_FIT_BAND_GAP/T of the
 *    next are one quasi-periodic band: its centre and spread (amplitude^2
 *    weighted), not a list of sinusoids;
 *  - errors: white (the fit's Jacobian, residual variance) or ar1 (those
 *    widened, per period, by pb_ar1_se_factor of the residuals' lag-1
 *    correlation). */
#ifndef PB_FIT_SELECT_H
#define PB_FIT_SELECT_H

#include <stddef.h>

#include "contract/pb_method.h"

#define PB_FIT_MAX_ROWS 64
#define PB_FIT_BAND_GAP 3.0

typedef enum { PB_FIT_ERRORS_WHITE, PB_FIT_ERRORS_AR1 } pb_fit_errors;

typedef struct pb_fit_options {
    double fap_max;        /* significance threshold, (0, 1] */
    size_t forced_k;       /* 0: as many as are significant */
    pb_fit_errors errors;
    int trend_degree;      /* the polynomial trend in the method's model (0: an offset only): each
                            * period's power is judged beside it */
} pb_fit_options;

typedef enum { PB_FIT_LINE, PB_FIT_BAND } pb_fit_kind;

typedef struct pb_fit_period {
    pb_component c;    /* a band: its centre, freq_se 0, amp the root sum of squares */
    double power, fap; /* fap may be 0: below the double range. A band: the variance share of its
                        * lines together, and the FAP of its strongest line */
    int significant;
    pb_fit_kind kind;
    double spread, f_lo, f_hi; /* a band: amplitude^2-weighted SD and range of its lines' frequencies */
    size_t members;            /* lines in a band; 2 for a line with a merged sideband; else 1 */
    double sideband;           /* a merged sideband's frequency, else 0 */
} pb_fit_period;

typedef struct pb_fit_selection {
    pb_fit_period rows[PB_FIT_MAX_ROWS]; /* what is reported, strongest first */
    size_t n_rows;
    pb_fit_period best;      /* the strongest candidate in the band when n_rows is 0 */
    int have_best;
    size_t n_outside;        /* components outside the band, kept as trend */
    double outside_freq[PB_FIT_MAX_ROWS];
    size_t n_dropped;        /* not significant: dropped (auto) */
    size_t n_components;     /* components of the final model (judged: at most PB_FIT_MAX_ROWS) */
    int more_components;     /* the model has more than PB_FIT_MAX_ROWS: the rest are not judged */
    double phi, step;        /* the residuals' lag-1 correlation and the step it is at */
    pb_status status;
    void *model;             /* the final model (owned by the caller: m->free_model) */
    char method_message[640];
} pb_fit_selection;

/* Fits m on s (the user's series; the method fits the trend), with base parameters
 * (defaults and the user's --set; "components" and "fap_max" are set here
 * on copies), and selects as above. Returns 0, or an exit status (2: bad
 * input or a forced K that cannot be met, the reason in err; 1: failure). */
int pb_fit_select(const pb_series *s, const pb_prior *prior, const pb_method_type *m, const pb_params *base,
                  const pb_fit_options *o, pb_fit_selection *sel, char *err, size_t errlen);

#endif
