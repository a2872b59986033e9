/* Grids as HTML tables, read-only or as forms (see grid_html.h). */
#include "grid_html.h"

#include "evaluation.h"

#include "../../doc/doc_io.h"
#include "../../doc/doc_schema.h"
#include "../../http/html.h"

#include <string.h>

/* ---- notes ------------------------------------------------------------------------------------ */

/* True when path lies inside the member or element at prefix. */
static bool inside(const char *path, const char *prefix)
{
        size_t n = strlen(prefix);
        return strncmp(path, prefix, n) == 0 &&
               (path[n] == '\0' || path[n] == '.' || path[n] == '[' || path[n] == '#');
}

const char *grid_notes_key(struct req *r, struct grid *const *grids, size_t n, const char *path)
{
        (void)r;
        const char *best = NULL;
        for (size_t i = 0; i < n; i++) {
                const struct grid *g = grids[i];
                if (!g || !g->key || !inside(path, g->key))
                        continue;
                if (!best || strlen(g->key) > strlen(best))
                        best = g->key;
                for (size_t k = 0; k < g->rows; k++) {
                        const char *e = g->row_info[k].element;
                        if (e && inside(path, e) && strlen(e) > strlen(best))
                                best = e;
                }
        }
        return best ? best : "";
}

const char *grid_anchor(struct req *r, const char *key)
{
        char *a = arena_strdup(r->arena, key);
        for (char *p = a; *p; p++)
                if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
                        *p = '-';
        return req_printf(r, "n%s", a);
}

/* Whether g has an input for the member at path. */
static bool has_input(const struct grid *g, const char *path)
{
        for (size_t i = 0; i < g->rows * g->cols; i++)
                if ((g->cells[i].flags & CF_INPUT) && g->cells[i].path &&
                    strcmp(g->cells[i].path, path) == 0)
                        return true;
        return false;
}

/* An error about what was typed in a field is said at the field. */
static bool said_at_field(const struct grid_view *v, const struct grid *g, const struct finding *f)
{
        return v->editable && f->severity == SEV_ERROR && has_input(g, f->path);
}

/* The findings whose row is key, as a notes box the page script refills. */
static void notes(struct req *r, const struct grid_view *v, const struct grid *g, const char *key)
{
        html(r, "<div class=\"notes\" id=\"%s\" data-notes=\"%s\">", grid_anchor(r, key), key);
        struct grid *const gs[] = {(struct grid *)g};
        for (size_t i = 0; v->e && i < v->e->n_findings; i++) {
                const struct finding *f = &v->e->findings[i];
                if (!inside(f->path, key) || strcmp(grid_notes_key(r, gs, 1, f->path), key) != 0 ||
                    said_at_field(v, g, f))
                        continue;
                html(r, "<p class=\"note %s\"><span class=\"tag %s\">%s</span> %s</p>",
                     severity_name(f->severity), severity_name(f->severity),
                     severity_label(f->severity), f->message);
        }
        html_raw(r, "</div>");
}

/* ---- inputs ----------------------------------------------------------------------------------- */

/* What is wrong with the field at path: the value refused, else the
 * first error found about it; NULL when nothing. */
static const char *wrong_at(const struct grid_view *v, const char *path)
{
        for (size_t i = 0; v->refused && i < v->refused->n; i++)
                if (strcmp(v->refused->items[i].path, path) == 0)
                        return v->refused->items[i].msg;
        for (size_t i = 0; v->e && i < v->e->n_findings; i++)
                if (v->e->findings[i].severity == SEV_ERROR &&
                    strcmp(v->e->findings[i].path, path) == 0)
                        return v->e->findings[i].message;
        return NULL;
}

/* What the user calls the member at path, for screen readers. */
static const char *label_of(struct req *r, const struct grid_view *v, const char *path)
{
        struct doc_loc loc;
        struct buf b = BUF_INIT;
        const char *s = NULL;
        if (v->d && doc_locate(v->d, path, &loc, &b))
                s = arena_strdup(r->arena, buf_str(&b));
        buf_free(&b);
        return s ? s : "";
}

/* Whether the input at path shows what the request typed. */
static bool shows_typed(const struct grid_view *v, const char *path)
{
        if (!v->typed || !v->typed_only)
                return v->typed;
        for (size_t i = 0; i < v->n_typed_only; i++)
                if (strcmp(v->typed_only[i], path) == 0)
                        return true;
        return false;
}

/* The value an input shows: what the request typed (redrawing a refused
 * or previewed form), else the document's. */
