/* Text for the report builder: cleaning user text, blocks and headings,
 * figures as the report prints them, and the narrative filter that keeps
 * the unit's own sentences out of the report where the engine contradicts
 * the figure they state (see report_int.h). */
#include "report_int.h"

#include "../base/buf.h"
#include "../base/utf8.h"
#include "../doc/doc_io.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- cleaning ----------------------------------------------------------------------- */

const char *rtext_clean(struct arena *a, const char *s, size_t n, bool keep_newlines)
{
        struct buf out = BUF_INIT;
        buf_reserve(&out, n);
        for (size_t i = 0; i < n;) {
                uint32_t cp;
                size_t len = utf8_decode(s + i, n - i, &cp);
                bool invalid = cp == 0xFFFD && len == 1;
                if (cp == '\n' && keep_newlines)
                        buf_putc(&out, '\n');
                else if (cp == '\t' || cp == '\n')
                        buf_putc(&out, ' ');
                else if (invalid)
                        buf_puts(&out, "\xEF\xBF\xBD");
                else if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0) && cp != 0xFFFE &&
                         cp != 0xFFFF)
                        buf_append(&out, s + i, len);
                i += len;
        }
        const char *r = arena_strndup(a, out.data ? out.data : "", out.len);
        buf_free(&out);
        return r;
}

const char *rb_printf(struct rbuild *b, const char *fmt, ...)
{
        struct buf t = BUF_INIT;
        va_list ap;
        va_start(ap, fmt);
        buf_vprintf(&t, fmt, ap);
        va_end(ap);
        const char *s = rtext_clean(b->a, buf_str(&t), t.len, false);
        buf_free(&t);
        return s;
}

/* ---- blocks -------------------------------------------------------------------------- */

void rb_block(struct rbuild *b, enum rblock_kind kind, const char *text)
{
        struct rblock *blk = vec_push(&b->blocks);
        blk->kind = kind;
        blk->text = rtext_clean(b->a, text, strlen(text), kind == RB_TITLE);
}

void rb_table(struct rbuild *b, const struct grid *g)
{
        if (!g)
                return;
        struct rblock *blk = vec_push(&b->blocks);
        blk->kind = RB_TABLE;
        blk->grid = g;
}

const char *cn_numeral(unsigned n, char out[16])
{
        static const char *const digits[] = {"",   "一", "二", "三", "四",
                                             "五", "六", "七", "八", "九"};
        unsigned tens = n / 10 % 10, ones = n % 10;
        if (n == 0 || n > 99)
                snprintf(out, 16, "%u", n);
        else if (tens == 0)
                snprintf(out, 16, "%s", digits[ones]);
        else
                snprintf(out, 16, "%s十%s", tens > 1 ? digits[tens] : "", digits[ones]);
        return out;
}

void rb_heading1(struct rbuild *b, const char *title)
{
        char n[16];
        b->h1++;
        b->h2 = 0;
        b->section = arena_strdup(b->a, title);
        rb_block(b, RB_HEADING1, rb_printf(b, "%s、%s", cn_numeral(b->h1, n), title));
}

void rb_heading2(struct rbuild *b, const char *title)
{
        char n[16];
        b->h2++;
        rb_block(b, RB_HEADING2, rb_printf(b, "（%s）%s", cn_numeral(b->h2, n), title));
}

void rb_para(struct rbuild *b, const char *fmt, ...)
{
        struct buf t = BUF_INIT;
        va_list ap;
        va_start(ap, fmt);
        buf_vprintf(&t, fmt, ap);
        va_end(ap);
        rb_block(b, RB_PARA, buf_str(&t));
        buf_free(&t);
}

/* ---- figures --------------------------------------------------------------------------- */

static const char *figure(struct rbuild *b, dec_t v, int places, bool grouped, const char *suffix)
{
        char tmp[DEC_BUFSZ];
        if (!dec_is_set(v))
                return "—";
        const char *s = grouped ? dec_fmt_grouped(v, places, tmp) : dec_fmt(v, places, tmp);
        return rb_printf(b, "%s%s", s, suffix);
}

const char *rb_money(struct rbuild *b, dec_t v)
{
        return figure(b, v, 2, true, "");
}

const char *rb_pct(struct rbuild *b, dec_t v)
{
        return figure(b, v, 2, false, "%");
}

const char *rb_score(struct rbuild *b, dec_t v)
{
        return figure(b, v, b->places, false, "");
}

const char *rb_num(struct rbuild *b, dec_t v)
{
        return figure(b, v, -1, false, "");
}

/* ---- contradicted statements ------------------------------------------------------------- */

/* The member of d that the finding f names (a member, or an element of
 * an array), or NULL. */
static const void *finding_member(const struct doc *d, const struct finding *f)
{
        struct doc_loc loc;
        return doc_locate(d, f->path, &loc, NULL) ? loc.ptr : NULL;
}

