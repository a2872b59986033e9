/* The sections of the self-evaluation report, in the order the seed
 * reports share, and the annex (see report.h). Each section states the
 * engine's figures in generated sentences and tables, then the unit's own
 * narrative for it (less any sentence the engine contradicts); a section
 * the unit wrote nothing for gets generated sentences only. When the data
 * say nothing either, a part the scheme requires (scheme.required_sections,
 * which no task can be sent up without) reads "（未填写）" and any other
 * part is left out, so a submitted task's report never says （未填写）. */
#include "report_int.h"

#include "../base/buf.h"
#include "../doc/doc_io.h"
#include "../engine/derived.h"
#include "../tables/tables.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static const char *const NOT_FILLED = "（未填写）";

/* "（未填写）" under the heading of a part the unit has not written and
 * the data do not fill: only for a part the scheme requires. */
static void not_filled(struct rbuild *b, const char *const *member)
{
        if (engine_section_required(b->e->scheme, &b->d->narrative, member))
                rb_para(b, "%s", NOT_FILLED);
}

/* Whether a part may be left out: written by nobody, not required. */
static bool left_out(struct rbuild *b, const char *const *member)
{
        return !*member && !engine_section_required(b->e->scheme, &b->d->narrative, member);
}

static const char *money_unit(enum money_unit u)
{
        return u ? enum_name(&enum_money_unit, u) : "万元";
}

static const char *count_text(struct rbuild *b, int64_t n)
{
        return rb_printf(b, "%" PRId64, n);
}

/* A title of narrative.other without its own numbering ("二、", "七、"). */
static const char *strip_numbering(struct rbuild *b, const char *title)
{
        static const char *const numerals[] = {"一", "二", "三", "四", "五",
                                               "六", "七", "八", "九", "十"};
        const char *p = title;
        for (bool more = true; more;) {
                more = false;
                for (size_t i = 0; i < sizeof numerals / sizeof numerals[0]; i++)
                        if (strncmp(p, numerals[i], strlen(numerals[i])) == 0) {
                                p += strlen(numerals[i]);
                                more = true;
                        }
        }
        if (p != title && strncmp(p, "、", strlen("、")) == 0)
                return rb_printf(b, "%s", p + strlen("、"));
        return title;
}

/* narrative.other sections that open the report rather than add to it. */
static bool is_opening(const struct section *s)
{
        return s->title && (strstr(s->title, "开篇") || strstr(s->title, "前言"));
}

/* ---- title and opening ------------------------------------------------------------ */

static void title(struct rbuild *b)
{
        const struct doc *d = b->d;
        const char *unit = d->unit.name ? d->unit.name : "";
        b->r->title =
            rb_printf(b, "%" PRId64 "年度%s部门整体支出绩效自评报告", d->fiscal_year, unit);
        b->r->author = rb_printf(b, "%s", unit);
        b->r->subject = rb_printf(b, "%s", b->e->scheme->title ? b->e->scheme->title : "");
        struct buf t = BUF_INIT;
        buf_printf(&t, "%" PRId64 "年度%s\n部门整体支出绩效自评报告", d->fiscal_year, unit);
        rb_block(b, RB_TITLE, buf_str(&t));
        buf_free(&t);
}

static void opening(struct rbuild *b)
{
        const struct narrative *n = &b->d->narrative;
        b->section = "开篇";
        size_t added = 0;
        for (size_t i = 0; i < n->n_other; i++)
                if (is_opening(&n->other[i]))
                        added += rb_narrative(b, n->other[i].text, NULL);
        if (added)
                return;
        const char *scheme = b->e->scheme->title ? b->e->scheme->title : b->e->scheme->name;
        rb_para(b,
                "根据预算绩效管理工作要求，我单位对%" PRId64
                "年度部门整体支出情况开展了绩效自评。本报告所列金额、执行率、得分和评价等级，"
                "均按“%s”的计分规则由自评数据计算得出。现将自评情况报告如下：",
                b->d->fiscal_year, scheme);
}

/* ---- 一、部门基本情况 ------------------------------------------------------------------- */

