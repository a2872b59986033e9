/* The data tables of the read-only evaluation view (see view_doc.h): the
 * 基础数据表 in the layout of seed 004's 附件1-1 and the 评价基础数据 in the
 * layout of seed 001's tables. Figures are shown as the document holds
 * them; where they disagree with what the engine computes, the findings
 * list of view_doc.c says so. */
#include "evaluation.h"

#include "../../doc/doc_io.h"
#include "../../http/html.h"

/* ---- helpers ------------------------------------------------------------------------ */

static void table_begin(struct req *r, const char *const *headers, size_t n)
{
        html_raw(r, "<table><thead><tr>");
        for (size_t i = 0; i < n; i++)
                html(r, i ? "<th class=\"num\">%s</th>" : "<th>%s</th>", headers[i]);
        html_raw(r, "</tr></thead><tbody>");
}

static void table_end(struct req *r)
{
        html_raw(r, "</tbody></table>");
}

static void name_td(struct req *r, const char *name)
{
        html(r, "<tr><td>%s</td>", name);
}

/* A 基础数据表 row: 上年决算数, 本年预算数, 本年决算数. */
static void money3_row(struct req *r, const char *label, const struct money3 *m)
{
        name_td(r, label);
        view_money_td(r, m->prior_final);
        view_money_td(r, m->budget);
        view_money_td(r, m->final);
        html_raw(r, "</tr>");
}

/* ---- 基础数据表 ------------------------------------------------------------------------ */

static void staffing(struct req *r, const struct doc *d)
{
        const struct basic_staffing *s = &d->basic.staffing;
        html(r,
             "<table><thead><tr><th>财政供养人员情况（人）</th><th class=\"num\">编制数</th>"
             "<th class=\"num\">%lld年实际在职人数</th><th class=\"num\">控制率</th></tr></thead>"
             "<tbody><tr><td></td>",
             (long long)d->fiscal_year);
        view_count_td(r, s->authorized);
        view_count_td(r, s->actual);
        view_pct_td(r, s->stated_control_rate_pct);
        html_raw(r, "</tr></tbody></table>");
}

static void spending(struct req *r, const struct doc *d)
{
        const struct basic_data *b = &d->basic;
        html(r,
             "<table><thead><tr><th>经费控制情况（%s）</th><th class=\"num\">%lld年决算数</th>"
             "<th class=\"num\">%lld年预算数</th><th class=\"num\">%lld年决算数</th></tr></thead>"
             "<tbody>",
             view_money_unit(b->unit), (long long)d->fiscal_year - 1, (long long)d->fiscal_year,
             (long long)d->fiscal_year);
        const struct three_public_costs *tp = &b->three_public;
        money3_row(r, "三公经费", &tp->stated);
        money3_row(r, "　1、公务用车购置和维护经费", &tp->vehicles.stated);
        money3_row(r, "　　其中：公车购置", &tp->vehicles.purchase);
        money3_row(r, "　　　　　公车运行维护", &tp->vehicles.operation);
        money3_row(r, "　2、出国经费", &tp->overseas);
        money3_row(r, "　3、公务接待", &tp->reception);
        const struct project_spending *ps = &b->project_spending;
        money3_row(r, "项目支出", &ps->stated);
        money3_row(r, "　1、业务工作经费", &ps->business);
        money3_row(r, "　2、运行维护经费", &ps->operation);
        money3_row(r, "　3、上级专项资金", &ps->special.stated);
        for (size_t i = 0; i < ps->special.n_funds; i++) {
                html(r, "<tr><td>　　其中：%s</td>", ps->special.funds[i].name);
                view_money_td(r, ps->special.funds[i].amounts.prior_final);
                view_money_td(r, ps->special.funds[i].amounts.budget);
                view_money_td(r, ps->special.funds[i].amounts.final);
                html_raw(r, "</tr>");
        }
        const struct public_funds *pf = &b->public_funds;
        money3_row(r, "公用经费", &pf->total);
        money3_row(r, "　其中：办公经费", &pf->office);
        money3_row(r, "　　　　水费、电费、差旅费", &pf->utilities_travel);
        money3_row(r, "　　　　会议费、培训费", &pf->meetings_training);
        money3_row(r, "政府采购金额", &b->procurement);
        money3_row(r, "部门基本支出预算调整", &b->basic_budget_adjustment);
        table_end(r);
}

