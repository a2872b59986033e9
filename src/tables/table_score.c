/* The 部门整体支出绩效自评表 and each 项目支出绩效自评表 as grids, laid out
 * like seed 004's 附件1-2 (with seed 002's 年度主要任务 and seed 003's
 * 年中监控值 where the document has them):
 *
 *   单位名称 / 项目名称
 *   年度预算申请   年初预算数 全年预算数（A） 全年执行数（B） 分值 执行率 得分
 *                  年度资金总额, 按收入性质分 (合计 and rows), 按支出性质分
 *   年度总体目标   年初目标设定 | 全年实际完成情况
 *   年度主要任务   (self-evaluation only, when the document has tasks)
 *   绩效指标       一级 二级 三级 年度指标值 [年中监控值] 实际完成值
 *                  [评分要点得分] 分值 得分 计算得分 偏差原因分析 [改进措施]
 *   总分, 评价等级
 *
 * 执行率, the execution score, split totals, 计算得分, 总分 and 等级 come
 * from the evaluation; 得分 is the unit's own score (entered). */
#include "tables_int.h"

#include "../base/buf.h"
#include "../doc/doc_io.h"
#include "../engine/derived.h"

#include <assert.h>
#include <inttypes.h>
#include <stdint.h>

#define NONE SIZE_MAX

/* Column positions of one table; optional columns are NONE when absent. */
struct cols {
        size_t level, group, name, target, midyear, actual, criteria, weight, score, computed,
            deviation, improvement, n;
        size_t label_end; /* last column of the row labels of the upper blocks */
        size_t value;     /* first of the six value columns of the upper blocks */
};

struct ctx {
        struct tb t;
        const struct score_table *st;
        const struct table_score *ts;
        const char *path; /* $.self_eval or $.projects[i] */
        int places;       /* of computed scores */
        struct cols c;
        const struct item_score **by_pos; /* the evaluation's item of each row, in document order */
};

static bool measure_set(const struct measure *m)
{
        return m->text || dec_is_set(m->value);
}

static struct cols layout(const struct score_table *st)
{
        bool midyear = false, criteria = false, improvement = false;
        for (size_t i = 0; i < st->n_indicators; i++)
                for (size_t j = 0; j < st->indicators[i].n_groups; j++)
                        for (size_t k = 0; k < st->indicators[i].groups[j].n_items; k++) {
                                const struct indicator *ind = &st->indicators[i].groups[j].items[k];
                                midyear |= measure_set(&ind->midyear);
                                criteria |= ind->n_criteria > 0;
                                improvement |= ind->improvement != NULL;
                        }
        struct cols c;
        size_t n = 1; /* column 0: the block names */
        c.level = n++;
        c.group = n++;
        c.name = n++;
        c.target = n++;
        c.midyear = midyear ? n++ : NONE;
        c.actual = n++;
        c.criteria = criteria ? n++ : NONE;
        c.weight = n++;
        c.score = n++;
        c.computed = n++;
        c.deviation = n++;
        c.improvement = improvement ? n++ : NONE;
        c.n = n;
        c.value = n - 6;
        c.label_end = c.value - 1;
        return c;
}

static void widths(struct grid *g, const struct cols *c)
{
        g->widths[0] = 4;
        g->widths[c->level] = 7;
        g->widths[c->group] = 7;
        g->widths[c->name] = 10;
        g->widths[c->target] = 7;
        if (c->midyear != NONE)
                g->widths[c->midyear] = 7;
        g->widths[c->actual] = 7;
        if (c->criteria != NONE)
                g->widths[c->criteria] = 8;
        g->widths[c->weight] = 5;
        g->widths[c->score] = 5;
        g->widths[c->computed] = 6;
        g->widths[c->deviation] = 14;
        if (c->improvement != NONE)
                g->widths[c->improvement] = 14;
}

/* Rows of the indicator tree of level l: one per item, at least one per
 * group and one per level. */
