/* The report's content, before any file format: for every seed the
 * engine's figures in generated sentences and tables, the unit's own
 * narrative where it has one, generated sentences where it has none, and
 * no sentence of the narrative that the engine contradicts. */
#include "../support/reports.h"

#include "../../src/report/report.h"

/* Every text of the report, tables included, one block per line. */
static char *report_text(const struct report *r)
{
        struct buf b = BUF_INIT;
        char tmp[64];
        for (size_t i = 0; i < r->n_blocks; i++) {
                const struct rblock *k = &r->blocks[i];
                if (k->kind != RB_TABLE) {
                        buf_printf(&b, "%s\n", k->text);
                        continue;
                }
                const struct grid *g = k->grid;
                buf_printf(&b, "%s\n%s\n%s\n", g->title ? g->title : "",
                           g->subtitle ? g->subtitle : "", g->caption ? g->caption : "");
                for (size_t c = 0; c < g->rows * g->cols; c++)
                        buf_printf(&b, "%s|", report_cell_text(&g->cells[c], tmp));
                buf_putc(&b, '\n');
        }
        return buf_detach(&b);
}

static bool has(const char *text, const char *want)
{
        if (strstr(text, want))
                return true;
        fprintf(stderr, "report lacks: %s\n", want);
        return false;
}

/* A seed's report and all its text. */
struct seed_report {
        struct seed s;
        struct report *r;
        char *t;
};

/* Build x's report from its seed as loaded (and perhaps changed). */
static void build(struct seed_report *x)
{
        x->r = report_build(x->s.doc, x->s.e);
        x->t = report_text(x->r);
}

static struct seed_report seed_report(size_t i)
{
        struct seed_report x = {.s = seed_load(i)};
        build(&x);
        return x;
}

static void seed_report_free(struct seed_report *x)
{
        free(x->t);
        report_free(x->r);
        seed_free(&x->s);
}

/* The report's 绩效指标完成情况表. */
static const struct grid *indicator_grid(const struct report *r)
{
        for (size_t i = 0; i < r->n_blocks; i++)
                if (r->blocks[i].kind == RB_TABLE &&
                    strcmp(r->blocks[i].grid->title, "绩效指标完成情况表") == 0)
                        return r->blocks[i].grid;
        fail_msg("no 绩效指标完成情况表");
        return NULL;
}

static const struct {
        const char *total, *grade;
} expected[4] = {{"94.56", "优"}, {"98.00", "优"}, {"79.14", "中"}, {"100.00", "优秀"}};

static void test_totals_and_grades_are_the_engines(void **state)
{
        (void)state;
        for (size_t i = 0; i < 4; i++) {
                struct seed_report x = seed_report(i);
                char want[256];
                snprintf(want, sizeof want, "部门整体支出绩效自评综合得分 %s 分",
                         expected[i].total);
                assert_true(has(x.t, want));
                snprintf(want, sizeof want, "评价等级为“%s”。", expected[i].grade);
                assert_true(has(x.t, want));
                assert_true(has(x.t, "一、部门基本情况"));
                assert_true(has(x.t, "二、预算安排及执行情况"));
                assert_true(has(x.t, "三、绩效目标完成情况"));
                assert_true(has(x.t, "四、评价结论"));
                assert_true(has(x.t, "五、存在的问题及原因"));
                assert_true(has(x.t, "六、改进措施"));
                assert_true(has(x.t, "附件1"));
                assert_int_equal(x.r->blocks[0].kind, RB_TITLE);
                assert_non_null(strstr(x.r->blocks[0].text, "部门整体支出绩效自评报告"));
                seed_report_free(&x);
        }
}

static void test_budget_sentences(void **state)
{
        (void)state;
        struct seed_report x = seed_report(2);
        assert_true(has(x.t, "全年预算数为 412.49 万元，全年实际支出 407.98 万元，预算执行率为 "
                             "98.91%，得 9.89 分。"));
        assert_true(has(x.t,
                        "2023年年初预算数为 396.54 万元，年中调增 15.95 万元，调整后全年预算数为 "
                        "412.49 万元。"));
        /* the project budgets and the engine's execution rates */
        assert_true(has(x.t, "1.蔬菜直销店建设及方案编制资金（本级财力项目）：全年预算数 189.50 "
                             "万元，全年执行数 189.50 万元，预算执行率为 100.00%。"));
        seed_report_free(&x);

        x = seed_report(3);
        assert_true(has(x.t, "全年预算数为 716.83 万元，全年实际支出 716.83 万元，预算执行率为 "
                             "100.00%，得 10.00 分。"));
        assert_true(has(x.t, "按收入性质分，全年预算数中一般公共预算 591.97 万元、政府性基金拨款 "
                             "109.35 万元、其他资金 15.52 万元。"));
        assert_true(
            has(x.t, "年末编制数 20 人，实际在职人数 17 人，财政供养人员控制率为 85.00%。"));
        seed_report_free(&x);
}

