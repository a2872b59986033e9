/* Decoding urlencoded form bodies (see form.h). */
#include "form.h"

#include "../base/vec.h"

#include <string.h>

static int hex(char c)
{
        return c >= '0' && c <= '9'   ? c - '0'
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                      : -1;
}

/* Decode s[0..n) of a urlencoded body into the arena; NULL if malformed. */
static char *url_decode(struct arena *a, const char *s, size_t n)
{
        char *out = arena_alloc(a, n + 1), *o = out;
        for (size_t i = 0; i < n; i++) {
                if (s[i] == '+') {
                        *o++ = ' ';
                } else if (s[i] == '%') {
                        if (i + 2 >= n)
                                return NULL;
                        int h = hex(s[i + 1]), l = hex(s[i + 2]);
                        if (h < 0 || l < 0)
                                return NULL;
                        *o++ = (char)(h * 16 + l);
                        i += 2;
                } else {
                        *o++ = s[i];
                }
        }
        *o = '\0';
        if (strlen(out) != (size_t)(o - out)) /* an encoded NUL */
                return NULL;
        return out;
}

bool form_urlencoded_parse(struct arena *a, const char *body, size_t len, struct param **out,
                           size_t *n)
{
        struct vec v = VEC_INIT(struct param);
        const char *p = body, *end = body + len;
        bool ok = true;
        while (p < end && ok) {
                const char *amp = memchr(p, '&', (size_t)(end - p));
                if (!amp)
                        amp = end;
                const char *eq = memchr(p, '=', (size_t)(amp - p));
                if (amp > p) {
                        struct param *pr = vec_push(&v);
                        pr->name = url_decode(a, p, (size_t)((eq ? eq : amp) - p));
                        pr->value = eq ? url_decode(a, eq + 1, (size_t)(amp - eq - 1)) : "";
                        ok = pr->name && pr->value;
                        if (!ok)
                                v.n--; /* the faulty pair is not handed out */
                }
                p = amp + 1;
        }
        *out = vec_finish(&v, a, n);
        return ok;
}
