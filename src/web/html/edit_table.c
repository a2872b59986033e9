/* The editor of a scored table (see edit.h): 自评表 and 项目支出表. */
#include "editors.h"

#include "../../doc/doc_schema.h"

#include <string.h>

/* A path under prefix, in the request's arena. */
#define P(c, ...) req_printf((c)->r, __VA_ARGS__)

/* ---- 年度预算申请 -------------------------------------------------------------------- */

static void split_rows(struct form_ctx *c, const char *prefix, bool income,
                       const struct budget_request *b)
{
        const char *key = income ? "by_income" : "by_expenditure";
        const struct split_row *rows = income ? b->by_income : b->by_expenditure;
        size_t n = income ? b->n_by_income : b->n_by_expenditure;
        html(c->r, "<tr class=\"level\"><th scope=\"row\">%s合计</th><td></td><td class=\"num\">",
             income ? "按收入性质分" : "按支出性质分");
        if (income)
                fc_computed(c, P(c, "%s.budget.stated_income_total", prefix), 2, false);
        html_raw(c->r, "</td><td class=\"num\">");
        if (!income)
                fc_computed(c, P(c, "%s.budget.stated_expenditure_total", prefix), 2, false);
        html_raw(c->r, "</td><td></td><td></td><td></td><td>");
        fc_op(c, "add", P(c, "%s.budget.%s", prefix, key), "＋ 添加一行", "在本组末尾添加一行");
        html_raw(c->r, "</td></tr>");
        for (size_t i = 0; i < n; i++) {
                const char *row = P(c, "%s.budget.%s[%zu]", prefix, key, i);
                html_raw(c->r, "<tr><td>");
                fc_text(c, P(c, "%s.name", row), rows[i].name);
                html_raw(c->r, "</td><td>");
                fc_dec(c, P(c, "%s.initial", row), rows[i].initial);
                html_raw(c->r, "</td><td>");
                fc_dec(c, P(c, "%s.adjusted", row), rows[i].adjusted);
                html_raw(c->r, "</td><td>");
                fc_dec(c, P(c, "%s.executed", row), rows[i].executed);
                html_raw(c->r, "</td><td></td><td class=\"num\">");
                fc_computed(c, P(c, "%s.stated_rate_pct", row), 2, true);
                html_raw(c->r, "</td><td></td><td>");
                fc_op(c, "remove", row, "删除", "删除这一行");
                html_raw(c->r, "</td></tr>");
        }
}

static void budget(struct form_ctx *c, const char *prefix, const struct budget_request *b,
                   const struct table_score *ts)
{
        struct req *r = c->r;
        html_raw(r, "<h3>年度预算申请</h3><p class=\"hint\">金额单位：");
        fc_enum(c, P(c, "%s.budget.unit", prefix), &enum_money_unit, b->unit);
        html_raw(
            r,
            "（未选时按万元）。执行率 = 全年执行数（B）/ 全年预算数（A），"
            "得分 = 分值 × min(执行率, 1)，由系统计算。</p>"
            "<table class=\"edit\"><thead><tr><th>年度预算申请</th><th class=\"num\">年初预算数</th>"
            "<th class=\"num\">全年预算数（A）</th><th class=\"num\">全年执行数（B）</th>"
            "<th class=\"num\">分值</th><th class=\"num\">执行率</th>"
            "<th class=\"num\">得分</th><th></th></tr></thead><tbody><tr><th scope=\"row\">"
            "年度资金总额</th><td>");
        fc_dec(c, P(c, "%s.budget.initial", prefix), b->initial);
        html_raw(r, "</td><td>");
        fc_dec(c, P(c, "%s.budget.adjusted", prefix), b->adjusted);
        html_raw(r, "</td><td>");
        fc_dec(c, P(c, "%s.budget.executed", prefix), b->executed);
        /* the scheme fixes the execution weight */
        html(r, "</td><td class=\"num\">%s</td><td class=\"num\">",
             dec_fmt(ts && ts->has_execution ? ts->exec_weight : b->weight, -1,
                     (char[DEC_BUFSZ]){0}));
        fc_computed(c, P(c, "%s.budget.stated_rate_pct", prefix), 2, true);
        html_raw(r, "</td><td class=\"num\">");
        fc_computed(c, P(c, "%s.budget.stated_score", prefix), 2, false);
        html_raw(r, "</td><td></td></tr>");
        split_rows(c, prefix, true, b);
        split_rows(c, prefix, false, b);
        html_raw(r, "</tbody></table>");
        fc_notes(c, P(c, "%s.budget", prefix));
}