/* Whether staffing_sentence() has figures to state. */
static bool staffing_known(struct rbuild *b)
{
        const struct basic_staffing *s = &b->d->basic.staffing;
        dec_t num, den;
        return (s->authorized != COUNT_NONE && s->actual != COUNT_NONE) ||
               engine_figure(b->d, FIG_STAFF_CONTROL_RATE, &num, &den);
}

static bool staffing_sentence(struct rbuild *b)
{
        const struct basic_staffing *s = &b->d->basic.staffing;
        dec_t num, den, extra, den_extra;
        if (s->authorized != COUNT_NONE && s->actual != COUNT_NONE) {
                struct buf t = BUF_INIT;
                buf_printf(&t, "年末编制数 %s 人，实际在职人数 %s 人", count_text(b, s->authorized),
                           count_text(b, s->actual));
                if (s->authorized > 0) /* the engine's 控制率 = 实际在职 / 编制 */
                        buf_printf(&t, "，财政供养人员控制率为 %s",
                                   rb_pct(b, dec_muldiv(dec_from_int(s->actual), dec_from_int(100),
                                                        dec_from_int(s->authorized), 2)));
                buf_puts(&t, "。");
                if (s->actual > s->authorized)
                        buf_printf(&t, "实际在职人数超出编制数 %s 人。",
                                   count_text(b, s->actual - s->authorized));
                rb_block(b, RB_PARA, buf_str(&t));
                buf_free(&t);
                return true;
        }
        if (engine_figure(b->d, FIG_STAFF_CONTROL_RATE, &num, &den)) {
                struct buf t = BUF_INIT;
                buf_printf(&t, "编制人数 %s 人，在编人数 %s 人，财政供养人员控制率为 %s",
                           rb_num(b, den), rb_num(b, num),
                           rb_pct(b, dec_muldiv(num, dec_from_int(100), den, 2)));
                if (engine_figure(b->d, FIG_STAFF_EXTRA_RATE, &extra, &den_extra))
                        buf_printf(&t, "；编外人员 %s 人，编外人员控制率为 %s", rb_num(b, extra),
                                   rb_pct(b, dec_muldiv(extra, dec_from_int(100), den_extra, 2)));
                buf_puts(&t, "。");
                rb_block(b, RB_PARA, buf_str(&t));
                buf_free(&t);
                return true;
        }
        if (s->authorized != COUNT_NONE || s->actual != COUNT_NONE) {
                bool a = s->authorized != COUNT_NONE;
                rb_para(b, "年末%s %s 人。", a ? "编制数" : "实际在职人数",
                        count_text(b, a ? s->authorized : s->actual));
                return true;
        }
        return false;
}

static void section_basic(struct rbuild *b)
{
        const struct doc *d = b->d;
        const struct narrative *n = &d->narrative;
        rb_heading1(b, "部门基本情况");

        if (!left_out(b, &n->functions)) {
                rb_heading2(b, "部门职能");
                if (!rb_narrative(b, n->functions, NULL))
                        not_filled(b, &n->functions);
        }

        rb_heading2(b, "机构设置");
        if (!rb_narrative(b, n->organization, NULL)) {
                if (d->unit.supervisor.name)
                        rb_para(b, "%s（单位编码 %s）为%s（%s）所属二级单位。", d->unit.name,
                                d->unit.code, d->unit.supervisor.name,
                                d->unit.supervisor.code ? d->unit.supervisor.code : "");
                else
                        rb_para(b, "%s（单位编码 %s）为本部门的主管部门。", d->unit.name,
                                d->unit.code);
        }

        if (!left_out(b, &n->personnel) || staffing_known(b)) {
                rb_heading2(b, "人员情况");
                bool any = staffing_sentence(b);
                if (!rb_narrative(b, n->personnel, NULL) && !any)
                        not_filled(b, &n->personnel);
        }

        if (!left_out(b, &n->key_work)) {
                rb_heading2(b, "年度重点工作");
                if (!rb_narrative(b, n->key_work, NULL))
                        not_filled(b, &n->key_work);
        }
}

