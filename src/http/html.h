/* HTML output with escaping by default: every %s argument is escaped;
 * markup comes only from the literal format string or html_raw(). */
#ifndef JX_HTML_H
#define JX_HTML_H

#include "http.h"

/* Append to r->out. Conversions: %s and %.*s (escaped text; NULL prints
 * nothing), %d %i %u %ld %lld %zu (integers) and %%; no flags or widths.
 * Any other conversion is a programming error and aborts. */
void html(struct req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append trusted markup as it is. */
void html_raw(struct req *r, const char *markup);
/* Append s[0..n) escaped for text and attribute values. */
void html_escape(struct buf *b, const char *s, size_t n);
/* Append name=value to the query of the link in b, after "&" unless b
 * ends in "?", the value percent-encoded; nothing when value is NULL or
 * "". (Escape the whole link with html() when writing it out.) */
void url_param(struct buf *b, const char *name, const char *value);

#endif
