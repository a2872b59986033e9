/* Growable byte buffer (string builder). Always NUL-terminated. */
#ifndef JX_BUF_H
#define JX_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
        char *data; /* NUL-terminated contents, or NULL before the first write */
        size_t len; /* bytes used, excluding the terminating NUL */
        size_t cap; /* bytes allocated */
};

#define BUF_INIT                                                                                   \
        {                                                                                          \
                NULL, 0, 0                                                                         \
        }

/* Make room for at least n more bytes (plus the NUL). */
void buf_reserve(struct buf *b, size_t n);
void buf_putc(struct buf *b, char c);
void buf_puts(struct buf *b, const char *s);
void buf_append(struct buf *b, const void *p, size_t n);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Append s repeated n times. */
void buf_repeat(struct buf *b, const char *s, size_t n);
/* Forget the contents but keep the memory. */
void buf_reset(struct buf *b);
/* Shorten to len bytes (len <= b->len). */
void buf_truncate(struct buf *b, size_t len);
/* Contents as a C string; "" for an empty buffer. Owned by the buffer. */
const char *buf_str(const struct buf *b);
/* Hand the contents to the caller (free() it) and reset the buffer. */
char *buf_detach(struct buf *b);
void buf_free(struct buf *b);

#endif
