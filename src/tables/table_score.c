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
 * The form adds the columns a unit enters that the seeds do not print
 * (指标性质, 度量单位, 评价档次, 不适用), every optional column, the
 * project's own fields, and the rows users add and remove.
 *
 * 执行率, the execution score, split totals, 计算得分, 总分 and 等级 come
 * from the evaluation; 得分 is the unit's own score (entered). */
#include "tables_int.h"

#include "../base/buf.h"
#include "../engine/derived.h"

#include <assert.h>
#include <inttypes.h>
#include <stdint.h>

#define NONE SIZE_MAX

/* Column positions of one table; optional columns are NONE when absent. */
struct cols {
        size_t level, group, name, kind, target, unit, midyear, actual, criteria, weight, score,
            band, computed, not_applicable, deviation, improvement, n;
        size_t label_end; /* last column of the row labels of the upper blocks */
        size_t value;     /* first of the six value columns of the upper blocks */
};

struct ctx {
        struct tb t;
        const struct score_table *st;
        const struct table_score *ts;
        const void *table; /* the self_eval or project the table shows */
        bool fixed;        /* the scheme fixes the tree: names and weights are not entered */
        int places;        /* of computed scores */
        struct cols c;
        const struct item_score **by_pos; /* the evaluation's item of each row, in document order */
};

static bool measure_set(const struct measure *m)
{
        return m->text || dec_is_set(m->value);
}

static struct cols layout(const struct score_table *st, bool form)
{
        bool midyear = form, criteria = false, improvement = form;
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
        c.kind = form ? n++ : NONE;
        c.target = n++;
        c.unit = form ? n++ : NONE;
        c.midyear = midyear ? n++ : NONE;
        c.actual = n++;
        c.criteria = criteria ? n++ : NONE;
        c.weight = n++;
        c.score = n++;
        c.band = form ? n++ : NONE;
        c.computed = n++;
        c.not_applicable = form ? n++ : NONE;
        c.deviation = n++;
        c.improvement = improvement ? n++ : NONE;
        c.n = n;
        c.value = n - 6;
        c.label_end = c.value - 1;
        return c;
}

