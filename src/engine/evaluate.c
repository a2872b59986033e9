/* Scoring: the budget-execution item, every indicator by its rule, the
 * rescaling of not-applicable points, the totals and the grade; then the
 * checks. See engine.h. */
#include "engine_int.h"

#include "../base/xalloc.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- item positions ------------------------------------------------------------ */

void engine_item_path(const struct table_score *t, size_t i, struct buf *out)
{
        const struct indicator *ind = t->items[i].ind;
        /* a scheme indicator the table lacks is placed at the table's indicators */
        bool found =
            ind ? doc_path_of(t->doc, ind, sizeof *ind, out, NULL)
                : doc_path_of(t->doc, &t->src->indicators, sizeof t->src->indicators, out, NULL);
        if (!found) {
                fprintf(stderr, "jixiao: engine: item %zu of a table is not in its document\n", i);
                abort();
        }
}

const char *item_label(struct evaluation *e, const struct table_score *t, size_t i)
{
        const struct item_score *it = &t->items[i];
        const char *table = table_is_self(t) ? "绩效指标" : "项目绩效指标";
        if (!it->ind)
                return efmt(e, "%s › %s（%s）", table, it->def->name, it->def->code);
        const struct ind_level *l = &t->src->indicators[it->level];
        const struct ind_group *g = &l->groups[it->group];
        /* levels may be unnamed (a table without levels, as seed 003's) */
        bool ln = l->name && *l->name, gn = g->name && *g->name;
        return efmt(e, "%s%s%s%s%s › %s", table, ln ? " › " : "", ln ? l->name : "",
                    gn ? " › " : "", gn ? g->name : "", row_name(it->ind->name));
}

/* ---- execution -------------------------------------------------------------------- */

static void score_execution(const struct scheme *s, struct table_score *t, dec_t weight)
{
        const struct budget_request *b = &t->src->budget;
        t->has_execution = true;
        t->exec_weight = weight;
        t->exec_rate_pct = DEC_NONE;
        t->exec_score = DEC_NONE;
        if (!dec_is_set(b->adjusted) || !dec_is_set(b->executed) ||
            dec_cmp(b->adjusted, DEC_ZERO) <= 0)
                return;
        struct frac rate = {b->executed, b->adjusted};
        t->exec_rate_pct = frac_pct(rate, 2);
        dec_t capped = dec_min(b->executed, b->adjusted);
        t->exec_score = dec_muldiv(weight, capped, b->adjusted, (int)s->places);
}

/* ---- indicators --------------------------------------------------------------------- */

static size_t count_items(const struct score_table *src)
{
        size_t n = 0;
        for (size_t i = 0; i < src->n_indicators; i++)
                for (size_t j = 0; j < src->indicators[i].n_groups; j++)
                        n += src->indicators[i].groups[j].n_items;
        return n;
}

static void keep_eval(struct item_score *it, const struct ind_eval *ev)
{
        it->basis = ev->basis;
        it->applied = ev->applied;
        it->raw = ev->raw;
        it->has_completion = ev->has_completion;
        it->completion_num = ev->completion.num;
        it->completion_den = ev->completion.den;
        it->units = (uint8_t)ev->units;
        it->actual = ev->actual;
        it->target = ev->target;
        it->band_conflict = ev->band_conflict;
}

/* Every indicator of a table that defines its own indicators. The
 * document usually is not in the cache: ask for the next rows early so
 * their loads overlap the work on this one. */
static void score_document_items(struct evaluation *e, struct table_score *t)
{
        const struct score_table *src = t->src;
        size_t k = 0;
        for (size_t i = 0; i < src->n_indicators; i++)
                for (size_t j = 0; j < src->indicators[i].n_groups; j++) {
                        const struct ind_group *g = &src->indicators[i].groups[j];
                        for (size_t m = 0; m < g->n_items; m++) {
                                const struct indicator *ind = &g->items[m];
                                const void *ahead = m + 2 < g->n_items ? &g->items[m + 2]
                                                    : j + 1 < src->indicators[i].n_groups
                                                        ? g[1].items
                                                        : NULL;
                                if (ahead) /* a row spans three cache lines */
                                        for (size_t line = 0; line < sizeof(*ind); line += 64)
                                                __builtin_prefetch((const char *)ahead + line);
                                struct item_score *it = &t->items[k++];
                                it->ind = ind;
                                it->level = (uint16_t)i, it->group = (uint16_t)j,
                                it->item = (uint16_t)m;
                                it->weight = ind->weight;
                                it->stated = ind->score;
                                struct ind_eval ev;
                                indicator_rule(e->scheme, ind, ind->weight, &ev, NULL);
                                keep_eval(it, &ev);
                        }
                }
}