static const char *input_value(struct req *r, const struct grid_view *v,
                               const struct grid_cell *c)
{
        const char *typed = shows_typed(v, c->path) ? req_param(r, c->path) : NULL;
        if (typed)
                return typed;
        if (c->kind == CELL_NUMBER && !c->prefix && !c->suffix) {
                char b[DEC_BUFSZ];
                return arena_strdup(r->arena, dec_fmt(c->value, -1, b));
        }
        return c->kind == CELL_EMPTY ? "" : c->text;
}

static void select_input(struct req *r, const struct grid_view *v, const struct grid_cell *c,
                         const char *attrs)
{
        const struct enum_def *en = c->field->en;
        const char *typed = shows_typed(v, c->path) ? req_param(r, c->path) : NULL;
        html(r, "<select name=\"%s\"", c->path);
        html_raw(r, attrs);
        html_raw(r, "><option value=\"\"></option>");
        for (size_t i = 0; i < en->n; i++) {
                const char *label = en->labels ? en->labels[i] : en->names[i];
                bool on = typed ? strcmp(typed, en->names[i]) == 0
                                : c->text && strcmp(c->text, label) == 0;
                html(r, "<option value=\"%s\"%s>%s</option>", en->names[i], on ? " selected" : "",
                     label);
        }
        html_raw(r, "</select>");
}

static void check_input(struct req *r, const struct grid_view *v, const struct grid_cell *c,
                        const char *attrs)
{
        bool on = c->kind == CELL_TEXT;
        if (shows_typed(v, c->path)) { /* the hidden "" and the box's "1" share the name */
                on = false;
                for (size_t i = 0; i < r->n_form; i++)
                        on |= strcmp(r->form[i].name, c->path) == 0 &&
                              strcmp(r->form[i].value, "1") == 0;
        }
        html(r, "<input type=\"hidden\" name=\"%s\" value=\"\"><input type=\"checkbox\" "
                "name=\"%s\" value=\"1\"%s",
             c->path, c->path, on ? " checked" : "");
        html_raw(r, attrs);
        html_raw(r, ">");
}

/* The widget of an entered cell, by the descriptor of what it edits. */
static void input(struct req *r, const struct grid_view *v, const struct grid_cell *c)
{
        const char *bad = wrong_at(v, c->path);
        enum ftype type = c->field ? c->field->type : FT_STR;
        bool number = type == FT_DEC || type == FT_INT;
        /* the attributes every widget shares: its label, its class, refused or not */
        struct buf a = BUF_INIT;
        const char *label = label_of(r, v, c->path);
        buf_puts(&a, " aria-label=\"");
        html_escape(&a, label, strlen(label));
        buf_printf(&a, "\" class=\"%s%s\"%s", number ? "num" : type == FT_OBJ ? "measure" : "text",
                   bad ? " invalid" : "", bad ? " aria-invalid=\"true\"" : "");
        const char *attrs = arena_strdup(r->arena, buf_str(&a));
        buf_free(&a);
        if (c->prefix && c->kind != CELL_NUMBER)
                html(r, "<span class=\"prefix\">%s</span>", c->prefix);
        if (type == FT_ENUM) {
                select_input(r, v, c, attrs);
        } else if (type == FT_BOOL) {
                check_input(r, v, c, attrs);
        } else if (type == FT_TEXT || (c->flags & CF_LONG)) {
                html(r, "<textarea name=\"%s\" rows=\"2\"", c->path);
                html_raw(r, attrs);
                html(r, ">%s</textarea>", input_value(r, v, c));
        } else {
                html(r, "<input name=\"%s\" value=\"%s\"", c->path, input_value(r, v, c));
                html_raw(r, number ? (type == FT_INT ? " inputmode=\"numeric\""
                                                     : " inputmode=\"decimal\"")
                                   : type == FT_OBJ ? " maxlength=\"200\""
                                                    : " maxlength=\"1000\"");
                html_raw(r, " autocomplete=\"off\" enterkeyhint=\"next\"");
                html_raw(r, attrs);
                html_raw(r, ">");
        }
        if (bad)
                html(r, "<small class=\"field-error\" role=\"alert\">%s</small>", bad);
}

/* ---- cells and rows --------------------------------------------------------------------------- */

/* Draw cell c (of the first column: first); notes (a row's element path,
 * or NULL): the findings about the row go under its content. */