/* ---- 二、预算安排及执行情况 ------------------------------------------------------------- */

/* "一般公共预算 591.97 万元、政府性基金拨款 109.35 万元" over the rows
 * that have the member at off; false when none has it. */
static bool split_list(struct rbuild *b, struct buf *t, const struct split_row *rows, size_t n,
                       size_t off)
{
        bool any = false;
        for (size_t i = 0; i < n; i++) {
                dec_t v = *(const dec_t *)((const char *)&rows[i] + off);
                if (!dec_is_set(v))
                        continue;
                buf_printf(t, "%s%s %s %s", any ? "、" : "", rows[i].name ? rows[i].name : "",
                           rb_money(b, v), b->money);
                any = true;
        }
        return any;
}

static void budget_plan(struct rbuild *b, const struct budget_request *br)
{
        if (!dec_is_set(br->initial) && !dec_is_set(br->adjusted))
                return;
        rb_heading2(b, "预算安排情况");
        struct buf t = BUF_INIT;
        int64_t y = b->d->fiscal_year;
        if (dec_is_set(br->initial) && dec_is_set(br->adjusted)) {
                dec_t change = dec_sub(br->adjusted, br->initial);
                buf_printf(&t, "%" PRId64 "年年初预算数为 %s %s", y, rb_money(b, br->initial),
                           b->money);
                if (dec_is_zero(change))
                        buf_printf(&t, "，年中未调整，全年预算数为 %s %s。",
                                   rb_money(b, br->adjusted), b->money);
                else
                        buf_printf(&t, "，年中%s %s %s，调整后全年预算数为 %s %s。",
                                   dec_is_neg(change) ? "调减" : "调增",
                                   rb_money(b, dec_abs(change)), b->money,
                                   rb_money(b, br->adjusted), b->money);
        } else if (dec_is_set(br->adjusted)) {
                buf_printf(&t, "%" PRId64 "年全年预算数为 %s %s。", y, rb_money(b, br->adjusted),
                           b->money);
        } else {
                buf_printf(&t, "%" PRId64 "年年初预算数为 %s %s。", y, rb_money(b, br->initial),
                           b->money);
        }
        size_t mark = t.len;
        buf_puts(&t, "按收入性质分，全年预算数中");
        if (split_list(b, &t, br->by_income, br->n_by_income, offsetof(struct split_row, adjusted)))
                buf_puts(&t, "。");
        else
                buf_truncate(&t, mark);
        mark = t.len;
        buf_puts(&t, "按支出性质分，全年执行数中");
        if (split_list(b, &t, br->by_expenditure, br->n_by_expenditure,
                       offsetof(struct split_row, executed)))
                buf_puts(&t, "。");
        else
                buf_truncate(&t, mark);
        rb_block(b, RB_PARA, buf_str(&t));
        buf_free(&t);
}

static void budget_execution(struct rbuild *b, const struct table_score *t)
{
        const struct budget_request *br = &t->src->budget;
        struct grid *g = rtable_budget(b, t);
        if (!dec_is_set(br->adjusted) || !dec_is_set(br->executed)) {
                if (g) {
                        rb_heading2(b, "预算执行情况");
                        rb_table(b, g);
                }
                return;
        }
        rb_heading2(b, "预算执行情况");
        if (t->has_execution && dec_is_set(t->exec_rate_pct)) {
                rb_para(b, "全年预算数为 %s %s，全年实际支出 %s %s，预算执行率为 %s，得 %s 分。",
                        rb_money(b, br->adjusted), b->money, rb_money(b, br->executed), b->money,
                        rb_pct(b, t->exec_rate_pct), rb_score(b, t->exec_score));
                rb_para(b,
                        "预算执行率分值 %s 分，按全年执行数与全年预算数之比计分，执行率超过 100%% "
                        "的按 100%% 计。",
                        rb_num(b, t->exec_weight));
        } else {
                rb_para(b, "全年预算数为 %s %s，全年实际支出 %s %s。", rb_money(b, br->adjusted),
                        b->money, rb_money(b, br->executed), b->money);
        }
        rb_table(b, g);
}