static size_t level_rows(const struct ind_level *l)
{
        size_t n = 0;
        for (size_t j = 0; j < l->n_groups; j++)
                n += l->groups[j].n_items ? l->groups[j].n_items : 1;
        return n ? n : 1;
}

static size_t indicator_rows(const struct score_table *st)
{
        size_t n = 0;
        for (size_t i = 0; i < st->n_indicators; i++)
                n += level_rows(&st->indicators[i]);
        return n ? n : 1;
}

static size_t budget_rows(const struct budget_request *b)
{
        return 2 + (b->n_by_income ? b->n_by_income + 1 : 0) +
               (b->n_by_expenditure ? b->n_by_expenditure + 1 : 0);
}

/* ---- 年度预算申请 ---------------------------------------------------------------------------- */

static void money_in(struct ctx *x, size_t r, size_t c, dec_t v, const char *path, const char *key)
{
        tb_in_dec(&x->t, r, c, v, 2, NUM_MONEY, "%s.%s", path, key);
}

/* The rows of one split: a 合计 row of computed sums, then each entered row. */
static size_t split_block(struct ctx *x, size_t r, const char *title, const struct split_row *rows,
                          size_t n, const char *key)
{
        struct tb *t = &x->t;
        const struct cols *c = &x->c;
        const char *bp = tb_fmt(t, "%s.budget", x->path);
        tb_span(t, r, c->level, (unsigned)(n + 1), 1, title, CF_HEADER | CF_WRAP);
        struct split_row sum = engine_split_total(rows, n);
        tb_span(t, r, c->level + 1, 1, (unsigned)(c->label_end - c->level), "合计", CF_BOLD);
        tb_out_dec(t, r, c->value, sum.initial, 2, NUM_MONEY)->flags |= CF_BOLD;
        tb_out_dec(t, r, c->value + 1, sum.adjusted, 2, NUM_MONEY)->flags |= CF_BOLD;
        tb_out_dec(t, r, c->value + 2, sum.executed, 2, NUM_MONEY)->flags |= CF_BOLD;
        tb_out_dec(t, r, c->value + 4, engine_rate_pct(sum.executed, sum.adjusted), 2, NUM_PERCENT);
        r++;
        for (size_t i = 0; i < n; i++, r++) {
                const char *p = tb_fmt(t, "%s.%s[%zu]", bp, key, i);
                tb_wide(t, r, c->level + 1, (unsigned)(c->label_end - c->level));
                tb_in_text(t, r, c->level + 1, rows[i].name, 0, "%s.name", p);
                money_in(x, r, c->value, rows[i].initial, p, "initial");
                money_in(x, r, c->value + 1, rows[i].adjusted, p, "adjusted");
                money_in(x, r, c->value + 2, rows[i].executed, p, "executed");
                tb_out_dec(t, r, c->value + 4, engine_rate_pct(rows[i].executed, rows[i].adjusted),
                           2, NUM_PERCENT);
        }
        return r;
}

static size_t budget_block(struct ctx *x, size_t r)
{
        struct tb *t = &x->t;
        const struct cols *c = &x->c;
        const struct budget_request *b = &x->st->budget;
        const char *bp = tb_fmt(t, "%s.budget", x->path);
        tb_span(t, r, 0, (unsigned)budget_rows(b), 1,
                tb_fmt(t, "年度预算申请（%s）", tables_unit_name(b->unit)), CF_HEADER | CF_WRAP);
        tb_span(t, r, c->level, 1, (unsigned)(c->label_end - c->level + 1), NULL, CF_HEADER);
        static const char *const heads[] = {"年初预算数", "全年预算数（A）", "全年执行数（B）",
                                            "分值",       "执行率（B/A）",   "得分"};
        for (size_t i = 0; i < 6; i++)
                tb_label(t, r, c->value + i, heads[i], CF_HEADER | CF_WRAP);
        r++;
        tb_span(t, r, c->level, 1, (unsigned)(c->label_end - c->level + 1), "年度资金总额",
                CF_BOLD);
        money_in(x, r, c->value, b->initial, bp, "initial");
        money_in(x, r, c->value + 1, b->adjusted, bp, "adjusted");
        money_in(x, r, c->value + 2, b->executed, bp, "executed");
        tb_in_dec(t, r, c->value + 3, b->weight, 2, NUM_SCORE, "%s.weight", bp);
        const struct table_score *ts = x->ts;
        tb_out_dec(t, r, c->value + 4, ts->has_execution ? ts->exec_rate_pct : DEC_NONE, 2,
                   NUM_PERCENT);
        tb_out_dec(t, r, c->value + 5, ts->has_execution ? ts->exec_score : DEC_NONE, x->places,
                   NUM_SCORE)
            ->flags |= CF_BOLD;
        r++;
        if (b->n_by_income)
                r = split_block(x, r, "按收入性质分", b->by_income, b->n_by_income, "by_income");
        if (b->n_by_expenditure)
                r = split_block(x, r, "按支出性质分", b->by_expenditure, b->n_by_expenditure,
                                "by_expenditure");
        return r;
}

