/* Reading a self-evaluation document: JSON → struct doc through the
 * descriptor tables, then the cross-field rules of doc_validate(). */
#include "doc_io.h"

#include "../base/file.h"

struct doc *doc_parse(const char *text, size_t len, struct diags *errs)
{
        struct doc *d = doc_new();
        size_t before = diags_count(errs);
        if (bind_json(text, len, &schema_doc, d, d->arena, errs))
                doc_validate(d, errs);
        doc_note_sections(d);
        if (diags_count(errs) != before) {
                doc_free(d);
                return NULL;
        }
        return d;
}

struct doc *doc_load_file(const char *path, struct diags *errs)
{
        struct buf text = BUF_INIT;
        struct doc *d = NULL;
        if (file_read(path, DOC_MAX_FILE, &text, errs))
                d = doc_parse(buf_str(&text), text.len, errs);
        buf_free(&text);
        return d;
}
