/* Growable arrays (see vec.h). */
#include "vec.h"
#include "xalloc.h"

#include <string.h>

void *vec_push(struct vec *v)
{
        if (v->n == v->cap) {
                v->cap = v->cap ? v->cap * 2 : 16;
                v->items = xrealloc(v->items, v->cap * v->size);
        }
        void *p = v->items + v->n++ * v->size;
        memset(p, 0, v->size);
        return p;
}

void *vec_finish(struct vec *v, struct arena *a, size_t *n)
{
        void *out = arena_alloc(a, (v->n ? v->n : 1) * v->size);
        if (v->n)
                memcpy(out, v->items, v->n * v->size);
        *n = v->n;
        free(v->items);
        v->items = NULL;
        v->n = v->cap = 0;
        return out;
}