/* ---- 年度总体目标, 年度主要任务 -------------------------------------------------------------- */

static size_t goal_block(struct ctx *x, size_t r)
{
        struct tb *t = &x->t;
        const struct cols *c = &x->c;
        unsigned left = (unsigned)(c->label_end - c->level + 1);
        unsigned right = (unsigned)(c->n - c->value);
        tb_span(t, r, 0, 2, 1, "年度总体目标", CF_HEADER | CF_WRAP);
        tb_span(t, r, c->level, 1, left, "年初目标设定", CF_HEADER);
        tb_span(t, r, c->value, 1, right, "全年实际完成情况", CF_HEADER);
        r++;
        tb_wide(t, r, c->level, left);
        tb_in_text(t, r, c->level, x->st->goal.declared, CF_WRAP, "%s.goal.declared", x->path);
        tb_wide(t, r, c->value, right);
        tb_in_text(t, r, c->value, x->st->goal.achieved, CF_WRAP, "%s.goal.achieved", x->path);
        return r + 1;
}

static size_t tasks_block(struct ctx *x, size_t r, const struct self_eval *s)
{
        struct tb *t = &x->t;
        const struct cols *c = &x->c;
        unsigned content = (unsigned)(c->label_end - c->level);
        tb_span(t, r, 0, (unsigned)(s->n_main_tasks + 1), 1,
                tb_fmt(t, "年度主要任务（%s）", tables_unit_name(x->st->budget.unit)),
                CF_HEADER | CF_WRAP);
        tb_label(t, r, c->level, "任务名称", CF_HEADER);
        tb_span(t, r, c->level + 1, 1, content, "主要内容", CF_HEADER);
        static const char *const heads[] = {"预算资金",       "其中：财政资金", "预算执行数",
                                            "其中：财政资金", "预算执行率",     "任务完成情况"};
        for (size_t i = 0; i < 6; i++)
                tb_label(t, r, c->value + i, heads[i], CF_HEADER | CF_WRAP);
        r++;
        for (size_t i = 0; i < s->n_main_tasks; i++, r++) {
                const struct main_task *m = &s->main_tasks[i];
                const char *p = tb_fmt(t, "$.self_eval.main_tasks[%zu]", i);
                tb_in_text(t, r, c->level, m->name, CF_WRAP, "%s.name", p);
                tb_wide(t, r, c->level + 1, content);
                tb_in_text(t, r, c->level + 1, m->content, CF_WRAP, "%s.content", p);
                money_in(x, r, c->value, m->budget, p, "budget");
                money_in(x, r, c->value + 1, m->budget_fiscal, p, "budget_fiscal");
                money_in(x, r, c->value + 2, m->executed, p, "executed");
                money_in(x, r, c->value + 3, m->executed_fiscal, p, "executed_fiscal");
                tb_out_dec(t, r, c->value + 4, engine_rate_pct(m->executed, m->budget), 2,
                           NUM_PERCENT);
                tb_in_text(t, r, c->value + 5, m->completion, CF_WRAP, "%s.completion", p);
        }
        return r;
}

