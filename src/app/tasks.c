/* Self-evaluation tasks (see tasks.h): new documents, reading, to do. */
#include "tasks.h"

#include "../workflow/workflow.h"

#include "../doc/doc_io.h"
#include "../engine/engine.h"

#include "../base/vec.h"

#include <stdlib.h>
#include <string.h>

void task_set_document(struct app *a, const struct doc *d, const struct evaluation *e,
                       struct task *t)
{
        struct buf json = BUF_INIT;
        doc_write(d, &json);
        t->document = arena_strdup(a->arena, buf_str(&json));
        buf_free(&json);
        char total[DEC_BUFSZ];
        t->total = arena_strdup(a->arena, dec_fmt(e->self.total, 2, total));
        t->grade = e->self.grade ? arena_strdup(a->arena, e->self.grade) : NULL;
        t->errors = (int64_t)e->n_errors;
        t->warnings = (int64_t)e->n_warnings;
}

/* The rows of the 按收入性质 and 按支出性质 splits (DOMAIN.md). */
static const char *const income_rows[] = {"一般公共预算", "政府性基金拨款",
                                          "纳入专户管理的非税收入拨款", "其他资金"};
static const char *const expenditure_rows[] = {"基本支出", "项目支出"};

static struct split_row *named_rows(struct arena *a, const char *const *names, size_t n)
{
        struct split_row *rows = arena_alloc(a, n * sizeof(*rows));
        for (size_t i = 0; i < n; i++)
                rows[i] = (struct split_row){names[i], DEC_NONE, DEC_NONE, DEC_NONE, DEC_NONE};
        return rows;
}

static void split_rows(struct doc *d)
{
        struct budget_request *b = &d->self.table.budget;
        b->n_by_income = sizeof income_rows / sizeof *income_rows;
        b->by_income = named_rows(d->arena, income_rows, b->n_by_income);
        b->n_by_expenditure = sizeof expenditure_rows / sizeof *expenditure_rows;
        b->by_expenditure = named_rows(d->arena, expenditure_rows, b->n_by_expenditure);
}

/* The scheme's indicator tree, without scores, as the new table, and the
 * rows of the budget splits. */
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
        } else {
                /* the scheme's usual levels, or one unnamed level and group
                 * for a table listed without levels (seed 003) */
                size_t n = s->n_levels_guide ? s->n_levels_guide : 1;
                t->n_indicators = n;
                t->indicators = arena_alloc(a, n * sizeof(*t->indicators));
                for (size_t i = 0; i < n; i++) {
                        const struct level_guide *lg =
                            s->n_levels_guide ? &s->levels_guide[i] : NULL;
                        struct ind_level *l = &t->indicators[i];
                        l->name = lg ? lg->name : NULL;
                        l->stated_weight = l->stated_score = DEC_NONE;
                        l->n_groups = lg && lg->n_groups ? lg->n_groups : 1;
                        l->groups = arena_alloc(a, l->n_groups * sizeof(*l->groups));
                        for (size_t j = 0; j < l->n_groups; j++)
                                l->groups[j] = (struct ind_group){
                                    lg && lg->n_groups ? lg->groups[j].name : NULL, DEC_NONE,
                                    DEC_NONE, NULL, 0};
                }
        }
        split_rows(d);
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

bool task_new_document(struct app *a, const struct scheme *s, const struct unit *u, int64_t year,
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
                if (store_unit_by_code(a->db, a->arena, code, &parent) == STORE_OK) {
                        d->unit.supervisor.code = arena_strdup(d->arena, parent.code);
                        d->unit.supervisor.name = arena_strdup(d->arena, parent.name);
                }
        }
        d->fiscal_year = year;
        d->scheme = arena_strdup(d->arena, s->name);
        struct evaluation *e = engine_evaluate(d, s);
        task_set_document(a, d, e, t);
        engine_free(e);
        doc_free(d);
        return true;
}

