/* Derived figures of the tables for renderers (see derived.h). */
#include "derived.h"
#include "engine_int.h"

static dec_t *column(struct money3 *m, size_t c)
{
        return c == 0 ? &m->prior_final : c == 1 ? &m->budget : &m->final;
}

static dec_t column_of(const struct money3 *m, size_t c)
{
        return c == 0 ? m->prior_final : c == 1 ? m->budget : m->final;
}

/* A level being summed: the running sums and which columns have a part. */
struct level_sum {
        struct money3 sum;
        unsigned bits;
};

static void level_add(struct level_sum *l, const struct money3 *part)
{
        for (size_t c = 0; c < 3; c++) {
                dec_t v = column_of(part, c);
                if (!dec_is_set(v))
                        continue;
                *column(&l->sum, c) = l->bits & 1u << c ? dec_add(column_of(&l->sum, c), v) : v;
                l->bits |= 1u << c;
        }
}

/* The level's row: the sums, or its stated figure in columns without parts. */
static struct money3 level_finish(const struct level_sum *l, const struct money3 *stated,
                                  unsigned *from_parts)
{
        struct money3 m = l->sum;
        for (size_t c = 0; c < 3; c++)
                if (!(l->bits & 1u << c))
                        *column(&m, c) = column_of(stated, c);
        if (from_parts)
                *from_parts = l->bits;
        return m;
}

struct money3 money3_level(const struct money3 *stated, const struct money3 *const *parts, size_t n,
                           unsigned *from_parts)
{
        struct level_sum l = {{DEC_NONE, DEC_NONE, DEC_NONE}, 0};
        for (size_t i = 0; i < n; i++)
                level_add(&l, parts[i]);
        return level_finish(&l, stated, from_parts);
}

void engine_basic_levels(const struct doc *d, struct basic_levels *out)
{
        const struct three_public_costs *t = &d->basic.three_public;
        const struct money3 *vehicle_parts[] = {&t->vehicles.purchase, &t->vehicles.operation};
        out->vehicles = money3_level(&t->vehicles.stated, vehicle_parts, 2, &out->vehicles_parts);
        const struct money3 *tp_parts[] = {&out->vehicles, &t->overseas, &t->reception};
        out->three_public = money3_level(&t->stated, tp_parts, 3, &out->three_public_parts);

        const struct project_spending *p = &d->basic.project_spending;
        struct level_sum special = {{DEC_NONE, DEC_NONE, DEC_NONE}, 0};
        for (size_t i = 0; i < p->special.n_funds; i++)
                level_add(&special, &p->special.funds[i].amounts);
        out->special = level_finish(&special, &p->special.stated, &out->special_parts);
        const struct money3 *ps_parts[] = {&p->business, &p->operation, &out->special};
        out->project_spending = money3_level(&p->stated, ps_parts, 3, &out->project_spending_parts);
}

dec_t engine_rate_pct(dec_t num, dec_t den)
{
        if (!dec_is_set(num) || !dec_is_set(den) || dec_cmp(den, DEC_ZERO) <= 0)
                return DEC_NONE;
        return frac_pct((struct frac){num, den}, 2);
}

struct split_row engine_split_total(const struct split_row *rows, size_t n)
{
        size_t stride = sizeof *rows;
        return (struct split_row){
            .name = NULL,
            .initial = column_sum(rows, n, stride, offsetof(struct split_row, initial), DEC_NONE),
            .adjusted = column_sum(rows, n, stride, offsetof(struct split_row, adjusted), DEC_NONE),
            .executed = column_sum(rows, n, stride, offsetof(struct split_row, executed), DEC_NONE),
            .stated_rate_pct = DEC_NONE,
        };
}

bool engine_figure(const struct doc *d, enum figure_id id, dec_t *num, dec_t *den)
{
        struct frac f;
        if (!figure_value(d, id, &f, NULL))
                return false;
        *num = f.num;
        *den = f.den;
        return true;
}
