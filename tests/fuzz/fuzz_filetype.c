/* Fuzz target: the upload check by content (filetype_detect): magic
 * numbers, OOXML packages with their content types and relationships,
 * and OLE2 compound files. The input's first byte picks the name's
 * extension, the rest is the file. */
#include "fuzz.h"

#include "../../src/app/filetype.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static const char *const names[] = {"a.pdf", "a.docx", "a.xlsx", "a.doc",
                                            "a.xls", "a.png",  "a.jpg",  "a.txt"};
        if (!size)
                return 0;
        const char *name = names[data[0] % 8];
        struct arena *a = arena_new();
        const char *why = NULL;
        const struct filetype *t = filetype_detect(a, name, data + 1, size - 1, &why);
        if (!t && !why)
                abort(); /* refused without saying why */
        arena_free(a);
        return 0;
}
