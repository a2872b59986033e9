/* The 基础数据表 (seed 004, 附件1-1) as a grid: 财政供养人员, 经费控制情况
 * in three money columns, 楼堂馆所控制情况 and 厉行节约保障措施. Third-level
 * rows are entered; level rows (三公经费, 公务用车购置和维护经费, 项目支出,
 * 上级专项资金) are computed from their parts column by column, and are
 * entered only in a column where none of their parts has a figure (the
 * engine reads them the same way, engine/derived.h). Rates are computed. */
#include "tables_int.h"

#include "../doc/doc_io.h"
#include "../engine/derived.h"

#include <assert.h>
#include <inttypes.h>

enum { COLS = 7 };

#define B "$.basic_data."

/* One money row: a label and three columns, each two grid columns wide.
 * parts: bit c set when column c is computed (the sum of parts); path:
 * the row's money3 member, for the columns entered. */
static void money_row(struct tb *t, size_t r, const char *label, unsigned label_flags,
                      const struct money3 *m, unsigned parts, const char *path)
{
        tb_label(t, r, 0, label, label_flags);
        static const char *const keys[] = {"prior_final", "budget", "final"};
        const dec_t v[] = {m->prior_final, m->budget, m->final};
        for (size_t c = 0; c < 3; c++) {
                size_t col = 1 + 2 * c;
                tb_wide(t, r, col, 2);
                if (parts & 1u << c) {
                        struct grid_cell *cell = tb_out_dec(t, r, col, v[c], 2, NUM_MONEY);
                        cell->flags |= label_flags & CF_BOLD;
                } else {
                        tb_in_dec(t, r, col, v[c], 2, NUM_MONEY, "%s.%s", path, keys[c]);
                }
        }
}

static size_t count_rows(const struct basic_data *b)
{
        size_t buildings = b->n_buildings ? b->n_buildings : 1;
        /* staffing 2, money header 1, money rows 16 + funds, buildings header
         * 1 + rows, austerity 1, note 1 */
        return 2 + 1 + 16 + b->project_spending.special.n_funds + 1 + buildings + 1 + 1;
}

static struct grid *build(struct arena *a, const struct doc *d)
{
        const struct basic_data *b = &d->basic;
        struct tb t = {a, grid_new(a, count_rows(b), COLS)};
        struct grid *g = t.g;
        const char *unit = tables_unit_name(b->unit);
        int64_t year = d->fiscal_year;
        g->title = tb_fmt(&t, "%" PRId64 "年度部门整体支出绩效评价基础数据表", year);
        g->caption =
            tb_fmt(&t, "单位名称：%s　　金额单位：%s", d->unit.name ? d->unit.name : "", unit);
        g->widths[0] = 20;
        for (size_t c = 1; c < COLS; c++)
                g->widths[c] = 6;
        g->header_rows = 0;

        size_t r = 0;
        /* 财政供养人员情况 */
        tb_span(&t, r, 0, 2, 1, "财政供养人员情况（人）", CF_HEADER | CF_WRAP);
        tb_span(&t, r, 1, 1, 2, "编制数", CF_HEADER);
        tb_span(&t, r, 3, 1, 2, tb_fmt(&t, "%" PRId64 "年实际在职人数", year), CF_HEADER | CF_WRAP);
        tb_span(&t, r, 5, 1, 2, "控制率", CF_HEADER);
        r++;
        tb_wide(&t, r, 1, 2);
        tb_in_count(&t, r, 1, b->staffing.authorized, B "staffing.authorized");
        tb_wide(&t, r, 3, 2);
        tb_in_count(&t, r, 3, b->staffing.actual, B "staffing.actual");
        tb_wide(&t, r, 5, 2);
        tb_out_dec(
            &t, r, 5,
            engine_rate_pct(
                b->staffing.actual == COUNT_NONE ? DEC_NONE : dec_from_int(b->staffing.actual),
                b->staffing.authorized == COUNT_NONE ? DEC_NONE
                                                     : dec_from_int(b->staffing.authorized)),
            2, NUM_PERCENT);
        r++;

