/* The 基础数据表 (seed 004, 附件1-1) as a grid: 财政供养人员, 经费控制情况
 * in three money columns, 楼堂馆所控制情况 and 厉行节约保障措施. Third-level
 * rows are entered; level rows (三公经费, 公务用车购置和维护经费, 项目支出,
 * 上级专项资金) are computed from their parts column by column, and are
 * entered only in a column where none of their parts has a figure (the
 * engine reads them the same way, engine/derived.h). Rates are computed.
 * One row per 上级专项资金 (seed 004's manual: 一个专项资金一行) and per
 * building, added and removed in the form. */
#include "tables_int.h"

#include "../engine/derived.h"

#include <assert.h>
#include <inttypes.h>

enum { COLS = 7 };

/* One money row: a label and three columns, each two grid columns wide.
 * level: the computed figures of a level row (NULL for an entered row),
 * parts: bit c set when column c is the sum of parts; m: the row's
 * member, entered in the columns not computed. */
static void money_row(struct tb *t, size_t r, const char *label, unsigned label_flags,
                      const struct money3 *m, const struct money3 *level, unsigned parts)
{
        tb_label(t, r, 0, label, label_flags);
        const dec_t *cols[3] = {&m->prior_final, &m->budget, &m->final};
        const dec_t sums[3] = {level ? level->prior_final : DEC_NONE,
                               level ? level->budget : DEC_NONE, level ? level->final : DEC_NONE};
        for (size_t c = 0; c < 3; c++) {
                size_t col = 1 + 2 * c;
                tb_wide(t, r, col, 2);
                if (parts & 1u << c)
                        tb_out_dec(t, r, col, sums[c], 2, NUM_MONEY, cols[c], NULL)->flags |=
                            label_flags & CF_BOLD;
                else
                        tb_in_dec(t, r, col, cols[c], 2, NUM_MONEY);
        }
}

static size_t count_rows(const struct basic_data *b, unsigned mode)
{
        size_t buildings = b->n_buildings || (mode & TABLE_FORM) ? b->n_buildings : 1;
        /* [unit 1,] staffing 2, money header 1, money rows 16 + funds,
         * buildings header 1 + rows, austerity 1, note 1 */
        return (mode & TABLE_FORM ? 1 : 0) + 2 + 1 + 16 + b->project_spending.special.n_funds + 1 +
               buildings + 1 + 1;
}

