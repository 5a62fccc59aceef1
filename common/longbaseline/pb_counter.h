/* pb_counter: a periodic staircase of equal unit steps - the readings of a
 * counter that wraps (y = base + (floor(a (t - t_ref) + c) mod K), K
 * levels, a = K f steps per time unit, counting up or down). Fitted only to
 * integer values, and only kept when it holds at every point: then each
 * point bounds the line a tau + c to one unit-wide strip, and the strips of
 * all points together pin a and c far more tightly than any edge in a
 * folded profile can be placed (an edge is only known to lie between two
 * samples' phases). The fit is the 2-parameter linear feasibility problem
 * z_i <= a tau_i + c < z_i + 1 (z_i the step's index, cycles unwrapped
 * from the given frequency), solved for the widest margin: a minimises the
 * spread max_i(z_i - a tau_i) - min_i(z_i - a tau_i) (convex: bisection on
 * its slope), c sits in the middle of what remains. */
#ifndef PB_COUNTER_H
#define PB_COUNTER_H

#include <stddef.h>

#include "base/pb_series.h"

/* Most levels a counter may have (beyond: not a staircase worth the name). */
#define PB_COUNTER_MAX_LEVELS 1000000

typedef struct pb_counter {
    double a, c, t_ref; /* the line u = a (t - t_ref) + c, in steps */
    double base;        /* the lowest level */
    long levels;        /* K */
    double margin;      /* 1 - the smallest spread: how much room the strips leave, in steps */
} pb_counter;

/* Fits at frequency f (cycles per time unit; the sign of a is tried both
 * ways). Returns 0 when the values are integers on at least two levels and
 * a line meets every point's strip; 1 when they are not (not a counter at
 * this frequency); -1 on allocation failure. */
int pb_counter_fit(const pb_series *s, double f, double t_ref, pb_counter *out);

/* The counter's reading at time t. */
double pb_counter_eval(const pb_counter *m, double t);
/* Its frequency, cycles per time unit (> 0). */
double pb_counter_freq(const pb_counter *m);

#endif
