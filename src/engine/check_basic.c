/* Checks of the 基础数据表 (seed 004's 附件1-1): level rows against the sum
 * of their parts in each of the three columns, the 其中 rows of 公用经费
 * within their total, control rates, 决算 against 预算, and agreement with
 * the 自评表. */
#include "derived.h"
#include "engine_int.h"

#include <string.h>

#define D(n) dec_from_int(n)

static const char *unit_of(const struct doc *d)
{
        return d->basic.unit ? enum_name(&enum_money_unit, d->basic.unit) : "万元";
}

/* The names of the three columns of a money row, by index. */
static const char *const columns[] = {"上年决算数", "本年预算数", "本年决算数"};

/* Column c of a money row (its member, whose path names the cell). */
static const dec_t *col_ptr(const struct money3 *m, size_t c)
{
        return c == 0 ? &m->prior_final : c == 1 ? &m->budget : &m->final;
}

static dec_t col(const struct money3 *m, size_t c)
{
        return *col_ptr(m, c);
}

/* Sum of column c over the parts that have a figure there; DEC_NONE when
 * none has. */
static dec_t parts_column(const struct money3 *const *parts, size_t n, size_t c)
{
        dec_t sum = DEC_ZERO;
        bool any = false;
        for (size_t i = 0; i < n; i++)
                if (dec_is_set(col(parts[i], c))) {
                        sum = dec_add(sum, col(parts[i], c));
                        any = true;
                }
        return any ? sum : DEC_NONE;
}

/* A stated level row (of the document) against its parts, column by
 * column. */
static void level_sums(struct evaluation *e, const char *label, const struct money3 *stated,
                       const struct money3 *const *parts, size_t n, const char *rule)
{
        for (size_t c = 0; c < 3; c++)
                COMPARE(e, "sum.mismatch", SEV_WARNING, EPATH(e, col_ptr(stated, c)),
                        efmt(e, "基础数据表 › %s › %s", label, columns[c]), col(stated, c),
                        parts_column(parts, n, c), 2, unit_of(e->doc), rule);
}

/* The 本年决算数 final of the row (of the document) row above its
 * 本年预算数 budget: budget and final may count parts the row leaves blank. */
static void over_budget(struct evaluation *e, const struct money3 *row, const char *label,
                        dec_t budget, dec_t final, enum severity sev)
{
        if (!dec_is_set(budget) || !dec_is_set(final) || dec_cmp(final, budget) <= 0)
                return;
        const char *u = unit_of(e->doc);
        struct finding *f = finding_add(e, "spend.over_budget", sev, EPATH(e, &row->final),
                                        efmt(e, "基础数据表 › %s › 本年决算数", label));
        f->stated = final;
        f->computed = budget;
        f->rule = "本年决算数不应超过本年预算数";
        f->message = efmt(e, "%s本年决算数 %s %s 超过本年预算数 %s %s（超出 %s %s）。", label,
                          edec(e, final, 2), u, edec(e, budget, 2), u,
                          edec(e, dec_sub(final, budget), 2), u);
}

static void three_public(struct evaluation *e)
{
        const struct three_public_costs *t = &e->doc->basic.three_public;
        const struct money3 *vehicle_parts[] = {&t->vehicles.purchase, &t->vehicles.operation};
        level_sums(e, "公务用车购置和维护经费", &t->vehicles.stated, vehicle_parts, 2,
                   "公车购置 + 公车运行维护");
        /* the vehicle line counts with its parts where it has them */
        struct money3 vehicles = money3_level(&t->vehicles.stated, vehicle_parts, 2, NULL);
        const struct money3 *parts[] = {&vehicles, &t->overseas, &t->reception};
        level_sums(e, "三公经费", &t->stated, parts, 3,
                   "公务用车购置和维护经费 + 出国经费 + 公务接待");
        struct money3 total = money3_level(&t->stated, parts, 3, NULL);
        over_budget(e, &t->stated, "三公经费", total.budget, total.final, SEV_WARNING);
}

static void project_spending(struct evaluation *e)
{
        const struct project_spending *p = &e->doc->basic.project_spending;
        size_t n = p->special.n_funds;
        const struct money3 **funds = n ? arena_alloc(e->arena, n * sizeof(*funds)) : NULL;
        for (size_t i = 0; i < n; i++)
                funds[i] = &p->special.funds[i].amounts;
        level_sums(e, "上级专项资金", &p->special.stated, funds, n, "各专项资金之和");
        struct money3 special = money3_level(&p->special.stated, funds, n, NULL);
        const struct money3 *parts[] = {&p->business, &p->operation, &special};
        level_sums(e, "项目支出", &p->stated, parts, 3,
                   "业务工作经费 + 运行维护经费 + 上级专项资金");
        struct money3 total = money3_level(&p->stated, parts, 3, NULL);
        over_budget(e, &p->stated, "项目支出", total.budget, total.final, SEV_INFO);
}

static void public_funds(struct evaluation *e)
{
        const struct public_funds *p = &e->doc->basic.public_funds;
        const char *u = unit_of(e->doc);
        const struct money3 *parts[] = {&p->office, &p->utilities_travel, &p->meetings_training};
        for (size_t c = 0; c < 3; c++) {
                dec_t sum = parts_column(parts, 3, c);
                dec_t total = col(&p->total, c);
                if (!dec_is_set(sum) || !dec_is_set(total) || dec_cmp(sum, total) <= 0)
                        continue;
                struct finding *f =
                    finding_add(e, "sum.parts_exceed", SEV_WARNING, EPATH(e, col_ptr(&p->total, c)),
                                efmt(e, "基础数据表 › 公用经费 › %s", columns[c]));
                f->stated = total;
                f->computed = sum;
                f->rule = "公用经费的“其中”各项之和不应超过公用经费";
                f->message = efmt(
                    e, "公用经费%s %s %s，小于其中办公经费、水电差旅费、会议培训费之和 %s %s。",
                    columns[c], edec(e, total, 2), u, edec(e, sum, 2), u);
        }
        over_budget(e, &p->total, "公用经费", p->total.budget, p->total.final, SEV_INFO);
}

