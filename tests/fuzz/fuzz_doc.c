/* Fuzz target: the document parser (doc_parse) and validation; whatever
 * it accepts must write back (doc_write) to a text that parses again to
 * an equal document. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_parse((const char *)data, size, &errs);
        if (d) {
                doc_validate(d, &errs);
                struct buf out = BUF_INIT;
                doc_write(d, &out);
                struct diags again_errs = DIAGS_INIT;
                struct doc *again = doc_parse(out.data, out.len, &again_errs);
                if (!again || !doc_equal(d, again))
                        abort(); /* the round trip lost or changed something */
                doc_free(again);
                diags_free(&again_errs);
                buf_free(&out);
                doc_free(d);
        }
        diags_free(&errs);
        return 0;
}