static void widths(struct grid *g, const struct cols *c)
{
        const struct {
                size_t col;
                unsigned width;
        } w[] = {{0, 4},           {c->level, 7},        {c->group, 7},
                 {c->name, 10},    {c->kind, 5},         {c->target, 7},
                 {c->unit, 5},     {c->midyear, 7},      {c->actual, 7},
                 {c->criteria, 8}, {c->weight, 5},       {c->score, 5},
                 {c->band, 7},     {c->computed, 6},     {c->not_applicable, 4},
                 {c->deviation, 14}, {c->improvement, 14}};
        for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
                if (w[i].col != NONE)
                        g->widths[w[i].col] = w[i].width;
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

/* Scheme indicators the document lacks (fixed schemes): rows of their own. */
static size_t missing_items(const struct table_score *ts)
{
        size_t n = 0;
        for (size_t i = 0; i < ts->n_items; i++)
                n += !ts->items[i].ind;
        return n;
}

static size_t indicator_rows(const struct score_table *st, const struct table_score *ts)
{
        size_t n = 0;
        for (size_t i = 0; i < st->n_indicators; i++)
                n += level_rows(&st->indicators[i]);
        return (n ? n : 1) + missing_items(ts);
}

static bool show_tasks(const struct self_eval *s, bool form)
{
        return s && (s->n_main_tasks || form);
}

static size_t budget_rows(const struct budget_request *b, bool form)
{
        return 2 + (b->n_by_income || form ? b->n_by_income + 1 : 0) +
               (b->n_by_expenditure || form ? b->n_by_expenditure + 1 : 0);
}

/* ---- 年度预算申请 ---------------------------------------------------------------------------- */

/* The rows of one split: a 合计 row of computed sums, then each entered row. */
static size_t split_block(struct ctx *x, size_t r, const char *title, struct split_row *const *rows,
                          const size_t *n, const dec_t *stated_total, bool income)
{
        struct tb *t = &x->t;
        const struct cols *c = &x->c;
        tb_span(t, r, c->level, (unsigned)(*n + 1), 1, title, CF_HEADER | CF_WRAP);
        tb_add(t, r, c->level, rows, "＋ 添加一行");
        struct split_row sum = engine_split_total(*rows, *n);
        const char *key = TB_PATH(t, rows);
        tb_span(t, r, c->level + 1, 1, (unsigned)(c->label_end - c->level), "合计", CF_BOLD);
        tb_out_dec(t, r, c->value, sum.initial, 2, NUM_MONEY, NULL, tb_fmt(t, "%s#initial", key))
            ->flags |= CF_BOLD;
        tb_out_dec(t, r, c->value + 1, sum.adjusted, 2, NUM_MONEY, income ? stated_total : NULL,
                   tb_fmt(t, "%s#adjusted", key))
            ->flags |= CF_BOLD;
        tb_out_dec(t, r, c->value + 2, sum.executed, 2, NUM_MONEY, income ? NULL : stated_total,
                   tb_fmt(t, "%s#executed", key))
            ->flags |= CF_BOLD;
        tb_out_dec(t, r, c->value + 4, engine_rate_pct(sum.executed, sum.adjusted), 2, NUM_PERCENT,
                   NULL, tb_fmt(t, "%s#rate", key));
        r++;
        for (size_t i = 0; i < *n; i++, r++) {
                const struct split_row *row = &(*rows)[i];
                tb_wide(t, r, c->level + 1, (unsigned)(c->label_end - c->level));
                tb_in_text(t, r, c->level + 1, &row->name, 0);
                tb_in_dec(t, r, c->value, &row->initial, 2, NUM_MONEY);
                tb_in_dec(t, r, c->value + 1, &row->adjusted, 2, NUM_MONEY);
                tb_in_dec(t, r, c->value + 2, &row->executed, 2, NUM_MONEY);
                tb_out_dec(t, r, c->value + 4, engine_rate_pct(row->executed, row->adjusted), 2,
                           NUM_PERCENT, &row->stated_rate_pct, NULL);
                TB_ELEMENT(t, r, row, row->name && *row->name ? row->name : "这一行");
        }
        return r;
}

static size_t budget_block(struct ctx *x, size_t r)
{
        struct tb *t = &x->t;
        const struct cols *c = &x->c;
        const struct budget_request *b = &x->st->budget;
        const struct table_score *ts = x->ts;
        bool form = t->mode & TABLE_FORM;
        tb_span(t, r, 0, (unsigned)budget_rows(b, form), 1,
                tb_fmt(t, "年度预算申请（%s）", tables_unit_name(b->unit)), CF_HEADER | CF_WRAP);
        tb_span(t, r, c->level, 1, (unsigned)(c->label_end - c->level + 1), NULL, CF_HEADER);
        if (form)
                tb_in_enum(t, r, c->level, (const int *)&b->unit)->prefix = "金额单位";
        static const char *const heads[] = {"年初预算数", "全年预算数（A）", "全年执行数（B）",
                                            "分值",       "执行率（B/A）",   "得分"};
        for (size_t i = 0; i < 6; i++)
                tb_label(t, r, c->value + i, heads[i], CF_HEADER | CF_WRAP);
        r++;
        tb_span(t, r, c->level, 1, (unsigned)(c->label_end - c->level + 1), "年度资金总额",
                CF_BOLD);
        tb_in_dec(t, r, c->value, &b->initial, 2, NUM_MONEY);
        tb_in_dec(t, r, c->value + 1, &b->adjusted, 2, NUM_MONEY);
        tb_in_dec(t, r, c->value + 2, &b->executed, 2, NUM_MONEY);
        if (form && ts->has_execution) /* the scheme fixes the execution weight */
                tb_out_dec(t, r, c->value + 3, ts->exec_weight, 2, NUM_SCORE, NULL,
                           tb_fmt(t, "%s#exec_weight", TB_PATH(t, b)));
        else
                tb_in_dec(t, r, c->value + 3, &b->weight, 2, NUM_SCORE);
        tb_out_dec(t, r, c->value + 4, ts->has_execution ? ts->exec_rate_pct : DEC_NONE, 2,
                   NUM_PERCENT, &b->stated_rate_pct, NULL);
        tb_out_dec(t, r, c->value + 5, ts->has_execution ? ts->exec_score : DEC_NONE, x->places,
                   NUM_SCORE, &b->stated_score, NULL)
            ->flags |= CF_BOLD;
        r++;
        if (b->n_by_income || form)
                r = split_block(x, r, "按收入性质分", &b->by_income, &b->n_by_income,
                                &b->stated_income_total, true);
        if (b->n_by_expenditure || form)
                r = split_block(x, r, "按支出性质分", &b->by_expenditure, &b->n_by_expenditure,
                                &b->stated_expenditure_total, false);
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
        tb_in_text(t, r, c->level, &x->st->goal.declared, CF_WRAP | CF_LONG);
        tb_wide(t, r, c->value, right);
        tb_in_text(t, r, c->value, &x->st->goal.achieved, CF_WRAP | CF_LONG);
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
        tb_add(t, r, 0, &s->main_tasks, "＋ 添加任务");
        tb_label(t, r, c->level, "任务名称", CF_HEADER);
        tb_span(t, r, c->level + 1, 1, content, "主要内容", CF_HEADER);
        static const char *const heads[] = {"预算资金",       "其中：财政资金", "预算执行数",
                                            "其中：财政资金", "预算执行率",     "任务完成情况"};
        for (size_t i = 0; i < 6; i++)
                tb_label(t, r, c->value + i, heads[i], CF_HEADER | CF_WRAP);
        r++;
        for (size_t i = 0; i < s->n_main_tasks; i++, r++) {
                const struct main_task *m = &s->main_tasks[i];
                tb_in_text(t, r, c->level, &m->name, CF_WRAP);
                tb_wide(t, r, c->level + 1, content);
                tb_in_text(t, r, c->level + 1, &m->content, CF_WRAP | CF_LONG);
                tb_in_dec(t, r, c->value, &m->budget, 2, NUM_MONEY);
                tb_in_dec(t, r, c->value + 1, &m->budget_fiscal, 2, NUM_MONEY);
                tb_in_dec(t, r, c->value + 2, &m->executed, 2, NUM_MONEY);
                tb_in_dec(t, r, c->value + 3, &m->executed_fiscal, 2, NUM_MONEY);
                tb_out_dec(t, r, c->value + 4, engine_rate_pct(m->executed, m->budget), 2,
                           NUM_PERCENT, &m->stated_rate_pct, NULL);
                tb_in_text(t, r, c->value + 5, &m->completion, CF_WRAP | CF_LONG);
                TB_ELEMENT(t, r, m, m->name && *m->name ? m->name : "这项任务");
        }
        return r;
}

/* ---- 绩效指标 -------------------------------------------------------------------------------- */

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

/* How the item it of the table was scored, in words (the rule, its
 * inputs and result). */
static const char *explained(struct ctx *x, const struct item_score *it)
{
        struct buf why = BUF_INIT;
        engine_explain(x->t.e, x->ts, (size_t)(it - x->ts->items), &why);
        const char *s = arena_strdup(x->t.a, buf_str(&why));
        buf_free(&why);
        return s;
}

static void item_row(struct ctx *x, size_t r, const struct indicator *ind,
                     const struct item_score *it)
{
        struct tb *t = &x->t;
        const struct cols *c = &x->c;
        bool form = t->mode & TABLE_FORM;
        const char *row = TB_PATH(t, ind);
        struct grid_cell *name;
        if (x->fixed)
                name = tb_label(t, r, c->name, ind->name, CF_WRAP);
        else
                name = tb_in_text(t, r, c->name, &ind->name, CF_WRAP);
        name->note = it ? explained(x, it) : "未列入评分方案，不计分";
        if (c->kind != NONE)
                tb_in_enum(t, r, c->kind, (const int *)&ind->kind);
        tb_in_measure(t, r, c->target, ind, NULL, &ind->target);
        if (c->unit != NONE)
                tb_in_text(t, r, c->unit, &ind->unit, 0);
        if (c->midyear != NONE)
                tb_in_measure(t, r, c->midyear, ind, &ind->midyear, NULL);
        tb_in_measure(t, r, c->actual, ind, &ind->actual, NULL);
        if (c->criteria != NONE && ind->n_criteria)
                tb_label(t, r, c->criteria, criteria_text(x, ind), 0);
        if (x->fixed && form)
                tb_out_dec(t, r, c->weight, it ? it->weight : ind->weight, 2, NUM_SCORE, NULL,
                           tb_fmt(t, "%s#weight", row));
        else
                tb_in_dec(t, r, c->weight, &ind->weight, 2, NUM_SCORE);
        tb_in_dec(t, r, c->score, &ind->score, 2, NUM_SCORE);
        if (c->band != NONE)
                tb_in_enum(t, r, c->band, (const int *)&ind->band);
        const char *computed_key = tb_fmt(t, "%s#computed", row);
        if (it && it->basis == BASIS_NOT_APPLICABLE)
                tb_out_text(t, r, c->computed, "不适用", NULL, computed_key);
        else
                tb_out_dec(t, r, c->computed, it ? it->score : DEC_NONE, x->places, NUM_SCORE, NULL,
                           computed_key);
        if (c->not_applicable != NONE)
                tb_in_bool(t, r, c->not_applicable, &ind->not_applicable);
        tb_in_text(t, r, c->deviation, &ind->deviation, CF_WRAP | CF_LONG);
        if (c->improvement != NONE)
                tb_in_text(t, r, c->improvement, &ind->improvement, CF_WRAP | CF_LONG);
        if (!x->fixed)
                TB_ELEMENT(t, r, ind, ind->name && *ind->name ? ind->name : "这个三级指标");
}

/* A scheme indicator the document lacks: its name, weight and 0. */
static void missing_row(struct ctx *x, size_t r, const struct item_score *it)
{
        struct tb *t = &x->t;
        const struct cols *c = &x->c;
        const char *key = tb_fmt(t, "%s#missing%zu", t->g->key,
                                 (size_t)(it - x->ts->items));
        tb_label(t, r, c->name, it->def ? it->def->name : "", CF_WRAP)->note = explained(x, it);
        tb_out_dec(t, r, c->weight, it->weight, 2, NUM_SCORE, NULL, tb_fmt(t, "%s#weight", key));
        tb_out_dec(t, r, c->computed, it->score, x->places, NUM_SCORE, NULL, key);
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

/* A 一级 or 二级 name cell spanning rows: a label, or in the form of a
 * tree users shape, the name's input and the button adding a row below. */
static void level_cell(struct ctx *x, size_t r, size_t col, unsigned rows,
                       const char *const *name, const char *shown, const void *children,
                       const char *add_label)
{
        struct tb *t = &x->t;
        if ((t->mode & TABLE_FORM) && !x->fixed) {
                if (rows > 1)
                        grid_merge(t->g, r, col, rows, 1);
                tb_in_text(t, r, col, name, CF_WRAP);
                tb_add(t, r, col, children, add_label);
        } else {
                tb_span(t, r, col, rows, 1, shown, CF_WRAP | CF_COMPUTED);
        }
}

static size_t indicator_block(struct ctx *x, size_t r)
{
        struct tb *t = &x->t;
        const struct cols *c = &x->c;
        const struct score_table *st = x->st;
        char tmp[DEC_BUFSZ];
        size_t rows = indicator_rows(st, x->ts);
        const char *title =
            st->n_indicators && dec_is_set(x->ts->weight_total)
                ? tb_fmt(t, "绩效指标（%s分）", dec_fmt(x->ts->weight_total, -1, tmp))
                : "绩效指标";
        tb_span(t, r, 0, (unsigned)(rows + 1), 1, title, CF_HEADER | CF_WRAP | CF_COMPUTED);
        if (!x->fixed)
                tb_add(t, r, 0, &st->indicators, "＋ 添加一级指标");
        struct {
                size_t col;
                const char *name;
        } heads[] = {
            {c->level, "一级指标"},
            {c->group, "二级指标"},
            {c->name, "三级指标"},
            {c->kind, "指标性质"},
            {c->target, "年度指标值"},
            {c->unit, "度量单位"},
            {c->midyear, "年中监控值"},
            {c->actual, "实际完成值"},
            {c->criteria, "评分要点得分"},
            {c->weight, "分值"},
            {c->score, "得分"},
            {c->band, "定性评价档次"},
            {c->computed, "计算得分"},
            {c->not_applicable, "不适用"},
            {c->deviation, c->improvement == NONE ? "偏差原因分析及改进措施" : "偏差原因分析"},
            {c->improvement, "改进措施"}};
        for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
                if (heads[i].col != NONE)
                        tb_label(t, r, heads[i].col, heads[i].name, CF_HEADER | CF_WRAP);
        r++;
        if (!st->n_indicators) {
                tb_span(t, r, c->level, 1, (unsigned)(c->n - c->level), "（未填报绩效指标）",
                        CF_CENTER);
                r++;
        }
        size_t pos = 0;
        for (size_t i = 0; i < st->n_indicators; i++) {
                const struct ind_level *l = &st->indicators[i];
                dec_t w = level_weight(x, i);
                const char *name = l->name && l->name[0] ? l->name : "（未注明）";
                level_cell(x, r, c->level, (unsigned)level_rows(l), &l->name,
                           dec_is_set(w) ? tb_fmt(t, "%s（%s分）", name, dec_fmt(w, -1, tmp)) : name,
                           &l->groups, "＋ 添加二级指标");
                if (!l->n_groups) {
                        r++;
                        continue;
                }
                for (size_t j = 0; j < l->n_groups; j++) {
                        const struct ind_group *g = &l->groups[j];
                        level_cell(x, r, c->group, (unsigned)(g->n_items ? g->n_items : 1),
                                   &g->name, g->name, &g->items, "＋ 添加三级指标");
                        if (!x->fixed && !g->n_items)
                                TB_ELEMENT(t, r, g, g->name && *g->name ? g->name : "这个二级指标");
                        for (size_t k = 0; k < g->n_items; k++, r++)
                                item_row(x, r, &g->items[k], x->by_pos[pos++]);
                        if (!g->n_items)
                                r++;
                }
        }
        for (size_t k = 0; k < x->ts->n_items; k++)
                if (!x->ts->items[k].ind)
                        missing_row(x, r++, &x->ts->items[k]);
        return r;
}

static size_t total_block(struct ctx *x, size_t r)
{
        struct tb *t = &x->t;
        const struct cols *c = &x->c;
        const struct table_score *ts = x->ts;
        const char *key = t->g->key;
        if (t->mode & TABLE_FORM) {
                tb_span(t, r, 0, 1, (unsigned)c->weight, "绩效指标合计", CF_HEADER);
                tb_out_dec(t, r, c->weight, ts->weight_total, 2, NUM_SCORE, NULL,
                           tb_fmt(t, "%s#weight_total", key));
                tb_out_dec(t, r, c->computed, ts->indicator_score, x->places, NUM_SCORE, NULL,
                           tb_fmt(t, "%s#indicator_score", key));
                r++;
        }
        tb_span(t, r, 0, 1, (unsigned)c->weight, "总分", CF_HEADER);
        dec_t weight = ts->weight_total;
        if (ts->has_execution)
                weight = dec_is_set(weight) ? dec_add(weight, ts->exec_weight) : ts->exec_weight;
        tb_out_dec(t, r, c->weight, weight, 2, NUM_SCORE, NULL, tb_fmt(t, "%s#weight", key))
            ->flags |= CF_BOLD;
        tb_out_dec(t, r, c->computed, ts->total, x->places, NUM_SCORE, &x->st->stated_total, NULL)
            ->flags |= CF_BOLD;
        tb_wide(t, r, c->deviation, (unsigned)(c->n - c->deviation));
        r++;
        tb_span(t, r, 0, 1, (unsigned)c->weight, "评价等级", CF_HEADER);
        tb_wide(t, r, c->weight, (unsigned)(c->n - c->weight));
        tb_out_text(t, r, c->weight, ts->grade, &x->st->stated_grade, NULL)->flags |=
            CF_BOLD | CF_CENTER;
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

/* The project's own rows: 项目名称 and 项目类别 as printed, or in the form
 * its name, code, category and report summary. */
static size_t project_head(struct ctx *x, size_t r, const struct project *proj)
{
        struct tb *t = &x->t;
        size_t n = x->c.n;
        if (t->mode & TABLE_FORM) {
                const struct {
                        const char *label;
                        const char *const *member;
                        unsigned flags;
                } rows[] = {{"项目名称", &proj->name, 0},
                            {"项目编码", &proj->code, 0},
                            {"项目类别", &proj->category, 0},
                            {"项目自评报告（摘要）", &proj->report, CF_WRAP | CF_LONG}};
                for (size_t i = 0; i < 4; i++, r++) {
                        tb_label(t, r, 0, rows[i].label, CF_HEADER);
                        tb_wide(t, r, 1, (unsigned)(n - 1));
                        tb_in_text(t, r, 1, rows[i].member, rows[i].flags);
                }
                return r;
        }
        tb_label(t, r, 0, "项目名称", CF_HEADER);
        tb_span(t, r, 1, 1, (unsigned)(n - 1), proj->name, CF_BOLD);
        r++;
        if (proj->category || proj->code) {
                tb_label(t, r, 0, "项目类别", CF_HEADER);
                const char *cat = proj->category ? proj->category : "";
                tb_span(t, r, 1, 1, (unsigned)(n - 1),
                        proj->code
                            ? tb_fmt(t, "%s%s项目编码 %s", cat, cat[0] ? "　" : "", proj->code)
                            : cat,
                        0);
                r++;
        }
        return r;
}

static size_t head_rows(const struct project *proj, bool form)
{
        if (!proj)
                return 1;
        if (form)
                return 4;
        return proj->category || proj->code ? 2 : 1;
}

static struct grid *score_grid(struct arena *a, const struct doc *d, const struct evaluation *e,
                               unsigned mode, const struct table_score *ts, const void *table,
                               const struct self_eval *self, const struct project *proj)
{
        bool form = mode & TABLE_FORM;
        const struct score_table *st = self ? &self->table : &proj->table;
        struct cols c = layout(st, form);
        size_t tasks = show_tasks(self, form) ? self->n_main_tasks + 1 : 0;
        size_t rows = head_rows(proj, form) + budget_rows(&st->budget, form) + 2 + tasks + 1 +
                      indicator_rows(st, ts) + 2 + (form ? 1 : 0);
        struct ctx x = {.t = {a, grid_new(a, rows, c.n), d, e, mode},
                        .st = st,
                        .ts = ts,
                        .table = table,
                        .fixed = self && e->scheme->n_tree > 0,
                        .places = (int)e->scheme->places,
                        .c = c};
        x.by_pos = items_by_position(a, st, ts);
        struct tb *t = &x.t;
        struct grid *g = t->g;
        widths(g, &c);
        g->subtitle = tb_fmt(t, "（%" PRId64 "年度）", d->fiscal_year);
        g->header_rows = 1;
        g->key = tb_path(t, table, self ? sizeof *self : sizeof *proj, NULL);
        size_t r = 0;
        if (proj) {
                g->title = "项目支出绩效自评表";
                g->caption = tb_fmt(t, "单位名称：%s　　金额单位：%s", d->unit.name,
                                    tables_unit_name(st->budget.unit));
                r = project_head(&x, r, proj);
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

struct grid *table_self_eval(struct arena *a, const struct doc *d, const struct evaluation *e,
                             unsigned mode)
{
        return score_grid(a, d, e, mode, &e->self, &d->self, &d->self, NULL);
}

struct grid *table_project(struct arena *a, const struct doc *d, const struct evaluation *e,
                           size_t p, unsigned mode)
{
        return score_grid(a, d, e, mode, &e->projects[p], &d->projects[p], NULL, &d->projects[p]);
}