/* The index of the statement of d at member (a finding about the
 * statement itself, as check_statements reports), or -1. */
static long statement_index(const struct doc *d, const void *member)
{
        for (size_t i = 0; member && i < d->n_statements; i++)
                if (member == &d->statements[i])
                        return (long)i;
        return -1;
}

/* Findings that mean "the stated value is not the engine's" (findings.md);
 * others (a unit over its quota, a target set too low) leave the figure
 * itself right. */
static bool contradicts(const struct finding *f)
{
        static const char *const codes[] = {
            "text.mismatch",    "total.mismatch",      "grade.mismatch",     "score.mismatch",
            "score.above_rule", "score.below_rule",    "score.above_weight", "sum.mismatch",
            "rate.mismatch",    "completion.mismatch", "adjustment.self",
        };
        for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
                if (f->code && strcmp(f->code, codes[i]) == 0)
                        return true;
        return false;
}

/* A copy of s without spaces (ASCII and U+3000), in the arena. */
static const char *flatten(struct arena *a, const char *s)
{
        size_t n = strlen(s), m = 0;
        char *out = arena_alloc(a, n + 1);
        for (size_t i = 0; i < n; i++) {
                if (s[i] == ' ')
                        continue;
                if (i + 3 <= n && memcmp(s + i, "\xE3\x80\x80", 3) == 0) {
                        i += 2;
                        continue;
                }
                out[m++] = s[i];
        }
        out[m] = '\0';
        return out;
}

static void add_needle(struct rbuild *b, struct vec *v, const char *text, const char *scope,
                       const char *reason)
{
        text = flatten(b->a, rtext_clean(b->a, text, strlen(text), false));
        if (!text[0])
                return;
        struct needle *n = vec_push(v);
        n->text = text;
        n->scope = scope ? flatten(b->a, rtext_clean(b->a, scope, strlen(scope), false)) : NULL;
        n->reason = rtext_clean(b->a, reason, strlen(reason), false);
}

/* "得分12分", "得分为12分", "得分：12分" for a stated score (or 完成率 …%). */
static void phrase_needles(struct rbuild *b, struct vec *v, const char *name, const char *what,
                           dec_t value, const char *unit, const char *reason)
{
        static const char *const joins[] = {"", "为", "：", ":"};
        char num[DEC_BUFSZ];
        dec_fmt(value, -1, num);
        for (size_t i = 0; i < sizeof joins / sizeof joins[0]; i++)
                add_needle(b, v, rb_printf(b, "%s%s%s%s", what, joins[i], num, unit), name, reason);
}

/* Needles for the items of table t whose stated score or completion the
 * finding f (on the member at) contradicts. */
static void item_needles(struct rbuild *b, struct vec *v, const struct table_score *t,
                         const struct finding *f, const void *at)
{
        const char *reason = f->message ? f->message : f->code;
        for (size_t k = 0; at && k < t->n_items; k++) {
                const struct indicator *ind = t->items[k].ind;
                if (!ind || !ind->name)
                        continue;
                if (at == &ind->score && dec_is_set(ind->score))
                        phrase_needles(b, v, ind->name, "得分", ind->score, "分", reason);
                else if (at == &ind->stated_completion_pct &&
                         dec_is_set(ind->stated_completion_pct))
                        phrase_needles(b, v, ind->name, "完成率", ind->stated_completion_pct, "%",
                                       reason);
        }
}

void rb_contested(struct rbuild *b)
{
        const struct doc *d = b->d;
        const struct evaluation *e = b->e;
        struct vec v = VEC_INIT(struct needle);
        const char **why = arena_alloc(b->a, (d->n_statements + 1) * sizeof *why);
        for (size_t k = 0; k < e->n_findings; k++) {
                const struct finding *f = &e->findings[k];
                if (!f->path || !contradicts(f))
                        continue;
                const char *reason = f->message ? f->message : f->code;
                const void *at = finding_member(e->doc, f); /* the paths are e->doc's */
                long i = statement_index(e->doc, at);
                if (i >= 0 && (size_t)i < d->n_statements && !why[i])
                        why[i] = reason;
                for (size_t s = 0; s < d->n_statements; s++)
                        if (!why[s] && d->statements[s].refers_to &&
                            strcmp(d->statements[s].refers_to, f->path) == 0)
                                why[s] = reason;
                item_needles(b, &v, &e->self, f, at);
                for (size_t p = 0; p < e->n_projects; p++)
                        item_needles(b, &v, &e->projects[p], f, at);
        }
        for (size_t s = 0; s < d->n_statements; s++)
                if (why[s] && d->statements[s].text)
                        add_needle(b, &v, d->statements[s].text, NULL, why[s]);
        b->needles = vec_finish(&v, b->a, &b->n_needles);
}

/* ---- narrative ------------------------------------------------------------------------------ */

