/* The read-only HTML view of an evaluation (see view_doc.h): the header
 * with computed and stated totals, the 自评表 and every 项目支出表 laid out
 * like the seed tables with each computed score beside the stated one and
 * its rule, the report text, statements, attachments and the findings.
 * The 基础数据表 and 评价基础数据 are in view_data.c.
 *
 * Everything is written straight into r->out through html(); numbers are
 * formatted into stack buffers, so rendering allocates only one row array
 * per indicator table (in r->arena) and one reused scratch buffer. */
#include "evaluation.h"

#include "layout.h"

#include "../../doc/doc_io.h"

#include <string.h>

/* ---- cells ------------------------------------------------------------------- */

void view_money_td(struct req *r, dec_t v)
{
        char b[DEC_BUFSZ];
        html(r, "<td class=\"num\">%s</td>", dec_fmt_grouped(v, 2, b));
}

void view_pct_td(struct req *r, dec_t v)
{
        char b[DEC_BUFSZ];
        if (dec_is_set(v))
                html(r, "<td class=\"num\">%s%%</td>", dec_fmt(v, 2, b));
        else
                html_raw(r, "<td></td>");
}

void view_num_td(struct req *r, dec_t v)
{
        char b[DEC_BUFSZ];
        html(r, "<td class=\"num\">%s</td>", dec_fmt(v, -1, b));
}

void view_count_td(struct req *r, int64_t n)
{
        if (n == COUNT_NONE)
                html_raw(r, "<td></td>");
        else
                html(r, "<td class=\"num\">%lld</td>", (long long)n);
}

/* Every line of text, escaped: each wrapped in open…sep when open is given,
 * else joined by sep; blank lines are dropped from paragraphs. */
static void each_line(struct req *r, const char *text, const char *open, const char *sep)
{
        bool first = true;
        for (const char *p = text; p && *p;) {
                const char *nl = strchr(p, '\n');
                size_t n = nl ? (size_t)(nl - p) : strlen(p);
                if (n && p[n - 1] == '\r')
                        n--;
                if (n || !open) {
                        if (open)
                                html_raw(r, open);
                        else if (!first)
                                html_raw(r, sep);
                        html(r, "%.*s", (int)n, p);
                        if (open)
                                html_raw(r, sep);
                        first = false;
                }
                p = nl ? nl + 1 : p + n;
        }
}

void view_paragraphs(struct req *r, const char *text)
{
        each_line(r, text, "<p>", "</p>");
}

void view_lines(struct req *r, const char *text)
{
        each_line(r, text, NULL, "<br>");
}

const char *view_money_unit(enum money_unit u)
{
        return u ? enum_label(&enum_money_unit, u) : "万元";
}

/* A stated figure beside its computed one: marked when they differ. */
static void stated_td(struct req *r, dec_t stated, dec_t computed, bool pct)
{
        char b[DEC_BUFSZ];
        bool diff = dec_is_set(stated) && dec_is_set(computed) && !dec_eq(stated, computed);
        if (!dec_is_set(stated)) {
                html_raw(r, "<td class=\"num\"></td>");
                return;
        }
        html_raw(r,
                 diff ? "<td class=\"num diff\" title=\"与计算值不一致\">" : "<td class=\"num\">");
        html(r, pct ? "%s%%</td>" : "%s</td>", dec_fmt(stated, pct ? 2 : -1, b));
}

/* A computed score with places decimals (blank when absent). */
static void score_td(struct req *r, dec_t v, int places)
{
        char b[DEC_BUFSZ];
        html(r, "<td class=\"num\">%s</td>", dec_fmt(v, places, b));
}

/* "≥8%", "214.2万元", "达标": a target or value in the indicator's unit. */
static void measure(struct req *r, const struct indicator *ind, enum cmp_op op,
                    const struct measure *m)
{
        char b[DEC_BUFSZ];
        if (m->text)
                html(r, "%s", m->text);
        else if (dec_is_set(m->value))
                html(r, "%s%s%s", op ? enum_label(&enum_cmp_op, op) : "", dec_fmt(m->value, -1, b),
                     m->unit ? m->unit : ind->unit);
}

static bool measure_set(const struct measure *m)
{
        return m->text || dec_is_set(m->value);
}

