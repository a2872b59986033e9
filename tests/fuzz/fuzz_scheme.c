/* Fuzz target: the scoring scheme loader (scheme_parse), and a seed
 * document evaluated under whatever scheme it accepts. */
#include "fuzz.h"

#include "../../src/engine/engine.h"
#include "../../src/engine/scheme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static struct doc *seed;
        if (!seed)
                seed = fuzz_seed_doc("examples/seed-001-shenzhen-2024.json");
        struct diags errs = DIAGS_INIT;
        struct scheme *s = scheme_parse((const char *)data, size, &errs);
        if (s) {
                scheme_grade(s, DEC_ZERO);
                engine_free(engine_evaluate(seed, s));
                scheme_free(s);
        }
        diags_free(&errs);
        return 0;
}
