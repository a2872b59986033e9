/* Self-evaluation tasks (see tasks.h). */
#include "tasks.h"

#include "../doc/doc_io.h"
#include "../engine/engine.h"

#include <string.h>

static const char *const status_labels[][2] = {
    {"draft", "经办岗填报中"},
    {"unit_review", "待本单位审核"},
    {"supervisor_review", "待主管部门审核"},
    {"finance_review", "待财政绩效经办审核"},
    {"done", "已完成"},
};

const char *task_status_label(const char *status)
{
        for (size_t i = 0; i < sizeof status_labels / sizeof status_labels[0]; i++)
                if (strcmp(status, status_labels[i][0]) == 0)
                        return status_labels[i][1];
        return status;
}

void task_set_document(struct req *r, const struct doc *d, const struct scheme *s, struct task *t)
{
        struct buf json = BUF_INIT;
        doc_write(d, &json);
        t->document = arena_strdup(r->arena, buf_str(&json));
        buf_free(&json);
        struct evaluation *e = engine_evaluate(d, s);
        char total[DEC_BUFSZ];
        t->total = arena_strdup(r->arena, dec_fmt(e->self.total, 2, total));
        t->grade = e->self.grade ? arena_strdup(r->arena, e->self.grade) : NULL;
        t->errors = (int64_t)e->n_errors;
        t->warnings = (int64_t)e->n_warnings;
        engine_free(e);
}

/* The scheme's indicator tree, without scores, as the new table. */
static void skeleton(struct doc *d, const struct scheme *s)
{
        struct arena *a = d->arena;
        struct score_table *t = &d->self.table;
        if (s->n_tree) {
                t->n_indicators = s->n_tree;
                t->indicators = arena_alloc(a, s->n_tree * sizeof(*t->indicators));
                for (size_t i = 0; i < s->n_tree; i++) {
                        const struct scheme_level *sl = &s->tree[i];
                        struct ind_level *l = &t->indicators[i];
                        l->name = sl->name;
                        l->stated_weight = sl->weight;
                        l->stated_score = DEC_NONE;
                        l->n_groups = sl->n_groups;
                        l->groups = arena_alloc(a, sl->n_groups * sizeof(*l->groups));
                        for (size_t j = 0; j < sl->n_groups; j++) {
                                const struct scheme_group *sg = &sl->groups[j];
                                struct ind_group *g = &l->groups[j];
                                g->name = sg->name;
                                g->stated_weight = sg->weight;
                                g->stated_score = DEC_NONE;
                                g->n_items = sg->n_items;
                                g->items = arena_alloc(a, sg->n_items * sizeof(*g->items));
                                for (size_t k = 0; k < sg->n_items; k++) {
                                        struct indicator *ind = &g->items[k];
                                        schema_init(&schema_indicator, ind);
                                        ind->code = sg->items[k].code;
                                        ind->name = sg->items[k].name;
                                        ind->weight = sg->items[k].weight;
                                }
                        }
                }
        } else if (s->n_levels_guide) {
                t->n_indicators = s->n_levels_guide;
                t->indicators = arena_alloc(a, s->n_levels_guide * sizeof(*t->indicators));
                for (size_t i = 0; i < s->n_levels_guide; i++) {
                        t->indicators[i].name = s->levels_guide[i].name;
                        t->indicators[i].stated_weight = s->levels_guide[i].weight;
                        t->indicators[i].stated_score = DEC_NONE;
                }
        }
        if (dec_is_set(s->execution.weight))
                t->budget.weight = s->execution.weight;
}

/* Keep only what a declaration declares: goals, indicators (targets and
 * weights, no results) and the 年初预算数. */
static void keep_declared(struct doc *d)
{
        struct doc *fresh = doc_new();
        struct score_table *from = &d->self.table, *to = &fresh->self.table;
        to->goal.declared = from->goal.declared;
        to->indicators = from->indicators;
        to->n_indicators = from->n_indicators;
        to->budget.initial = from->budget.initial;
        to->budget.unit = from->budget.unit;
        to->budget.weight = from->budget.weight;
        for (size_t i = 0; i < to->n_indicators; i++)
                for (size_t j = 0; j < to->indicators[i].n_groups; j++)
                        for (size_t k = 0; k < to->indicators[i].groups[j].n_items; k++) {
                                struct indicator *ind = &to->indicators[i].groups[j].items[k];
                                ind->actual = (struct measure){DEC_NONE, NULL, NULL};
                                ind->midyear = (struct measure){DEC_NONE, NULL, NULL};
                                ind->score = DEC_NONE;
                                ind->band = BAND_UNSET;
                                ind->deviation = ind->improvement = NULL;
                                ind->stated_completion_pct = DEC_NONE;
                        }
        d->self = fresh->self;
        schema_init(schema_field(&schema_doc, "basic_data")->sub, &d->basic);
        schema_init(schema_field(&schema_doc, "performance_data")->sub, &d->perf);
        schema_init(schema_field(&schema_doc, "narrative")->sub, &d->narrative);
        doc_note_sections(d);
        d->n_statements = d->n_attachments = 0;
        for (size_t p = 0; p < d->n_projects; p++) {
                struct score_table *pt = &d->projects[p].table;
                pt->stated_total = DEC_NONE;
                pt->stated_grade = NULL;
                pt->budget.executed = pt->budget.stated_score = pt->budget.stated_rate_pct =
                    DEC_NONE;
        }
        doc_free(fresh); /* the kept parts live in d's arena */
}

bool task_new_document(struct req *r, const struct scheme *s, const struct unit *u, int64_t year,
                       const char *declared, struct task *t)
{
        struct doc *d;
        if (declared) {
                struct diags errs = DIAGS_INIT;
                d = doc_parse(declared, strlen(declared), &errs);
                diags_free(&errs);
                if (!d)
                        return false;
                keep_declared(d);
        } else {
                d = doc_new();
                d->format = DOC_FORMAT_NAME;
                d->version = DOC_FORMAT_VERSION;
                skeleton(d, s);
        }
        d->unit.code = arena_strdup(d->arena, u->code);
        d->unit.name = arena_strdup(d->arena, u->name);
        d->unit.supervisor = (struct unit_ref){NULL, NULL};
        if (!unit_is_supervising(u->code)) {
                char code[7];
                memcpy(code, u->code, 3);
                memcpy(code + 3, "001", 4);
                struct unit parent;
                if (store_unit_by_code(r->db, r->arena, code, &parent) == STORE_OK) {
                        d->unit.supervisor.code = arena_strdup(d->arena, parent.code);
                        d->unit.supervisor.name = arena_strdup(d->arena, parent.name);
                }
        }
        d->fiscal_year = year;
        d->scheme = arena_strdup(d->arena, s->name);
        task_set_document(r, d, s, t);
        doc_free(d);
        return true;
}