/* Length of a sentence terminator at p[i] (。！？； or ASCII ! ? ;), else 0. */
static size_t terminator(const char *p, size_t n, size_t i)
{
        static const char *const marks[] = {"。", "！", "？", "；"};
        for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
                size_t len = strlen(marks[k]);
                if (i + len <= n && memcmp(p + i, marks[k], len) == 0)
                        return len;
        }
        return p[i] == '!' || p[i] == '?' || p[i] == ';' ? 1 : 0;
}

/* A copy of s[0..n) without spaces, and for each of its bytes the offset
 * it came from (map may be NULL). */
static size_t squeeze(const char *s, size_t n, char *out, size_t *map)
{
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
                if (s[i] == ' ')
                        continue;
                if (map)
                        map[m] = i;
                out[m++] = s[i];
        }
        out[m] = '\0';
        return m;
}

/* Mark removed[] the sentences of p that contain a needle; record each
 * sentence once. */
static void mark_contradicted(struct rbuild *b, const char *p, size_t n, bool *removed)
{
        char *flat = arena_alloc(b->a, n + 1);
        size_t *map = arena_alloc(b->a, (n + 1) * sizeof *map);
        squeeze(p, n, flat, map);
        for (size_t k = 0; k < b->n_needles; k++) {
                const struct needle *nd = &b->needles[k];
                if (nd->scope && !strstr(flat, nd->scope))
                        continue;
                size_t len = strlen(nd->text);
                for (const char *hit = strstr(flat, nd->text); hit;
                     hit = strstr(hit + 1, nd->text)) {
                        size_t from = map[hit - flat];
                        size_t to = map[hit - flat + len - 1] + 1;
                        size_t start = 0, end = n;
                        for (size_t i = 0; i < from; i++) {
                                size_t t = terminator(p, n, i);
                                if (t)
                                        start = i + t;
                        }
                        for (size_t i = to; i < n; i++) {
                                size_t t = terminator(p, n, i);
                                if (t) {
                                        end = i + t;
                                        break;
                                }
                        }
                        if (removed[start])
                                continue; /* this sentence is already out */
                        for (size_t i = start; i < end; i++)
                                removed[i] = true;
                        struct omission *o = vec_push(&b->omitted);
                        o->section = b->section;
                        o->sentence = arena_strndup(b->a, p + start, end - start);
                        o->reason = nd->reason;
                }
        }
}

static bool is_space_at(const char *s, size_t n, size_t i, size_t *len)
{
        if (s[i] == ' ') {
                *len = 1;
                return true;
        }
        if (i + 3 <= n && memcmp(s + i, "\xE3\x80\x80", 3) == 0) { /* U+3000 */
                *len = 3;
                return true;
        }
        return false;
}

/* Append paragraph p[0..n) with the removed bytes left out, trimmed, its
 * dangling clause mark (，；) turned into a full stop, after *heading2
 * (which is then cleared) if set. Returns false when nothing is left. */
static bool keep_paragraph(struct rbuild *b, const char *p, size_t n, const bool *removed,
                           const char **heading2)
{
        struct buf t = BUF_INIT;
        for (size_t i = 0; i < n; i++)
                if (!removed[i])
                        buf_putc(&t, p[i]);
        size_t start = 0, len, end = t.len;
        while (start < end && is_space_at(t.data, end, start, &len))
                start += len;
        for (bool trimmed = true; trimmed && end > start;) {
                trimmed = false;
                if (t.data[end - 1] == ' ') {
                        end--, trimmed = true;
                } else if (end - start >= 3 && memcmp(t.data + end - 3, "\xE3\x80\x80", 3) == 0) {
                        end -= 3, trimmed = true;
                }
        }
        bool any = end > start;
        if (any) {
                struct buf out = BUF_INIT;
                buf_append(&out, t.data + start, end - start);
                if (out.len >= 3 && (memcmp(out.data + out.len - 3, "，", 3) == 0 ||
                                     memcmp(out.data + out.len - 3, "；", 3) == 0)) {
                        buf_truncate(&out, out.len - 3);
                        buf_puts(&out, "。");
                }
                if (*heading2)
                        rb_heading2(b, *heading2);
                *heading2 = NULL;
                rb_block(b, RB_PARA, buf_str(&out));
                buf_free(&out);
        }
        buf_free(&t);
        return any;
}

size_t rb_narrative(struct rbuild *b, const char *text, const char *heading2)
{
        if (!text)
                return 0;
        const char *clean = rtext_clean(b->a, text, strlen(text), true);
        size_t added = 0;
        for (const char *p = clean; *p;) {
                const char *nl = strchr(p, '\n');
                size_t n = nl ? (size_t)(nl - p) : strlen(p);
                bool *removed = arena_alloc(b->a, n + 1);
                mark_contradicted(b, p, n, removed);
                if (keep_paragraph(b, p, n, removed, &heading2))
                        added++;
                p += n + (nl ? 1 : 0);
        }
        return added;
}
