/* Region allocator (see arena.h): a list of chunks with a bump pointer. */
#include "arena.h"
#include "xalloc.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK_SIZE = 16 * 1024 };

struct chunk {
        struct chunk *next;
        size_t size; /* usable bytes in data[] */
        size_t used;
        alignas(max_align_t) unsigned char data[];
};

struct arena {
        struct chunk *head;
        size_t footprint;
};

struct arena *arena_new(void)
{
        return xcalloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
        if (!a)
                return;
        struct chunk *c = a->head;
        while (c) {
                struct chunk *next = c->next;
                free(c);
                c = next;
        }
        free(a);
}

static size_t align_up(size_t n)
{
        size_t al = alignof(max_align_t);
        return (n + al - 1) & ~(al - 1);
}

void *arena_alloc(struct arena *a, size_t n)
{
        n = align_up(n ? n : 1);
        struct chunk *c = a->head;
        if (!c || c->size - c->used < n) {
                size_t size = n > CHUNK_SIZE / 2 ? n : CHUNK_SIZE;
                c = xmalloc(sizeof(struct chunk) + size);
                c->size = size;
                c->used = 0;
                a->footprint += sizeof(struct chunk) + size;
                if (a->head && size != CHUNK_SIZE) {
                        /* A big block goes behind the current chunk so the
                         * free space of the current one stays usable. */
                        c->next = a->head->next;
                        a->head->next = c;
                } else {
                        c->next = a->head;
                        a->head = c;
                }
        }
        void *p = c->data + c->used;
        c->used += n;
        memset(p, 0, n);
        return p;
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
        va_list again;
        va_copy(again, ap);
        int n = vsnprintf(NULL, 0, fmt, ap);
        char *p = arena_alloc(a, n > 0 ? (size_t)n + 1 : 1);
        if (n > 0)
                vsnprintf(p, (size_t)n + 1, fmt, again);
        va_end(again);
        return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        char *p = arena_vprintf(a, fmt, ap);
        va_end(ap);
        return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
        char *p = arena_alloc(a, n + 1);
        memcpy(p, s, n);
        p[n] = '\0';
        return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
        return arena_strndup(a, s, strlen(s));
}

size_t arena_footprint(const struct arena *a)
{
        return a->footprint;
}
