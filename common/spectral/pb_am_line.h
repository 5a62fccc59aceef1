/* pb_am_line: one sinusoid whose amplitude and phase drift linearly over
 * the span, y = c + (a0 + a1 x) cos(2 pi f t) + (b0 + b1 x) sin(2 pi f t)
 * with x = (t - t_mid) / (T / 2), by linear least squares at a fixed f:
 * the model that two close lines (less than 1/T apart) must beat to be
 * reported as two periods rather than one whose amplitude changes. */
#ifndef PB_AM_LINE_H
#define PB_AM_LINE_H

#include "base/pb_series.h"

/* The (weighted, with s->dy) residual sum of squares of the fit at f in
 * *rss. Returns 0, or -1 if degenerate (n < 6, span 0) or out of memory. */
int pb_am_line_rss(const pb_series *s, double f, double *rss);

#endif
