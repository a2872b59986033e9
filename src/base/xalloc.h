/* Allocation that cannot fail: out of memory is a programming-tier error
 * in jixiao, so these abort with a message instead of returning NULL. */
#ifndef JX_XALLOC_H
#define JX_XALLOC_H

#include <stddef.h>
#include <stdlib.h> /* free() */

/* malloc/calloc/realloc/strdup that abort the process when memory is exhausted.
 * The caller owns the result and frees it with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
