#include "base/pb_rng.h"

static uint64_t fnv1a(uint64_t h, const char *s)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h;
}

uint64_t pb_rng_key_hash(const char *key, const char *component)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv1a(h, key);
    h = fnv1a(h, "\x1f"); /* separator: ("ab","c") must differ from ("a","bc") */
    h = fnv1a(h, component);
    h += 0x9e3779b97f4a7c15ULL;
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}

gsl_rng *pb_rng_alloc(const char *key, const char *component)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r)
        return NULL;
    uint64_t h = pb_rng_key_hash(key, component);
    /* mt19937 takes 32 bits of seed; fold both halves in. GSL maps 0 to 4357. */
    gsl_rng_set(r, (unsigned long)((h ^ (h >> 32)) & 0xffffffffULL));
    return r;
}