/* Seed 001's figures come from 评价基础数据 through the engine's formulas. */
static void test_performance_data_figures(void **state)
{
        (void)state;
        struct seed_report x = seed_report(0);
        assert_true(has(x.t, "政府采购计划金额 7,341.03 万元，实际采购金额 6,837.22 万元，"
                             "政府采购执行率为 93.14%。"));
        assert_true(has(x.t, "编外人员控制率为 12.41%"));
        assert_true(!strstr(x.t, "12.42%")); /* the stated rate the engine corrects */
        assert_true(!strstr(x.t, "94.54"));  /* the stated total */
        /* the fixed scheme's indicators with how each was scored */
        assert_true(has(x.t, "计分依据"));
        assert_true(has(x.t, "二季度进度 59.41% ÷ 序时进度 50% = 118.82%"));
        seed_report_free(&x);
}

static void test_narrative_kept_contradictions_left_out(void **state)
{
        (void)state;
        struct seed_report x = seed_report(2);
        /* the unit's own text */
        assert_true(has(x.t, "强化年初预算工作，切实提高财政资源配置效率"));
        assert_true(has(x.t, "绩效指标的明确性、可衡量性、相关性还需进一步提升。"));
        assert_true(has(x.t, "实有在编人数为 11 人")); /* over quota, but the figure is right */
        /* but not what the engine contradicts: the stated total and grade,
         * the stated scores and completion rates of 项目预算 */
        assert_null(strstr(x.t, "99.89"));
        assert_null(strstr(x.t, "评价结果为“优”"));
        assert_null(strstr(x.t, "自评得分 12分"));
        assert_null(strstr(x.t, "该指标完成率为98.91%"));
        assert_true(has(x.t, "商业促销活动完成率：该指标预期指标值等于 100%"));
        bool conclusion = false;
        for (size_t i = 0; i < x.r->n_omitted; i++) {
                assert_non_null(x.r->omitted[i].reason);
                if (strcmp(x.r->omitted[i].section, "评价结论") == 0 &&
                    strstr(x.r->omitted[i].sentence, "99.89"))
                        conclusion = true;
        }
        assert_true(conclusion);
        assert_int_equal(x.r->n_omitted, 6);
        seed_report_free(&x);

        x = seed_report(3);
        assert_null(strstr(x.t, "得分96分"));
        assert_null(strstr(x.t, "452.72"));
        assert_true(has(x.t, "主要绩效：“三重点”考核指标成效显著"));
        assert_true(has(x.t, "政府性基金预算支出109.35万元"));
        seed_report_free(&x);
}

static void test_generated_where_nothing_was_written(void **state)
{
        (void)state;
        struct seed_report x = {.s = seed_load(2)};
        memset(&x.s.doc->narrative, 0, sizeof x.s.doc->narrative);
        build(&x);
        assert_true(has(x.t, "（一）部门职能\n（未填写）"));
        assert_true(
            has(x.t, "乌鲁木齐高新区（新市区）商务局（单位编码 103001）为本部门的主管部门。"));
        assert_true(
            has(x.t, "根据预算绩效管理工作要求，我单位对2023年度部门整体支出情况开展了绩效自评。"));
        /* problems and measures from the indicators' deviations */
        assert_true(
            has(x.t, "（一）项目预算：分值 12 分，得 6.32 分。偏差原因：减少经费，厉行节约。"));
        assert_true(
            has(x.t, "（一）外资外贸进出口总额增长率：今后设置目标值要进行严谨调研和测算。"));
        assert_int_equal(x.r->n_omitted, 0);
        seed_report_free(&x);
}

/* "（未填写）" only under a part the scheme requires (which no task can be
 * sent up without): the seeds' reports never say it; with the required
 * parts written and nothing else, no part says it either — the empty
 * ones are left out. */
