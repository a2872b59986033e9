/* The editors of the data tables (see edit.h): the 基础数据表 in the layout
 * of seed 004's 附件1-1 — entered rows as inputs, the first- and
 * second-level rows computed — and the 评价基础数据 of seed 001, drawn
 * field by field from the format's descriptors. */
#include "editors.h"

#include "../../doc/doc_schema.h"

#include <string.h>

#define P(c, ...) req_printf((c)->r, __VA_ARGS__)
#define B         "$.basic_data."

static const char *const columns[3] = {"prior_final", "budget", "final"};

/* A row of three entered amounts. */
static void money_row(struct form_ctx *c, const char *label, const char *path,
                      const struct money3 *m)
{
        const dec_t v[3] = {m->prior_final, m->budget, m->final};
        html(c->r, "<tr><th scope=\"row\">%s</th>", label);
        for (int k = 0; k < 3; k++) {
                html_raw(c->r, "<td>");
                fc_dec(c, P(c, "%s.%s", path, columns[k]), v[k]);
                html_raw(c->r, "</td>");
        }
        html_raw(c->r, "<td></td></tr>");
}

/* A row the engine sums from the rows below it. */
static void sum_row(struct form_ctx *c, const char *label, const char *path)
{
        html(c->r, "<tr class=\"level\"><th scope=\"row\">%s</th>", label);
        for (int k = 0; k < 3; k++) {
                html_raw(c->r, "<td class=\"num\">");
                fc_computed(c, P(c, "%s.%s", path, columns[k]), 2, false);
                html_raw(c->r, "</td>");
        }
        html_raw(c->r, "<td></td></tr>");
}

static void staffing(struct form_ctx *c, const struct basic_staffing *s)
{
        html(c->r,
             "<h3>财政供养人员情况（人）</h3><table class=\"edit\"><thead><tr><th class=\"num\">"
             "编制数</th><th class=\"num\">%lld年实际在职人数</th><th class=\"num\">控制率</th>"
             "</tr></thead><tbody><tr><td>",
             (long long)c->d->fiscal_year);
        fc_int(c, B "staffing.authorized", s->authorized);
        html_raw(c->r, "</td><td>");
        fc_int(c, B "staffing.actual", s->actual);
        html_raw(c->r, "</td><td class=\"num\">");
        fc_computed(c, B "staffing.stated_control_rate_pct", 2, true);
        html_raw(c->r, "</td></tr></tbody></table>");
        fc_notes(c, "$.basic_data.staffing");
}

static void spending(struct form_ctx *c, const struct basic_data *b)
{
        struct req *r = c->r;
        long long y = (long long)c->d->fiscal_year;
        html_raw(r, "<h3>经费控制情况</h3><p class=\"hint\">金额单位：");
        fc_enum(c, B "unit", &enum_money_unit, b->unit);
        html(r,
             "（未选时按万元）。只填第三级，第一、二级由系统合计。</p><table class=\"edit\"><thead>"
             "<tr><th>经费控制情况</th><th class=\"num\">%lld年决算数</th><th class=\"num\">"
             "%lld年预算数</th><th class=\"num\">%lld年决算数</th><th></th></tr></thead><tbody>",
             y - 1, y, y);
        const struct three_public_costs *tp = &b->three_public;
        sum_row(c, "三公经费", B "three_public.stated");
        sum_row(c, "　1、公务用车购置和维护经费", B "three_public.vehicles.stated");
        money_row(c, "　　其中：公车购置", B "three_public.vehicles.purchase",
                  &tp->vehicles.purchase);
        money_row(c, "　　　　　公车运行维护", B "three_public.vehicles.operation",
                  &tp->vehicles.operation);
        money_row(c, "　2、出国经费", B "three_public.overseas", &tp->overseas);
        money_row(c, "　3、公务接待", B "three_public.reception", &tp->reception);
        const struct project_spending *ps = &b->project_spending;
        sum_row(c, "项目支出", B "project_spending.stated");
        money_row(c, "　1、业务工作经费", B "project_spending.business", &ps->business);
        money_row(c, "　2、运行维护经费", B "project_spending.operation", &ps->operation);
        html_raw(r, "<tr class=\"level\"><th scope=\"row\">　3、上级专项资金</th>");
        for (int k = 0; k < 3; k++) {
                html_raw(r, "<td class=\"num\">");
                fc_computed(c, P(c, B "project_spending.special.stated.%s", columns[k]), 2, false);
                html_raw(r, "</td>");
        }
        html_raw(r, "<td>");
        fc_op(c, "add", B "project_spending.special.funds", "＋ 添加专项资金", "一个专项资金一行");
        html_raw(r, "</td></tr>");
        for (size_t i = 0; i < ps->special.n_funds; i++) {
                const char *fp = P(c, B "project_spending.special.funds[%zu]", i);
                const struct money3 *m = &ps->special.funds[i].amounts;
                const dec_t v[3] = {m->prior_final, m->budget, m->final};
                html_raw(r, "<tr><td>　　其中：");
                fc_text(c, P(c, "%s.name", fp), ps->special.funds[i].name);
                html_raw(r, "</td>");
                for (int k = 0; k < 3; k++) {
                        html_raw(r, "<td>");
                        fc_dec(c, P(c, "%s.amounts.%s", fp, columns[k]), v[k]);
                        html_raw(r, "</td>");
                }
                html_raw(r, "<td>");
                fc_op(c, "remove", fp, "删除", "删除这个专项资金");
                html_raw(r, "</td></tr>");
        }
        const struct public_funds *pf = &b->public_funds;
        money_row(c, "公用经费", B "public_funds.total", &pf->total);
        money_row(c, "　其中：办公经费", B "public_funds.office", &pf->office);
        money_row(c, "　　　　水费、电费、差旅费", B "public_funds.utilities_travel",
                  &pf->utilities_travel);
        money_row(c, "　　　　会议费、培训费", B "public_funds.meetings_training",
                  &pf->meetings_training);
        money_row(c, "政府采购金额", B "procurement", &b->procurement);
        money_row(c, "部门基本支出预算调整", B "basic_budget_adjustment",
                  &b->basic_budget_adjustment);
        html_raw(r, "</tbody></table>");
        const char *const parts[] = {"three_public", "project_spending", "public_funds",
                                     "procurement", "basic_budget_adjustment"};
        for (size_t i = 0; i < 5; i++)
                fc_notes(c, P(c, "$.basic_data.%s", parts[i]));
}