static void staffing(struct evaluation *e)
{
        const struct basic_staffing *s = &e->doc->basic.staffing;
        dec_t authorized = count_dec(s->authorized), actual = count_dec(s->actual);
        if (!dec_is_set(authorized) || !dec_is_set(actual) || dec_cmp(authorized, DEC_ZERO) <= 0)
                return;
        COMPARE(e, "rate.mismatch", SEV_WARNING, EPATH(e, &s->stated_control_rate_pct),
                "基础数据表 › 财政供养人员情况 › 控制率", s->stated_control_rate_pct,
                frac_pct((struct frac){actual, authorized}, DEC_DIGITS), 2, "%",
                "实际在职人数 / 编制数");
        if (dec_cmp(actual, authorized) > 0) {
                struct finding *f =
                    finding_add(e, "staff.over_quota", SEV_WARNING, EPATH(e, &s->actual),
                                "基础数据表 › 财政供养人员情况 › 实际在职人数");
                f->stated = actual;
                f->computed = authorized;
                f->places = 0;
                f->rule = "实际在职人数不应超过编制数";
                f->message = efmt(e, "实际在职 %s 人，超过编制 %s 人（控制率 %s%%）。",
                                  edec(e, actual, 0), edec(e, authorized, 0),
                                  edec(e, frac_pct((struct frac){actual, authorized}, 2), 2));
        }
}

static void buildings(struct evaluation *e)
{
        const struct basic_data *b = &e->doc->basic;
        for (size_t i = 0; i < b->n_buildings; i++) {
                const struct building *g = &b->buildings[i];
                const char *name = g->name ? g->name : "楼堂馆所";
                if (dec_is_set(g->actual_area) && dec_is_set(g->approved_area) &&
                    dec_cmp(g->approved_area, DEC_ZERO) > 0)
                        COMPARE(
                            e, "rate.mismatch", SEV_WARNING, EPATH(e, &g->stated_area_control_pct),
                            efmt(e, "基础数据表 › 楼堂馆所 › %s › 规模控制率", name),
                            g->stated_area_control_pct,
                            frac_pct((struct frac){g->actual_area, g->approved_area}, DEC_DIGITS),
                            2, "%", "实际规模 / 批复规模");
                if (dec_is_set(g->actual_investment) && dec_is_set(g->budget_investment) &&
                    dec_cmp(g->budget_investment, DEC_ZERO) > 0)
                        COMPARE(e, "rate.mismatch", SEV_WARNING,
                                EPATH(e, &g->stated_investment_control_pct),
                                efmt(e, "基础数据表 › 楼堂馆所 › %s › 投资概算控制率", name),
                                g->stated_investment_control_pct,
                                frac_pct((struct frac){g->actual_investment, g->budget_investment},
                                         DEC_DIGITS),
                                2, "%", "实际投资 / 预算投资");
        }
}

/* The 自评表's 按支出性质 row named name, or NULL. */
static const struct split_row *expenditure_row(const struct doc *d, const char *name)
{
        const struct budget_request *b = &d->self.table.budget;
        for (size_t i = 0; i < b->n_by_expenditure; i++)
                if (b->by_expenditure[i].name && strcmp(b->by_expenditure[i].name, name) == 0)
                        return &b->by_expenditure[i];
        return NULL;
}

/* 基本支出 and 项目支出 of the 基础数据表 and of the 自评表 must agree. */
static void agreement(struct evaluation *e)
{
        const struct basic_data *b = &e->doc->basic;
        const char *u = unit_of(e->doc);
        struct {
                const char *row;
                const dec_t *at; /* the 基础数据表's figure */
                const char *label;
        } pairs[] = {
            {"基本支出", &b->basic_budget_adjustment.final,
             "基础数据表 › 部门基本支出预算调整 › 本年决算数"},
            {"项目支出", &b->project_spending.stated.final, "基础数据表 › 项目支出 › 本年决算数"},
        };
        for (size_t i = 0; i < 2; i++) {
                const struct split_row *r = expenditure_row(e->doc, pairs[i].row);
                dec_t basic = *pairs[i].at;
                if (!r || !dec_is_set(r->executed) || !dec_is_set(basic) ||
                    dec_eq(r->executed, basic))
                        continue;
                struct finding *f = finding_add(e, "basic.disagrees", SEV_WARNING,
                                                EPATH(e, pairs[i].at), pairs[i].label);
                f->stated = basic;
                f->computed = r->executed;
                f->rule = efmt(e, "基础数据表与自评表的%s应一致", pairs[i].row);
                f->message = efmt(
                    e,
                    "基础数据表的%s本年决算数为 %s %s，自评表按支出性质分的%s全年执行数为 %s %s。",
                    pairs[i].row, edec(e, basic, 2), u, pairs[i].row, edec(e, r->executed, 2), u);
        }
}

void check_basic(struct evaluation *e)
{
        if (!doc_has_basic(e->doc))
                return;
        staffing(e);
        three_public(e);
        project_spending(e);
        public_funds(e);
        const struct money3 *adjustment = &e->doc->basic.basic_budget_adjustment;
        over_budget(e, adjustment, "部门基本支出预算调整", adjustment->budget, adjustment->final,
                    SEV_INFO);
        buildings(e);
        agreement(e);
}
