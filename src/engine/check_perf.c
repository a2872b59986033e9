/* Checks of the 评价基础数据 (seed 001's raw figures): every stated total
 * against the sum of its rows, every stated rate against the ratio of its
 * inputs, and figures that cannot be (spending above plan, staff above
 * quota). */
#include "engine_int.h"

#include <stddef.h>

#define D(n) dec_from_int(n)

/* rates() reads a row's name as its first member */
_Static_assert(offsetof(struct procurement_row, name) == 0, "name first");
_Static_assert(offsetof(struct adjustment_row, name) == 0, "name first");
_Static_assert(offsetof(struct asset_row, name) == 0, "name first");
_Static_assert(offsetof(struct execution_row, name) == 0, "name first");

static const char *unit_of(const struct doc *d)
{
        return d->perf.unit ? enum_name(&enum_money_unit, d->perf.unit) : "万元";
}

/* A column of a rows + stated table. */
struct column {
        size_t off;       /* of its member in a row */
        const char *name; /* Chinese column name */
};

/* The decimal member at off of the row at row (of the document). */
static const dec_t *dec_at(const void *row, size_t off)
{
        return (const dec_t *)((const char *)row + off);
}

/* Each column's stated total (in the row stated) against the sum of the
 * rows. */
static void column_totals(struct evaluation *e, const char *label, const void *rows, size_t n,
                          size_t stride, const void *stated, const struct column *cols,
                          size_t n_cols, const char *unit)
{
        if (!n)
                return;
        for (size_t c = 0; c < n_cols; c++) {
                const dec_t *total = dec_at(stated, cols[c].off);
                dec_t sum = column_sum(rows, n, stride, cols[c].off, DEC_NONE);
                COMPARE(e, "sum.mismatch", SEV_WARNING, EPATH(e, total),
                        efmt(e, "评价基础数据 › %s › 合计 › %s", label, cols[c].name), *total, sum,
                        2, unit, "各单位之和");
        }
}

/* Each row's stated rate (and the total's) against num / den. */
struct rate_spec {
        size_t num, den, rate; /* offsets of the decimal members */
        const char *name;      /* e.g. 政府采购执行率 */
        const char *rule;      /* e.g. 实际采购金额 / 采购计划金额 */
};

/* The stated rate of row (of the document; row_name names it in the
 * label of table) against num / den. */
static void row_rate(struct evaluation *e, const char *table, const char *row_name, const void *row,
                     dec_t num, dec_t den, const struct rate_spec *r)
{
        const dec_t *stated = dec_at(row, r->rate);
        if (!dec_is_set(num) || !dec_is_set(den) || dec_cmp(den, DEC_ZERO) <= 0)
                return;
        COMPARE(e, "rate.mismatch", SEV_WARNING, EPATH(e, stated),
                efmt(e, "评价基础数据 › %s › %s › %s", table, row_name, r->name), *stated,
                frac_pct((struct frac){num, den}, DEC_DIGITS), 2, "%", r->rule);
}

static void rates(struct evaluation *e, const char *label, const void *rows, size_t n,
                  size_t stride, const void *stated, const struct rate_spec *r)
{
        for (size_t i = 0; i < n; i++) {
                const char *row = (const char *)rows + i * stride;
                const char *name =
                    *(const char *const *)row; /* every row struct starts with its name */
                row_rate(e, label, name ? name : "", row, *dec_at(row, r->num),
                         *dec_at(row, r->den), r);
        }
        dec_t num = column_sum(rows, n, stride, r->num, *dec_at(stated, r->num));
        dec_t den = column_sum(rows, n, stride, r->den, *dec_at(stated, r->den));
        row_rate(e, label, "合计", stated, num, den, r);
}

/* value (named what) must not exceed limit (named limit_name); the
 * finding is placed at the document's member at. */
static void over(struct evaluation *e, const dec_t *at, const char *label, dec_t value, dec_t limit,
                 const char *what, const char *limit_name, const char *unit)
{
        if (!dec_is_set(value) || !dec_is_set(limit) || dec_cmp(value, limit) <= 0)
                return;
        struct finding *f = finding_add(e, "spend.over_budget", SEV_WARNING, EPATH(e, at), label);
        f->stated = value;
        f->computed = limit;
        f->rule = efmt(e, "%s不应超过%s", what, limit_name);
        f->message = efmt(e, "%s %s %s 超过%s %s %s。", what, edec(e, value, 2), unit, limit_name,
                          edec(e, limit, 2), unit);
}

/* ---- the tables ----------------------------------------------------------------- */