static void project_budgets(struct rbuild *b)
{
        const struct doc *d = b->d;
        if (!d->n_projects)
                return;
        rb_heading2(b, "项目支出情况");
        rb_para(b, "本年度共有 %zu 个项目开展项目支出绩效自评。", d->n_projects);
        for (size_t i = 0; i < d->n_projects; i++) {
                const struct project *p = &d->projects[i];
                const struct table_score *t = &b->e->projects[i];
                const struct budget_request *br = &p->table.budget;
                const char *unit = money_unit(br->unit);
                struct buf s = BUF_INIT;
                buf_printf(&s, "%zu.%s", i + 1, p->name ? p->name : "");
                if (p->category)
                        buf_printf(&s, "（%s）", p->category);
                buf_puts(&s, "：");
                size_t mark = s.len;
                if (dec_is_set(br->adjusted))
                        buf_printf(&s, "全年预算数 %s %s，", rb_money(b, br->adjusted), unit);
                if (dec_is_set(br->executed))
                        buf_printf(&s, "全年执行数 %s %s，", rb_money(b, br->executed), unit);
                if (t->has_execution && dec_is_set(t->exec_rate_pct))
                        buf_printf(&s, "预算执行率为 %s，", rb_pct(b, t->exec_rate_pct));
                if (s.len == mark)
                        buf_puts(&s, "未填写预算数据。");
                else
                        buf_truncate(&s, s.len - strlen("，")), buf_puts(&s, "。");
                rb_block(b, RB_PARA, buf_str(&s));
                buf_free(&s);
        }
}

/* One sentence for a figure of 评价基础数据, when the document has its
 * inputs: "<den> X 万元，<num> Y 万元，<rate>为 Z%。" */
struct perf_sentence {
        enum figure_id id;
        const char *den, *num, *rate;
};

static const struct perf_sentence perf_sentences[] = {
    {FIG_EXECUTION_RATE, "预算指标金额", "已支付", "预算执行率"},
    {FIG_PROCUREMENT_RATE, "政府采购计划金额", "实际采购金额", "政府采购执行率"},
    {FIG_ADJUSTMENT_RATE, "年初预算数", "单位自行预算调整、调剂金额", "预算调整调剂比率"},
    {FIG_ASSET_RATE, "固定资产总额", "在用固定资产", "固定资产利用率"},
    {FIG_THREE_PUBLIC_RATE, "“三公”经费预算数", "实际支出", "“三公”经费控制率"},
    {FIG_DAILY_PUBLIC_RATE, "日常公用经费调整预算数", "决算数", "日常公用经费控制率"},
};

static void perf_finances(struct rbuild *b)
{
        const char *unit = money_unit(b->d->perf.unit);
        bool heading = false;
        for (size_t i = 0; i < sizeof perf_sentences / sizeof perf_sentences[0]; i++) {
                const struct perf_sentence *ps = &perf_sentences[i];
                dec_t num, den;
                if (!engine_figure(b->d, ps->id, &num, &den))
                        continue;
                if (!heading)
                        rb_heading2(b, "资金和资产管理情况");
                heading = true;
                rb_para(b, "%s %s %s，%s %s %s，%s为 %s。", ps->den, rb_money(b, den), unit,
                        ps->num, rb_money(b, num), unit, ps->rate,
                        rb_pct(b, dec_muldiv(num, dec_from_int(100), den, 2)));
        }
}

static void section_budget(struct rbuild *b)
{
        rb_heading1(b, "预算安排及执行情况");
        size_t before = b->blocks.n;
        budget_plan(b, &b->d->self.table.budget);
        budget_execution(b, &b->e->self);
        project_budgets(b);
        perf_finances(b);
        bool generated = b->blocks.n > before;
        if (!rb_narrative(b, b->d->narrative.budget, generated ? "情况说明" : NULL) && !generated)
                not_filled(b, &b->d->narrative.budget);
}

/* ---- 三、绩效目标完成情况 --------------------------------------------------------------- */

