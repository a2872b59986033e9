/* Line differences (see linediff.h). The edit script is found with the
 * greedy algorithm of E. Myers, "An O(ND) Difference Algorithm and Its
 * Variations" (1986), on the lines left once the common first and last
 * lines are set aside, keeping each round's furthest reaching paths to
 * walk the script back. */
#include "linediff.h"

#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Beyond this many inserted and deleted lines, one hunk: the rounds keep
 * (MAX_EDITS + 1)² positions (8 MB at most) and cost O((N + M) × D). */
enum { MAX_EDITS = 1000 };

struct line {
        const char *s;
        size_t n;
        uint64_t hash;
};

/* The lines of text[0..len) (len + 1 … 1 of them), in a new array. */
static struct line *split(const char *text, size_t len, size_t *count)
{
        size_t n = 1;
        for (size_t i = 0; i < len; i++)
                n += text[i] == '\n';
        struct line *l = xmalloc(n * sizeof(*l));
        size_t k = 0, start = 0;
        for (size_t i = 0; i <= len; i++) {
                if (i < len && text[i] != '\n')
                        continue;
                uint64_t h = 1469598103934665603u; /* FNV-1a */
                for (size_t j = start; j < i; j++)
                        h = (h ^ (unsigned char)text[j]) * 1099511628211u;
                l[k++] = (struct line){text + start, i - start, h};
                start = i + 1;
        }
        *count = n;
        return l;
}