static void procurement(struct evaluation *e)
{
        const struct procurement_table *t = &e->doc->perf.procurement;
        const char *u = unit_of(e->doc);
        static const struct column cols[] = {
            {offsetof(struct procurement_row, planned), "采购计划金额"},
            {offsetof(struct procurement_row, actual), "实际采购金额"},
        };
        column_totals(e, "政府采购执行情况", t->rows, t->n_rows, sizeof(*t->rows), &t->stated, cols,
                      2, u);
        static const struct rate_spec rate = {offsetof(struct procurement_row, actual),
                                              offsetof(struct procurement_row, planned),
                                              offsetof(struct procurement_row, stated_rate_pct),
                                              "政府采购执行率", "实际采购金额 / 采购计划金额"};
        rates(e, "政府采购执行情况", t->rows, t->n_rows, sizeof(*t->rows), &t->stated, &rate);
        over(e, &t->stated.actual, "评价基础数据 › 政府采购执行情况 › 实际采购金额",
             column_sum(t->rows, t->n_rows, sizeof(*t->rows),
                        offsetof(struct procurement_row, actual), t->stated.actual),
             column_sum(t->rows, t->n_rows, sizeof(*t->rows),
                        offsetof(struct procurement_row, planned), t->stated.planned),
             "实际采购金额", "采购计划金额", u);
}

static void adjustment(struct evaluation *e)
{
        const struct adjustment_table *t = &e->doc->perf.budget_adjustment;
        const char *u = unit_of(e->doc);
        static const struct column cols[] = {
            {offsetof(struct adjustment_row, initial), "年初预算数"},
            {offsetof(struct adjustment_row, adjusted), "全年预算数"},
            {offsetof(struct adjustment_row, stated_adjustment), "预算调整调剂金额"},
            {offsetof(struct adjustment_row, self_adjustment), "自行预算调整调剂金额"},
        };
        column_totals(e, "预算调整调剂情况", t->rows, t->n_rows, sizeof(*t->rows), &t->stated, cols,
                      4, u);
        /* 调整调剂金额 = 全年预算数 − 年初预算数, per row and in total */
        for (size_t i = 0; i <= t->n_rows; i++) {
                const struct adjustment_row *r = i < t->n_rows ? &t->rows[i] : &t->stated;
                dec_t initial = i < t->n_rows ? r->initial
                                              : column_sum(t->rows, t->n_rows, sizeof(*t->rows),
                                                           offsetof(struct adjustment_row, initial),
                                                           r->initial);
                dec_t adjusted =
                    i < t->n_rows
                        ? r->adjusted
                        : column_sum(t->rows, t->n_rows, sizeof(*t->rows),
                                     offsetof(struct adjustment_row, adjusted), r->adjusted);
                COMPARE(e, "sum.mismatch", SEV_WARNING, EPATH(e, &r->stated_adjustment),
                        efmt(e, "评价基础数据 › 预算调整调剂情况 › %s › 预算调整调剂金额",
                             i < t->n_rows && r->name ? r->name : "合计"),
                        r->stated_adjustment, dec_sub(adjusted, initial), 2, u,
                        "全年预算数 − 年初预算数");
        }
        static const struct rate_spec rate = {offsetof(struct adjustment_row, self_adjustment),
                                              offsetof(struct adjustment_row, initial),
                                              offsetof(struct adjustment_row, stated_rate_pct),
                                              "预算调整调剂比率",
                                              "自行预算调整调剂金额 / 年初预算数"};
        rates(e, "预算调整调剂情况", t->rows, t->n_rows, sizeof(*t->rows), &t->stated, &rate);
        if (!t->n_earmarked)
                return;
        /* the unit's own adjustment is what remains after the earmarked additions */
        dec_t adjusted = column_sum(t->rows, t->n_rows, sizeof(*t->rows),
                                    offsetof(struct adjustment_row, stated_adjustment),
                                    t->stated.stated_adjustment);
        dec_t earmarked = column_sum(t->earmarked, t->n_earmarked, sizeof(*t->earmarked),
                                     offsetof(struct earmarked_addition, amount), DEC_NONE);
        dec_t own =
            column_sum(t->rows, t->n_rows, sizeof(*t->rows),
                       offsetof(struct adjustment_row, self_adjustment), t->stated.self_adjustment);
        dec_t rest = dec_sub(adjusted, earmarked);
        if (dec_is_set(own) && dec_is_set(rest) && !dec_eq(own, rest)) {
                struct finding *f = finding_add(
                    e, "adjustment.self", SEV_WARNING, EPATH(e, &t->stated.self_adjustment),
                    "评价基础数据 › 预算调整调剂情况 › 自行预算调整调剂金额");
                f->stated = own;
                f->computed = rest;
                f->rule = "自行调整调剂金额 = 预算调整调剂金额 − 年中专项追加";
                f->message = efmt(
                    e,
                    "自行预算调整调剂金额为 %s %s，而调整调剂金额 %s %s 扣除所列专项追加 %s %s 后为 %s %s；请说明差额或补列其他专项追加。",
                    edec(e, own, 2), u, edec(e, adjusted, 2), u, edec(e, earmarked, 2), u,
                    edec(e, rest, 2), u);
        }
}