static void cell(struct req *r, const struct grid_view *v, const struct grid *g,
                 const struct grid_cell *c, bool first, const char *notes_of)
{
        const char *tag = c->flags & CF_HEADER ? "th" : "td";
        struct buf cls = BUF_INIT;
        if (first) /* stays in view while a wide table scrolls */
                buf_puts(&cls, " first");
        if (c->kind == CELL_NUMBER || (c->flags & CF_COMPUTED && c->style != NUM_PLAIN))
                buf_puts(&cls, " num");
        if (c->flags & CF_COMPUTED)
                buf_puts(&cls, " computed");
        if (c->flags & CF_BOLD)
                buf_puts(&cls, " strong");
        if (c->flags & CF_CENTER)
                buf_puts(&cls, " center");
        if ((c->flags & CF_INPUT) && v->editable)
                buf_puts(&cls, " input");
        html(r, "<%s", tag);
        if (cls.len)
                html(r, " class=\"%s\"", cls.data + 1);
        if (c->rowspan > 1)
                html(r, " rowspan=\"%u\"", c->rowspan);
        if (c->colspan > 1)
                html(r, " colspan=\"%u\"", c->colspan);
        html_raw(r, ">");
        buf_free(&cls);
        if ((c->flags & CF_INPUT) && v->editable) {
                input(r, v, c);
        } else if (c->flags & CF_COMPUTED) {
                html(r, "<output data-cell=\"%s\">%s</output>", c->key ? c->key : "",
                     grid_cell_shown(r->arena, c));
                if (c->flags & CF_DIFF)
                        html(r, "<small class=\"diff\" data-stated=\"%s\" "
                                "title=\"表中填列的数与计算值不一致\">表列 %s</small>",
                             c->key, c->stated_text);
                else if (c->path && v->editable) /* for the page script, when they come to differ */
                        html(r, "<small class=\"diff\" data-stated=\"%s\" hidden></small>", c->key);
        } else {
                if (c->prefix && c->kind != CELL_NUMBER)
                        html(r, "%s", c->prefix);
                view_lines(r, grid_cell_shown(r->arena, c));
        }
        if (c->note)
                html(r, "<br><small class=\"muted\">%s</small>", c->note);
        if (c->add_path && v->editable)
                html(r,
                     "<br><button type=\"submit\" name=\"op\" value=\"add:%s\" class=\"op add\" "
                     "formnovalidate>%s</button>",
                     c->add_path, c->add_label);
        if (notes_of)
                notes(r, v, g, notes_of);
        html(r, "</%s>", tag);
}

/* The buttons of a row that shows an array element. */
static void row_ops(struct req *r, const struct grid_row *info)
{
        html_raw(r, "<td class=\"ops\">");
        if (info->element)
                html(r,
                     "<button type=\"submit\" name=\"op\" value=\"up:%s\" class=\"op\" title=\"上移\" "
                     "aria-label=\"上移：%s\" formnovalidate tabindex=\"-1\">↑</button>"
                     "<button type=\"submit\" name=\"op\" value=\"down:%s\" class=\"op\" title=\"下移\" "
                     "aria-label=\"下移：%s\" formnovalidate tabindex=\"-1\">↓</button>"
                     "<button type=\"submit\" name=\"op\" value=\"remove:%s\" class=\"op remove\" "
                     "aria-label=\"删除：%s\" data-confirm=\"确认删除“%s”？\" formnovalidate "
                     "tabindex=\"-1\">删除</button>",
                     info->element, info->label, info->element, info->label, info->element,
                     info->label, info->label);
        html_raw(r, "</td>");
}

void html_grid(struct req *r, const struct grid *g, const struct grid_view *v)
{
        bool ops = v->editable;
        html(r, "<div class=\"grid-frame\" role=\"region\" aria-label=\"%s\" tabindex=\"0\">",
             g->title ? g->title : "");
        html(r, "<table class=\"grid%s\"", v->editable ? " edit" : "");
        if (g->key)
                html(r, " data-grid=\"%s\"", g->key);
        html_raw(r, ">");
        if (g->caption)
                html(r, "<caption>%s</caption>", g->caption);
        html_raw(r, "<tbody>");
        for (size_t row = 0; row < g->rows; row++) {
                const struct grid_row *info = &g->row_info[row];
                if (info->element)
                        html(r, "<tr id=\"%s\">", grid_anchor(r, info->element));
                else
                        html_raw(r, "<tr>");
                /* the findings about an element's row go under the first cell
                 * of the row's own (a row may hold none: then after the table) */
                const char *notes_of = v->notes ? info->element : NULL;
                for (size_t col = 0; col < g->cols; col++) {
                        const struct grid_cell *c = grid_at(g, row, col);
                        if (!c->rowspan || !c->colspan)
                                continue;
                        bool own = c->rowspan == 1 && notes_of;
                        cell(r, v, g, c, col == 0, own ? notes_of : NULL);
                        if (own)
                                notes_of = NULL;
                }
                if (ops)
                        row_ops(r, info);
                html_raw(r, "</tr>");
        }
        html_raw(r, "</tbody></table></div>");
        if (v->notes && g->key)
                notes(r, v, g, g->key);
}