/* "计算 100.00　表列 96.00", the stated one marked when it differs. */
static void text_pair(struct req *r, const char *computed, const char *stated)
{
        bool diff = computed && stated && strcmp(computed, stated) != 0;
        html(r, "计算 <strong>%s</strong>　表列 ", computed ? computed : "—");
        html_raw(r, diff ? "<span class=\"diff\" title=\"与计算值不一致\">" : "<span>");
        html(r, "%s</span>", stated ? stated : "—");
}

/* ---- header ------------------------------------------------------------------- */

static void header(struct req *r, const struct doc *d, const struct evaluation *e)
{
        int places = (int)e->scheme->places;
        char a[DEC_BUFSZ], b[DEC_BUFSZ];
        const struct score_table *st = &d->self.table;
        html_raw(r, "<div class=\"card\"><table><tbody>");
        html(r, "<tr><th>预算单位</th><td>%s（%s）</td></tr>", d->unit.name, d->unit.code);
        if (d->unit.supervisor.code)
                html(r, "<tr><th>主管部门</th><td>%s（%s）</td></tr>", d->unit.supervisor.name,
                     d->unit.supervisor.code);
        html(r, "<tr><th>年度</th><td>%lld年度</td></tr>", (long long)d->fiscal_year);
        html(r, "<tr><th>评分方案</th><td>%s（%s）</td></tr>", e->scheme->title, e->scheme->name);
        html_raw(r, "<tr><th>总分</th><td>");
        text_pair(r, dec_fmt(e->self.total, places, a),
                  dec_is_set(st->stated_total) ? dec_fmt(st->stated_total, places, b) : NULL);
        html_raw(r, "</td></tr><tr><th>评价等级</th><td>");
        text_pair(r, e->self.grade, st->stated_grade);
        size_t infos = e->n_findings - e->n_errors - e->n_warnings;
        html(
            r,
            "</td></tr><tr><th>审核发现</th><td><a href=\"#findings\">"
            "<span class=\"tag error\">错误 %zu</span> <span class=\"tag warning\">警告 %zu</span> "
            "<span class=\"tag info\">提示 %zu</span></a></td></tr></tbody></table></div>",
            e->n_errors, e->n_warnings, infos);
}

/* ---- 年度预算申请 -------------------------------------------------------------- */

static void split_rows(struct req *r, const char *title, bool income, dec_t stated_total,
                       const struct split_row *rows, size_t n)
{
        char b[DEC_BUFSZ];
        html(r, "<tr class=\"level\"><td>%s</td><td></td>", title);
        html(r,
             income ? "<td class=\"num\">%s</td><td></td>" : "<td></td><td class=\"num\">%s</td>",
             dec_fmt_grouped(stated_total, 2, b));
        html_raw(r, "<td colspan=\"5\"></td></tr>");
        for (size_t i = 0; i < n; i++) {
                html(r, "<tr><td>　%s</td>", rows[i].name);
                view_money_td(r, rows[i].initial);
                view_money_td(r, rows[i].adjusted);
                view_money_td(r, rows[i].executed);
                html_raw(r, "<td></td><td></td>");
                view_pct_td(r, rows[i].stated_rate_pct);
                html_raw(r, "<td></td><td></td></tr>");
        }
}