static void assets(struct evaluation *e)
{
        const struct asset_table *t = &e->doc->perf.fixed_assets;
        const char *u = unit_of(e->doc);
        static const struct column cols[] = {
            {offsetof(struct asset_row, total), "固定资产总额"},
            {offsetof(struct asset_row, in_use), "在用资产总额"},
        };
        column_totals(e, "固定资产情况", t->rows, t->n_rows, sizeof(*t->rows), &t->stated, cols, 2,
                      u);
        static const struct rate_spec rate = {offsetof(struct asset_row, in_use),
                                              offsetof(struct asset_row, total),
                                              offsetof(struct asset_row, stated_rate_pct),
                                              "固定资产利用率", "在用资产总额 / 固定资产总额"};
        rates(e, "固定资产情况", t->rows, t->n_rows, sizeof(*t->rows), &t->stated, &rate);

        const struct asset_balance *b = &e->doc->perf.asset_balance;
        const dec_t parts[] = {b->current, b->fixed_net, b->construction, b->intangible};
        COMPARE(e, "sum.mismatch", SEV_WARNING, EPATH(e, &b->stated_total),
                "评价基础数据 › 资产情况 › 期末总资产净值", b->stated_total,
                parts_sum(parts, 4, DEC_NONE), 2, u,
                "流动资产 + 固定资产净值 + 在建工程 + 无形资产净值");
}

/* The stated figures of a row of 人员情况 (of the document; name names it)
 * against its counts. */
static void staff_row_checks(struct evaluation *e, const char *name, const struct staff_row *r,
                             dec_t authorized, dec_t payroll, dec_t extra)
{
        COMPARE(e, "sum.mismatch", SEV_WARNING, EPATH(e, &r->stated_headcount),
                efmt(e, "评价基础数据 › 人员情况 › %s › 实有人数（含编外）", name),
                count_dec(r->stated_headcount), dec_add(payroll, extra), 0, "人",
                "在编人数 + 编外人员数");
        if (dec_is_set(authorized) && dec_cmp(authorized, DEC_ZERO) > 0 && dec_is_set(payroll))
                COMPARE(e, "rate.mismatch", SEV_WARNING, EPATH(e, &r->stated_control_rate_pct),
                        efmt(e, "评价基础数据 › 人员情况 › %s › 财政供养人员控制率", name),
                        r->stated_control_rate_pct,
                        frac_pct((struct frac){payroll, authorized}, DEC_DIGITS), 2, "%",
                        "在编人数 / 编制人数");
        dec_t all = dec_add(payroll, extra);
        if (dec_is_set(all) && dec_cmp(all, DEC_ZERO) > 0)
                COMPARE(e, "rate.mismatch", SEV_WARNING, EPATH(e, &r->stated_extra_rate_pct),
                        efmt(e, "评价基础数据 › 人员情况 › %s › 编外人员控制率", name),
                        r->stated_extra_rate_pct, frac_pct((struct frac){extra, all}, DEC_DIGITS),
                        2, "%", "编外人员数 /（在编人数 + 编外人员数）");
        if (dec_is_set(authorized) && dec_is_set(payroll) && dec_cmp(payroll, authorized) > 0) {
                struct finding *f =
                    finding_add(e, "staff.over_quota", SEV_WARNING, EPATH(e, &r->on_payroll),
                                efmt(e, "评价基础数据 › 人员情况 › %s › 在编人数", name));
                f->stated = payroll;
                f->computed = authorized;
                f->places = 0;
                f->rule = "在编人数不应超过编制数";
                f->message = efmt(e, "%s在编 %s 人，超过编制 %s 人。", name, edec(e, payroll, 0),
                                  edec(e, authorized, 0));
        }
}

