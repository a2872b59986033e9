/* Fuzz target: the report writers. Whatever the document parser accepts
 * is evaluated under its scheme and written as DOCX, XLSX and PDF. */
#include "fuzz.h"

#include "../../src/engine/engine.h"
#include "../../src/engine/scheme.h"
#include "../../src/report/export.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_parse((const char *)data, size, &errs);
        const struct scheme *s = d ? scheme_builtin(d->scheme ? d->scheme : "national") : NULL;
        if (s) {
                struct evaluation *e = engine_evaluate(d, s);
                static const enum report_format formats[] = {REPORT_DOCX, REPORT_XLSX, REPORT_PDF};
                for (size_t i = 0; i < 3; i++) {
                        struct buf out = BUF_INIT;
                        report_write(d, e, formats[i], &out, &errs);
                        buf_free(&out);
                }
                engine_free(e);
        }
        doc_free(d);
        diags_free(&errs);
        return 0;
}