static void budget(struct req *r, const struct evaluation *e, const struct table_score *t)
{
        const struct budget_request *br = &t->src->budget;
        int places = (int)e->scheme->places;
        char a[DEC_BUFSZ], b[DEC_BUFSZ], c[DEC_BUFSZ], w[DEC_BUFSZ], x[DEC_BUFSZ];
        html(
            r,
            "<h3>年度预算申请</h3><table><thead><tr><th>年度预算申请（%s）</th>"
            "<th class=\"num\">年初预算数</th><th class=\"num\">全年预算数（A）</th>"
            "<th class=\"num\">全年执行数（B）</th><th class=\"num\">分值</th>"
            "<th class=\"num\">执行率（计算）</th><th class=\"num\">执行率（表列）</th>"
            "<th class=\"num\">得分（计算）</th><th class=\"num\">得分（表列）</th></tr></thead><tbody>",
            view_money_unit(br->unit));
        html_raw(r, "<tr><td>年度资金总额</td>");
        view_money_td(r, br->initial);
        view_money_td(r, br->adjusted);
        view_money_td(r, br->executed);
        view_num_td(r, t->has_execution ? t->exec_weight : br->weight);
        if (t->has_execution) {
                view_pct_td(r, t->exec_rate_pct);
                stated_td(r, br->stated_rate_pct, t->exec_rate_pct, true);
                score_td(r, dec_is_set(t->exec_score) ? t->exec_score : DEC_ZERO, places);
                stated_td(r, br->stated_score, t->exec_score, false);
        } else {
                html_raw(r, "<td></td>");
                stated_td(r, br->stated_rate_pct, DEC_NONE, true);
                html_raw(r, "<td></td>");
                stated_td(r, br->stated_score, DEC_NONE, false);
        }
        html_raw(r, "</tr>");
        if (br->n_by_income || dec_is_set(br->stated_income_total))
                split_rows(r, "按收入性质分", true, br->stated_income_total, br->by_income,
                           br->n_by_income);
        if (br->n_by_expenditure || dec_is_set(br->stated_expenditure_total))
                split_rows(r, "按支出性质分", false, br->stated_expenditure_total,
                           br->by_expenditure, br->n_by_expenditure);
        html_raw(r, "</tbody></table>");
        if (!t->has_execution)
                return;
        if (dec_is_set(t->exec_score))
                html(r,
                     "<p><small class=\"muted\">计分：全年执行数 %s / 全年预算数 %s = %s%%；"
                     "%s × min(执行率, 1) = %s</small></p>",
                     dec_fmt_grouped(br->executed, 2, a), dec_fmt_grouped(br->adjusted, 2, b),
                     dec_fmt(t->exec_rate_pct, 2, c), dec_fmt(t->exec_weight, -1, w),
                     dec_fmt(t->exec_score, places, x));
        else
                html_raw(r, "<p><small class=\"muted\">计分：缺少全年预算数或全年执行数，按 0 "
                            "分计</small></p>");
}

/* ---- 绩效指标 ---------------------------------------------------------------------- */

/* One row of the indicator table, in display order. */
struct ind_row {
        const char *level, *group; /* 一级 and 二级 names */
        dec_t level_weight, group_weight;
        unsigned level_key, group_key;  /* equal keys share a rowspan cell */
        const struct indicator *ind;    /* NULL for a scheme indicator the table lacks */
        const struct item_score *score; /* NULL for a row the scheme does not score */
        size_t item;                    /* index of score in the table's items */
};

/* Which optional columns hold anything. */
struct ind_cols {
        bool target, midyear, actual, criteria, deviation;
};

static const char *or_unnamed(const char *name)
{
        return name && name[0] ? name : "（未注明）";
}

/* The rows of a fixed scheme's tree (its names, in its order), then the
 * document's rows that name no indicator of the scheme. */
static size_t fixed_rows(struct req *r, const struct scheme *s, const struct table_score *t,
                         struct ind_row *rows)
{
        const struct score_table *src = t->src;
        size_t n = 0, k = 0, groups = 0, doc_items = 0;
        for (size_t i = 0; i < src->n_indicators; i++)
                groups += src->indicators[i].n_groups;
        /* flat index of each document row: group_base[first_group[level] + group] + item */
        size_t *first_group = arena_alloc(r->arena, (src->n_indicators + 1) * sizeof(size_t));
        size_t *group_base = arena_alloc(r->arena, (groups + 1) * sizeof(size_t));
        for (size_t i = 0, g = 0; i < src->n_indicators; i++) {
                first_group[i] = g;
                for (size_t j = 0; j < src->indicators[i].n_groups; j++, g++) {
                        group_base[g] = doc_items;
                        doc_items += src->indicators[i].groups[j].n_items;
                }
        }
        bool *seen = arena_alloc(r->arena, doc_items + 1);
        unsigned gkey = 0;
        for (size_t i = 0; i < s->n_tree; i++)
                for (size_t j = 0; j < s->tree[i].n_groups; j++, gkey++)
                        for (size_t m = 0; m < s->tree[i].groups[j].n_items && k < t->n_items;
                             m++, k++) {
                                const struct item_score *it = &t->items[k];
                                rows[n++] = (struct ind_row){s->tree[i].name,
                                                             s->tree[i].groups[j].name,
                                                             s->tree[i].weight,
                                                             s->tree[i].groups[j].weight,
                                                             (unsigned)i,
                                                             gkey,
                                                             it->ind,
                                                             it,
                                                             k};
                                if (it->ind)
                                        seen[group_base[first_group[it->level] + it->group] +
                                             it->item] = true;
                        }
        for (size_t i = 0, f = 0; i < src->n_indicators; i++) {
                const struct ind_level *l = &src->indicators[i];
                for (size_t j = 0; j < l->n_groups; j++)
                        for (size_t m = 0; m < l->groups[j].n_items; m++, f++)
                                if (!seen[f])
                                        rows[n++] =
                                            (struct ind_row){l->name,
                                                             l->groups[j].name,
                                                             l->stated_weight,
                                                             l->groups[j].stated_weight,
                                                             (unsigned)(s->n_tree + i),
                                                             gkey + (unsigned)(first_group[i] + j),
                                                             &l->groups[j].items[m],
                                                             NULL,
                                                             0};
        }
        return n;
}