static void goal(struct rbuild *b)
{
        const struct goal *g = &b->d->self.table.goal;
        if (!g->declared && !g->achieved)
                return;
        rb_heading2(b, "年度总体目标完成情况");
        if (g->declared)
                rb_para(b, "年初目标：%s", g->declared);
        if (g->achieved)
                rb_para(b, "全年实际完成情况：%s", g->achieved);
}

/* Items of level l: in a scheme's tree, its items; in a document's
 * table, the run of items from k on that sit under level l. */
static size_t level_items(const struct rbuild *b, const struct table_score *t, bool fixed, size_t l,
                          size_t k)
{
        size_t n = 0;
        if (fixed) {
                const struct scheme_level *sl = &b->e->scheme->tree[l];
                for (size_t g = 0; g < sl->n_groups; g++)
                        n += sl->groups[g].n_items;
                return k + n <= t->n_items ? n : t->n_items - k;
        }
        while (k + n < t->n_items && t->items[k + n].level == l)
                n++;
        return n;
}

/* 产出指标分值 50 分，得分 48.00 分；… over the first-level indicators. */
static void level_sums(struct rbuild *b, const struct table_score *t, struct buf *out)
{
        const struct scheme *s = b->e->scheme;
        bool fixed = t->n_items && t->items[0].def;
        size_t n_levels = fixed ? s->n_tree : t->src->n_indicators;
        if (n_levels < 2)
                return;
        buf_puts(out, "其中，");
        bool first = true;
        for (size_t l = 0, k = 0; l < n_levels; l++) {
                size_t n = level_items(b, t, fixed, l, k);
                dec_t w = DEC_ZERO, sc = DEC_ZERO;
                for (size_t m = k; m < k + n; m++) {
                        if (dec_is_set(t->items[m].weight))
                                w = dec_add(w, t->items[m].weight);
                        sc = dec_add(sc, t->items[m].score);
                }
                k += n;
                if (!n)
                        continue;
                const char *name = fixed ? s->tree[l].name : t->src->indicators[l].name;
                buf_printf(out, "%s%s分值 %s 分，得分 %s 分", first ? "" : "；",
                           name && name[0] ? name : "（未注明）", rb_num(b, w), rb_score(b, sc));
                first = false;
        }
        buf_puts(out, "。");
}

/* Indicators scoring below their weight: "基本支出（分值 10 分，得 8.00 分）". */
static size_t shortfalls(struct rbuild *b, const struct table_score *t, struct buf *out)
{
        size_t n = 0;
        for (size_t k = 0; k < t->n_items; k++) {
                const struct item_score *it = &t->items[k];
                if (it->basis == BASIS_NOT_APPLICABLE || !dec_is_set(it->weight) ||
                    dec_cmp(it->score, it->weight) >= 0)
                        continue;
                const char *name = it->ind ? it->ind->name : it->def->name;
                buf_printf(out, "%s%s（分值 %s 分，得 %s 分）", n ? "、" : "", name,
                           rb_num(b, it->weight), rb_score(b, it->score));
                n++;
        }
        return n;
}

static void indicators(struct rbuild *b)
{
        const struct table_score *t = &b->e->self;
        if (!t->n_items)
                return;
        rb_heading2(b, "绩效指标完成情况");
        size_t na = 0;
        for (size_t k = 0; k < t->n_items; k++)
                na += t->items[k].basis == BASIS_NOT_APPLICABLE;
        struct buf s = BUF_INIT;
        buf_printf(&s, "绩效指标共 %zu 项，分值合计 %s 分，得分 %s 分。", t->n_items,
                   rb_num(b, t->weight_total), rb_score(b, t->indicator_score));
        level_sums(b, t, &s);
        rb_block(b, RB_PARA, buf_str(&s));
        buf_reset(&s);
        size_t n = shortfalls(b, t, &s);
        if (n)
                rb_para(b, "得分低于分值的指标 %zu 项：%s。", n, buf_str(&s));
        else
                rb_para(b, "各项绩效指标均得满分。");
        if (na)
                rb_para(b, "不适用的指标 %zu 项，其分值按比例计入其他指标。", na);
        buf_free(&s);
        rb_table(b, rtable_indicators(b, t, "绩效指标完成情况表", NULL));
}