static void staffing(struct evaluation *e)
{
        const struct staff_table *t = &e->doc->perf.staffing;
        for (size_t i = 0; i < t->n_rows; i++) {
                const struct staff_row *r = &t->rows[i];
                staff_row_checks(e, r->name ? r->name : "", r, count_dec(r->authorized),
                                 count_dec(r->on_payroll), count_dec(r->extra));
        }
        static const struct column cols[] = {
            {offsetof(struct staff_row, authorized), "编制人数"},
            {offsetof(struct staff_row, on_payroll), "在编人数"},
            {offsetof(struct staff_row, extra), "编外人员数"},
        };
        dec_t sums[3];
        for (size_t c = 0; c < 3; c++) {
                const int64_t *stated =
                    (const int64_t *)((const char *)&t->stated + cols[c].off); /* a count */
                sums[c] = count_sum(t->rows, t->n_rows, sizeof(*t->rows), cols[c].off, *stated);
                if (t->n_rows)
                        COMPARE(e, "sum.mismatch", SEV_WARNING, EPATH(e, stated),
                                efmt(e, "评价基础数据 › 人员情况 › 合计 › %s", cols[c].name),
                                count_dec(*stated), sums[c], 0, "人", "各单位之和");
        }
        staff_row_checks(e, "合计", &t->stated, sums[0], sums[1], sums[2]);
}

static void public_costs(struct evaluation *e)
{
        const struct three_public_control *tp = &e->doc->perf.three_public;
        const char *u = unit_of(e->doc);
        for (int k = 0; k < 2; k++) {
                const struct three_public_figures *f = k ? &tp->actual : &tp->budget;
                const dec_t parts[] = {f->overseas, f->vehicles, f->reception};
                COMPARE(e, "sum.mismatch", SEV_WARNING, EPATH(e, &f->stated_total),
                        k ? "评价基础数据 › “三公”经费 › 实际支出合计"
                          : "评价基础数据 › “三公”经费 › 预算数合计",
                        f->stated_total, parts_sum(parts, 3, DEC_NONE), 2, u,
                        "因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费");
        }
        dec_t actual = three_public_total(&tp->actual), budget = three_public_total(&tp->budget);
        if (dec_is_set(actual) && dec_is_set(budget) && dec_cmp(budget, DEC_ZERO) > 0)
                COMPARE(e, "rate.mismatch", SEV_WARNING, EPATH(e, &tp->stated_rate_pct),
                        "评价基础数据 › “三公”经费控制率", tp->stated_rate_pct,
                        frac_pct((struct frac){actual, budget}, DEC_DIGITS), 2, "%",
                        "“三公”经费实际支出 / 预算数");
        over(e, &tp->actual.stated_total, "评价基础数据 › “三公”经费 › 实际支出", actual, budget,
             "“三公”经费实际支出", "预算", u);

        const struct daily_public_control *dp = &e->doc->perf.daily_public;
        if (dec_is_set(dp->actual) && dec_is_set(dp->adjusted) &&
            dec_cmp(dp->adjusted, DEC_ZERO) > 0)
                COMPARE(e, "rate.mismatch", SEV_WARNING, EPATH(e, &dp->stated_rate_pct),
                        "评价基础数据 › 日常公用经费控制率", dp->stated_rate_pct,
                        frac_pct((struct frac){dp->actual, dp->adjusted}, DEC_DIGITS), 2, "%",
                        "日常公用经费决算数 / 调整预算数");
}

static const char *const quarter_names[] = {"一季度", "二季度", "三季度", "四季度"};

/* The 序时进度 of quarter i: the scheme's quarterly rule's, else 25/50/75/100%. */
static dec_t time_progress(const struct scheme *s, size_t i)
{
        for (size_t a = 0; a < s->n_tree; a++)
                for (size_t b = 0; b < s->tree[a].n_groups; b++)
                        for (size_t c = 0; c < s->tree[a].groups[b].n_items; c++) {
                                const struct rule *r = &s->tree[a].groups[b].items[c].rule;
                                if (r->kind == RULE_QUARTERLY && r->n_time_progress_pct == 4)
                                        return r->time_progress_pct[i];
                        }
        return D(25 * (int64_t)(i + 1));
}