static bool same(const struct line *a, const struct line *b)
{
        return a->hash == b->hash && a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

/* Operations are collected as runs, merged when alike. */
struct ops {
        char *kind; /* '=', '-', '+' */
        size_t *count;
        size_t *first; /* for '+': the first line of b inserted */
        size_t n, cap;
};

static void op(struct ops *o, char kind, size_t count, size_t first)
{
        if (!count)
                return;
        if (o->n && o->kind[o->n - 1] == kind &&
            (kind != '+' || o->first[o->n - 1] + o->count[o->n - 1] == first)) {
                o->count[o->n - 1] += count;
                return;
        }
        if (o->n == o->cap) {
                o->cap = o->cap ? 2 * o->cap : 16;
                o->kind = xrealloc(o->kind, o->cap);
                o->count = xrealloc(o->count, o->cap * sizeof(size_t));
                o->first = xrealloc(o->first, o->cap * sizeof(size_t));
        }
        o->kind[o->n] = kind;
        o->count[o->n] = count;
        o->first[o->n] = first;
        o->n++;
}

/* The operations turning a[0..n) into b[0..m) (b[0] being line b0 of the
 * whole text), appended to o; false when more than MAX_EDITS edits are
 * needed. */
static bool myers(const struct line *a, size_t n, const struct line *b, size_t m, size_t b0,
                  struct ops *o)
{
        long max = (long)(n + m);
        if (max > MAX_EDITS)
                max = MAX_EDITS;
        /* v[d] holds the furthest x for each diagonal k in -d..d of round d */
        long **v = xcalloc((size_t)max + 1, sizeof(*v));
        long d_end = -1;
        for (long d = 0; d <= max && d_end < 0; d++) {
                v[d] = xmalloc((size_t)(2 * d + 1) * sizeof(long));
                for (long k = -d; k <= d; k += 2) {
                        long x;
                        if (d == 0)
                                x = 0;
                        else if (k == -d ||
                                 (k != d && v[d - 1][k - 1 + d - 1] < v[d - 1][k + 1 + d - 1]))
                                x = v[d - 1][k + 1 + d - 1]; /* down: a line of b inserted */
                        else
                                x = v[d - 1][k - 1 + d - 1] + 1; /* right: a line of a deleted */
                        long y = x - k;
                        while (x < (long)n && y < (long)m && y >= 0 && same(&a[x], &b[y]))
                                x++, y++;
                        v[d][k + d] = x;
                        if (x >= (long)n && y >= (long)m) {
                                d_end = d;
                                break;
                        }
                }
        }
        bool found = d_end >= 0;
        if (found) {
                /* walk back from (n, m), collecting the steps in reverse */
                struct ops rev = {0};
                long x = (long)n, y = (long)m;
                for (long d = d_end; d > 0; d--) {
                        long k = x - y;
                        long pk = (k == -d ||
                                   (k != d && v[d - 1][k - 1 + d - 1] < v[d - 1][k + 1 + d - 1]))
                                      ? k + 1
                                      : k - 1;
                        long px = v[d - 1][pk + d - 1], py = px - pk;
                        long mx = pk == k + 1 ? px : px + 1; /* x after the edit */
                        op(&rev, '=', (size_t)(x - mx), 0);
                        if (pk == k + 1)
                                op(&rev, '+', 1, b0 + (size_t)py);
                        else
                                op(&rev, '-', 1, 0);
                        x = px;
                        y = py;
                }
                op(&rev, '=', (size_t)x, 0); /* the first snake */
                for (size_t i = rev.n; i-- > 0;) {
                        if (rev.kind[i] == '+')
                                op(o, '+', rev.count[i], rev.first[i]);
                        else
                                op(o, rev.kind[i], rev.count[i], 0);
                }
                free(rev.kind);
                free(rev.count);
                free(rev.first);
        }
        for (long d = 0; d <= max; d++)
                free(v[d]);
        free(v);
        return found;
}

void linediff_make(const char *base, size_t base_len, const char *to, size_t to_len,
                   struct buf *out)
{
        size_t n, m;
        struct line *a = split(base, base_len, &n), *b = split(to, to_len, &m);
        size_t pre = 0, post = 0;
        while (pre < n && pre < m && same(&a[pre], &b[pre]))
                pre++;
        while (post < n - pre && post < m - pre && same(&a[n - 1 - post], &b[m - 1 - post]))
                post++;
        struct ops o = {0};
        op(&o, '=', pre, 0);
        size_t an = n - pre - post, bm = m - pre - post;
        if (!myers(a + pre, an, b + pre, bm, pre, &o)) {
                op(&o, '-', an, 0);
                op(&o, '+', bm, pre);
        }
        op(&o, '=', post, 0);
        for (size_t i = 0; i < o.n; i++) {
                buf_printf(out, "%c%zu\n", o.kind[i], o.count[i]);
                if (o.kind[i] != '+')
                        continue;
                for (size_t k = 0; k < o.count[i]; k++) {
                        const struct line *l = &b[o.first[i] + k];
                        buf_append(out, l->s, l->n);
                        buf_putc(out, '\n');
                }
        }
        free(o.kind);
        free(o.count);
        free(o.first);
        free(a);
        free(b);
}

/* The decimal count of an operation line p[0..n); false if it is not one. */
static bool count_of(const char *p, size_t n, size_t *count)
{
        if (n == 0 || n > 9)
                return false;
        size_t v = 0;
        for (size_t i = 0; i < n; i++) {
                if (p[i] < '0' || p[i] > '9')
                        return false;
                v = v * 10 + (size_t)(p[i] - '0');
        }
        *count = v;
        return true;
}

bool linediff_apply(const char *base, size_t base_len, const char *delta, size_t delta_len,
                    struct buf *out)
{
        size_t n;
        struct line *a = split(base, base_len, &n);
        size_t before = out->len, at = 0, lines = 0;
        const char *p = delta, *end = delta + delta_len;
        bool ok = true;
        while (ok && p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                size_t count;
                ok = nl && nl > p && count_of(p + 1, (size_t)(nl - p - 1), &count);
                if (!ok)
                        break;
                char kind = *p;
                p = nl + 1;
                if (kind == '=' || kind == '-') {
                        ok = count <= n - at;
                        for (size_t i = 0; ok && kind == '=' && i < count; i++, lines++) {
                                if (lines)
                                        buf_putc(out, '\n');
                                buf_append(out, a[at + i].s, a[at + i].n);
                        }
                        at += ok ? count : 0;
                } else if (kind == '+') {
                        for (size_t i = 0; ok && i < count; i++, lines++) {
                                const char *e = memchr(p, '\n', (size_t)(end - p));
                                ok = e != NULL;
                                if (!ok)
                                        break;
                                if (lines)
                                        buf_putc(out, '\n');
                                buf_append(out, p, (size_t)(e - p));
                                p = e + 1;
                        }
                } else {
                        ok = false;
                }
        }
        ok = ok && at == n && lines > 0;
        if (!ok)
                buf_truncate(out, before);
        free(a);
        return ok;
}