/* The rows of a table that defines its own indicators: items[k] is the
 * k-th row in document order. */
static size_t document_rows(const struct table_score *t, struct ind_row *rows)
{
        const struct score_table *src = t->src;
        size_t n = 0;
        unsigned gkey = 0;
        for (size_t i = 0; i < src->n_indicators; i++) {
                const struct ind_level *l = &src->indicators[i];
                for (size_t j = 0; j < l->n_groups; j++, gkey++)
                        for (size_t m = 0; m < l->groups[j].n_items && n < t->n_items; m++, n++)
                                rows[n] = (struct ind_row){l->name,
                                                           l->groups[j].name,
                                                           l->stated_weight,
                                                           l->groups[j].stated_weight,
                                                           (unsigned)i,
                                                           gkey,
                                                           &l->groups[j].items[m],
                                                           &t->items[n],
                                                           n};
        }
        return n;
}

/* A level cell spanning the rows that share its key: "产出指标（50分）". */
static void span_cell(struct req *r, const char *name, dec_t weight, size_t span)
{
        char b[DEC_BUFSZ];
        html(r, "<td rowspan=\"%zu\">%s", span, or_unnamed(name));
        if (dec_is_set(weight))
                html(r, "（%s分）", dec_fmt(weight, -1, b));
        html_raw(r, "</td>");
}

static void deviation_cell(struct req *r, const struct indicator *ind)
{
        html_raw(r, "<td>");
        if (ind && ind->deviation)
                view_lines(r, ind->deviation);
        if (ind && ind->improvement) {
                html_raw(r, ind->deviation ? "<br>改进措施：" : "改进措施：");
                view_lines(r, ind->improvement);
        }
        html_raw(r, "</td>");
}

static void indicator_row(struct req *r, const struct evaluation *e, const struct table_score *t,
                          const struct ind_row *row, struct ind_cols u, struct buf *why)
{
        const struct indicator *ind = row->ind;
        const struct item_score *it = row->score;
        char b[DEC_BUFSZ];
        html(r, "<td>%s", ind ? ind->name : it->def->name);
        if (ind && ind->not_applicable)
                html_raw(r, "（不适用）");
        if (it) {
                buf_reset(why);
                engine_explain(e, t, row->item, why);
                html(r, "<br><small class=\"muted\">%s</small>", buf_str(why));
        } else {
                html_raw(r, "<br><small class=\"muted\">未列入评分方案，不计分</small>");
        }
        html_raw(r, "</td>");
        if (u.target) {
                html_raw(r, "<td>");
                if (ind)
                        measure(r, ind, ind->target.op, &ind->target.m);
                html_raw(r, "</td>");
        }
        if (u.midyear) {
                html_raw(r, "<td>");
                if (ind)
                        measure(r, ind, CMP_UNSET, &ind->midyear);
                html_raw(r, "</td>");
        }
        if (u.actual) {
                html_raw(r, "<td>");
                if (ind)
                        measure(r, ind, CMP_UNSET, &ind->actual);
                html_raw(r, "</td>");
        }
        if (u.criteria) {
                html_raw(r, "<td class=\"num\">");
                for (size_t c = 0; ind && c < ind->n_criteria; c++)
                        html(r, c ? "+%s" : "%s", dec_fmt(ind->criteria[c], -1, b));
                html_raw(r, "</td>");
        }
        view_num_td(r, it ? it->weight : ind->weight);
        if (!it)
                html_raw(r, "<td class=\"num\">—</td>");
        else if (it->basis == BASIS_NOT_APPLICABLE)
                html_raw(r, "<td class=\"num\">不适用</td>");
        else
                score_td(r, it->score, (int)e->scheme->places);
        if (it && it->basis != BASIS_NOT_APPLICABLE)
                stated_td(r, it->stated, it->score, false);
        else
                stated_td(r, ind ? ind->score : DEC_NONE, DEC_NONE, false);
        if (u.deviation)
                deviation_cell(r, ind);
}

