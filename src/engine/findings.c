/* The evaluation's findings and recorded cell values (see engine_int.h). */
#include "engine_int.h"

#include "../base/xalloc.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *severity_name(enum severity s)
{
        static const char *const names[] = {"info", "warning", "error"};
        return names[s];
}

const char *severity_label(enum severity s)
{
        static const char *const labels[] = {"提示", "警告", "错误"};
        return labels[s];
}

const char *efmt(struct evaluation *e, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        const char *s = arena_vprintf(e->arena, fmt, ap);
        va_end(ap);
        return s;
}

static atomic_ulong paths_built; /* see engine_paths_built() */

unsigned long engine_paths_built(void)
{
        return atomic_load_explicit(&paths_built, memory_order_relaxed);
}

const char *epath(struct evaluation *e, const void *member, size_t size)
{
        atomic_fetch_add_explicit(&paths_built, 1, memory_order_relaxed);
        struct buf b = BUF_INIT;
        if (!doc_path_of(e->doc, member, size, &b, NULL)) {
                fprintf(stderr,
                        "jixiao: engine: no member of the evaluated document at %p (%zu bytes)\n",
                        member, size);
                abort();
        }
        const char *s = arena_strdup(e->arena, buf_str(&b));
        buf_free(&b);
        return s;
}

const char *edec(struct evaluation *e, dec_t v, int places)
{
        char tmp[DEC_BUFSZ];
        return arena_strdup(e->arena, dec_fmt_grouped(v, places, tmp));
}

struct finding *finding_add(struct evaluation *e, const char *code, enum severity sev,
                            const char *path, const char *label)
{
        if (e->n_findings == e->cap_findings) {
                e->cap_findings = e->cap_findings ? e->cap_findings * 2 : 16;
                e->findings = xrealloc(e->findings, e->cap_findings * sizeof(*e->findings));
        }
        struct finding *f = &e->findings[e->n_findings++];
        memset(f, 0, sizeof(*f));
        f->code = code;
        f->severity = sev;
        f->path = path;
        f->label = label;
        f->stated = f->computed = DEC_NONE;
        f->places = 2;
        if (sev == SEV_ERROR)
                e->n_errors++;
        else if (sev == SEV_WARNING)
                e->n_warnings++;
        return f;
}

void note_cell(struct evaluation *e, const char *path, dec_t value, const char *text)
{
        if (!e->record_cells)
                return;
        if (e->n_cells == e->cap_cells) {
                e->cap_cells = e->cap_cells ? e->cap_cells * 2 : 32;
                e->cells = xrealloc(e->cells, e->cap_cells * sizeof(*e->cells));
        }
        e->cells[e->n_cells++] = (struct cell_value){arena_strdup(e->arena, path), value, text};
}

bool cell_lookup(const struct evaluation *e, const char *path, dec_t *value, const char **text)
{
        for (size_t i = e->n_cells; i-- > 0;)
                if (strcmp(e->cells[i].path, path) == 0) {
                        *value = e->cells[i].value;
                        *text = e->cells[i].text;
                        return true;
                }
        return false;
}

bool figure_differs(dec_t stated, dec_t computed, int places)
{
        if (!dec_is_set(stated) || !dec_is_set(computed) || dec_eq(stated, computed))
                return false;
        int own = dec_places(stated);
        return !dec_eq(dec_round(computed, own > places ? own : places), stated);
}

/* The subject of a message: the label's last segment, with the one
 * before when the label names a row ("局本级" + "编外人员控制率"). */
static const char *subject(struct evaluation *e, const char *label)
{
        const char *sep = " › ";
        const char *segs[8];
        size_t n = 0;
        for (const char *p = label; p && n < 8;) {
                segs[n++] = p;
                p = strstr(p, sep);
                if (p)
                        p += strlen(sep);
        }
        if (n >= 4)
                return efmt(e, "%.*s%s", (int)(segs[n - 1] - segs[n - 2] - strlen(sep)),
                            segs[n - 2], segs[n - 1]);
        return segs[n - 1];
}

void compare_figure(struct evaluation *e, const struct compare *c)
{
        note_cell(e, c->path, c->computed, NULL);
        if (e->adopting) { /* settling: the document states the computed figure */
                adopt_value(e, c->path, c->computed, NULL);
                return;
        }
        if (!dec_is_set(c->stated) || !dec_is_set(c->computed))
                return;
        int own = dec_places(c->stated);
        int places = own > c->places ? own : c->places;
        dec_t at = dec_round(c->computed, places);
        if (dec_eq(at, c->stated))
                return;
        /* Tables print rates as whole percents (135% for 135.06%): such a
         * figure is only rounded. Decimals written as "96.30" are stored as
         * 96.3, so any other shortfall of decimals is a real difference. */
        bool pct = c->unit && strcmp(c->unit, "%") == 0;
        bool coarse = pct && own == 0 && dec_eq(dec_round(c->computed, 0), c->stated);
        struct finding *f = finding_add(e, coarse ? "figure.rounded" : c->code,
                                        coarse ? SEV_INFO : c->severity, c->path, c->label);
        const char *u = !c->unit ? "" : pct ? "%" : efmt(e, " %s", c->unit);
        const char *diff_unit = pct ? " 个百分点" : u;
        f->stated = c->stated;
        f->computed = at;
        f->places = places;
        f->rule = c->rule;
        const char *what = subject(e, c->label);
        if (coarse)
                f->message =
                    efmt(e, "%s表列为 %s%s，按“%s”计算为 %s%s，表列数只保留了 %d 位小数。", what,
                         edec(e, c->stated, -1), u, c->rule, edec(e, at, places), u, own);
        else
                f->message = efmt(e, "%s表列为 %s%s，按“%s”计算应为 %s%s，相差 %s%s。", what,
                                  edec(e, c->stated, -1), u, c->rule, edec(e, at, places), u,
                                  edec(e, dec_abs(dec_sub(c->stated, at)), places), diff_unit);
}
