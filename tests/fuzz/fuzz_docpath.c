/* Fuzz target: resolving document paths ("$.self_eval.indicators[0]…")
 * and the changes made through them. The input's first line is a path,
 * the rest a value typed for it: the path is located and resolved in a
 * seed document, then the value assigned and rows appended, moved and
 * removed there, and the changed document must still write and parse. */
#include "fuzz.h"

#include "../../src/doc/doc_edit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static struct doc *seed;
        static struct buf seed_json = BUF_INIT;
        if (!seed) {
                seed = fuzz_seed_doc("examples/seed-003-urumqi-2023.json");
                doc_write(seed, &seed_json);
        }
        char *in = fuzz_string(data, size);
        char *nl = strchr(in, '\n');
        const char *value = "";
        if (nl) {
                *nl = '\0';
                value = nl + 1;
        }
        struct doc_loc loc;
        struct buf label = BUF_INIT;
        doc_locate(seed, in, &loc, &label);
        struct doc_ref ref;
        doc_resolve(seed, in, &ref);
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_parse(seed_json.data, seed_json.len, &errs);
        doc_assign(d, in, value, &errs);
        doc_array_append(d, in, &errs);
        doc_array_move(d, in, -1, &errs);
        doc_array_move(d, in, +1, &errs);
        doc_array_remove(d, in, &errs);
        struct doc_change *ch;
        struct arena *a = arena_new();
        doc_diff(seed, d, a, &ch);
        struct buf out = BUF_INIT;
        doc_write(d, &out);
        struct diags again = DIAGS_INIT;
        struct doc *back = doc_parse(out.data, out.len, &again);
        if (!back && !errs.n)
                abort(); /* a change accepted without complaint made a document that does not read
                          */
        doc_free(back);
        diags_free(&again);
        buf_free(&out);
        arena_free(a);
        doc_free(d);
        diags_free(&errs);
        buf_free(&label);
        free(in);
        return 0;
}