/* The document's row with this code, or NULL; *where gets its position. */
static const struct indicator *find_code(const struct score_table *src, const char *code,
                                         uint16_t where[3])
{
        for (size_t i = 0; i < src->n_indicators; i++)
                for (size_t j = 0; j < src->indicators[i].n_groups; j++)
                        for (size_t m = 0; m < src->indicators[i].groups[j].n_items; m++) {
                                const struct indicator *ind =
                                    &src->indicators[i].groups[j].items[m];
                                if (ind->code && strcmp(ind->code, code) == 0) {
                                        where[0] = (uint16_t)i, where[1] = (uint16_t)j,
                                        where[2] = (uint16_t)m;
                                        return ind;
                                }
                        }
        return NULL;
}

/* Every indicator of a fixed scheme tree, in the scheme's order. */
static void score_scheme_items(struct evaluation *e, struct table_score *t)
{
        const struct scheme *s = e->scheme;
        size_t k = 0;
        for (size_t i = 0; i < s->n_tree; i++)
                for (size_t j = 0; j < s->tree[i].n_groups; j++)
                        for (size_t m = 0; m < s->tree[i].groups[j].n_items; m++) {
                                const struct scheme_item *def = &s->tree[i].groups[j].items[m];
                                struct item_score *it = &t->items[k++];
                                uint16_t where[3] = {0, 0, 0};
                                it->def = def;
                                it->ind = find_code(t->src, def->code, where);
                                it->level = where[0], it->group = where[1], it->item = where[2];
                                it->weight = def->weight;
                                it->applied = APPLIED_SCHEME;
                                it->actual = it->target = DEC_NONE;
                                if (!it->ind) {
                                        it->basis = BASIS_MISSING;
                                        it->raw = DEC_ZERO;
                                        it->stated = DEC_NONE;
                                        continue;
                                }
                                it->stated = it->ind->score;
                                struct rule_in in = {.doc = e->doc, .ind = it->ind};
                                it->raw = rule_apply(&def->rule, &in);
                                if (in.missing) {
                                        it->basis = BASIS_STATED;
                                        it->raw =
                                            dec_is_set(it->stated)
                                                ? dec_max(DEC_ZERO, dec_min(it->stated, it->weight))
                                                : DEC_ZERO;
                                } else {
                                        it->basis = in.evaluator ? BASIS_EVALUATOR : BASIS_RULE;
                                }
                        }
}

static size_t count_scheme_items(const struct scheme *s)
{
        size_t n = 0;
        for (size_t i = 0; i < s->n_tree; i++)
                for (size_t j = 0; j < s->tree[i].n_groups; j++)
                        n += s->tree[i].groups[j].n_items;
        return n;
}

/* Round every score; spread the points of not-applicable indicators over
 * the others in proportion to their weights. */
static void finish_items(const struct scheme *s, struct table_score *t)
{
        dec_t all = DEC_ZERO, applicable = DEC_ZERO;
        for (size_t i = 0; i < t->n_items; i++) {
                const struct item_score *it = &t->items[i];
                if (!dec_is_set(it->weight))
                        continue;
                all = dec_add(all, it->weight);
                if (it->basis != BASIS_NOT_APPLICABLE)
                        applicable = dec_add(applicable, it->weight);
        }
        bool rescale = !dec_eq(all, applicable) && dec_cmp(applicable, DEC_ZERO) > 0;
        dec_t sum = DEC_ZERO;
        for (size_t i = 0; i < t->n_items; i++) {
                struct item_score *it = &t->items[i];
                if (it->basis == BASIS_NOT_APPLICABLE)
                        it->score = DEC_ZERO;
                else if (rescale)
                        it->score = dec_muldiv(it->raw, all, applicable, (int)s->places);
                else
                        it->score = dec_round(it->raw, (int)s->places);
                sum = dec_add(sum, it->score);
        }
        t->weight_total = all;
        t->indicator_score = sum;
}