static void project_scores(struct rbuild *b)
{
        const struct doc *d = b->d;
        if (!d->n_projects)
                return;
        rb_heading2(b, "项目支出绩效情况");
        for (size_t i = 0; i < d->n_projects; i++) {
                const struct table_score *t = &b->e->projects[i];
                const char *name = d->projects[i].name ? d->projects[i].name : "";
                if (!t->n_items) {
                        rb_para(b, "%zu.%s：未填写项目绩效指标，未计算项目自评得分。", i + 1, name);
                        continue;
                }
                if (t->has_execution)
                        rb_para(b,
                                "%zu.%s：项目自评得分 %s 分，其中预算执行率得 %s 分、绩效指标得 %s "
                                "分，评价等级为“%s”。",
                                i + 1, name, rb_score(b, t->total),
                                rb_score(b, dec_is_set(t->exec_score) ? t->exec_score : DEC_ZERO),
                                rb_score(b, t->indicator_score), t->grade ? t->grade : "—");
                else
                        rb_para(b, "%zu.%s：项目自评得分 %s 分，评价等级为“%s”。", i + 1, name,
                                rb_score(b, t->total), t->grade ? t->grade : "—");
        }
}

/* 项目完成率, 重点工作, 信访, 满意度 from 评价基础数据. */
static void duty_figures(struct rbuild *b)
{
        const struct perf_data *p = &b->d->perf;
        struct buf t = BUF_INIT;
        dec_t num, den;
        if (engine_figure(b->d, FIG_PROJECT_COMPLETION, &num, &den))
                buf_printf(&t, "计划完成项目 %s 个，已完成 %s 个，项目完成率为 %s。",
                           rb_num(b, den), rb_num(b, num),
                           rb_pct(b, dec_muldiv(num, dec_from_int(100), den, 2)));
        if (engine_figure(b->d, FIG_TASKS_UNFINISHED, &num, &den))
                buf_printf(&t, "承担重点工作任务 %s 项，已完成 %s 项，未完成 %s 项。",
                           count_text(b, p->key_tasks.assigned),
                           count_text(b, p->key_tasks.finished), rb_num(b, num));
        if (p->petitions.received != COUNT_NONE &&
            engine_figure(b->d, FIG_PETITION_REPLY, &num, &den)) {
                buf_printf(&t, "收到信访 %s 件，办理回复率为 %s",
                           count_text(b, p->petitions.received),
                           rb_pct(b, dec_muldiv(num, dec_from_int(100), den, 2)));
                if (engine_figure(b->d, FIG_PETITION_ON_TIME, &num, &den))
                        buf_printf(&t, "，按时回复率为 %s",
                                   rb_pct(b, dec_muldiv(num, dec_from_int(100), den, 2)));
                buf_puts(&t, "。");
        }
        if (dec_is_set(p->satisfaction_pct))
                buf_printf(&t, "满意度为 %s。", rb_pct(b, p->satisfaction_pct));
        if (t.len) {
                rb_heading2(b, "履职情况");
                rb_block(b, RB_PARA, buf_str(&t));
        }
        buf_free(&t);
}

static void section_performance(struct rbuild *b)
{
        rb_heading1(b, "绩效目标完成情况");
        size_t before = b->blocks.n;
        goal(b);
        indicators(b);
        project_scores(b);
        duty_figures(b);
        bool generated = b->blocks.n > before;
        if (!rb_narrative(b, b->d->narrative.performance, generated ? "主要绩效" : NULL) &&
            !generated)
                not_filled(b, &b->d->narrative.performance);
}

/* ---- 四、评价结论 -------------------------------------------------------------------------- */

