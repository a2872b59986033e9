/* Growable byte buffer (see buf.h). */
#include "buf.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_reserve(struct buf *b, size_t n)
{
        if (b->len + n + 1 <= b->cap)
                return;
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
                cap *= 2;
        b->data = xrealloc(b->data, cap);
        b->cap = cap;
}

void buf_append(struct buf *b, const void *p, size_t n)
{
        buf_reserve(b, n);
        if (n)
                memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
}

void buf_putc(struct buf *b, char c)
{
        buf_append(b, &c, 1);
}

void buf_puts(struct buf *b, const char *s)
{
        buf_append(b, s, strlen(s));
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
        va_list ap2;
        va_copy(ap2, ap);
        int n = vsnprintf(NULL, 0, fmt, ap2);
        va_end(ap2);
        if (n < 0)
                return;
        buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        buf_vprintf(b, fmt, ap);
        va_end(ap);
}

void buf_repeat(struct buf *b, const char *s, size_t n)
{
        size_t len = strlen(s);
        buf_reserve(b, len * n);
        for (size_t i = 0; i < n; i++)
                buf_append(b, s, len);
}

void buf_reset(struct buf *b)
{
        buf_truncate(b, 0);
}

void buf_truncate(struct buf *b, size_t len)
{
        if (len >= b->len)
                return;
        b->len = len;
        b->data[len] = '\0';
}

const char *buf_str(const struct buf *b)
{
        return b->data ? b->data : "";
}

char *buf_detach(struct buf *b)
{
        char *p = b->data ? b->data : xstrdup("");
        b->data = NULL;
        b->len = b->cap = 0;
        return p;
}

void buf_free(struct buf *b)
{
        free(b->data);
        b->data = NULL;
        b->len = b->cap = 0;
}
