/* Region allocator: many small allocations freed together.
 *
 * A parsed document and (later) a request own one arena; every string and
 * array hanging off them lives in it, so one arena_free() releases all and
 * nothing can leak on an error path. */
#ifndef JX_ARENA_H
#define JX_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/* Create an empty arena. Never returns NULL (aborts on OOM). */
struct arena *arena_new(void);

/* Free the arena and everything allocated from it. NULL is allowed. */
void arena_free(struct arena *a);

/* Return n zeroed bytes aligned for any type, owned by the arena. */
void *arena_alloc(struct arena *a, size_t n);

/* Copy n bytes of s plus a terminating NUL into the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* Copy the NUL-terminated string s into the arena. */
char *arena_strdup(struct arena *a, const char *s);

/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Total bytes the arena has obtained from malloc (for benchmarks). */
size_t arena_footprint(const struct arena *a);

#endif
