/* pb_rng: reproducible random streams derived from a textual key.
 * Every component (task truth, training noise, test times, a method's RNG)
 * gets its own stream, seeded from a hash of (trial key, component name),
 * so changing one component never shifts another's numbers. */
#ifndef PB_RNG_H
#define PB_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

/* 64-bit hash of the text key and the component name (FNV-1a, then a
 * splitmix64 finaliser to spread the bits). */
uint64_t pb_rng_key_hash(const char *key, const char *component);
/* A GSL Mersenne Twister seeded from pb_rng_key_hash(key, component).
 * NULL on allocation failure; free with gsl_rng_free. */
gsl_rng *pb_rng_alloc(const char *key, const char *component);

#endif