static void indicators(struct req *r, const struct evaluation *e, const struct table_score *t,
                       bool fixed, struct buf *why)
{
        const struct score_table *src = t->src;
        size_t cap = t->n_items;
        for (size_t i = 0; fixed && i < src->n_indicators; i++)
                for (size_t j = 0; j < src->indicators[i].n_groups; j++)
                        cap += src->indicators[i].groups[j].n_items;
        if (!cap)
                return;
        struct ind_row *rows = arena_alloc(r->arena, cap * sizeof(*rows));
        size_t n = fixed ? fixed_rows(r, e->scheme, t, rows) : document_rows(t, rows);
        struct ind_cols u = {0};
        for (size_t i = 0; i < n; i++) {
                const struct indicator *ind = rows[i].ind;
                if (!ind)
                        continue;
                u.target |= measure_set(&ind->target.m);
                u.midyear |= measure_set(&ind->midyear);
                u.actual |= measure_set(&ind->actual);
                u.criteria |= ind->n_criteria > 0;
                u.deviation |= ind->deviation || ind->improvement;
        }
        html_raw(r, "<h3>绩效指标</h3><table><thead><tr><th>一级指标</th><th>二级指标</th>"
                    "<th>三级指标</th>");
        if (u.target)
                html_raw(r, "<th>年度指标值</th>");
        if (u.midyear)
                html_raw(r, "<th>年中监控值</th>");
        if (u.actual)
                html_raw(r, "<th>实际完成值</th>");
        if (u.criteria)
                html_raw(r, "<th class=\"num\">评分要点得分</th>");
        html_raw(r, "<th class=\"num\">分值</th><th class=\"num\">计算得分</th>"
                    "<th class=\"num\">表列得分</th>");
        if (u.deviation)
                html_raw(r, "<th>偏差原因分析及改进措施</th>");
        html_raw(r, "</tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
                const struct ind_row *row = &rows[i];
                html_raw(r, "<tr>");
                if (i == 0 || row->level_key != rows[i - 1].level_key) {
                        size_t span = 1;
                        while (i + span < n && rows[i + span].level_key == row->level_key)
                                span++;
                        span_cell(r, row->level, row->level_weight, span);
                }
                if (i == 0 || row->group_key != rows[i - 1].group_key) {
                        size_t span = 1;
                        while (i + span < n && rows[i + span].group_key == row->group_key)
                                span++;
                        span_cell(r, row->group, row->group_weight, span);
                }
                indicator_row(r, e, t, row, u, why);
                html_raw(r, "</tr>");
        }
        char a[DEC_BUFSZ], b[DEC_BUFSZ];
        size_t before = 3 + u.target + u.midyear + u.actual + u.criteria;
        html(r,
             "<tr class=\"level\"><td colspan=\"%zu\">绩效指标合计</td><td class=\"num\">%s</td>"
             "<td class=\"num\">%s</td><td></td>",
             before, dec_fmt(t->weight_total, -1, a),
             dec_fmt(t->indicator_score, (int)e->scheme->places, b));
        html_raw(r, u.deviation ? "<td></td></tr></tbody></table>" : "</tr></tbody></table>");
}

/* ---- a scored table: 自评表 or 项目支出表 ------------------------------------------------ */

