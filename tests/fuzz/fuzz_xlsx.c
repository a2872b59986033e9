/* Fuzz target: the XLSX reader (xlsx_read, with every cell looked at),
 * and the import of a workbook as a filled template of a seed document
 * (sheet_import). */
#include "fuzz.h"

#include "../../src/engine/engine.h"
#include "../../src/engine/scheme.h"
#include "../../src/sheet/sheet.h"
#include "../../src/sheet/xlsx_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static struct doc *seed;
        static struct evaluation *eval;
        if (!seed) {
                seed = fuzz_seed_doc("examples/seed-004-suining-2024.json");
                eval =
                    engine_evaluate(seed, scheme_builtin(seed->scheme ? seed->scheme : "national"));
        }
        struct diags errs = DIAGS_INIT;
        enum xlsx_status st;
        struct xlsx_book *b = xlsx_read(data, size, NULL, &st, &errs);
        for (size_t i = 0; b && i < b->n_sheets; i++) {
                const struct xlsx_sheet *s = xlsx_sheet(b, b->sheets[i].name);
                for (uint32_t r = 0; s && r < 40; r++)
                        for (uint32_t c = 0; c < 12; c++)
                                xlsx_cell(s, r, c);
        }
        xlsx_free(b);
        enum sheet_import_status ist;
        doc_free(sheet_import(seed, eval, data, size, &errs, &ist));
        diags_free(&errs);
        return 0;
}