static void goal(struct form_ctx *c, const char *prefix, const struct goal *g)
{
        html_raw(c->r, "<h3>年度总体目标</h3><table class=\"edit\"><thead><tr><th>预期目标"
                       "（年初目标设定）</th><th>实际完成情况</th></tr></thead><tbody><tr><td>");
        fc_area(c, P(c, "%s.goal.declared", prefix), g->declared);
        html_raw(c->r, "</td><td>");
        fc_area(c, P(c, "%s.goal.achieved", prefix), g->achieved);
        html_raw(c->r, "</td></tr></tbody></table>");
        fc_notes(c, P(c, "%s.goal", prefix));
}

/* ---- 绩效指标 ---------------------------------------------------------------------------- */

enum { IND_COLUMNS = 11 };

/* The score of the document's indicator ind, as the engine scored it. */
static const struct item_score *scored(const struct table_score *ts, const struct indicator *ind)
{
        for (size_t i = 0; ts && i < ts->n_items; i++)
                if (ts->items[i].ind == ind)
                        return &ts->items[i];
        return NULL;
}

/* Is the score of this row the evaluator's to give (qualitative)? */
static bool judged(const struct indicator *ind, const struct item_score *it)
{
        if (it)
                return it->basis == BASIS_EVALUATOR || it->basis == BASIS_STATED;
        return ind->kind == KIND_QUAL;
}

static void indicator_row(struct form_ctx *c, const char *item, const struct indicator *ind,
                          const struct item_score *it, bool fixed_tree)
{
        struct req *r = c->r;
        html(r, "<tr id=\"%s\"><td>", notes_anchor(r, item));
        if (fixed_tree)
                html(r, "%s", ind->name);
        else
                fc_name(c, P(c, "%s.name", item), ind->name, "三级指标名称");
        html_raw(r, "</td><td>");
        fc_enum(c, P(c, "%s.kind", item), &enum_ind_kind, ind->kind);
        html_raw(r, "</td><td class=\"target\">");
        fc_enum(c, P(c, "%s.target.op", item), &enum_cmp_op, ind->target.op);
        fc_measure(c, P(c, "%s.target", item), &ind->target.m);
        html_raw(r, "</td><td>");
        fc_text(c, P(c, "%s.unit", item), ind->unit);
        html_raw(r, "</td><td>");
        fc_measure(c, P(c, "%s.midyear", item), &ind->midyear);
        html_raw(r, "</td><td>");
        fc_measure(c, P(c, "%s.actual", item), &ind->actual);
        html_raw(r, "</td><td>");
        if (fixed_tree)
                html(r, "%s", dec_fmt(ind->weight, -1, (char[DEC_BUFSZ]){0}));
        else
                fc_dec(c, P(c, "%s.weight", item), ind->weight);
        html_raw(r, "</td><td class=\"num score\">");
        if (judged(ind, it)) {
                fc_enum(c, P(c, "%s.band", item), &enum_qual_band, ind->band);
                fc_dec(c, P(c, "%s.score", item), ind->score);
        } else {
                fc_computed(c, P(c, "%s.score", item), 2, false);
        }
        html_raw(r, "</td><td>");
        fc_area(c, P(c, "%s.deviation", item), ind->deviation);
        html_raw(r, "</td><td>");
        fc_area(c, P(c, "%s.improvement", item), ind->improvement);
        html_raw(r, "</td><td class=\"ops\">");
        fc_check(c, P(c, "%s.not_applicable", item), ind->not_applicable, "不适用");
        if (!fixed_tree) {
                fc_op(c, "up", item, "↑", "上移");
                fc_op(c, "down", item, "↓", "下移");
                fc_op(c, "remove", item, "删除", "删除这个三级指标");
        }
        html(r, "</td></tr><tr class=\"notes-row\"><td colspan=\"%d\">", IND_COLUMNS);
        fc_notes(c, item);
        html_raw(r, "</td></tr>");
}