static struct grid *build(struct arena *a, const struct doc *d, const struct evaluation *e,
                          unsigned mode)
{
        const struct basic_data *b = &d->basic;
        struct tb t = {a, grid_new(a, count_rows(b, mode), COLS), d, e, mode};
        struct grid *g = t.g;
        const char *unit = tables_unit_name(b->unit);
        int64_t year = d->fiscal_year;
        g->title = tb_fmt(&t, "%" PRId64 "年度部门整体支出绩效评价基础数据表", year);
        g->caption =
            tb_fmt(&t, "单位名称：%s　　金额单位：%s", d->unit.name ? d->unit.name : "", unit);
        g->key = TB_PATH(&t, b);
        g->widths[0] = 20;
        for (size_t c = 1; c < COLS; c++)
                g->widths[c] = 6;
        g->header_rows = 0;

        size_t r = 0;
        if (mode & TABLE_FORM) {
                tb_label(&t, r, 0, "金额单位（未选时按万元）", CF_HEADER);
                tb_wide(&t, r, 1, COLS - 1);
                tb_in_enum(&t, r, 1, (const int *)&b->unit);
                r++;
        }
        /* 财政供养人员情况 */
        tb_span(&t, r, 0, 2, 1, "财政供养人员情况（人）", CF_HEADER | CF_WRAP);
        tb_span(&t, r, 1, 1, 2, "编制数", CF_HEADER);
        tb_span(&t, r, 3, 1, 2, tb_fmt(&t, "%" PRId64 "年实际在职人数", year), CF_HEADER | CF_WRAP);
        tb_span(&t, r, 5, 1, 2, "控制率", CF_HEADER);
        r++;
        const struct basic_staffing *st = &b->staffing;
        tb_wide(&t, r, 1, 2);
        tb_in_count(&t, r, 1, &st->authorized);
        tb_wide(&t, r, 3, 2);
        tb_in_count(&t, r, 3, &st->actual);
        tb_wide(&t, r, 5, 2);
        tb_out_dec(&t, r, 5,
                   engine_rate_pct(st->actual == COUNT_NONE ? DEC_NONE : dec_from_int(st->actual),
                                   st->authorized == COUNT_NONE ? DEC_NONE
                                                                : dec_from_int(st->authorized)),
                   2, NUM_PERCENT, &st->stated_control_rate_pct, NULL);
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
        money_row(&t, r++, "三公经费", CF_BOLD, &tp->stated, &lv.three_public,
                  lv.three_public_parts);
        money_row(&t, r++, "　1、公务用车购置和维护经费", 0, &tp->vehicles.stated, &lv.vehicles,
                  lv.vehicles_parts);
        money_row(&t, r++, "　　其中：公车购置", 0, &tp->vehicles.purchase, NULL, 0);
        money_row(&t, r++, "　　　　　公车运行维护", 0, &tp->vehicles.operation, NULL, 0);
        money_row(&t, r++, "　2、出国经费", 0, &tp->overseas, NULL, 0);
        money_row(&t, r++, "　3、公务接待", 0, &tp->reception, NULL, 0);
        const struct project_spending *ps = &b->project_spending;
        money_row(&t, r++, "项目支出", CF_BOLD, &ps->stated, &lv.project_spending,
                  lv.project_spending_parts);
        money_row(&t, r++, "　1、业务工作经费", 0, &ps->business, NULL, 0);
        money_row(&t, r++, "　2、运行维护经费", 0, &ps->operation, NULL, 0);
        tb_add(&t, r, 0, &ps->special.funds, "＋ 添加专项资金");
        money_row(&t, r++, "　3、上级专项资金", 0, &ps->special.stated, &lv.special,
                  lv.special_parts);
        for (size_t i = 0; i < ps->special.n_funds; i++, r++) {
                const struct special_fund *f = &ps->special.funds[i];
                const char *lead = i == 0 ? "　　其中：" : "　　　　　";
                money_row(&t, r, tb_fmt(&t, "%s%s", lead, f->name ? f->name : ""), 0, &f->amounts,
                          NULL, 0);
                /* named by the user in the form, and in the workbook where
                 * the row is still unnamed (the spare rows to fill) */
                if ((mode & TABLE_FORM) || !f->name || !*f->name)
                        tb_in_text(&t, r, 0, &f->name, 0)->prefix = lead;
                TB_ELEMENT(&t, r, f, f->name && *f->name ? f->name : "这个专项资金");
        }
        const struct public_funds *pf = &b->public_funds;
        money_row(&t, r++, "公用经费", CF_BOLD, &pf->total, NULL, 0);
        money_row(&t, r++, "　其中：办公经费", 0, &pf->office, NULL, 0);
        money_row(&t, r++, "　　　　水费、电费、差旅费", 0, &pf->utilities_travel, NULL, 0);
        money_row(&t, r++, "　　　　会议费、培训费", 0, &pf->meetings_training, NULL, 0);
        money_row(&t, r++, "政府采购金额", CF_BOLD, &b->procurement, NULL, 0);
        money_row(&t, r++, "部门基本支出预算调整", CF_BOLD, &b->basic_budget_adjustment, NULL, 0);

        /* 楼堂馆所控制情况 */
        tb_label(&t, r, 0, tb_fmt(&t, "楼堂馆所控制情况（%" PRId64 "年完工项目）", year),
                 CF_HEADER | CF_WRAP);
        tb_add(&t, r, 0, &b->buildings, "＋ 添加完工项目");
        static const char *const heads[] = {"批复规模（㎡）", "实际规模（㎡）", "规模控制率",
                                            "预算投资",       "实际投资",       "投资概算控制率"};
        for (size_t c = 0; c < 6; c++)
                tb_label(&t, r, c + 1,
                         c == 3 || c == 4 ? tb_fmt(&t, "%s（%s）", heads[c], unit) : heads[c],
                         CF_HEADER | CF_WRAP);
        r++;
        for (size_t i = 0; i < b->n_buildings; i++, r++) {
                const struct building *bl = &b->buildings[i];
                tb_in_text(&t, r, 0, &bl->name, CF_WRAP);
                tb_in_dec(&t, r, 1, &bl->approved_area, 2, NUM_PLAIN);
                tb_in_dec(&t, r, 2, &bl->actual_area, 2, NUM_PLAIN);
                tb_out_dec(&t, r, 3, engine_rate_pct(bl->actual_area, bl->approved_area), 2,
                           NUM_PERCENT, &bl->stated_area_control_pct, NULL);
                tb_in_dec(&t, r, 4, &bl->budget_investment, 2, NUM_MONEY);
                tb_in_dec(&t, r, 5, &bl->actual_investment, 2, NUM_MONEY);
                tb_out_dec(&t, r, 6, engine_rate_pct(bl->actual_investment, bl->budget_investment),
                           2, NUM_PERCENT, &bl->stated_investment_control_pct, NULL);
                TB_ELEMENT(&t, r, bl, bl->name && *bl->name ? bl->name : "这个完工项目");
        }
        if (!b->n_buildings && !(mode & TABLE_FORM))
                r++; /* the seed prints one empty row */

        tb_label(&t, r, 0, "厉行节约保障措施", CF_HEADER | CF_WRAP);
        tb_wide(&t, r, 1, COLS - 1);
        tb_in_text(&t, r, 1, &b->austerity, CF_WRAP | CF_LONG);
        r++;
        tb_span(
            &t, r, 0, 1, COLS,
            "说明：“项目支出”需要填报基本支出以外的所有项目支出情况，“公用经费”填报基本支出中的一般商品和服务支出。",
            CF_WRAP);
        r++;
        assert(r == g->rows);
        return g;
}

struct grid *table_basic(struct arena *a, const struct doc *d, const struct evaluation *e,
                         unsigned mode)
{
        return doc_has_basic(d) || (mode & (TABLE_FORM | TABLE_ALWAYS)) ? build(a, d, e, mode)
                                                                         : NULL;
}