static void buildings(struct req *r, const struct basic_data *b)
{
        table_begin(r,
                    (const char *const[]){"楼堂馆所控制情况（本年完工项目）", "批复规模（㎡）",
                                          "实际规模（㎡）", "规模控制率", "预算投资", "实际投资",
                                          "投资概算控制率"},
                    7);
        for (size_t i = 0; i < b->n_buildings; i++) {
                const struct building *g = &b->buildings[i];
                name_td(r, g->name);
                view_num_td(r, g->approved_area);
                view_num_td(r, g->actual_area);
                view_pct_td(r, g->stated_area_control_pct);
                view_money_td(r, g->budget_investment);
                view_money_td(r, g->actual_investment);
                view_pct_td(r, g->stated_investment_control_pct);
                html_raw(r, "</tr>");
        }
        table_end(r);
}

/* True if the member key of the 基础数据表 is empty. */
static bool basic_empty(const struct schema *s, const struct basic_data *b, const char *key)
{
        return field_empty(schema_field(s, key), b);
}

void view_basic_data(struct req *r, const struct doc *d)
{
        const struct field *f = schema_field(&schema_doc, "basic_data");
        if (field_empty(f, d))
                return;
        const struct schema *s = f->sub;
        const struct basic_data *b = &d->basic;
        html(r, "<h2 id=\"basic\">%lld年度部门整体支出绩效评价基础数据表</h2>",
             (long long)d->fiscal_year);
        if (!basic_empty(s, b, "staffing"))
                staffing(r, d);
        bool money = !basic_empty(s, b, "three_public") || !basic_empty(s, b, "project_spending") ||
                     !basic_empty(s, b, "public_funds") || !basic_empty(s, b, "procurement") ||
                     !basic_empty(s, b, "basic_budget_adjustment");
        if (money)
                spending(r, d);
        if (b->n_buildings) {
                html_raw(r, "<h3>楼堂馆所控制情况</h3>");
                buildings(r, b);
        } else if (money) {
                html_raw(r, "<h3>楼堂馆所控制情况</h3><p class=\"muted\">本年无完工项目。</p>");
        }
        if (b->austerity) {
                html_raw(r, "<h3>厉行节约保障措施</h3><div class=\"card\">");
                view_paragraphs(r, b->austerity);
                html_raw(r, "</div>");
        }
}

/* ---- 评价基础数据 ----------------------------------------------------------------------- */

static void procurement(struct req *r, const struct procurement_table *p, const char *unit)
{
        html(r, "<h3>政府采购执行情况表（单位：%s）</h3>", unit);
        table_begin(
            r,
            (const char *const[]){"单位名称", "采购计划金额", "实际采购支付金额", "政府采购执行率"},
            4);
        for (size_t i = 0; i <= p->n_rows; i++) {
                const struct procurement_row *row = i < p->n_rows ? &p->rows[i] : &p->stated;
                name_td(r, i < p->n_rows ? row->name : "合计（表列）");
                view_money_td(r, row->planned);
                view_money_td(r, row->actual);
                view_pct_td(r, row->stated_rate_pct);
                html_raw(r, "</tr>");
        }
        table_end(r);
}

static void adjustment(struct req *r, const struct adjustment_table *a, const char *unit)
{
        html(r, "<h3>预算调整调剂情况表（单位：%s）</h3>", unit);
        table_begin(r,
                    (const char *const[]){"单位名称", "年初预算数", "全年预算数",
                                          "预算调整调剂金额", "自行预算调整调剂金额",
                                          "预算调整调剂比率"},
                    6);
        for (size_t i = 0; i <= a->n_rows; i++) {
                const struct adjustment_row *row = i < a->n_rows ? &a->rows[i] : &a->stated;
                name_td(r, i < a->n_rows ? row->name : "合计（表列）");
                view_money_td(r, row->initial);
                view_money_td(r, row->adjusted);
                view_money_td(r, row->stated_adjustment);
                view_money_td(r, row->self_adjustment);
                view_pct_td(r, row->stated_rate_pct);
                html_raw(r, "</tr>");
        }
        for (size_t i = 0; i < a->n_earmarked; i++) {
                char b[DEC_BUFSZ];
                html(r, "<tr><td colspan=\"6\">年中专项追加：%s %s</td></tr>", a->earmarked[i].name,
                     dec_fmt_grouped(a->earmarked[i].amount, 2, b));
        }
        table_end(r);
}

