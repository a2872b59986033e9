/* A growable array of fixed-size elements, moved into an arena when
 * complete (for result lists of unknown length). */
#ifndef JX_VEC_H
#define JX_VEC_H

#include "arena.h"

#include <stddef.h>

struct vec {
        char *items;
        size_t n, cap;
        size_t size; /* bytes per element */
};

#define VEC_INIT(type)                                                                             \
        {                                                                                          \
                NULL, 0, 0, sizeof(type)                                                           \
        }

/* A zeroed new element at the end. */
void *vec_push(struct vec *v);
/* Copy the elements into arena a, free the vector, return the copy (never
 * NULL) and store the count in *n. */
void *vec_finish(struct vec *v, struct arena *a, size_t *n);

#endif