/* ---- 绩效指标 -------------------------------------------------------------------------------- */

/* A target, mid-year or actual value: a number with its comparator and
 * unit around it, or a text (达标). A blank one is a number cell unless
 * the indicator is qualitative or its target is a text. */
static void measure_cell(struct ctx *x, size_t r, size_t col, const struct indicator *ind,
                         const struct measure *m, enum cmp_op op, const char *path)
{
        struct tb *t = &x->t;
        bool text = m->text || (!dec_is_set(m->value) &&
                                (ind->kind == KIND_QUAL || ind->target.m.text != NULL));
        if (text) {
                tb_in_text(t, r, col, m->text, CF_WRAP, "%s.text", path);
                return;
        }
        int places = dec_is_set(m->value) ? dec_places(m->value) : 2;
        struct grid_cell *cell =
            tb_in_dec(t, r, col, m->value, places, NUM_PLAIN, "%s.value", path);
        const char *unit = m->unit ? m->unit : ind->unit;
        grid_affix(t->a, cell, op ? enum_label(&enum_cmp_op, (int)op) : NULL, unit);
}

static const char *criteria_text(struct ctx *x, const struct indicator *ind)
{
        struct buf b = BUF_INIT;
        char tmp[DEC_BUFSZ];
        for (size_t i = 0; i < ind->n_criteria; i++)
                buf_printf(&b, "%s%s", i ? "+" : "", dec_fmt(ind->criteria[i], -1, tmp));
        const char *s = arena_strdup(x->t.a, buf_str(&b));
        buf_free(&b);
        return s;
}

static void item_row(struct ctx *x, size_t r, size_t i, size_t j, size_t k,
                     const struct item_score *it)
{
        struct tb *t = &x->t;
        const struct cols *c = &x->c;
        const struct indicator *ind = &x->st->indicators[i].groups[j].items[k];
        const char *p = tb_fmt(t, "%s.indicators[%zu].groups[%zu].items[%zu]", x->path, i, j, k);
        tb_in_text(t, r, c->name, ind->name, CF_WRAP, "%s.name", p);
        measure_cell(x, r, c->target, ind, &ind->target.m, ind->target.op,
                     tb_fmt(t, "%s.target", p));
        if (c->midyear != NONE)
                measure_cell(x, r, c->midyear, ind, &ind->midyear, CMP_UNSET,
                             tb_fmt(t, "%s.midyear", p));
        measure_cell(x, r, c->actual, ind, &ind->actual, CMP_UNSET, tb_fmt(t, "%s.actual", p));
        if (c->criteria != NONE && ind->n_criteria)
                tb_label(t, r, c->criteria, criteria_text(x, ind), 0);
        tb_in_dec(t, r, c->weight, ind->weight, 2, NUM_SCORE, "%s.weight", p);
        tb_in_dec(t, r, c->score, ind->score, 2, NUM_SCORE, "%s.score", p);
        if (it && it->basis == BASIS_NOT_APPLICABLE)
                tb_out_text(t, r, c->computed, "不适用");
        else
                tb_out_dec(t, r, c->computed, it ? it->score : DEC_NONE, x->places, NUM_SCORE);
        tb_in_text(t, r, c->deviation, ind->deviation, CF_WRAP, "%s.deviation", p);
        if (c->improvement != NONE)
                tb_in_text(t, r, c->improvement, ind->improvement, CF_WRAP, "%s.improvement", p);
}

/* Σ of the weights the evaluation used for the items of level i. */
static dec_t level_weight(const struct ctx *x, size_t i)
{
        dec_t sum = DEC_NONE;
        for (size_t k = 0; k < x->ts->n_items; k++) {
                const struct item_score *it = &x->ts->items[k];
                if (it->ind && it->level == i && dec_is_set(it->weight))
                        sum = dec_is_set(sum) ? dec_add(sum, it->weight) : it->weight;
        }
        return sum;
}