static void buildings(struct form_ctx *c, const struct basic_data *b)
{
        struct req *r = c->r;
        html_raw(r, "<h3>楼堂馆所控制情况（本年完工项目）</h3><table class=\"edit\"><thead><tr>"
                    "<th>项目名称</th><th class=\"num\">批复规模（㎡）</th><th class=\"num\">"
                    "实际规模（㎡）</th><th class=\"num\">规模控制率</th><th class=\"num\">预算投资"
                    "</th><th class=\"num\">实际投资</th><th class=\"num\">投资概算控制率</th>"
                    "<th></th></tr></thead><tbody>");
        for (size_t i = 0; i < b->n_buildings; i++) {
                const struct building *g = &b->buildings[i];
                const char *gp = P(c, B "buildings[%zu]", i);
                html_raw(r, "<tr><td>");
                fc_text(c, P(c, "%s.name", gp), g->name);
                html_raw(r, "</td><td>");
                fc_dec(c, P(c, "%s.approved_area", gp), g->approved_area);
                html_raw(r, "</td><td>");
                fc_dec(c, P(c, "%s.actual_area", gp), g->actual_area);
                html_raw(r, "</td><td class=\"num\">");
                fc_computed(c, P(c, "%s.stated_area_control_pct", gp), 2, true);
                html_raw(r, "</td><td>");
                fc_dec(c, P(c, "%s.budget_investment", gp), g->budget_investment);
                html_raw(r, "</td><td>");
                fc_dec(c, P(c, "%s.actual_investment", gp), g->actual_investment);
                html_raw(r, "</td><td class=\"num\">");
                fc_computed(c, P(c, "%s.stated_investment_control_pct", gp), 2, true);
                html_raw(r, "</td><td>");
                fc_op(c, "remove", gp, "删除", "删除这一行");
                html_raw(r, "</td></tr>");
        }
        if (!b->n_buildings)
                html_raw(r, "<tr><td colspan=\"8\" class=\"muted\">本年无完工项目。</td></tr>");
        html_raw(r, "</tbody></table><p>");
        fc_op(c, "add", B "buildings", "＋ 添加完工项目", "添加一个本年完工的楼堂馆所项目");
        html_raw(r, "</p>");
        fc_notes(c, "$.basic_data.buildings");
}

void edit_basic(struct form_ctx *c)
{
        const struct basic_data *b = &c->d->basic;
        staffing(c, &b->staffing);
        spending(c, b);
        buildings(c, b);
        html_raw(c->r, "<h3>厉行节约保障措施</h3>");
        fc_area(c, B "austerity", b->austerity);
        fc_notes(c, "$.basic_data.austerity");
}

/* ---- 评价基础数据, by descriptor ---------------------------------------------------------- */

static bool stated(const struct field *f)
{
        return strncmp(f->key, "stated", 6) == 0;
}

