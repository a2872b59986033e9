/* Cell helpers shared by the table builders (see tables_int.h). */
#include "tables_int.h"

#include "../doc/doc_schema.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *tb_fmt(struct tb *t, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        const char *s = arena_vprintf(t->a, fmt, ap);
        va_end(ap);
        return s;
}

const char *tb_path(struct tb *t, const void *p, size_t size, const struct field **f)
{
        struct buf b = BUF_INIT;
        if (!doc_path_of(t->d, p, size, &b, f)) {
                fprintf(stderr, "jixiao: table cell outside the document (%s)\n",
                        t->g->title ? t->g->title : "?");
                abort();
        }
        const char *s = arena_strdup(t->a, buf_str(&b));
        buf_free(&b);
        return s;
}

struct grid_cell *tb_label(struct tb *t, size_t r, size_t c, const char *text, unsigned flags)
{
        return grid_text(t->a, t->g, r, c, text, flags);
}

struct grid_cell *tb_span(struct tb *t, size_t r, size_t c, unsigned rows, unsigned cols,
                          const char *text, unsigned flags)
{
        if (rows > 1 || cols > 1)
                grid_merge(t->g, r, c, rows, cols);
        return grid_text(t->a, t->g, r, c, text, flags);
}

void tb_wide(struct tb *t, size_t r, size_t c, unsigned cols)
{
        if (cols > 1)
                grid_merge(t->g, r, c, 1, cols);
}

/* Mark cell as entered at the member p of size bytes. */
static struct grid_cell *entered(struct tb *t, struct grid_cell *cell, const void *p, size_t size)
{
        cell->flags |= CF_INPUT;
        cell->path = tb_path(t, p, size, &cell->field);
        return cell;
}

struct grid_cell *tb_in_text(struct tb *t, size_t r, size_t c, const char *const *member,
                             unsigned flags)
{
        return entered(t, grid_text(t->a, t->g, r, c, *member, flags), member, sizeof *member);
}

struct grid_cell *tb_in_dec(struct tb *t, size_t r, size_t c, const dec_t *member, int places,
                            enum number_style style)
{
        return entered(t, grid_number(t->a, t->g, r, c, *member, places, style, 0), member,
                       sizeof *member);
}

struct grid_cell *tb_in_count(struct tb *t, size_t r, size_t c, const int64_t *member)
{
        dec_t v = *member == COUNT_NONE ? DEC_NONE : dec_from_int(*member);
        return entered(t, grid_number(t->a, t->g, r, c, v, 0, NUM_COUNT, 0), member,
                       sizeof *member);
}

struct grid_cell *tb_in_enum(struct tb *t, size_t r, size_t c, const int *member)
{
        struct grid_cell *cell = entered(t, grid_text(t->a, t->g, r, c, NULL, 0), member,
                                         sizeof *member);
        const char *label = *member ? enum_label(cell->field->en, *member) : NULL;
        if (label) {
                cell->kind = CELL_TEXT;
                cell->text = label;
        }
        return cell;
}

struct grid_cell *tb_in_bool(struct tb *t, size_t r, size_t c, const bool *member)
{
        return entered(t, grid_text(t->a, t->g, r, c, *member ? "是" : NULL, CF_CENTER), member,
                       sizeof *member);
}

/* "≥95%" as the editor shows a target, "214.2万元" a measure written in
 * its own unit, "达标" a text: what doc_assign() reads back. */
static const char *measure_text(struct tb *t, const struct measure *m, enum cmp_op op)
{
        if (m->text)
                return m->text;
        if (!dec_is_set(m->value))
                return NULL;
        char b[DEC_BUFSZ];
        return tb_fmt(t, "%s%s%s", op ? enum_label(&enum_cmp_op, (int)op) : "",
                      dec_fmt(m->value, -1, b), m->unit ? m->unit : "");
}

struct grid_cell *tb_in_measure(struct tb *t, size_t r, size_t c, const struct indicator *ind,
                                const struct measure *m, const struct target *target)
{
        const void *member = target ? (const void *)target : (const void *)m;
        size_t size = target ? sizeof *target : sizeof *m;
        enum cmp_op op = target ? target->op : CMP_UNSET;
        if (target)
                m = &target->m;
        struct grid_cell *cell;
        bool text = m->text || (!dec_is_set(m->value) &&
                                (ind->kind == KIND_QUAL || ind->target.m.text != NULL));
        if (t->mode & TABLE_FORM) {
                cell = grid_text(t->a, t->g, r, c, measure_text(t, m, op), 0);
        } else if (text) {
                cell = grid_text(t->a, t->g, r, c, m->text, CF_WRAP);
        } else {
                int places = dec_is_set(m->value) ? dec_places(m->value) : 2;
                cell = grid_number(t->a, t->g, r, c, m->value, places, NUM_PLAIN, 0);
                grid_affix(t->a, cell, op ? enum_label(&enum_cmp_op, (int)op) : NULL,
                           m->unit ? m->unit : ind->unit);
        }
        return entered(t, cell, member, size);
}

/* True when the stated figure is not the computed one at the stated
 * figure's own precision (a table that prints 96.3 for 96.30 agrees). */
static bool differs(dec_t stated, dec_t computed, int places)
{
        if (!dec_is_set(stated) || !dec_is_set(computed))
                return false;
        int own = dec_places(stated);
        return !dec_eq(dec_round(computed, own > places ? own : places), stated);
}

struct grid_cell *tb_out_dec(struct tb *t, size_t r, size_t c, dec_t v, int places,
                             enum number_style style, const dec_t *stated, const char *key)
{
        struct grid_cell *cell = grid_number(t->a, t->g, r, c, v, places, style, CF_COMPUTED);
        if (stated) {
                cell->path = tb_path(t, stated, sizeof *stated, &cell->field);
                if (differs(*stated, v, places)) {
                        char b[DEC_BUFSZ];
                        cell->flags |= CF_DIFF;
                        cell->stated_text = arena_strdup(t->a, dec_fmt(*stated, -1, b));
                }
        }
        cell->key = cell->path ? cell->path : key;
        return cell;
}

struct grid_cell *tb_out_text(struct tb *t, size_t r, size_t c, const char *text,
                              const char *const *stated, const char *key)
{
        struct grid_cell *cell = grid_text(t->a, t->g, r, c, text, CF_COMPUTED);
        if (stated) {
                cell->path = tb_path(t, stated, sizeof *stated, &cell->field);
                if (*stated && text && strcmp(*stated, text) != 0) {
                        cell->flags |= CF_DIFF;
                        cell->stated_text = *stated;
                }
        }
        cell->key = cell->path ? cell->path : key;
        return cell;
}

void tb_element(struct tb *t, size_t r, const void *p, size_t size, const char *label)
{
        t->g->row_info[r].element = tb_path(t, p, size, NULL);
        t->g->row_info[r].label = label;
}

void tb_add(struct tb *t, size_t r, size_t c, const void *array, const char *label)
{
        if (!(t->mode & TABLE_FORM))
                return;
        struct grid_cell *cell = grid_at(t->g, r, c);
        const struct field *f;
        cell->add_path = tb_path(t, array, sizeof(void *), &f);
        struct doc_loc loc; /* an array at its most rows offers no more */
        if (f->max > 0 && doc_locate(t->d, cell->add_path, &loc, NULL) &&
            field_count(f, loc.base) >= (size_t)f->max)
                cell->add_path = NULL;
        cell->add_label = label;
}

const char *tables_unit_name(enum money_unit u)
{
        return u ? enum_name(&enum_money_unit, u) : "万元";
}