static void assets(struct req *r, const struct perf_data *p, const char *unit)
{
        html(r, "<h3>固定资产情况表（单位：%s）</h3>", unit);
        table_begin(
            r, (const char *const[]){"单位名称", "固定资产总额", "在用资产总额", "固定资产利用率"},
            4);
        for (size_t i = 0; i <= p->fixed_assets.n_rows; i++) {
                const struct asset_row *row =
                    i < p->fixed_assets.n_rows ? &p->fixed_assets.rows[i] : &p->fixed_assets.stated;
                name_td(r, i < p->fixed_assets.n_rows ? row->name : "合计（表列）");
                view_money_td(r, row->total);
                view_money_td(r, row->in_use);
                view_pct_td(r, row->stated_rate_pct);
                html_raw(r, "</tr>");
        }
        table_end(r);
        const struct asset_balance *ab = &p->asset_balance;
        html(r, "<h3>资产情况（单位：%s）</h3>", unit);
        table_begin(r,
                    (const char *const[]){"期末总资产净值（文中）", "流动资产", "固定资产净值",
                                          "在建工程", "无形资产净值"},
                    5);
        html_raw(r, "<tr>");
        view_money_td(r, ab->stated_total);
        view_money_td(r, ab->current);
        view_money_td(r, ab->fixed_net);
        view_money_td(r, ab->construction);
        view_money_td(r, ab->intangible);
        html_raw(r, "</tr>");
        table_end(r);
}

static void staff(struct req *r, const struct staff_table *s)
{
        html_raw(r, "<h3>人员情况表（单位：人）</h3>");
        table_begin(r,
                    (const char *const[]){"单位名称", "编制人数", "在编人数", "编外人员",
                                          "实有人数（含编外）", "财政供养人员控制率",
                                          "编外人员控制率"},
                    7);
        for (size_t i = 0; i <= s->n_rows; i++) {
                const struct staff_row *row = i < s->n_rows ? &s->rows[i] : &s->stated;
                name_td(r, i < s->n_rows ? row->name : "合计（表列）");
                view_count_td(r, row->authorized);
                view_count_td(r, row->on_payroll);
                view_count_td(r, row->extra);
                view_count_td(r, row->stated_headcount);
                view_pct_td(r, row->stated_control_rate_pct);
                view_pct_td(r, row->stated_extra_rate_pct);
                html_raw(r, "</tr>");
        }
        table_end(r);
}

static void public_costs(struct req *r, const struct perf_data *p, const char *unit)
{
        const struct three_public_control *tp = &p->three_public;
        html(r, "<h3>“三公”经费和日常公用经费（单位：%s）</h3>", unit);
        table_begin(r, (const char *const[]){"项目", "预算数", "实际支出"}, 3);
        static const char *const names[] = {"因公出国（境）费", "公务用车购置及运行维护费",
                                            "公务接待费", "“三公”经费合计（文中）"};
        const dec_t budget[] = {tp->budget.overseas, tp->budget.vehicles, tp->budget.reception,
                                tp->budget.stated_total};
        const dec_t actual[] = {tp->actual.overseas, tp->actual.vehicles, tp->actual.reception,
                                tp->actual.stated_total};
        for (size_t i = 0; i < 4; i++) {
                name_td(r, names[i]);
                view_money_td(r, budget[i]);
                view_money_td(r, actual[i]);
                html_raw(r, "</tr>");
        }
        html_raw(r, "<tr><td>“三公”经费控制率（文中）</td><td></td>");
        view_pct_td(r, tp->stated_rate_pct);
        html_raw(r, "</tr>");
        table_end(r);

        const struct daily_public_control *dp = &p->daily_public;
        table_begin(r,
                    (const char *const[]){"日常公用经费", "年初预算数", "调整预算数", "决算数",
                                          "日常公用经费控制率（文中）"},
                    5);
        name_td(r, "");
        view_money_td(r, dp->initial);
        view_money_td(r, dp->adjusted);
        view_money_td(r, dp->actual);
        view_pct_td(r, dp->stated_rate_pct);
        html_raw(r, "</tr>");
        table_end(r);
}