/* ---- to do ------------------------------------------------------------------------- */

bool todo_list(struct app *a, struct task **out, size_t *n)
{
        const struct user *u = a->actor;
        struct vec v = VEC_INIT(struct task);
        for (int s = WF_DRAFT; s < WF_DONE; s++) {
                struct task_filter f = {0, wf_status_name((enum wf_status)s)};
                struct task *tasks;
                size_t k;
                if (store_tasks(a->db, a->arena, &a->scope, &f, &tasks, &k) != STORE_OK) {
                        vec_finish(&v, a->arena, n);
                        return false;
                }
                for (size_t i = 0; i < k; i++)
                        if (wf_holds(u, &tasks[i]))
                                *(struct task *)vec_push(&v) = tasks[i];
        }
        *out = vec_finish(&v, a->arena, n);
        return true;
}

/* ---- reading a task the actor may see ------------------------------------------ */

static const char not_found[] = "自评任务不存在或无权查看";

/* what, followed by the first diagnostic in brackets, in the arena. */
static const char *problem(struct app *a, const char *what, const struct diags *errs)
{
        if (!errs->n)
                return what;
        char *line = diag_line(&errs->items[0]);
        const char *s = app_printf(a, "%s（%s）", what, line);
        free(line);
        return s;
}

bool task_open(struct app *a, int64_t id, enum task_depth depth, struct task_view *tv,
               struct outcome *out)
{
        memset(tv, 0, sizeof(*tv));
        enum store_rc rc = id > 0 ? store_task_get(a->db, a->arena, id, depth == TASK_DOCUMENT,
                                                   &tv->task)
                                  : STORE_NOT_FOUND;
        if (rc == STORE_ERROR)
                return app_fail(out, APP_UNAVAILABLE, NULL, "读取自评任务失败，请稍后重试");
        if (rc != STORE_OK || !scope_has_unit(a->db, &a->scope, tv->task.unit_id))
                return app_fail(out, APP_NOT_FOUND, NULL, not_found);
        return depth != TASK_EVALUATED || task_view_evaluate(a, tv, out);
}

struct loaded *task_load(struct app *a, struct task *t, unsigned flags, struct outcome *out)
{
        struct loaded *l = loaded_cached(t->id, t->version);
        if (l)
                return l;
        if (!t->document &&
            store_task_version(a->db, a->arena, t->id, t->version, &t->document) != STORE_OK) {
                app_fail(out, APP_UNAVAILABLE, NULL, "读取自评任务失败，请稍后重试");
                return NULL;
        }
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_parse(t->document, strlen(t->document), &errs);
        if (d) /* computed cells recorded: the tables show the engine's stated figures */
                l = loaded_adopt(d, NULL, NULL, NULL, flags | LOAD_RECORD_CELLS, &errs);
        if (!l)
                app_fail(out, APP_FAILED, NULL,
                         d ? problem(a, "自评文档的评分方案无法载入，无法计算得分，请联系系统管理员",
                                   &errs)
                           : problem(a, "自评文档无法读取，数据可能已损坏，请联系系统管理员",
                                     &errs));
        diags_free(&errs);
        if (l)
                loaded_remember(l, t->id, t->version);
        return l;
}

struct loaded *task_loaded(struct app *a, const struct task *t)
{
        struct task copy = *t;
        struct outcome ignored = {0};
        return task_load(a, &copy, 0, &ignored);
}

bool task_view_evaluate(struct app *a, struct task_view *tv, struct outcome *out)
{
        struct loaded *l = task_load(a, &tv->task, 0, out);
        if (!l)
                return false;
        tv->loaded = l;
        tv->doc = l->doc;
        tv->scheme = l->scheme;
        tv->eval = l->eval;
        return true;
}

void task_view_free(struct task_view *tv)
{
        loaded_release(tv->loaded);
        tv->loaded = NULL;
        tv->doc = NULL;
        tv->scheme = NULL;
        tv->eval = NULL;
}
