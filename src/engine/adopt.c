/* The computed figures written into a document's stated fields as it is
 * evaluated (engine_settle in engine.h), and the public lookup of
 * computed cells. */
#include "engine_int.h"

#include "../doc/doc_io.h"

#include <string.h>

bool engine_cell(const struct evaluation *e, const char *path, dec_t *value, const char **text)
{
        return cell_lookup(e, path, value, text);
}

/* Every stated figure is printed with two decimals (amounts in 万元,
 * rates in percent, scores); counts are whole; grades are texts. */
void adopt_value(struct evaluation *e, const char *path, dec_t value, const char *text)
{
        struct doc *d = e->adopting; /* the document being settled is the caller's to change */
        struct doc_ref ref;
        if ((!dec_is_set(value) && !text) || !doc_resolve(d, path, &ref))
                return; /* nothing computed: the stated figure is the primary one */
        void *m = (void *)ref.ptr;
        switch (ref.field->type) {
        case FT_DEC:
                *(dec_t *)m = dec_round(value, 2);
                break;
        case FT_INT:
                if (dec_eq(dec_round(value, 0), value))
                        *(int64_t *)m = dec_trunc_int(value);
                break;
        case FT_STR:
                if (text)
                        *(const char **)m = arena_strdup(d->arena, text);
                break;
        default:
                break;
        }
}

struct evaluation *engine_settle(struct doc *d, const struct scheme *s)
{
        return engine_evaluate_with(d, s, ENGINE_RECORD_CELLS | ENGINE_ADOPT);
}