        /* 经费控制情况 */
        tb_label(&t, r, 0, tb_fmt(&t, "经费控制情况（%s）", unit), CF_HEADER);
        tb_span(&t, r, 1, 1, 2, tb_fmt(&t, "%" PRId64 "年决算数", year - 1), CF_HEADER);
        tb_span(&t, r, 3, 1, 2, tb_fmt(&t, "%" PRId64 "年预算数", year), CF_HEADER);
        tb_span(&t, r, 5, 1, 2, tb_fmt(&t, "%" PRId64 "年决算数", year), CF_HEADER);
        r++;
        struct basic_levels lv;
        engine_basic_levels(d, &lv);
        const struct three_public_costs *tp = &b->three_public;
        money_row(&t, r++, "三公经费", CF_BOLD, &lv.three_public, lv.three_public_parts,
                  B "three_public.stated");
        money_row(&t, r++, "　1、公务用车购置和维护经费", 0, &lv.vehicles, lv.vehicles_parts,
                  B "three_public.vehicles.stated");
        money_row(&t, r++, "　　其中：公车购置", 0, &tp->vehicles.purchase, 0,
                  B "three_public.vehicles.purchase");
        money_row(&t, r++, "　　　　　公车运行维护", 0, &tp->vehicles.operation, 0,
                  B "three_public.vehicles.operation");
        money_row(&t, r++, "　2、出国经费", 0, &tp->overseas, 0, B "three_public.overseas");
        money_row(&t, r++, "　3、公务接待", 0, &tp->reception, 0, B "three_public.reception");
        const struct project_spending *ps = &b->project_spending;
        money_row(&t, r++, "项目支出", CF_BOLD, &lv.project_spending, lv.project_spending_parts,
                  B "project_spending.stated");
        money_row(&t, r++, "　1、业务工作经费", 0, &ps->business, 0, B "project_spending.business");
        money_row(&t, r++, "　2、运行维护经费", 0, &ps->operation, 0,
                  B "project_spending.operation");
        money_row(&t, r++, "　3、上级专项资金", 0, &lv.special, lv.special_parts,
                  B "project_spending.special.stated");
        for (size_t i = 0; i < ps->special.n_funds; i++) {
                const struct special_fund *f = &ps->special.funds[i];
                money_row(&t, r++,
                          tb_fmt(&t, "%s%s", i == 0 ? "　　其中：" : "　　　　　", f->name), 0,
                          &f->amounts, 0, tb_fmt(&t, B "project_spending.special.funds[%zu]", i));
        }
        const struct public_funds *pf = &b->public_funds;
        money_row(&t, r++, "公用经费", CF_BOLD, &pf->total, 0, B "public_funds.total");
        money_row(&t, r++, "　其中：办公经费", 0, &pf->office, 0, B "public_funds.office");
        money_row(&t, r++, "　　　　水费、电费、差旅费", 0, &pf->utilities_travel, 0,
                  B "public_funds.utilities_travel");
        money_row(&t, r++, "　　　　会议费、培训费", 0, &pf->meetings_training, 0,
                  B "public_funds.meetings_training");
        money_row(&t, r++, "政府采购金额", CF_BOLD, &b->procurement, 0, B "procurement");
        money_row(&t, r++, "部门基本支出预算调整", CF_BOLD, &b->basic_budget_adjustment, 0,
                  B "basic_budget_adjustment");

        /* 楼堂馆所控制情况 */
        tb_label(&t, r, 0, tb_fmt(&t, "楼堂馆所控制情况（%" PRId64 "年完工项目）", year),
                 CF_HEADER | CF_WRAP);
        static const char *const heads[] = {"批复规模（㎡）", "实际规模（㎡）", "规模控制率",
                                            "预算投资",       "实际投资",       "投资概算控制率"};
        for (size_t c = 0; c < 6; c++)
                tb_label(&t, r, c + 1,
                         c == 3 || c == 4 ? tb_fmt(&t, "%s（%s）", heads[c], unit) : heads[c],
                         CF_HEADER | CF_WRAP);
        r++;
        for (size_t i = 0; i < b->n_buildings; i++, r++) {
                const struct building *bl = &b->buildings[i];
                const char *p = tb_fmt(&t, B "buildings[%zu]", i);
                tb_in_text(&t, r, 0, bl->name, CF_WRAP, "%s.name", p);
                tb_in_dec(&t, r, 1, bl->approved_area, 2, NUM_PLAIN, "%s.approved_area", p);
                tb_in_dec(&t, r, 2, bl->actual_area, 2, NUM_PLAIN, "%s.actual_area", p);
                tb_out_dec(&t, r, 3, engine_rate_pct(bl->actual_area, bl->approved_area), 2,
                           NUM_PERCENT);
                tb_in_dec(&t, r, 4, bl->budget_investment, 2, NUM_MONEY, "%s.budget_investment", p);
                tb_in_dec(&t, r, 5, bl->actual_investment, 2, NUM_MONEY, "%s.actual_investment", p);
                tb_out_dec(&t, r, 6, engine_rate_pct(bl->actual_investment, bl->budget_investment),
                           2, NUM_PERCENT);
        }
        if (!b->n_buildings)
                r++; /* the seed prints one empty row */

        tb_label(&t, r, 0, "厉行节约保障措施", CF_HEADER | CF_WRAP);
        tb_wide(&t, r, 1, COLS - 1);
        tb_in_text(&t, r, 1, b->austerity, CF_WRAP, B "austerity");
        r++;
        tb_span(
            &t, r, 0, 1, COLS,
            "说明：“项目支出”需要填报基本支出以外的所有项目支出情况，“公用经费”填报基本支出中的一般商品和服务支出。",
            CF_WRAP);
        r++;
        assert(r == g->rows);
        return g;
}

struct grid *table_basic(struct arena *a, const struct doc *d, const struct evaluation *e)
{
        (void)e;
        return doc_has_basic(d) ? build(a, d) : NULL;
}

struct grid *table_basic_form(struct arena *a, const struct doc *d, const struct evaluation *e)
{
        (void)e;
        return build(a, d);
}
