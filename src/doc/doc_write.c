/* struct doc → canonical JSON text, driven by the descriptor tables. */
#include "doc_io.h"

static void write_object(struct jsonw *w, const struct schema *s, const void *p);

static void write_field(struct jsonw *w, const struct field *f, const void *base)
{
        const void *m = field_cptr(f, base);
        switch (f->type) {
        case FT_STR:
        case FT_TEXT:
                jw_str(w, *(const char *const *)m);
                break;
        case FT_DEC:
                jw_dec_string(w, *(const dec_t *)m);
                break;
        case FT_INT:
                jw_int(w, *(const int64_t *)m);
                break;
        case FT_BOOL:
                jw_bool(w, *(const bool *)m);
                break;
        case FT_ENUM:
                jw_str(w, enum_name(f->en, *(const int *)m));
                break;
        case FT_OBJ:
                write_object(w, f->sub, m);
                break;
        case FT_ARR: {
                size_t n = *(const size_t *)((const char *)base + f->count_off);
                const char *items = *(const char *const *)m;
                jw_arr_begin(w);
                for (size_t i = 0; i < n; i++)
                        write_object(w, f->sub, items + i * f->sub->size);
                jw_arr_end(w);
                break;
        }
        case FT_DECS: {
                size_t n = *(const size_t *)((const char *)base + f->count_off);
                const dec_t *items = *(const dec_t *const *)m;
                jw_arr_begin(w);
                for (size_t i = 0; i < n; i++)
                        jw_dec_string(w, items[i]);
                jw_arr_end(w);
                break;
        }
        }
}

static void write_object(struct jsonw *w, const struct schema *s, const void *p)
{
        jw_obj_begin(w);
        for (size_t i = 0; i < s->n_fields; i++) {
                const struct field *f = &s->fields[i];
                if (field_empty(f, p))
                        continue;
                jw_key(w, f->key);
                write_field(w, f, p);
        }
        jw_obj_end(w);
}

void doc_write(const struct doc *d, struct buf *out)
{
        struct jsonw w;
        jw_init(&w, out, true);
        write_object(&w, &schema_doc, d);
        buf_putc(out, '\n');
}