/* A 一级 or 二级 row: its name, its weight and score summed by the engine. */
static void level_row(struct form_ctx *c, const char *path, const char *name, bool group,
                      bool fixed_tree)
{
        struct req *r = c->r;
        html(r, "<tr class=\"%s\"><th colspan=\"6\" scope=\"rowgroup\">%s",
             group ? "group" : "level", group ? "　" : "");
        if (fixed_tree)
                html(r, "%s", name);
        else
                fc_name(c, P(c, "%s.name", path), name,
                        group ? "二级指标（可不填）" : "一级指标（可不填）");
        html_raw(r, "</th><td class=\"num\">");
        fc_computed(c, P(c, "%s.stated_weight", path), 2, false);
        html_raw(r, "</td><td class=\"num\">");
        fc_computed(c, P(c, "%s.stated_score", path), 2, false);
        html_raw(r, "</td><td colspan=\"3\">");
        if (group && !fixed_tree)
                fc_op(c, "add", P(c, "%s.items", path), "＋ 添加三级指标",
                      "在这个二级指标下添加一个三级指标");
        else if (!group && !fixed_tree)
                fc_op(c, "add", P(c, "%s.groups", path), "＋ 添加二级指标",
                      "在这个一级指标下添加一个二级指标");
        html_raw(r, "</td></tr>");
}

static void indicators(struct form_ctx *c, const char *prefix, const struct score_table *st,
                       const struct table_score *ts, bool fixed_tree)
{
        struct req *r = c->r;
        html_raw(r, "<h3>绩效指标</h3><table class=\"edit indicators\"><thead><tr>"
                    "<th>三级指标</th><th>性质</th><th>年度指标值</th><th>度量单位</th>"
                    "<th>年中监控值</th><th>全年实际值</th><th class=\"num\">分值</th>"
                    "<th class=\"num\">得分</th><th>偏差原因分析</th><th>改进措施</th><th></th>"
                    "</tr></thead><tbody>");
        for (size_t i = 0; i < st->n_indicators; i++) {
                const struct ind_level *l = &st->indicators[i];
                const char *lp = P(c, "%s.indicators[%zu]", prefix, i);
                level_row(c, lp, l->name, false, fixed_tree);
                for (size_t j = 0; j < l->n_groups; j++) {
                        const struct ind_group *g = &l->groups[j];
                        const char *gp = P(c, "%s.groups[%zu]", lp, j);
                        level_row(c, gp, g->name, true, fixed_tree);
                        for (size_t k = 0; k < g->n_items; k++)
                                indicator_row(c, P(c, "%s.items[%zu]", gp, k), &g->items[k],
                                              scored(ts, &g->items[k]), fixed_tree);
                }
        }
        html_raw(r, "<tr class=\"level\"><th colspan=\"6\" scope=\"row\">绩效指标合计");
        if (!fixed_tree)
                fc_op(c, "add", P(c, "%s.indicators", prefix), "＋ 添加一级指标",
                      "添加一个一级指标");
        html_raw(r, "</th><td class=\"num\">");
        fc_computed(c, P(c, "%s.weight_total", prefix), 2, false);
        html_raw(r, "</td><td class=\"num\">");
        fc_computed(c, P(c, "%s.indicator_score", prefix), 2, false);
        html_raw(r, "</td><td colspan=\"3\"></td></tr></tbody></table>");
        fc_notes(c, P(c, "%s.indicators", prefix));
}

void edit_score_table(struct form_ctx *c, const char *prefix, const struct score_table *st,
                      const struct table_score *ts, bool fixed_tree)
{
        budget(c, prefix, &st->budget, ts);
        goal(c, prefix, &st->goal);
        indicators(c, prefix, st, ts, fixed_tree);
        html_raw(c->r, "<p class=\"totals\"><strong>总分</strong> ");
        fc_computed(c, P(c, "%s.stated_total", prefix), 2, false);
        html_raw(c->r, "　<strong>评价等级</strong> ");
        fc_computed(c, P(c, "%s.stated_grade", prefix), 0, false);
        html_raw(c->r, "</p>");
        fc_notes(c, P(c, "%s.stated_total", prefix));
}

void edit_project_head(struct form_ctx *c, size_t p)
{
        const struct project *pr = &c->d->projects[p];
        const char *pp = P(c, "$.projects[%zu]", p);
        html_raw(c->r, "<div class=\"card fields\"><label>项目名称");
        fc_text(c, P(c, "%s.name", pp), pr->name);
        html_raw(c->r, "</label><label>项目编码");
        fc_text(c, P(c, "%s.code", pp), pr->code);
        html_raw(c->r, "</label><label>项目类别");
        fc_text(c, P(c, "%s.category", pp), pr->category);
        html_raw(c->r, "</label><label class=\"wide\">项目自评报告（摘要）");
        fc_area(c, P(c, "%s.report", pp), pr->report);
        html_raw(c->r, "</label></div>");
        fc_notes(c, P(c, "%s.name", pp));
}