static void test_only_a_required_part_reads_not_filled(void **state)
{
        (void)state;
        for (size_t i = 0; i < 4; i++) {
                struct seed_report x = seed_report(i);
                assert_false(has(x.t, "（未填写）"));
                seed_report_free(&x);
        }
        struct seed_report x = {.s = seed_load(3)};
        struct narrative *n = &x.s.doc->narrative;
        memset(n, 0, sizeof *n);
        build(&x);
        size_t count = 0;
        for (const char *p = x.t; (p = strstr(p, "（未填写）")); p++)
                count++;
        assert_int_equal(count, 2); /* 部门职能, 改进措施; 存在的问题 from the indicators below weight */
        free(x.t);
        report_free(x.r);
        n->functions = "负责全县商务工作。";
        n->problems = "项目储备不足。";
        n->measures = "加强项目储备。";
        build(&x);
        assert_false(has(x.t, "（未填写）"));
        assert_false(has(x.t, "年度重点工作"));
        seed_report_free(&x);
}

static void test_text_is_cleaned(void **state)
{
        (void)state;
        struct seed_report x = {.s = seed_load(3)};
        x.s.doc->narrative.problems = "第一\x01段\t<b>&amp;\n\n\xE3\x80\x80 第二段\xff ";
        build(&x);
        bool first = false, second = false;
        for (size_t i = 0; i < x.r->n_blocks; i++) {
                const char *text = x.r->blocks[i].text;
                if (!text)
                        continue;
                for (const char *p = text; *p; p++)
                        assert_true((unsigned char)*p >= 0x20 || *p == '\n');
                first |= strcmp(text, "第一段 <b>&amp;") == 0;
                second |= strcmp(text, "第二段\xEF\xBF\xBD") == 0;
        }
        assert_true(first);
        assert_true(second);
        seed_report_free(&x);
}

/* The indicator table of seed 003: the engine's scores, merges, total. */
static void test_indicator_grid(void **state)
{
        (void)state;
        struct seed_report x = seed_report(2);
        const struct grid *g = indicator_grid(x.r);
        assert_int_equal(g->header_rows, 1);
        /* no level names in seed 003: 三级指标 first */
        assert_string_equal(grid_at(g, 0, 0)->text, "三级指标");
        assert_string_equal(grid_at(g, 1, 0)->text, "预算执行率");
        char tmp[64];
        bool found = false;
        for (size_t row = 1; row < g->rows; row++)
                if (grid_at(g, row, 0)->text && strcmp(grid_at(g, row, 0)->text, "项目预算") == 0) {
                        found = true;
                        assert_string_equal(report_cell_text(grid_at(g, row, 3), tmp), "52.64%");
                        assert_string_equal(grid_at(g, row, 5)->text, "6.32");
                }
        assert_true(found);
        assert_string_equal(grid_at(g, g->rows - 1, 0)->text, "总分");
        assert_string_equal(grid_at(g, g->rows - 1, 5)->text, "79.14");
        seed_report_free(&x);

        x = seed_report(3); /* three levels: the level column merged down */
        g = indicator_grid(x.r);
        assert_string_equal(grid_at(g, 2, 0)->text, "产出指标");
        assert_int_equal(grid_at(g, 2, 0)->rowspan, 5);
        assert_int_equal(grid_at(g, 3, 0)->rowspan, 0);
        seed_report_free(&x);
}

static void test_cell_text(void **state)
{
        (void)state;
        struct arena *a = arena_new();
        struct grid *g = grid_new(a, 1, 3);
        char tmp[64];
        grid_number(a, g, 0, 0, dec_make(9891, 2), 2, NUM_PERCENT, 0);
        grid_number(a, g, 0, 1, dec_make(9891, 2), 2, NUM_MONEY, 0);
        assert_string_equal(report_cell_text(grid_at(g, 0, 0), tmp), "98.91%");
        assert_string_equal(report_cell_text(grid_at(g, 0, 1), tmp), "98.91");
        assert_string_equal(report_cell_text(grid_at(g, 0, 2), tmp), "");
        arena_free(a);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_totals_and_grades_are_the_engines),
            cmocka_unit_test(test_budget_sentences),
            cmocka_unit_test(test_performance_data_figures),
            cmocka_unit_test(test_narrative_kept_contradictions_left_out),
            cmocka_unit_test(test_generated_where_nothing_was_written),
            cmocka_unit_test(test_only_a_required_part_reads_not_filled),
            cmocka_unit_test(test_text_is_cleaned),
            cmocka_unit_test(test_indicator_grid),
            cmocka_unit_test(test_cell_text),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