/* 优秀（高于 90 分）、良好（80 分及以上）、…、差（低于 60 分）. */
static void grade_bands(struct rbuild *b, struct buf *out)
{
        const struct scheme *s = b->e->scheme;
        for (size_t i = 0; i < s->n_grades; i++) {
                const struct grade_band *g = &s->grades[i];
                buf_printf(out, "%s%s", i ? "、" : "", g->name);
                bool last = i + 1 == s->n_grades && i > 0;
                if (last && s->grades[i - 1].min_open)
                        buf_printf(out, "（%s 分及以下）", rb_num(b, s->grades[i - 1].min));
                else if (last)
                        buf_printf(out, "（低于 %s 分）", rb_num(b, s->grades[i - 1].min));
                else if (g->min_open)
                        buf_printf(out, "（高于 %s 分）", rb_num(b, g->min));
                else
                        buf_printf(out, "（%s 分及以上）", rb_num(b, g->min));
        }
}

static void section_conclusion(struct rbuild *b)
{
        const struct evaluation *e = b->e;
        const struct table_score *t = &e->self;
        rb_heading1(b, "评价结论");
        const char *scheme = e->scheme->title ? e->scheme->title : e->scheme->name;
        struct buf s = BUF_INIT;
        buf_printf(&s,
                   "按“%s”计分，%" PRId64 "年度部门整体支出绩效自评综合得分 %s 分（满分 %s 分）",
                   scheme, b->d->fiscal_year, rb_score(b, t->total),
                   rb_num(b, dec_is_set(e->scheme->total) ? e->scheme->total : dec_from_int(100)));
        if (t->has_execution)
                buf_printf(&s, "，其中预算执行率得 %s 分、绩效指标得 %s 分",
                           rb_score(b, dec_is_set(t->exec_score) ? t->exec_score : DEC_ZERO),
                           rb_score(b, t->indicator_score));
        buf_printf(&s, "，评价等级为“%s”。", t->grade ? t->grade : "—");
        rb_block(b, RB_PARA, buf_str(&s));
        if (e->scheme->n_grades) {
                buf_reset(&s);
                buf_puts(&s, "评价等级按综合得分划分为");
                grade_bands(b, &s);
                buf_puts(&s, "。");
                rb_block(b, RB_PARA, buf_str(&s));
        }
        buf_free(&s);
        rb_narrative(b, b->d->narrative.conclusion, NULL);
}

/* ---- 五、存在的问题及原因 和 六、改进措施 ------------------------------------------------ */

/* One paragraph per indicator below its weight: its deviation (problems)
 * or improvement (measures). Returns the number written. */
static size_t per_indicator(struct rbuild *b, bool problems)
{
        const struct table_score *t = &b->e->self;
        size_t n = 0;
        char num[16];
        for (size_t k = 0; k < t->n_items; k++) {
                const struct item_score *it = &t->items[k];
                const struct indicator *ind = it->ind;
                if (!ind || it->basis == BASIS_NOT_APPLICABLE || !dec_is_set(it->weight))
                        continue;
                if (problems && dec_cmp(it->score, it->weight) < 0) {
                        rb_para(b, "（%s）%s：分值 %s 分，得 %s 分。%s%s", cn_numeral(++n, num),
                                ind->name ? ind->name : "（未填写名称）", rb_num(b, it->weight),
                                rb_score(b, it->score), ind->deviation ? "偏差原因：" : "",
                                ind->deviation ? ind->deviation : "");
                } else if (!problems && ind->improvement) {
                        rb_para(b, "（%s）%s：%s", cn_numeral(++n, num),
                                ind->name ? ind->name : "（未填写名称）", ind->improvement);
                }
        }
        return n;
}

static void section_problems(struct rbuild *b)
{
        rb_heading1(b, "存在的问题及原因");
        if (rb_narrative(b, b->d->narrative.problems, NULL))
                return;
        if (!per_indicator(b, true))
                rb_para(b, "各项绩效指标均得满分，未发现需要说明的偏差。");
}

static void section_measures(struct rbuild *b)
{
        rb_heading1(b, "改进措施");
        if (!rb_narrative(b, b->d->narrative.measures, NULL) && !per_indicator(b, false))
                not_filled(b, &b->d->narrative.measures);
}

