/* Streaming JSON writer (see jsonw.h). */
#include "jsonw.h"

#include <assert.h>
#include <inttypes.h>
#include <string.h>

void jw_init(struct jsonw *w, struct buf *out, bool pretty)
{
        memset(w, 0, sizeof(*w));
        w->out = out;
        w->pretty = pretty;
}

static void newline(struct jsonw *w)
{
        if (!w->pretty)
                return;
        buf_putc(w->out, '\n');
        buf_repeat(w->out, "  ", (size_t)w->depth);
}

/* Separator and indentation before a value or a key. */
static void before_value(struct jsonw *w)
{
        if (w->after_key) {
                w->after_key = false;
                return;
        }
        if (w->depth == 0)
                return;
        uint64_t bit = UINT64_C(1) << (w->depth - 1);
        if (w->has_items & bit)
                buf_putc(w->out, ',');
        w->has_items |= bit;
        newline(w);
}

static void open_container(struct jsonw *w, char c)
{
        before_value(w);
        assert(w->depth < JSONW_MAX_DEPTH);
        buf_putc(w->out, c);
        w->depth++;
        w->has_items &= ~(UINT64_C(1) << (w->depth - 1));
}

static void close_container(struct jsonw *w, char c)
{
        assert(w->depth > 0 && !w->after_key);
        bool had = w->has_items & (UINT64_C(1) << (w->depth - 1));
        w->depth--;
        if (had)
                newline(w);
        buf_putc(w->out, c);
}

void jw_obj_begin(struct jsonw *w)
{
        open_container(w, '{');
}

void jw_obj_end(struct jsonw *w)
{
        close_container(w, '}');
}

void jw_arr_begin(struct jsonw *w)
{
        open_container(w, '[');
}

void jw_arr_end(struct jsonw *w)
{
        close_container(w, ']');
}

void jw_quote(struct buf *out, const char *s, size_t n)
{
        static const char hex[] = "0123456789abcdef";
        buf_putc(out, '"');
        size_t run = 0;
        for (size_t i = 0; i < n; i++) {
                unsigned char c = (unsigned char)s[i];
                if (c >= 0x20 && c != '"' && c != '\\')
                        continue;
                buf_append(out, s + run, i - run);
                run = i + 1;
                switch (c) {
                case '"':
                        buf_puts(out, "\\\"");
                        break;
                case '\\':
                        buf_puts(out, "\\\\");
                        break;
                case '\n':
                        buf_puts(out, "\\n");
                        break;
                case '\r':
                        buf_puts(out, "\\r");
                        break;
                case '\t':
                        buf_puts(out, "\\t");
                        break;
                default: {
                        char esc[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
                        buf_puts(out, esc);
                }
                }
        }
        buf_append(out, s + run, n - run);
        buf_putc(out, '"');
}

void jw_key(struct jsonw *w, const char *key)
{
        before_value(w);
        jw_quote(w->out, key, strlen(key));
        buf_puts(w->out, w->pretty ? ": " : ":");
        w->after_key = true;
}

void jw_strn(struct jsonw *w, const char *s, size_t n)
{
        before_value(w);
        jw_quote(w->out, s, n);
}

void jw_str(struct jsonw *w, const char *s)
{
        if (!s) {
                jw_null(w);
                return;
        }
        jw_strn(w, s, strlen(s));
}

void jw_int(struct jsonw *w, int64_t v)
{
        before_value(w);
        buf_printf(w->out, "%" PRId64, v);
}

void jw_bool(struct jsonw *w, bool v)
{
        before_value(w);
        buf_puts(w->out, v ? "true" : "false");
}

void jw_raw(struct jsonw *w, const char *json)
{
        before_value(w);
        buf_puts(w->out, json);
}

void jw_null(struct jsonw *w)
{
        before_value(w);
        buf_puts(w->out, "null");
}

void jw_dec_string(struct jsonw *w, dec_t d)
{
        char tmp[DEC_BUFSZ];
        if (!dec_is_set(d)) {
                jw_null(w);
                return;
        }
        jw_str(w, dec_fmt(d, -1, tmp));
}

void jw_dec_number(struct jsonw *w, dec_t d, int dp)
{
        char tmp[DEC_BUFSZ];
        if (!dec_is_set(d)) {
                jw_null(w);
                return;
        }
        before_value(w);
        buf_puts(w->out, dec_fmt(d, dp, tmp));
}
