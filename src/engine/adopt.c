/* The computed figures written back into a document's stated fields (see
 * engine_adopt in engine.h), and the public lookup of computed cells. */
#include "engine_int.h"

#include "../doc/doc_io.h"

#include <string.h>

bool engine_cell(const struct evaluation *e, const char *path, dec_t *value, const char **text)
{
        return cell_lookup(e, path, value, text);
}

static bool ends_with(const char *s, const char *suffix)
{
        size_t n = strlen(s), k = strlen(suffix);
        return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Every stated figure is printed with two decimals (amounts in 万元,
 * rates in percent, scores); grades are texts. */
static void adopt_cell(struct doc *d, const struct cell_value *c)
{
        struct doc_ref ref;
        if ((!dec_is_set(c->value) && !c->text) || !doc_resolve(d, c->path, &ref))
                return;            /* nothing computed: the stated figure is the primary one */
        void *m = (void *)ref.ptr; /* d is ours to change */
        switch (ref.field->type) {
        case FT_DEC:
                *(dec_t *)m = dec_round(c->value, 2);
                break;
        case FT_INT:
                if (dec_eq(dec_round(c->value, 0), c->value))
                        *(int64_t *)m = dec_trunc_int(c->value);
                break;
        case FT_STR:
                if (c->text)
                        *(const char **)m = arena_strdup(d->arena, c->text);
                break;
        default:
                break;
        }
}

void engine_adopt(struct doc *d, const struct evaluation *e)
{
        for (size_t i = 0; i < e->n_cells; i++)
                if (!ends_with(e->cells[i].path, ".score")) /* scores: by their basis, below */
                        adopt_cell(d, &e->cells[i]);
        for (size_t t = 0; t <= e->n_projects; t++) {
                const struct table_score *ts = t ? &e->projects[t - 1] : &e->self;
                for (size_t i = 0; i < ts->n_items; i++) {
                        const struct item_score *it = &ts->items[i];
                        if (it->ind && it->basis == BASIS_RULE)
                                ((struct indicator *)it->ind)->score = it->score;
                }
        }
}

struct evaluation *engine_settle(struct doc *d, const struct scheme *s)
{
        struct evaluation *e = engine_evaluate_with(d, s, ENGINE_RECORD_CELLS);
        engine_adopt(d, e);
        engine_free(e);
        return engine_evaluate_with(d, s, ENGINE_RECORD_CELLS);
}