static void score_table(struct req *r, const struct evaluation *e, const struct table_score *t,
                        bool self, struct buf *why)
{
        const struct score_table *st = t->src;
        const struct schema *self_schema = schema_field(&schema_doc, "self_eval")->sub;
        if (t->has_execution ||
            !schema_empty(schema_field(self_schema, "budget")->sub, &st->budget))
                budget(r, e, t);
        if (st->goal.declared || st->goal.achieved) {
                html_raw(r, "<h3>年度总体目标</h3><table><thead><tr><th>年初目标设定</th>"
                            "<th>全年实际完成情况</th></tr></thead><tbody><tr><td>");
                view_lines(r, st->goal.declared);
                html_raw(r, "</td><td>");
                view_lines(r, st->goal.achieved);
                html_raw(r, "</td></tr></tbody></table>");
        }
        indicators(r, e, t, self && e->scheme->n_tree > 0, why);
        char a[DEC_BUFSZ], b[DEC_BUFSZ];
        int places = (int)e->scheme->places;
        html_raw(r, "<p><strong>总分</strong>　");
        text_pair(r, dec_fmt(t->total, places, a),
                  dec_is_set(st->stated_total) ? dec_fmt(st->stated_total, places, b) : NULL);
        html_raw(r, "　　<strong>评价等级</strong>　");
        text_pair(r, t->grade, st->stated_grade);
        html_raw(r, "</p>");
}

static void main_tasks(struct req *r, const struct self_eval *s)
{
        html(r,
             "<h3>年度主要任务（%s）</h3><table><thead><tr><th>任务名称</th><th>主要内容</th>"
             "<th class=\"num\">预算资金</th><th class=\"num\">其中：财政资金</th>"
             "<th>任务完成情况</th><th class=\"num\">预算执行数</th>"
             "<th class=\"num\">其中：财政资金</th><th class=\"num\">预算执行率</th></tr></thead>"
             "<tbody>",
             view_money_unit(s->table.budget.unit));
        for (size_t i = 0; i < s->n_main_tasks; i++) {
                const struct main_task *m = &s->main_tasks[i];
                html(r, "<tr><td>%s</td><td>", m->name);
                view_lines(r, m->content);
                html_raw(r, "</td>");
                view_money_td(r, m->budget);
                view_money_td(r, m->budget_fiscal);
                html_raw(r, "<td>");
                view_lines(r, m->completion);
                html_raw(r, "</td>");
                view_money_td(r, m->executed);
                view_money_td(r, m->executed_fiscal);
                view_pct_td(r, m->stated_rate_pct);
                html_raw(r, "</tr>");
        }
        html_raw(r, "</tbody></table>");
}

static void projects(struct req *r, const struct doc *d, const struct evaluation *e,
                     struct buf *why)
{
        for (size_t i = 0; i < d->n_projects && i < e->n_projects; i++) {
                const struct project *p = &d->projects[i];
                html(r, "<h2 id=\"project-%zu\">项目支出表 %zu：%s</h2>", i + 1, i + 1, p->name);
                if (p->category || p->code)
                        html(r, "<p class=\"muted\">%s%s%s</p>", p->category,
                             p->category && p->code ? "　编码 "
                             : p->code              ? "编码 "
                                                    : "",
                             p->code);
                score_table(r, e, &e->projects[i], false, why);
                if (p->report) {
                        html_raw(r, "<h3>项目自评报告</h3><div class=\"card\">");
                        view_paragraphs(r, p->report);
                        html_raw(r, "</div>");
                }
        }
}

/* ---- text, statements, attachments, findings ------------------------------------------- */

static void narrative(struct req *r, const struct narrative *n)
{
        const struct schema *s = schema_field(&schema_doc, "narrative")->sub;
        html_raw(r, "<h2 id=\"report\">报告正文</h2><div class=\"card\">");
        for (size_t i = 0; i < s->n_fields; i++) {
                const struct field *f = &s->fields[i];
                if (f->type != FT_TEXT || field_empty(f, n))
                        continue;
                html(r, "<h3>%s</h3>", f->label);
                view_paragraphs(r, *(const char *const *)field_cptr(f, n));
        }
        for (size_t i = 0; i < n->n_other; i++) {
                html(r, "<h3>%s</h3>", or_unnamed(n->other[i].title));
                view_paragraphs(r, n->other[i].text);
        }
        html_raw(r, "</div>");
}

static void statements(struct req *r, const struct doc *d)
{
        char b[DEC_BUFSZ];
        html_raw(r, "<h2 id=\"statements\">文中表述的数据</h2><table><thead><tr><th>所在章节</th>"
                    "<th>原文</th><th>所指数据</th><th class=\"num\">文中数值</th></tr></thead>"
                    "<tbody>");
        for (size_t i = 0; i < d->n_statements; i++) {
                const struct statement *s = &d->statements[i];
                struct doc_ref ref;
                html(r, "<tr><td>%s</td><td>%s</td><td>", s->where, s->text);
                if (doc_resolve(d, s->refers_to, &ref))
                        html(r, "%s<br>", ref.field->label);
                html(r, "<small class=\"muted\">%s</small></td><td class=\"num\">%s</td></tr>",
                     s->refers_to, s->value_text ? s->value_text : dec_fmt(s->value, -1, b));
        }
        html_raw(r, "</tbody></table>");
}