static size_t indicator_block(struct ctx *x, size_t r)
{
        struct tb *t = &x->t;
        const struct cols *c = &x->c;
        const struct score_table *st = x->st;
        char tmp[DEC_BUFSZ];
        size_t rows = indicator_rows(st);
        const char *title =
            st->n_indicators && dec_is_set(x->ts->weight_total)
                ? tb_fmt(t, "绩效指标（%s分）", dec_fmt(x->ts->weight_total, -1, tmp))
                : "绩效指标";
        tb_span(t, r, 0, (unsigned)(rows + 1), 1, title, CF_HEADER | CF_WRAP | CF_COMPUTED);
        struct {
                size_t col;
                const char *name;
        } heads[] = {
            {c->level, "一级指标"},
            {c->group, "二级指标"},
            {c->name, "三级指标"},
            {c->target, "年度指标值"},
            {c->midyear, "年中监控值"},
            {c->actual, "实际完成值"},
            {c->criteria, "评分要点得分"},
            {c->weight, "分值"},
            {c->score, "得分"},
            {c->computed, "计算得分"},
            {c->deviation, c->improvement == NONE ? "偏差原因分析及改进措施" : "偏差原因分析"},
            {c->improvement, "改进措施"}};
        for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
                if (heads[i].col != NONE)
                        tb_label(t, r, heads[i].col, heads[i].name, CF_HEADER | CF_WRAP);
        r++;
        if (!st->n_indicators) {
                tb_span(t, r, c->level, 1, (unsigned)(c->n - c->level), "（未填报绩效指标）",
                        CF_CENTER);
                return r + 1;
        }
        size_t pos = 0;
        for (size_t i = 0; i < st->n_indicators; i++) {
                const struct ind_level *l = &st->indicators[i];
                dec_t w = level_weight(x, i);
                const char *name = l->name && l->name[0] ? l->name : "（未注明）";
                tb_span(t, r, c->level, (unsigned)level_rows(l), 1,
                        dec_is_set(w) ? tb_fmt(t, "%s（%s分）", name, dec_fmt(w, -1, tmp)) : name,
                        CF_WRAP | CF_COMPUTED);
                if (!l->n_groups) {
                        r++;
                        continue;
                }
                for (size_t j = 0; j < l->n_groups; j++) {
                        const struct ind_group *g = &l->groups[j];
                        tb_span(t, r, c->group, (unsigned)(g->n_items ? g->n_items : 1), 1, g->name,
                                CF_WRAP);
                        for (size_t k = 0; k < g->n_items; k++, r++)
                                item_row(x, r, i, j, k, x->by_pos[pos++]);
                        if (!g->n_items)
                                r++;
                }
        }
        return r;
}

static size_t total_block(struct ctx *x, size_t r)
{
        struct tb *t = &x->t;
        const struct cols *c = &x->c;
        const struct table_score *ts = x->ts;
        tb_span(t, r, 0, 1, (unsigned)c->weight, "总分", CF_HEADER);
        dec_t weight = ts->weight_total;
        if (ts->has_execution)
                weight = dec_is_set(weight) ? dec_add(weight, ts->exec_weight) : ts->exec_weight;
        tb_out_dec(t, r, c->weight, weight, 2, NUM_SCORE)->flags |= CF_BOLD;
        tb_out_dec(t, r, c->computed, ts->total, x->places, NUM_SCORE)->flags |= CF_BOLD;
        tb_wide(t, r, c->deviation, (unsigned)(c->n - c->deviation));
        r++;
        tb_span(t, r, 0, 1, (unsigned)c->weight, "评价等级", CF_HEADER);
        tb_wide(t, r, c->weight, (unsigned)(c->n - c->weight));
        tb_out_text(t, r, c->weight, ts->grade)->flags |= CF_BOLD | CF_CENTER;
        return r + 1;
}

/* ---- the table ------------------------------------------------------------------------------- */