static void quarterly(struct req *r, const struct quarterly *q, const char *unit)
{
        html(r, "<h3>各季度预算资金执行情况表（单位：%s）</h3>", unit);
        table_begin(
            r, (const char *const[]){"季度", "一季度", "二季度", "三季度", "四季度", "年均执行率"},
            6);
        static const char *const rows[] = {"当季度部门指标金额", "当季预算累计已支付金额",
                                           "当季预算资金支出进度", "分季执行率"};
        for (size_t k = 0; k < 4; k++) {
                name_td(r, rows[k]);
                for (size_t i = 0; i < 4; i++) {
                        const struct quarter *qq = i < q->n_quarters ? &q->quarters[i] : NULL;
                        if (!qq)
                                html_raw(r, "<td></td>");
                        else if (k == 0)
                                view_money_td(r, qq->allocated);
                        else if (k == 1)
                                view_money_td(r, qq->paid);
                        else
                                view_pct_td(r, k == 2 ? qq->stated_progress_pct
                                                      : qq->stated_ratio_pct);
                }
                if (k == 1)
                        view_pct_td(r, q->stated_average_pct);
                else
                        html_raw(r, "<td></td>");
                html_raw(r, "</tr>");
        }
        table_end(r);
}

static void execution(struct req *r, const struct perf_data *p, const char *unit)
{
        const struct execution_table *e = &p->execution;
        html(r, "<h3>预算执行情况表（单位：%s）</h3>", unit);
        table_begin(r, (const char *const[]){"单位名称", "指标金额", "已支付金额", "预算执行进度"},
                    4);
        for (size_t i = 0; i <= e->n_rows; i++) {
                const struct execution_row *row = i < e->n_rows ? &e->rows[i] : &e->stated;
                name_td(r, i < e->n_rows ? row->name : "合计（表列）");
                view_money_td(r, row->allocated);
                view_money_td(r, row->paid);
                view_pct_td(r, row->stated_rate_pct);
                html_raw(r, "</tr>");
        }
        table_end(r);
        if (p->quarterly.n_quarters)
                quarterly(r, &p->quarterly, unit);
}

static void other_figures(struct req *r, const struct perf_data *p)
{
        html_raw(r, "<h3>其他评价基础数据</h3>");
        table_begin(r, (const char *const[]){"项目", "数值"}, 2);
        static const char *const names[] = {"计划完成项目数",   "已完成项目数", "重点工作任务数",
                                            "已完成重点工作数", "群众信访件数", "办理回复数",
                                            "按时办理回复数"};
        const int64_t counts[] = {p->projects.planned,          p->projects.completed,
                                  p->key_tasks.assigned,        p->key_tasks.finished,
                                  p->petitions.received,        p->petitions.answered,
                                  p->petitions.answered_on_time};
        for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
                name_td(r, names[i]);
                view_count_td(r, counts[i]);
                html_raw(r, "</tr>");
        }
        name_td(r, "项目完成及时率（文中）");
        view_pct_td(r, p->projects.stated_rate_pct);
        html_raw(r, "</tr>");
        name_td(r, "公众或服务对象满意度");
        view_pct_td(r, p->satisfaction_pct);
        html_raw(r, "</tr>");
        table_end(r);
}

/* True if the member key of the 评价基础数据 is empty. */
static bool perf_empty(const struct schema *s, const struct perf_data *p, const char *key)
{
        return field_empty(schema_field(s, key), p);
}

void view_perf_data(struct req *r, const struct doc *d)
{
        const struct field *f = schema_field(&schema_doc, "performance_data");
        if (field_empty(f, d))
                return;
        const struct schema *s = f->sub;
        const struct perf_data *p = &d->perf;
        const char *unit = view_money_unit(p->unit);
        html_raw(r, "<h2 id=\"perf\">评价基础数据</h2>");
        if (!perf_empty(s, p, "procurement"))
                procurement(r, &p->procurement, unit);
        if (!perf_empty(s, p, "budget_adjustment"))
                adjustment(r, &p->budget_adjustment, unit);
        if (!perf_empty(s, p, "fixed_assets") || !perf_empty(s, p, "asset_balance"))
                assets(r, p, unit);
        if (!perf_empty(s, p, "staffing"))
                staff(r, &p->staffing);
        if (!perf_empty(s, p, "three_public") || !perf_empty(s, p, "daily_public"))
                public_costs(r, p, unit);
        if (!perf_empty(s, p, "execution") || !perf_empty(s, p, "quarterly"))
                execution(r, p, unit);
        if (!perf_empty(s, p, "projects") || !perf_empty(s, p, "key_tasks") ||
            !perf_empty(s, p, "petitions") || !perf_empty(s, p, "satisfaction_pct"))
                other_figures(r, p);
}