static void score_table(struct evaluation *e, struct table_score *t, const struct score_table *src,
                        const char *path, bool self)
{
        const struct scheme *s = e->scheme;
        bool fixed = self && s->n_tree > 0;
        t->doc = e->doc;
        t->src = src;
        t->path = path;
        t->has_execution = false;
        t->exec_score = DEC_ZERO;
        if (dec_is_set(s->execution.weight))
                score_execution(s, t, s->execution.weight);
        t->n_items = fixed ? count_scheme_items(s) : count_items(src);
        t->items = arena_alloc(e->arena, (t->n_items ? t->n_items : 1) * sizeof(*t->items));
        if (fixed)
                score_scheme_items(e, t);
        else
                score_document_items(e, t);
        finish_items(s, t);
        dec_t exec = t->has_execution && dec_is_set(t->exec_score) ? t->exec_score : DEC_ZERO;
        t->total = dec_add(exec, t->indicator_score);
        t->grade = scheme_grade(s, t->total);
}

/* ---- entry points ---------------------------------------------------------------- */

/* Errors first, then warnings, then notes; within a severity, in the order
 * the checks met them (the document's order). */
static void sort_findings(struct evaluation *e)
{
        for (size_t i = 1; i < e->n_findings; i++) { /* stable insertion sort; lists are short */
                struct finding f = e->findings[i];
                size_t j = i;
                for (; j > 0 && e->findings[j - 1].severity < f.severity; j--)
                        e->findings[j] = e->findings[j - 1];
                e->findings[j] = f;
        }
}

struct evaluation *engine_evaluate(const struct doc *d, const struct scheme *s)
{
        return engine_evaluate_with(d, s, 0);
}

static atomic_ulong evaluations; /* engine_evaluate_with() calls in this process */

unsigned long engine_evaluate_count(void)
{
        return atomic_load(&evaluations);
}

struct evaluation *engine_evaluate_with(const struct doc *d, const struct scheme *s,
                                        unsigned options)
{
        atomic_fetch_add(&evaluations, 1);
        struct arena *a = arena_new();
        struct evaluation *e = arena_alloc(a, sizeof(*e)); /* zeroed, freed with its arena */
        e->arena = a;
        e->doc = d;
        e->scheme = s;
        e->record_cells = d->n_statements > 0 || (options & ENGINE_RECORD_CELLS);
        if (options & ENGINE_ADOPT)
                e->adopting = (struct doc *)d; /* engine_settle() hands over a mutable document */
        /* the self-evaluation's table members are those of "self_eval" (the
         * descriptors flatten them), so the table's path is d->self's */
        score_table(e, &e->self, &d->self.table, EPATH(e, &d->self), true);
        if (d->n_projects) {
                e->projects = arena_alloc(e->arena, d->n_projects * sizeof(*e->projects));
                e->n_projects = d->n_projects;
                for (size_t i = 0; i < d->n_projects; i++)
                        score_table(e, &e->projects[i], &d->projects[i].table,
                                    EPATH(e, &d->projects[i]), false);
        }
        check_table(e, &e->self, true);
        for (size_t i = 0; i < e->n_projects; i++)
                check_table(e, &e->projects[i], false);
        check_basic(e);
        check_perf(e);
        check_names(e);
        check_statements(e);
        check_sections(e);
        sort_findings(e);
        return e;
}

void engine_free(struct evaluation *e)
{
        if (!e)
                return;
        free(e->findings);
        free(e->cells);
        arena_free(e->arena); /* e itself lives there */
}

void engine_explain(const struct evaluation *e, const struct table_score *t, size_t i,
                    struct buf *out)
{
        const struct item_score *it = &t->items[i];
        size_t start = out->len;
        if (it->basis == BASIS_MISSING) {
                buf_puts(out, "表中没有此指标，按 0 分计");
                return;
        }
        if (it->def) {
                struct buf why = BUF_INIT;
                struct rule_in in = {.doc = e->doc, .ind = it->ind, .why = &why};
                rule_apply(&it->def->rule, &in);
                buf_puts(out, buf_str(&why));
                if (in.missing)
                        buf_printf(out, "；缺少计分数据，沿用表列得分");
                buf_free(&why);
        } else {
                struct ind_eval ev;
                struct buf why = BUF_INIT;
                indicator_rule(e->scheme, it->ind, it->weight, &ev, &why);
                buf_puts(out, buf_str(&why));
                buf_free(&why);
        }
        if (!dec_eq(dec_round(it->raw, (int)e->scheme->places), it->score) &&
            it->basis != BASIS_NOT_APPLICABLE) {
                char a[DEC_BUFSZ];
                buf_printf(out, "；按不适用指标分值折算后为 %s", dec_fmt(it->score, 2, a));
        }
        if (out->len == start)
                buf_puts(out, "—");
}
