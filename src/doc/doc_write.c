/* Writing a self-evaluation document as canonical JSON. */
#include "doc_io.h"

void doc_write(const struct doc *d, struct buf *out)
{
        struct jsonw w;
        jw_init(&w, out, true);
        bind_write(&w, &schema_doc, d);
        buf_putc(out, '\n');
}
