/* Escaping HTML writer (see html.h). */
#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_escape(struct buf *b, const char *s, size_t n)
{
        size_t run = 0;
        for (size_t i = 0; i < n; i++) {
                const char *rep = NULL;
                switch (s[i]) {
                case '&':
                        rep = "&amp;";
                        break;
                case '<':
                        rep = "&lt;";
                        break;
                case '>':
                        rep = "&gt;";
                        break;
                case '"':
                        rep = "&quot;";
                        break;
                case '\'':
                        rep = "&#39;";
                        break;
                default:
                        continue;
                }
                buf_append(b, s + run, i - run);
                buf_puts(b, rep);
                run = i + 1;
        }
        buf_append(b, s + run, n - run);
}

void html_raw(struct req *r, const char *markup)
{
        buf_puts(&r->out, markup);
}

void html(struct req *r, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        struct buf *b = &r->out;
        for (const char *p = fmt; *p;) {
                const char *pct = strchr(p, '%');
                if (!pct) {
                        buf_puts(b, p);
                        break;
                }
                buf_append(b, p, (size_t)(pct - p));
                const char *q = pct + 1;
                char num[32];
                if (q[0] == '%') {
                        buf_putc(b, '%');
                        q += 1;
                } else if (q[0] == 's') {
                        const char *s = va_arg(ap, const char *);
                        if (s)
                                html_escape(b, s, strlen(s));
                        q += 1;
                } else if (strncmp(q, ".*s", 3) == 0) {
                        int prec = va_arg(ap, int);
                        const char *s = va_arg(ap, const char *);
                        if (s)
                                html_escape(b, s, strnlen(s, prec < 0 ? 0 : (size_t)prec));
                        q += 3;
                } else if (q[0] == 'd' || q[0] == 'i') {
                        snprintf(num, sizeof num, "%d", va_arg(ap, int));
                        buf_puts(b, num);
                        q += 1;
                } else if (q[0] == 'u') {
                        snprintf(num, sizeof num, "%u", va_arg(ap, unsigned));
                        buf_puts(b, num);
                        q += 1;
                } else if (strncmp(q, "ld", 2) == 0) {
                        snprintf(num, sizeof num, "%ld", va_arg(ap, long));
                        buf_puts(b, num);
                        q += 2;
                } else if (strncmp(q, "lld", 3) == 0) {
                        snprintf(num, sizeof num, "%lld", va_arg(ap, long long));
                        buf_puts(b, num);
                        q += 3;
                } else if (strncmp(q, "zu", 2) == 0) {
                        snprintf(num, sizeof num, "%zu", va_arg(ap, size_t));
                        buf_puts(b, num);
                        q += 2;
                } else {
                        abort(); /* a conversion html() does not support: a programming error */
                }
                p = q;
        }
        va_end(ap);
}

void url_param(struct buf *b, const char *name, const char *value)
{
        if (!value || !*value)
                return;
        buf_printf(b, "%s%s=", b->len && b->data[b->len - 1] == '?' ? "" : "&", name);
        for (const unsigned char *p = (const unsigned char *)value; *p; p++)
                if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_')
                        buf_putc(b, (char)*p);
                else
                        buf_printf(b, "%%%02X", *p);
}
