/* Reading a self-evaluation document: JSON → struct doc through the
 * descriptor tables, then the cross-field rules of doc_validate(). */
#include "doc_io.h"

#include "../base/file.h"

#include <stdatomic.h>

static atomic_ulong parses; /* documents parsed by this process */

unsigned long doc_parse_count(void)
{
        return atomic_load(&parses);
}

struct doc *doc_parse(const char *text, size_t len, struct diags *errs)
{
        atomic_fetch_add(&parses, 1);
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

bool doc_check(const struct doc *d, struct diags *errs)
{
        size_t before = diags_count(errs);
        if (bind_check(&schema_doc, d, errs))
                doc_validate(d, errs);
        return diags_count(errs) == before;
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