static void section_more(struct rbuild *b)
{
        const struct narrative *n = &b->d->narrative;
        if (n->application) {
                rb_heading1(b, "结果应用及公开");
                if (!rb_narrative(b, n->application, NULL))
                        not_filled(b, &n->application);
        }
        for (size_t i = 0; i < n->n_other; i++) {
                const struct section *s = &n->other[i];
                if (is_opening(s))
                        continue;
                if (!s->text)
                        continue;
                rb_heading1(b, strip_numbering(b, s->title ? s->title : "其他"));
                rb_narrative(b, s->text, NULL);
        }
}

/* ---- 附件 ------------------------------------------------------------------------------ */

struct annex {
        const struct grid *grid;
        long project; /* the project whose table it is, or -1 */
};

struct annex_list {
        struct annex *items; /* room for every table */
        size_t n;
};

static void annex_add(struct annex_list *l, const struct grid *g, long project)
{
        if (g)
                l->items[l->n++] = (struct annex){g, project};
}

/* The annex tables, in the seeds' order: 基础数据表, 自评表, one
 * 项目支出绩效自评表 per project (src/tables). */
static void annex_tables(struct rbuild *b, struct annex_list *l)
{
        annex_add(l, table_basic(b->a, b->d, b->e, TABLE_PRINT), -1);
        annex_add(l, table_self_eval(b->a, b->d, b->e, TABLE_PRINT), -1);
        for (size_t p = 0; p < b->d->n_projects; p++)
                annex_add(l, table_project(b->a, b->d, b->e, p, TABLE_PRINT), (long)p);
}

static void annex(struct rbuild *b)
{
        struct annex_list l = {arena_alloc(b->a, (b->d->n_projects + 2) * sizeof(struct annex)), 0};
        annex_tables(b, &l);
        if (!l.n)
                return;
        b->section = "附件";
        rb_block(b, RB_LINE, "附件：");
        for (size_t i = 0; i < l.n; i++)
                rb_block(b, RB_LINE,
                         rb_printf(b, "%zu.%s%s", i + 1, l.items[i].grid->title,
                                   l.items[i].project >= 0 && l.items[i].grid->subtitle
                                       ? l.items[i].grid->subtitle
                                       : ""));
        for (size_t i = 0; i < l.n; i++) {
                rb_block(b, RB_ANNEX, rb_printf(b, "附件%zu", i + 1));
                rb_table(b, l.items[i].grid);
                long p = l.items[i].project;
                if (p >= 0 && b->d->projects[p].report) {
                        b->section = "项目自评报告";
                        rb_block(b, RB_HEADING2,
                                 rb_printf(b, "项目自评报告：%s",
                                           b->d->projects[p].name ? b->d->projects[p].name : ""));
                        rb_narrative(b, b->d->projects[p].report, NULL);
                }
        }
}

/* ---- entry points ---------------------------------------------------------------------- */

struct report *report_build(const struct doc *d, const struct evaluation *e)
{
        struct arena *a = arena_new();
        struct report *r = arena_alloc(a, sizeof *r);
        r->arena = a;
        struct rbuild b = {.r = r,
                           .a = a,
                           .d = d,
                           .e = e,
                           .blocks = VEC_INIT(struct rblock),
                           .omitted = VEC_INIT(struct omission),
                           .money = money_unit(d->self.table.budget.unit),
                           .places = (int)e->scheme->places};
        rb_contested(&b);
        title(&b);
        opening(&b);
        section_basic(&b);
        section_budget(&b);
        section_performance(&b);
        section_conclusion(&b);
        section_problems(&b);
        section_measures(&b);
        section_more(&b);
        annex(&b);
        r->blocks = vec_finish(&b.blocks, a, &r->n_blocks);
        r->omitted = vec_finish(&b.omitted, a, &r->n_omitted);
        return r;
}

void report_free(struct report *r)
{
        if (r)
                arena_free(r->arena);
}

const char *report_cell_text(const struct grid_cell *c, char buf[64])
{
        if (c->kind == CELL_EMPTY || !c->text)
                return "";
        if (c->kind == CELL_NUMBER && c->style == NUM_PERCENT) {
                snprintf(buf, 64, "%s%%", c->text);
                return buf;
        }
        return c->text;
}
