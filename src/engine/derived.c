/* Derived figures for renderers (see derived.h): the engine's own
 * figure_value() behind a public name. */
#include "derived.h"

#include "engine_int.h"

bool engine_figure(const struct doc *d, enum figure_id id, dec_t *num, dec_t *den)
{
        struct frac f;
        if (!figure_value(d, id, &f, NULL))
                return false;
        *num = f.num;
        *den = f.den;
        return true;
}