/* One scalar member: an input, or the computed value of a stated one. */
static void scalar(struct form_ctx *c, const struct field *f, const void *base, const char *path)
{
        const void *m = field_cptr(f, base);
        if (stated(f) && f->type == FT_DEC) {
                fc_computed(c, path, 2, strstr(f->key, "_pct") != NULL);
                return;
        }
        switch (f->type) {
        case FT_DEC:
                fc_dec(c, path, *(const dec_t *)m);
                break;
        case FT_INT:
                fc_int(c, path, *(const int64_t *)m);
                break;
        case FT_STR:
                fc_text(c, path, *(const char *const *)m);
                break;
        case FT_TEXT:
                fc_area(c, path, *(const char *const *)m);
                break;
        case FT_ENUM:
                fc_enum(c, path, f->en, *(const int *)m);
                break;
        case FT_BOOL:
                fc_check(c, path, *(const bool *)m, f->label);
                break;
        default:
                break;
        }
}

static bool is_scalar(const struct field *f)
{
        return f->type != FT_OBJ && f->type != FT_ARR && f->type != FT_DECS;
}

static void object(struct form_ctx *c, const struct schema *s, const void *base, const char *path,
                   bool scalars);

/* An array of rows: a table whose columns are the rows' scalar members. */
static void rows_table(struct form_ctx *c, const struct field *f, const void *base,
                       const char *path)
{
        struct req *r = c->r;
        const struct schema *s = f->sub;
        size_t n = field_count(f, base);
        const char *rows = *(const char *const *)field_cptr(f, base);
        html(r, "<table class=\"edit\"><caption>%s</caption><thead><tr>", f->label);
        for (size_t k = 0; k < s->n_fields; k++)
                if (is_scalar(&s->fields[k]))
                        html(r, "<th>%s</th>", s->fields[k].label);
        html_raw(r, "<th></th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
                const void *row = rows + i * s->size;
                const char *rp = P(c, "%s[%zu]", path, i);
                html_raw(r, "<tr>");
                for (size_t k = 0; k < s->n_fields; k++)
                        if (is_scalar(&s->fields[k])) {
                                html_raw(r, "<td>");
                                scalar(c, &s->fields[k], row, P(c, "%s.%s", rp, s->fields[k].key));
                                html_raw(r, "</td>");
                        }
                html_raw(r, "<td>");
                fc_op(c, "remove", rp, "删除", "删除这一行");
                html_raw(r, "</td></tr>");
                for (size_t k = 0; k < s->n_fields; k++)
                        if (s->fields[k].type == FT_OBJ || s->fields[k].type == FT_ARR) {
                                html_raw(r, "<tr><td colspan=\"99\">");
                                object(c, s, row, rp, false); /* the row's nested members */
                                html_raw(r, "</td></tr>");
                                break;
                        }
        }
        html_raw(r, "</tbody></table><p>");
        fc_op(c, "add", path, "＋ 添加一行", "在表末尾添加一行");
        html_raw(r, "</p>");
}

/* The members of an object: scalars as labelled fields (with scalars),
 * then the nested objects and arrays, each followed by its notes when
 * notes is set. */
static void object(struct form_ctx *c, const struct schema *s, const void *base, const char *path,
                   bool scalars)
{
        struct req *r = c->r;
        bool any = false;
        for (size_t k = 0; scalars && k < s->n_fields; k++) {
                const struct field *f = &s->fields[k];
                if (!is_scalar(f))
                        continue;
                if (!any)
                        html_raw(r, "<div class=\"fields\">");
                any = true;
                html(r, "<label>%s", f->label);
                scalar(c, f, base, P(c, "%s.%s", path, f->key));
                html_raw(r, "</label>");
        }
        if (any)
                html_raw(r, "</div>");
        for (size_t k = 0; k < s->n_fields; k++) {
                const struct field *f = &s->fields[k];
                const char *fp = P(c, "%s.%s", path, f->key);
                if (f->type == FT_OBJ) {
                        html(r, "<fieldset><legend>%s</legend>", f->label);
                        object(c, f->sub, field_cptr(f, base), fp, true);
                        html_raw(r, "</fieldset>");
                } else if (f->type == FT_ARR) {
                        rows_table(c, f, base, fp);
                }
        }
}

void edit_perf(struct form_ctx *c)
{
        const struct schema *s = schema_field(&schema_doc, "performance_data")->sub;
        object(c, s, &c->d->perf, "$.performance_data", true);
        for (size_t k = 0; k < s->n_fields; k++)
                if (!is_scalar(&s->fields[k]))
                        fc_notes(c, P(c, "$.performance_data.%s", s->fields[k].key));
}