static void execution(struct evaluation *e)
{
        const struct execution_table *t = &e->doc->perf.execution;
        const char *u = unit_of(e->doc);
        static const struct column cols[] = {
            {offsetof(struct execution_row, allocated), "指标金额"},
            {offsetof(struct execution_row, paid), "已支付金额"},
        };
        column_totals(e, "预算执行情况", t->rows, t->n_rows, sizeof(*t->rows), &t->stated, cols, 2,
                      u);
        static const struct rate_spec rate = {offsetof(struct execution_row, paid),
                                              offsetof(struct execution_row, allocated),
                                              offsetof(struct execution_row, stated_rate_pct),
                                              "预算执行进度", "已支付金额 / 指标金额"};
        rates(e, "预算执行情况", t->rows, t->n_rows, sizeof(*t->rows), &t->stated, &rate);

        const struct quarterly *q = &e->doc->perf.quarterly;
        dec_t ratios = DEC_ZERO;
        size_t known = 0;
        for (size_t i = 0; i < q->n_quarters && i < 4; i++) {
                const struct quarter *qq = &q->quarters[i];
                if (!dec_is_set(qq->paid) || !dec_is_set(qq->allocated) ||
                    dec_cmp(qq->allocated, DEC_ZERO) <= 0)
                        continue;
                dec_t progress = quarter_progress(qq);
                dec_t tp = time_progress(e->scheme, i);
                dec_t ratio = dec_muldiv(progress, D(100), tp, DEC_DIGITS); /* in percent */
                ratios = dec_add(ratios, ratio);
                known++;
                COMPARE(e, "rate.mismatch", SEV_WARNING, EPATH(e, &qq->stated_progress_pct),
                        efmt(e, "评价基础数据 › 各季度预算执行 › %s › 支出进度", quarter_names[i]),
                        qq->stated_progress_pct, progress, 2, "%",
                        "累计已支付金额 / 当季度部门指标金额");
                COMPARE(
                    e, "rate.mismatch", SEV_WARNING, EPATH(e, &qq->stated_ratio_pct),
                    efmt(e, "评价基础数据 › 各季度预算执行 › %s › 分季执行率", quarter_names[i]),
                    qq->stated_ratio_pct, ratio, 2, "%",
                    efmt(e, "支出进度 %s%% / 序时进度 %s%%", edec(e, progress, 2),
                         edec(e, tp, -1)));
        }
        if (known == 4)
                COMPARE(e, "rate.mismatch", SEV_WARNING, EPATH(e, &q->stated_average_pct),
                        "评价基础数据 › 各季度预算执行 › 年均执行率", q->stated_average_pct,
                        dec_div(ratios, D(4), DEC_DIGITS), 2, "%", "四个季度分季执行率的平均数");
}

static void counts(struct evaluation *e)
{
        const struct perf_data *p = &e->doc->perf;
        dec_t planned = count_dec(p->projects.planned), done = count_dec(p->projects.completed);
        if (dec_is_set(planned) && dec_is_set(done) && dec_cmp(planned, DEC_ZERO) > 0)
                COMPARE(e, "rate.mismatch", SEV_WARNING, EPATH(e, &p->projects.stated_rate_pct),
                        "评价基础数据 › 项目完成及时率", p->projects.stated_rate_pct,
                        frac_pct((struct frac){done, planned}, DEC_DIGITS), 2, "%",
                        "已完成项目数 / 计划项目数");
        struct {
                const int64_t *part; /* the member the finding names */
                int64_t whole;
                const char *label, *rule;
        } const checks[] = {
            {&p->projects.completed, p->projects.planned,
             "评价基础数据 › 项目完成情况 › 已完成项目数", "已完成项目数不应超过计划项目数"},
            {&p->key_tasks.finished, p->key_tasks.assigned,
             "评价基础数据 › 重点工作完成情况 › 已完成任务数", "已完成任务数不应超过任务数"},
            {&p->petitions.answered, p->petitions.received,
             "评价基础数据 › 群众信访办理情况 › 办理回复数", "办理回复数不应超过信访件数"},
            {&p->petitions.answered_on_time, p->petitions.answered,
             "评价基础数据 › 群众信访办理情况 › 按时办理回复数",
             "按时办理回复数不应超过办理回复数"},
        };
        for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
                int64_t part = *checks[i].part;
                if (part == COUNT_NONE || checks[i].whole == COUNT_NONE || part <= checks[i].whole)
                        continue;
                struct finding *f = finding_add(e, "count.exceeds", SEV_WARNING,
                                                EPATH(e, checks[i].part), checks[i].label);
                f->stated = count_dec(part);
                f->computed = count_dec(checks[i].whole);
                f->places = 0;
                f->rule = checks[i].rule;
                f->message = efmt(e, "%s：%s 大于 %s。", checks[i].rule, edec(e, f->stated, 0),
                                  edec(e, f->computed, 0));
        }
}

void check_perf(struct evaluation *e)
{
        if (!doc_has_perf(e->doc))
                return;
        procurement(e);
        adjustment(e);
        assets(e);
        staffing(e);
        public_costs(e);
        execution(e);
        counts(e);
}