/* by_pos[n]: the evaluation's item of the n-th indicator in document order. */
static const struct item_score **items_by_position(struct arena *a, const struct score_table *st,
                                                   const struct table_score *ts)
{
        size_t n = 0;
        size_t **first_of_group = arena_alloc(a, (st->n_indicators + 1) * sizeof(size_t *));
        for (size_t i = 0; i < st->n_indicators; i++) {
                const struct ind_level *l = &st->indicators[i];
                first_of_group[i] = arena_alloc(a, (l->n_groups + 1) * sizeof(size_t));
                for (size_t j = 0; j < l->n_groups; j++) {
                        first_of_group[i][j] = n;
                        n += l->groups[j].n_items;
                }
        }
        const struct item_score **by = arena_alloc(a, (n ? n : 1) * sizeof(*by));
        for (size_t k = 0; k < ts->n_items; k++) {
                const struct item_score *it = &ts->items[k];
                if (!it->ind || it->level >= st->n_indicators ||
                    it->group >= st->indicators[it->level].n_groups)
                        continue;
                size_t p = first_of_group[it->level][it->group] + it->item;
                if (p < n)
                        by[p] = it;
        }
        return by;
}

static struct grid *score_grid(struct arena *a, const struct doc *d, const struct evaluation *e,
                               const struct score_table *st, const struct table_score *ts,
                               const char *path, const struct self_eval *self,
                               const struct project *proj)
{
        struct cols c = layout(st);
        size_t tasks = self && self->n_main_tasks ? self->n_main_tasks + 1 : 0;
        size_t head = proj && (proj->category || proj->code) ? 2 : 1;
        size_t rows = head + budget_rows(&st->budget) + 2 + tasks + 1 + indicator_rows(st) + 2;
        struct ctx x = {.t = {a, grid_new(a, rows, c.n)},
                        .st = st,
                        .ts = ts,
                        .path = path,
                        .places = (int)e->scheme->places,
                        .c = c};
        x.by_pos = items_by_position(a, st, ts);
        struct tb *t = &x.t;
        struct grid *g = t->g;
        widths(g, &c);
        g->subtitle = tb_fmt(t, "（%" PRId64 "年度）", d->fiscal_year);
        g->header_rows = 1;
        size_t r = 0;
        if (proj) {
                g->title = "项目支出绩效自评表";
                g->caption = tb_fmt(t, "单位名称：%s　　金额单位：%s", d->unit.name,
                                    tables_unit_name(st->budget.unit));
                tb_label(t, r, 0, "项目名称", CF_HEADER);
                tb_span(t, r, 1, 1, (unsigned)(c.n - 1), proj->name, CF_BOLD);
                r++;
                if (head == 2) {
                        tb_label(t, r, 0, "项目类别", CF_HEADER);
                        const char *cat = proj->category ? proj->category : "";
                        tb_span(t, r, 1, 1, (unsigned)(c.n - 1),
                                proj->code ? tb_fmt(t, "%s%s项目编码 %s", cat, cat[0] ? "　" : "",
                                                    proj->code)
                                           : cat,
                                0);
                        r++;
                }
        } else {
                g->title = "部门整体支出绩效自评表";
                g->caption = tb_fmt(t, "金额单位：%s", tables_unit_name(st->budget.unit));
                tb_label(t, r, 0, "单位名称", CF_HEADER);
                tb_span(t, r, 1, 1, (unsigned)(c.n - 1), d->unit.name, CF_BOLD);
                r++;
        }
        r = budget_block(&x, r);
        r = goal_block(&x, r);
        if (tasks)
                r = tasks_block(&x, r, self);
        r = indicator_block(&x, r);
        r = total_block(&x, r);
        assert(r == rows);
        return g;
}

struct grid *table_self_eval(struct arena *a, const struct doc *d, const struct evaluation *e)
{
        return score_grid(a, d, e, &d->self.table, &e->self, "$.self_eval", &d->self, NULL);
}

struct grid *table_project(struct arena *a, const struct doc *d, const struct evaluation *e,
                           size_t p)
{
        return score_grid(a, d, e, &d->projects[p].table, &e->projects[p], e->projects[p].path,
                          NULL, &d->projects[p]);
}
