/* Rendering of a document as Chinese terminal tables, laid out like the
 * seed tables: 基础数据表, 评价基础数据, 自评表, 项目支出表, then the text,
 * statements and attachments. Only what the document holds is shown —
 * stated figures as stated; computing is the engine's job. */
#include "show.h"
#include "table.h"

#include "../doc/doc_io.h"

#include <stdarg.h>
#include <string.h>

struct out {
        struct buf *b;
        size_t width;
        struct arena *strs; /* formatted cell strings for this rendering */
};

/* ---- cell formatting ------------------------------------------------------ */

static const char *sprintf_a(struct out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *sprintf_a(struct out *o, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        const char *s = arena_vprintf(o->strs, fmt, ap);
        va_end(ap);
        return s;
}

/* Amount with two decimals, blank when absent. */
static const char *money(struct out *o, dec_t v)
{
        char tmp[DEC_BUFSZ];
        return dec_is_set(v) ? arena_strdup(o->strs, dec_fmt_grouped(v, 2, tmp)) : "";
}

/* Percentage with two decimals and a % sign, blank when absent. */
static const char *pct(struct out *o, dec_t v)
{
        char tmp[DEC_BUFSZ];
        return dec_is_set(v) ? sprintf_a(o, "%s%%", dec_fmt(v, 2, tmp)) : "";
}

/* A number as written (shortest exact form), blank when absent. */
static const char *num(struct out *o, dec_t v)
{
        char tmp[DEC_BUFSZ];
        return dec_is_set(v) ? arena_strdup(o->strs, dec_fmt(v, -1, tmp)) : "";
}

static const char *count(struct out *o, int64_t n)
{
        return n == COUNT_NONE ? "" : sprintf_a(o, "%" PRId64, n);
}

static const char *text(const char *s)
{
        return s ? s : "";
}

/* "≥ 8%", "214.2万元", "达标": a measure in the indicator's unit. */
static const char *measure(struct out *o, const struct indicator *ind, enum cmp_op op,
                           const struct measure *m)
{
        if (m->text)
                return m->text;
        if (!dec_is_set(m->value))
                return "";
        char tmp[DEC_BUFSZ];
        const char *unit = m->unit ? m->unit : ind->unit ? ind->unit : "";
        const char *cmp = op ? enum_label(&enum_cmp_op, op) : "";
        return sprintf_a(o, "%s%s%s", cmp, dec_fmt(m->value, -1, tmp), unit);
}

static void heading(struct out *o, const char *title)
{
        buf_printf(o->b, "\n%s\n", title);
}

static void render(struct out *o, struct ttable *t)
{
        tt_render(t, o->width, o->b);
        tt_free(t);
}

static struct ttable *table(size_t n, const char *const *headers)
{
        return tt_new(n, headers);
}

static void align_right_from(struct ttable *t, size_t first, size_t ncols)
{
        for (size_t c = first; c < ncols; c++)
                tt_align(t, c, TT_RIGHT);
}

static bool part_empty(const struct doc *d, const char *key)
{
        const struct field *f = schema_field(&schema_doc, key);
        return field_empty(f, d);
}

static const char *unit_name(enum money_unit u)
{
        return u ? enum_name(&enum_money_unit, u) : "万元";
}

/* ---- 基础数据表 ------------------------------------------------------------ */

static void money_row(struct out *o, struct ttable *t, const char *label, const struct money3 *m)
{
        tt_row(t, (const char *[]){label, money(o, m->prior_final), money(o, m->budget),
                                   money(o, m->final)});
}

static void show_basic(struct out *o, const struct doc *d)
{
        const struct basic_data *b = &d->basic;
        heading(o, sprintf_a(o, "附件1-1　%" PRId64 "年度部门整体支出绩效评价基础数据表",
                             d->fiscal_year));

        struct ttable *t =
            table(4, (const char *[]){"财政供养人员情况（人）", "编制数",
                                      sprintf_a(o, "%" PRId64 "年实际在职人数", d->fiscal_year),
                                      "控制率"});
        align_right_from(t, 1, 4);
        tt_row(t,
               (const char *[]){"", count(o, b->staffing.authorized), count(o, b->staffing.actual),
                                pct(o, b->staffing.stated_control_rate_pct)});
        render(o, t);

        t = table(4, (const char *[]){sprintf_a(o, "经费控制情况（%s）", unit_name(b->unit)),
                                      sprintf_a(o, "%" PRId64 "年决算数", d->fiscal_year - 1),
                                      sprintf_a(o, "%" PRId64 "年预算数", d->fiscal_year),
                                      sprintf_a(o, "%" PRId64 "年决算数", d->fiscal_year)});
        align_right_from(t, 1, 4);
        const struct three_public_costs *tp = &b->three_public;
        money_row(o, t, "三公经费", &tp->stated);
        money_row(o, t, "　1、公务用车购置和维护经费", &tp->vehicles.stated);
        money_row(o, t, "　　其中：公车购置", &tp->vehicles.purchase);
        money_row(o, t, "　　　　　公车运行维护", &tp->vehicles.operation);
        money_row(o, t, "　2、出国经费", &tp->overseas);
        money_row(o, t, "　3、公务接待", &tp->reception);
        const struct project_spending *ps = &b->project_spending;
        money_row(o, t, "项目支出", &ps->stated);
        money_row(o, t, "　1、业务工作经费", &ps->business);
        money_row(o, t, "　2、运行维护经费", &ps->operation);
        money_row(o, t, "　3、上级专项资金", &ps->special.stated);
        for (size_t i = 0; i < ps->special.n_funds; i++)
                money_row(o, t, sprintf_a(o, "　　其中：%s", ps->special.funds[i].name),
                          &ps->special.funds[i].amounts);
        const struct public_funds *pf = &b->public_funds;
        money_row(o, t, "公用经费", &pf->total);
        money_row(o, t, "　其中：办公经费", &pf->office);
        money_row(o, t, "　　　　水费、电费、差旅费", &pf->utilities_travel);
        money_row(o, t, "　　　　会议费、培训费", &pf->meetings_training);
        money_row(o, t, "政府采购金额", &b->procurement);
        money_row(o, t, "部门基本支出预算调整", &b->basic_budget_adjustment);
        render(o, t);

        if (b->n_buildings) {
                t = table(7, (const char *[]){"楼堂馆所控制情况（本年完工项目）", "批复规模（㎡）",
                                              "实际规模（㎡）", "规模控制率", "预算投资",
                                              "实际投资", "投资概算控制率"});
                align_right_from(t, 1, 7);
                for (size_t i = 0; i < b->n_buildings; i++) {
                        const struct building *g = &b->buildings[i];
                        tt_row(t, (const char *[]){text(g->name), num(o, g->approved_area),
                                                   num(o, g->actual_area),
                                                   pct(o, g->stated_area_control_pct),
                                                   money(o, g->budget_investment),
                                                   money(o, g->actual_investment),
                                                   pct(o, g->stated_investment_control_pct)});
                }
                render(o, t);
        }
        if (b->austerity) {
                t = table(1, (const char *[]){"厉行节约保障措施"});
                tt_row(t, (const char *[]){b->austerity});
                render(o, t);
        }
}

/* ---- 评价基础数据 ------------------------------------------------------------ */

static void show_procurement(struct out *o, const struct procurement_table *p, const char *unit)
{
        heading(o, sprintf_a(o, "政府采购执行情况表（单位：%s）", unit));
        struct ttable *t = table(
            4, (const char *[]){"单位名称", "采购计划金额", "实际采购支付金额", "政府采购执行率"});
        align_right_from(t, 1, 4);
        for (size_t i = 0; i < p->n_rows; i++)
                tt_row(t, (const char *[]){text(p->rows[i].name), money(o, p->rows[i].planned),
                                           money(o, p->rows[i].actual),
                                           pct(o, p->rows[i].stated_rate_pct)});
        tt_rule(t);
        tt_row(t, (const char *[]){"合计（表列）", money(o, p->stated.planned),
                                   money(o, p->stated.actual), pct(o, p->stated.stated_rate_pct)});
        render(o, t);
}

static void show_adjustment(struct out *o, const struct adjustment_table *a, const char *unit)
{
        heading(o, sprintf_a(o, "预算调整调剂情况表（单位：%s）", unit));
        struct ttable *t =
            table(6, (const char *[]){"单位名称", "年初预算数", "全年预算数", "预算调整调剂金额",
                                      "自行预算调整调剂金额", "预算调整调剂比率"});
        align_right_from(t, 1, 6);
        for (size_t i = 0; i < a->n_rows; i++) {
                const struct adjustment_row *r = &a->rows[i];
                tt_row(t,
                       (const char *[]){text(r->name), money(o, r->initial), money(o, r->adjusted),
                                        money(o, r->stated_adjustment),
                                        money(o, r->self_adjustment), pct(o, r->stated_rate_pct)});
        }
        tt_rule(t);
        const struct adjustment_row *s = &a->stated;
        tt_row(t, (const char *[]){"合计（表列）", money(o, s->initial), money(o, s->adjusted),
                                   money(o, s->stated_adjustment), money(o, s->self_adjustment),
                                   pct(o, s->stated_rate_pct)});
        for (size_t i = 0; i < a->n_earmarked; i++)
                tt_span(t, sprintf_a(o, "年中专项追加：%s %s", a->earmarked[i].name,
                                     money(o, a->earmarked[i].amount)));
        render(o, t);
}

static void show_assets(struct out *o, const struct perf_data *p, const char *unit)
{
        heading(o, sprintf_a(o, "固定资产情况表（单位：%s）", unit));
        struct ttable *t = table(
            4, (const char *[]){"单位名称", "固定资产总额", "在用资产总额", "固定资产利用率"});
        align_right_from(t, 1, 4);
        for (size_t i = 0; i < p->fixed_assets.n_rows; i++) {
                const struct asset_row *r = &p->fixed_assets.rows[i];
                tt_row(t, (const char *[]){text(r->name), money(o, r->total), money(o, r->in_use),
                                           pct(o, r->stated_rate_pct)});
        }
        tt_rule(t);
        const struct asset_row *s = &p->fixed_assets.stated;
        tt_row(t, (const char *[]){"合计（表列）", money(o, s->total), money(o, s->in_use),
                                   pct(o, s->stated_rate_pct)});
        render(o, t);

        const struct asset_balance *ab = &p->asset_balance;
        heading(o, sprintf_a(o, "资产情况（单位：%s）", unit));
        t = table(5, (const char *[]){"期末总资产净值（文中）", "流动资产", "固定资产净值",
                                      "在建工程", "无形资产净值"});
        align_right_from(t, 0, 5);
        tt_row(t, (const char *[]){money(o, ab->stated_total), money(o, ab->current),
                                   money(o, ab->fixed_net), money(o, ab->construction),
                                   money(o, ab->intangible)});
        render(o, t);
}

static void staff_row(struct out *o, struct ttable *t, const char *name, const struct staff_row *r)
{
        tt_row(t, (const char *[]){name, count(o, r->authorized), count(o, r->on_payroll),
                                   count(o, r->extra), count(o, r->stated_headcount),
                                   pct(o, r->stated_control_rate_pct),
                                   pct(o, r->stated_extra_rate_pct)});
}

static void show_staff(struct out *o, const struct staff_table *s)
{
        heading(o, "人员情况表（单位：人）");
        struct ttable *t = table(7, (const char *[]){"单位名称", "编制人数", "在编人数", "编外人员",
                                                     "实有人数（含编外）", "财政供养人员控制率",
                                                     "编外人员控制率"});
        align_right_from(t, 1, 7);
        for (size_t i = 0; i < s->n_rows; i++)
                staff_row(o, t, text(s->rows[i].name), &s->rows[i]);
        tt_rule(t);
        staff_row(o, t, "合计（表列）", &s->stated);
        render(o, t);
}

static void show_public_costs(struct out *o, const struct perf_data *p, const char *unit)
{
        const struct three_public_control *tp = &p->three_public;
        heading(o, sprintf_a(o, "“三公”经费和日常公用经费（单位：%s）", unit));
        struct ttable *t = table(3, (const char *[]){"项目", "预算数", "实际支出"});
        align_right_from(t, 1, 3);
        tt_row(t, (const char *[]){"因公出国（境）费", money(o, tp->budget.overseas),
                                   money(o, tp->actual.overseas)});
        tt_row(t, (const char *[]){"公务用车购置及运行维护费", money(o, tp->budget.vehicles),
                                   money(o, tp->actual.vehicles)});
        tt_row(t, (const char *[]){"公务接待费", money(o, tp->budget.reception),
                                   money(o, tp->actual.reception)});
        tt_rule(t);
        tt_row(t, (const char *[]){"“三公”经费合计（文中）", money(o, tp->budget.stated_total),
                                   money(o, tp->actual.stated_total)});
        tt_span(t, sprintf_a(o, "“三公”经费控制率（文中）：%s", pct(o, tp->stated_rate_pct)));
        render(o, t);

        const struct daily_public_control *dp = &p->daily_public;
        t = table(4, (const char *[]){"日常公用经费年初预算数", "调整预算数", "决算数",
                                      "日常公用经费控制率（文中）"});
        align_right_from(t, 0, 4);
        tt_row(t, (const char *[]){money(o, dp->initial), money(o, dp->adjusted),
                                   money(o, dp->actual), pct(o, dp->stated_rate_pct)});
        render(o, t);
}

static void show_execution(struct out *o, const struct perf_data *p, const char *unit)
{
        const struct execution_table *e = &p->execution;
        heading(o, sprintf_a(o, "预算执行情况表（单位：%s）", unit));
        struct ttable *t =
            table(4, (const char *[]){"单位名称", "指标金额", "已支付金额", "预算执行进度"});
        align_right_from(t, 1, 4);
        for (size_t i = 0; i < e->n_rows; i++)
                tt_row(t, (const char *[]){text(e->rows[i].name), money(o, e->rows[i].allocated),
                                           money(o, e->rows[i].paid),
                                           pct(o, e->rows[i].stated_rate_pct)});
        tt_rule(t);
        tt_row(t, (const char *[]){"合计（表列）", money(o, e->stated.allocated),
                                   money(o, e->stated.paid), pct(o, e->stated.stated_rate_pct)});
        render(o, t);

        const struct quarterly *q = &p->quarterly;
        if (!q->n_quarters)
                return;
        heading(o, sprintf_a(o, "各季度预算资金执行情况表（单位：%s）", unit));
        static const char *const names[] = {"一季度", "二季度", "三季度", "四季度"};
        const char *headers[6] = {"季度"};
        for (size_t i = 0; i < 4; i++)
                headers[i + 1] = names[i];
        headers[5] = "年均执行率";
        t = table(6, headers);
        align_right_from(t, 1, 6);
        const char *rows[4][6] = {{"当季度部门指标金额"},
                                  {"当季预算累计已支付金额"},
                                  {"当季预算资金支出进度"},
                                  {"分季执行率"}};
        for (size_t i = 0; i < 4; i++) {
                const struct quarter *qq = i < q->n_quarters ? &q->quarters[i] : NULL;
                rows[0][i + 1] = qq ? money(o, qq->allocated) : "";
                rows[1][i + 1] = qq ? money(o, qq->paid) : "";
                rows[2][i + 1] = qq ? pct(o, qq->stated_progress_pct) : "";
                rows[3][i + 1] = qq ? pct(o, qq->stated_ratio_pct) : "";
        }
        rows[0][5] = rows[2][5] = rows[3][5] = "";
        rows[1][5] = pct(o, q->stated_average_pct);
        for (size_t r = 0; r < 4; r++)
                tt_row(t, rows[r]);
        render(o, t);
}

static void show_other_figures(struct out *o, const struct perf_data *p)
{
        heading(o, "其他评价基础数据");
        struct ttable *t = table(2, (const char *[]){"项目", "数值"});
        tt_align(t, 1, TT_RIGHT);
        tt_row(t, (const char *[]){"计划完成项目数", count(o, p->projects.planned)});
        tt_row(t, (const char *[]){"已完成项目数", count(o, p->projects.completed)});
        tt_row(t, (const char *[]){"项目完成及时率（文中）", pct(o, p->projects.stated_rate_pct)});
        tt_row(t, (const char *[]){"重点工作任务数", count(o, p->key_tasks.assigned)});
        tt_row(t, (const char *[]){"已完成重点工作数", count(o, p->key_tasks.finished)});
        tt_row(t, (const char *[]){"群众信访件数", count(o, p->petitions.received)});
        tt_row(t, (const char *[]){"办理回复数", count(o, p->petitions.answered)});
        tt_row(t, (const char *[]){"按时办理回复数", count(o, p->petitions.answered_on_time)});
        tt_row(t, (const char *[]){"公众或服务对象满意度", pct(o, p->satisfaction_pct)});
        render(o, t);
}

/* True if the member key of the 评价基础数据 is empty. */
static bool perf_empty(const struct perf_data *p, const char *key)
{
        const struct schema *s = schema_field(&schema_doc, "performance_data")->sub;
        return field_empty(schema_field(s, key), p);
}

static void show_perf(struct out *o, const struct doc *d)
{
        const struct perf_data *p = &d->perf;
        const char *unit = unit_name(p->unit);
        heading(o, "评价基础数据");
        if (!perf_empty(p, "procurement"))
                show_procurement(o, &p->procurement, unit);
        if (!perf_empty(p, "budget_adjustment"))
                show_adjustment(o, &p->budget_adjustment, unit);
        if (!perf_empty(p, "fixed_assets") || !perf_empty(p, "asset_balance"))
                show_assets(o, p, unit);
        if (!perf_empty(p, "staffing"))
                show_staff(o, &p->staffing);
        if (!perf_empty(p, "three_public") || !perf_empty(p, "daily_public"))
                show_public_costs(o, p, unit);
        if (!perf_empty(p, "execution") || !perf_empty(p, "quarterly"))
                show_execution(o, p, unit);
        if (!perf_empty(p, "projects") || !perf_empty(p, "key_tasks") ||
            !perf_empty(p, "petitions") || !perf_empty(p, "satisfaction_pct"))
                show_other_figures(o, p);
}

/* ---- 自评表 / 项目表 ---------------------------------------------------------- */

static void split_rows(struct out *o, struct ttable *t, const char *title, dec_t stated_total,
                       const struct split_row *rows, size_t n)
{
        tt_span(t, dec_is_set(stated_total) ? sprintf_a(o, "%s：%s", title, money(o, stated_total))
                                            : title);
        for (size_t i = 0; i < n; i++)
                tt_row(t, (const char *[]){sprintf_a(o, "　%s", rows[i].name),
                                           money(o, rows[i].initial), money(o, rows[i].adjusted),
                                           money(o, rows[i].executed), "",
                                           pct(o, rows[i].stated_rate_pct), ""});
}

static void show_budget(struct out *o, const struct budget_request *b)
{
        struct ttable *t =
            table(7, (const char *[]){sprintf_a(o, "年度预算申请（%s）", unit_name(b->unit)),
                                      "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值",
                                      "执行率（B/A）", "得分"});
        align_right_from(t, 1, 7);
        tt_row(t, (const char *[]){"年度资金总额", money(o, b->initial), money(o, b->adjusted),
                                   money(o, b->executed), num(o, b->weight),
                                   pct(o, b->stated_rate_pct), num(o, b->stated_score)});
        if (b->n_by_income || dec_is_set(b->stated_income_total))
                split_rows(o, t, "按收入性质分", b->stated_income_total, b->by_income,
                           b->n_by_income);
        if (b->n_by_expenditure || dec_is_set(b->stated_expenditure_total))
                split_rows(o, t, "按支出性质分", b->stated_expenditure_total, b->by_expenditure,
                           b->n_by_expenditure);
        render(o, t);
}

/* Which optional columns of the indicator table hold anything. */
struct ind_columns {
        bool target, midyear, actual, criteria, deviation;
};

static bool measure_set(const struct measure *m)
{
        return m->text || dec_is_set(m->value);
}

static struct ind_columns used_columns(const struct score_table *st)
{
        struct ind_columns u = {0};
        for (size_t i = 0; i < st->n_indicators; i++)
                for (size_t j = 0; j < st->indicators[i].n_groups; j++)
                        for (size_t k = 0; k < st->indicators[i].groups[j].n_items; k++) {
                                const struct indicator *ind = &st->indicators[i].groups[j].items[k];
                                u.target |= measure_set(&ind->target.m);
                                u.midyear |= measure_set(&ind->midyear);
                                u.actual |= measure_set(&ind->actual);
                                u.criteria |= ind->n_criteria > 0;
                                u.deviation |= ind->deviation || ind->improvement;
                        }
        return u;
}

/* "产出指标（50分）": a level name with its stated weight. */
static const char *level_name(struct out *o, const char *name, dec_t weight)
{
        if (!name || !name[0])
                name = "（未注明）";
        return dec_is_set(weight) ? sprintf_a(o, "%s（%s分）", name, num(o, weight)) : name;
}

static const char *deviation(struct out *o, const struct indicator *ind)
{
        if (ind->deviation && ind->improvement)
                return sprintf_a(o, "%s\n改进措施：%s", ind->deviation, ind->improvement);
        if (ind->improvement)
                return sprintf_a(o, "改进措施：%s", ind->improvement);
        return text(ind->deviation);
}

/* "1+1+0.5": the points earned per criterion. */
static const char *criteria(struct out *o, const struct indicator *ind)
{
        struct buf b = BUF_INIT;
        for (size_t i = 0; i < ind->n_criteria; i++)
                buf_printf(&b, "%s%s", i ? "+" : "", num(o, ind->criteria[i]));
        const char *s = arena_strdup(o->strs, buf_str(&b));
        buf_free(&b);
        return s;
}

enum { MAX_IND_COLS = 10 };

static void show_indicators(struct out *o, const struct score_table *st)
{
        struct ind_columns u = used_columns(st);
        const char *headers[MAX_IND_COLS] = {"一级指标", "二级指标", "三级指标"};
        size_t n = 3;
        if (u.target)
                headers[n++] = "年度指标值";
        if (u.midyear)
                headers[n++] = "年中监控值";
        if (u.actual)
                headers[n++] = "实际完成值";
        if (u.criteria)
                headers[n++] = "评分要点得分";
        size_t weight_col = n;
        headers[n++] = "分值";
        headers[n++] = "得分";
        if (u.deviation)
                headers[n++] = "偏差原因分析及改进措施";
        struct ttable *t = table(n, headers);
        tt_align(t, weight_col, TT_RIGHT);
        tt_align(t, weight_col + 1, TT_RIGHT);
        for (size_t i = 0; i < st->n_indicators; i++) {
                const struct ind_level *l = &st->indicators[i];
                tt_rule(t);
                for (size_t j = 0; j < l->n_groups || j == 0; j++) {
                        const struct ind_group *g = j < l->n_groups ? &l->groups[j] : NULL;
                        size_t n_items = g ? g->n_items : 0;
                        for (size_t k = 0; k < n_items || k == 0; k++) {
                                const struct indicator *ind = k < n_items ? &g->items[k] : NULL;
                                const char *cells[MAX_IND_COLS];
                                for (size_t c = 0; c < n; c++)
                                        cells[c] = "";
                                if (j == 0 && k == 0)
                                        cells[0] = level_name(o, l->name, l->stated_weight);
                                if (g && k == 0)
                                        cells[1] = level_name(o, g->name, g->stated_weight);
                                if (ind) {
                                        size_t c = 2;
                                        cells[c++] = ind->not_applicable
                                                         ? sprintf_a(o, "%s（不适用）", ind->name)
                                                         : ind->name;
                                        if (u.target)
                                                cells[c++] =
                                                    measure(o, ind, ind->target.op, &ind->target.m);
                                        if (u.midyear)
                                                cells[c++] =
                                                    measure(o, ind, CMP_UNSET, &ind->midyear);
                                        if (u.actual)
                                                cells[c++] =
                                                    measure(o, ind, CMP_UNSET, &ind->actual);
                                        if (u.criteria)
                                                cells[c++] = criteria(o, ind);
                                        cells[c++] = num(o, ind->weight);
                                        cells[c++] = num(o, ind->score);
                                        if (u.deviation)
                                                cells[c++] = deviation(o, ind);
                                }
                                tt_row(t, cells);
                        }
                }
        }
        render(o, t);
}

static void show_score_table(struct out *o, const struct score_table *st)
{
        const struct schema *self_schema = schema_field(&schema_doc, "self_eval")->sub;
        if (!schema_empty(schema_field(self_schema, "budget")->sub, &st->budget))
                show_budget(o, &st->budget);
        if (st->goal.declared || st->goal.achieved) {
                struct ttable *t =
                    table(2, (const char *[]){"年度总体目标：年初目标设定", "全年实际完成情况"});
                tt_row(t, (const char *[]){text(st->goal.declared), text(st->goal.achieved)});
                render(o, t);
        }
        if (st->n_indicators)
                show_indicators(o, st);
        if (dec_is_set(st->stated_total) || st->stated_grade)
                buf_printf(o->b, "总分（表列）：%s　　评价等级（表列）：%s\n",
                           dec_is_set(st->stated_total) ? num(o, st->stated_total) : "—",
                           st->stated_grade ? st->stated_grade : "—");
}

static void show_main_tasks(struct out *o, const struct self_eval *s, const char *unit)
{
        heading(o, sprintf_a(o, "年度主要任务（单位：%s）", unit));
        struct ttable *t = table(8, (const char *[]){"任务名称", "主要内容", "预算资金",
                                                     "其中：财政资金", "任务完成情况", "预算执行数",
                                                     "其中：财政资金", "预算执行率"});
        for (size_t c = 2; c < 8; c++)
                if (c != 4)
                        tt_align(t, c, TT_RIGHT);
        for (size_t i = 0; i < s->n_main_tasks; i++) {
                const struct main_task *m = &s->main_tasks[i];
                tt_row(t, (const char *[]){m->name, text(m->content), money(o, m->budget),
                                           money(o, m->budget_fiscal), text(m->completion),
                                           money(o, m->executed), money(o, m->executed_fiscal),
                                           pct(o, m->stated_rate_pct)});
        }
        render(o, t);
}

static void show_self_eval(struct out *o, const struct doc *d)
{
        heading(o, sprintf_a(o, "附件1-2　%" PRId64 "年度部门整体支出绩效自评表　单位名称：%s",
                             d->fiscal_year, d->unit.name));
        show_score_table(o, &d->self.table);
        if (d->self.n_main_tasks)
                show_main_tasks(o, &d->self, unit_name(d->self.table.budget.unit));
}

static void show_projects(struct out *o, const struct doc *d)
{
        for (size_t i = 0; i < d->n_projects; i++) {
                const struct project *p = &d->projects[i];
                const char *title = sprintf_a(o, "项目支出绩效自评表 %zu：%s", i + 1, p->name);
                if (p->code || p->category)
                        title = sprintf_a(o, "%s（%s%s%s）", title, text(p->category),
                                          p->code && p->category ? "，编码 "
                                          : p->code              ? "编码 "
                                                                 : "",
                                          text(p->code));
                heading(o, title);
                show_score_table(o, &p->table);
                if (p->report) {
                        struct ttable *t = table(1, (const char *[]){"项目自评报告"});
                        tt_row(t, (const char *[]){p->report});
                        render(o, t);
                }
        }
}

/* ---- text, statements, attachments ------------------------------------------- */

static void show_narrative(struct out *o, const struct narrative *n)
{
        heading(o, "自评报告正文");
        struct ttable *t = table(2, (const char *[]){"章节", "内容"});
        const struct schema *s = schema_field(&schema_doc, "narrative")->sub;
        for (size_t i = 0; i < s->n_fields; i++) {
                const struct field *f = &s->fields[i];
                if (f->type == FT_TEXT && !field_empty(f, n))
                        tt_row(t,
                               (const char *[]){f->label, *(const char *const *)field_cptr(f, n)});
        }
        for (size_t i = 0; i < n->n_other; i++)
                tt_row(t, (const char *[]){n->other[i].title, text(n->other[i].text)});
        render(o, t);
}

static void show_statements(struct out *o, const struct doc *d)
{
        heading(o, "文中表述的数据");
        struct ttable *t = table(4, (const char *[]){"所在章节", "原文", "所指数据", "文中数值"});
        tt_align(t, 3, TT_RIGHT);
        for (size_t i = 0; i < d->n_statements; i++) {
                const struct statement *s = &d->statements[i];
                struct doc_ref ref;
                const char *target = s->refers_to;
                if (doc_resolve(d, s->refers_to, &ref))
                        target = sprintf_a(o, "%s\n%s", ref.field->label, s->refers_to);
                tt_row(t, (const char *[]){text(s->where), text(s->text), target,
                                           s->value_text ? s->value_text : num(o, s->value)});
        }
        render(o, t);
}

static void show_attachments(struct out *o, const struct doc *d)
{
        heading(o, "附件");
        struct ttable *t =
            table(5, (const char *[]){"类型", "文件名", "所属项目", "大小（字节）", "SHA-256"});
        tt_align(t, 3, TT_RIGHT);
        for (size_t i = 0; i < d->n_attachments; i++) {
                const struct attachment *a = &d->attachments[i];
                tt_row(t, (const char *[]){enum_label(&enum_attach_kind, a->kind), a->name,
                                           text(a->project), count(o, a->size), text(a->sha256)});
        }
        render(o, t);
}

void show_doc(const struct doc *d, size_t width, struct buf *out)
{
        struct out o = {out, width, arena_new()};
        buf_printf(out, "%" PRId64 "年度部门整体支出绩效自评\n", d->fiscal_year);
        buf_printf(out, "预算单位：%s（%s）\n", d->unit.name, d->unit.code);
        if (d->unit.supervisor.code)
                buf_printf(out, "主管部门：%s（%s）\n", d->unit.supervisor.name,
                           d->unit.supervisor.code);
        buf_printf(out, "评分方案：%s\n", d->scheme ? d->scheme : "national（默认）");
        if (!part_empty(d, "basic_data"))
                show_basic(&o, d);
        if (!part_empty(d, "performance_data"))
                show_perf(&o, d);
        if (!part_empty(d, "self_eval"))
                show_self_eval(&o, d);
        show_projects(&o, d);
        if (!part_empty(d, "narrative"))
                show_narrative(&o, &d->narrative);
        if (d->n_statements)
                show_statements(&o, d);
        if (d->n_attachments)
                show_attachments(&o, d);
        arena_free(o.strs);
}