static void attachments(struct req *r, const struct doc *d)
{
        html_raw(r, "<h2 id=\"attachments\">附件</h2><table><thead><tr><th>类型</th><th>文件名</th>"
                    "<th>所属项目</th><th class=\"num\">大小（字节）</th></tr></thead><tbody>");
        for (size_t i = 0; i < d->n_attachments; i++) {
                const struct attachment *a = &d->attachments[i];
                html(r, "<tr><td>%s</td><td>%s</td><td>%s</td>",
                     enum_label(&enum_attach_kind, a->kind), a->name, a->project);
                view_count_td(r, a->size);
                html_raw(r, "</tr>");
        }
        html_raw(r, "</tbody></table>");
}

/* A finding's value: its text, or its number with its places. */
static const char *finding_value(const char *text, dec_t v, int places, char b[DEC_BUFSZ])
{
        return text ? text : dec_is_set(v) ? dec_fmt(v, places, b) : NULL;
}

static void findings(struct req *r, const struct evaluation *e)
{
        html_raw(r, "<h2 id=\"findings\">审核发现</h2>");
        if (!e->n_findings) {
                html_raw(r, "<p class=\"muted\">没有发现问题。</p>");
                return;
        }
        html_raw(r, "<ol class=\"findings\">");
        for (size_t i = 0; i < e->n_findings; i++) {
                const struct finding *f = &e->findings[i];
                char a[DEC_BUFSZ], b[DEC_BUFSZ];
                const char *stated = finding_value(f->stated_text, f->stated, f->places, a);
                const char *computed = finding_value(f->computed_text, f->computed, f->places, b);
                html(r, "<li><span class=\"tag %s\">%s</span> <strong>%s</strong><br>%s",
                     severity_name(f->severity), severity_label(f->severity), f->label, f->message);
                html_raw(r, "<div class=\"where\">");
                if (f->rule)
                        html(r, "规则：%s　", f->rule);
                if (stated || computed)
                        html(r, "表列：%s　计算：%s　", stated ? stated : "—",
                             computed ? computed : "—");
                html(r, "<code>%s</code> · %s</div></li>", f->code, f->path);
        }
        html_raw(r, "</ol>");
}

/* ---- the whole view ------------------------------------------------------------------------- */

static bool part_empty(const struct doc *d, const char *key)
{
        return field_empty(schema_field(&schema_doc, key), d);
}

void view_evaluation(struct req *r, const struct doc *d, const struct evaluation *e)
{
        struct buf why = BUF_INIT; /* rule explanations, reused row after row */
        buf_reserve(&why, 512);
        header(r, d, e);
        html_raw(r, "<p class=\"hint\">目录：<a href=\"#self\">自评表</a>");
        if (d->n_projects)
                html_raw(r, " · <a href=\"#project-1\">项目支出表</a>");
        if (!part_empty(d, "basic_data"))
                html_raw(r, " · <a href=\"#basic\">基础数据表</a>");
        if (!part_empty(d, "performance_data"))
                html_raw(r, " · <a href=\"#perf\">评价基础数据</a>");
        if (!part_empty(d, "narrative"))
                html_raw(r, " · <a href=\"#report\">报告正文</a>");
        html_raw(r, " · <a href=\"#findings\">审核发现</a></p>");

        html(r, "<h2 id=\"self\">%lld年度部门整体支出绩效自评表</h2>", (long long)d->fiscal_year);
        score_table(r, e, &e->self, true, &why);
        if (d->self.n_main_tasks)
                main_tasks(r, &d->self);
        projects(r, d, e, &why);
        view_basic_data(r, d);
        view_perf_data(r, d);
        if (!part_empty(d, "narrative"))
                narrative(r, &d->narrative);
        if (d->n_statements)
                statements(r, d);
        if (d->n_attachments)
                attachments(r, d);
        findings(r, e);
        buf_free(&why);
}
