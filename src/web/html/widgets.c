/* Widgets of the task edit pages (see edit_form.h). */
#include "widgets.h"

#include "../../doc/doc_schema.h"

#include <string.h>

/* The refused value at path, if any. */
static const struct diag *refused(const struct form_ctx *c, const char *path)
{
        for (size_t i = 0; c->input && i < c->input->n; i++)
                if (strcmp(c->input->items[i].path, path) == 0)
                        return &c->input->items[i];
        return NULL;
}

/* The typed text of path when drawing what the user typed, else NULL. */
static const char *typed(const struct form_ctx *c, const char *path)
{
        return c->typed ? req_param(c->r, path) : NULL;
}

static void field_error(struct form_ctx *c, const struct diag *g)
{
        if (g)
                html(c->r, "<small class=\"field-error\" role=\"alert\">%s</small>", g->msg);
}

/* <input …> with the value shown, marked when refused. */
static void input(struct form_ctx *c, const char *path, const char *shown, const char *attrs)
{
        const struct diag *g = refused(c, path);
        const char *t = typed(c, path);
        if (t)
                shown = t;
        if (!c->editable) {
                html(c->r, "%s", shown);
                return;
        }
        html(c->r, "<input name=\"%s\" value=\"%s\"", path, shown ? shown : "");
        html_raw(c->r, attrs);
        html_raw(c->r, g ? " class=\"invalid\" aria-invalid=\"true\">" : ">");
        field_error(c, g);
}

void fc_dec(struct form_ctx *c, const char *path, dec_t v)
{
        char b[DEC_BUFSZ];
        input(c, path, dec_fmt(v, -1, b),
              " inputmode=\"decimal\" class=\"num\" autocomplete=\"off\"");
}

void fc_int(struct form_ctx *c, const char *path, int64_t v)
{
        char b[32] = "";
        if (v != COUNT_NONE)
                snprintf(b, sizeof b, "%lld", (long long)v);
        input(c, path, b, " inputmode=\"numeric\" class=\"num\" autocomplete=\"off\"");
}

void fc_text(struct form_ctx *c, const char *path, const char *v)
{
        input(c, path, v, " maxlength=\"1000\"");
}

void fc_name(struct form_ctx *c, const char *path, const char *v, const char *placeholder)
{
        const char *attrs = req_printf(c->r, " maxlength=\"1000\" placeholder=\"%s\"", placeholder);
        input(c, path, v, attrs);
}

void fc_measure(struct form_ctx *c, const char *path, const struct measure *m)
{
        char b[DEC_BUFSZ];
        const char *shown = m->text;
        if (!shown)
                shown = req_printf(c->r, "%s%s", dec_fmt(m->value, -1, b),
                                   dec_is_set(m->value) && m->unit ? m->unit : "");
        input(c, path, shown, " maxlength=\"200\" autocomplete=\"off\" class=\"measure\"");
}

void fc_area(struct form_ctx *c, const char *path, const char *v)
{
        const struct diag *g = refused(c, path);
        const char *t = typed(c, path);
        if (t)
                v = t;
        if (!c->editable) {
                html(c->r, "%s", v);
                return;
        }
        html(c->r, "<textarea name=\"%s\" rows=\"2\"%s>%s</textarea>", path,
             g ? " class=\"invalid\" aria-invalid=\"true\"" : "", v ? v : "");
        field_error(c, g);
}

void fc_enum(struct form_ctx *c, const char *path, const struct enum_def *en, int v)
{
        const struct diag *g = refused(c, path);
        const char *t = typed(c, path);
        if (!c->editable) {
                html(c->r, "%s", v ? enum_label(en, v) : "");
                return;
        }
        html(c->r, "<select name=\"%s\"%s><option value=\"\"></option>", path,
             g ? " class=\"invalid\" aria-invalid=\"true\"" : "");
        for (size_t i = 0; i < en->n; i++) {
                bool on = t ? strcmp(t, en->names[i]) == 0 : v == (int)i + 1;
                html(c->r, "<option value=\"%s\"%s>%s</option>", en->names[i],
                     on ? " selected" : "", en->labels ? en->labels[i] : en->names[i]);
        }
        html_raw(c->r, "</select>");
        field_error(c, g);
}

void fc_check(struct form_ctx *c, const char *path, bool v, const char *label)
{
        if (c->typed) { /* the hidden "" and the box's "1" share the name */
                v = false;
                for (size_t i = 0; i < c->r->n_form; i++)
                        v |= strcmp(c->r->form[i].name, path) == 0 &&
                             strcmp(c->r->form[i].value, "1") == 0;
        }
        if (!c->editable) {
                if (v)
                        html(c->r, "%s", label);
                return;
        }
        /* the hidden field sends "" when the box is cleared */
        html(c->r,
             "<input type=\"hidden\" name=\"%s\" value=\"\"><label class=\"check\">"
             "<input type=\"checkbox\" name=\"%s\" value=\"1\"%s> %s</label>",
             path, path, v ? " checked" : "", label);
}

void fc_computed(struct form_ctx *c, const char *path, int places, bool pct)
{
        dec_t v = DEC_NONE;
        const char *text = NULL;
        char b[DEC_BUFSZ];
        engine_cell(c->e, path, &v, &text);
        html(c->r, "<output data-cell=\"%s\">", path);
        if (text)
                html(c->r, "%s", text);
        else if (dec_is_set(v))
                html(c->r, pct ? "%s%%" : "%s", dec_fmt(v, places, b));
        html_raw(c->r, "</output>");
}

void fc_op(struct form_ctx *c, const char *op, const char *path, const char *text,
           const char *title)
{
        if (!c->editable)
                return;
        html(c->r,
             "<button type=\"submit\" name=\"op\" value=\"%s:%s\" class=\"op\" title=\"%s\""
             " formnovalidate>%s</button>",
             op, path, title, text);
}

const char *notes_key(struct req *r, const char *path)
{
        const char *p = path;
        if (strncmp(p, "$.projects[", 11) == 0)
                p = strchr(p, ']') + 1;
        else if (strncmp(p, "$.", 2) == 0)
                p += 2 + strcspn(p + 2, ".[");
        const char *items = strstr(p, ".items[");
        size_t n;
        if (items && strchr(items, ']'))
                n = (size_t)(strchr(items, ']') + 1 - path);
        else if (*p == '.')
                n = (size_t)(p + 1 + strcspn(p + 1, ".[") - path);
        else
                n = (size_t)(p - path);
        return arena_strndup(r->arena, path, n);
}

const char *notes_anchor(struct req *r, const char *key)
{
        char *a = arena_strdup(r->arena, key);
        for (char *p = a; *p; p++)
                if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
                        *p = '-';
        return req_printf(r, "n%s", a);
}

void fc_notes(struct form_ctx *c, const char *key)
{
        struct req *r = c->r;
        html(r, "<div class=\"notes\" id=\"%s\" data-notes=\"%s\">", notes_anchor(r, key), key);
        size_t keylen = strlen(key);
        for (size_t i = 0; c->e && i < c->e->n_findings; i++) {
                const struct finding *f = &c->e->findings[i];
                if (strncmp(f->path, key, keylen) != 0 || strcmp(notes_key(r, f->path), key) != 0)
                        continue;
                html(r, "<p class=\"note %s\"><span class=\"tag %s\">%s</span> %s</p>",
                     severity_name(f->severity), severity_name(f->severity),
                     severity_label(f->severity), f->message);
        }
        html_raw(r, "</div>");
}
