/* Units of indicator values: money units convert into each other, percent
 * is percent, any other unit must be written the same on both sides. */
#include "engine_int.h"

#include <string.h>

struct money_unit_def {
        const char *name;
        int64_t wan_units; /* value of one unit in 万元, as wan_units / 10^wan_places */
        int wan_places;
};

static const struct money_unit_def money_units[] = {
    {"元", 1, 4},       {"千元", 1, 1},     {"万元", 1, 0},
    {"百万元", 100, 0}, {"亿元", 10000, 0}, {"万亿元", 100000000, 0},
};

static const struct money_unit_def *money(const char *u)
{
        for (size_t i = 0; i < sizeof money_units / sizeof money_units[0]; i++)
                if (strcmp(u, money_units[i].name) == 0)
                        return &money_units[i];
        return NULL;
}

static bool percent(const char *u)
{
        return strcmp(u, "%") == 0 || strcmp(u, "％") == 0 || strcmp(u, "百分比") == 0;
}

bool unit_malformed(const char *unit)
{
        return unit && strpbrk(unit, "0123456789") != NULL;
}

enum unit_check unit_convert(const char *from, const char *to, dec_t value, dec_t *out)
{
        *out = value;
        if (from == to || !from || !to || !*from || !*to || strcmp(from, to) == 0)
                return UNIT_SAME; /* usually one pointer: the indicator's own unit */
        const struct money_unit_def *mf = money(from), *mt = money(to);
        if (mf && mt) {
                *out = dec_muldiv(value, dec_make(mf->wan_units, mf->wan_places),
                                  dec_make(mt->wan_units, mt->wan_places), DEC_DIGITS);
                return UNIT_CONVERTED;
        }
        if (percent(from) && percent(to))
                return UNIT_SAME;
        return UNIT_INCOMPATIBLE;
}
