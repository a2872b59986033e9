/* The seed tables as grids (src/tables): key cells of the 基础数据表, the
 * 自评表 and the 项目支出表 of the four examples — entered figures with
 * their document paths, computed figures from the engine, merged header
 * shapes — and every entered cell's path resolving in its document. */
#include "../support/sheet_support.h"

#include "../../src/sheet/sheet_int.h"
#include "../../src/tables/tables.h"

/* The first cell whose text is text; asserts it exists. */
static void find(const struct grid *g, const char *text, size_t *row, size_t *col)
{
        for (size_t r = 0; r < g->rows; r++)
                for (size_t c = 0; c < g->cols; c++) {
                        const struct grid_cell *cell = grid_at(g, r, c);
                        if (cell->text && strcmp(cell->text, text) == 0) {
                                *row = r;
                                *col = c;
                                return;
                        }
                }
        fprintf(stderr, "no cell \"%s\"\n", text);
        fail();
}

/* The first cell at or below row from whose text is text. */
static void find_below(const struct grid *g, size_t from, const char *text, size_t *row,
                       size_t *col)
{
        for (size_t r = from; r < g->rows; r++)
                for (size_t c = 0; c < g->cols; c++) {
                        const struct grid_cell *cell = grid_at(g, r, c);
                        if (cell->text && strcmp(cell->text, text) == 0) {
                                *row = r;
                                *col = c;
                                return;
                        }
                }
        fprintf(stderr, "no cell \"%s\" below row %zu\n", text, from);
        fail();
}

static bool has_text(const struct grid *g, const char *text)
{
        for (size_t i = 0; i < g->rows * g->cols; i++)
                if (g->cells[i].text && strcmp(g->cells[i].text, text) == 0)
                        return true;
        return false;
}

/* Cell (r, c) is a number shown as shown, entered at path or computed (path
 * NULL; a computed cell names the stated member that prints it, if any). */
static void number_at(const struct grid *g, size_t r, size_t c, const char *shown, const char *path)
{
        const struct grid_cell *cell = grid_at(g, r, c);
        if (!cell->text || strcmp(cell->text, shown) != 0)
                fprintf(stderr, "(%zu,%zu): want \"%s\", got \"%s\"\n", r, c, shown,
                        cell->text ? cell->text : "(null)");
        assert_int_equal(cell->kind, CELL_NUMBER);
        assert_string_equal(cell->text, shown);
        if (path) {
                assert_true(cell->flags & CF_INPUT);
                assert_string_equal(cell->path, path);
        } else {
                assert_true(cell->flags & CF_COMPUTED);
                assert_false(cell->flags & CF_INPUT);
        }
}

static void blank_input_at(const struct grid *g, size_t r, size_t c, const char *path)
{
        const struct grid_cell *cell = grid_at(g, r, c);
        assert_int_equal(cell->kind, CELL_EMPTY);
        assert_true(cell->flags & CF_INPUT);
        assert_string_equal(cell->path, path);
}

static void test_basic_table_seed_004(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[3], &l);
        struct arena *a = arena_new();
        struct grid *g = table_basic(a, l.doc, l.eval, TABLE_PRINT);
        assert_non_null(g);
        assert_int_equal(g->cols, 7);
        assert_string_equal(g->title, "2024年度部门整体支出绩效评价基础数据表");
        size_t r, c;
        find(g, "财政供养人员情况（人）", &r, &c);
        assert_int_equal(grid_at(g, r, c)->rowspan, 2);
        find(g, "编制数", &r, &c);
        assert_int_equal(grid_at(g, r, c)->colspan, 2);
        number_at(g, r + 1, 1, "20", "$.basic_data.staffing.authorized");
        number_at(g, r + 1, 3, "17", "$.basic_data.staffing.actual");
        number_at(g, r + 1, 5, "85.00", NULL); /* 17 / 20 */
        assert_int_equal(grid_at(g, r + 1, 5)->style, NUM_PERCENT);
        find(g, "2023年决算数", &r, &c);
        find(g, "三公经费", &r, &c);
        number_at(g, r, 1, "2.28", NULL); /* its only part, 公务接待 */
        number_at(g, r, 5, "0.31", NULL);
        find(g, "　1、公务用车购置和维护经费", &r, &c);
        blank_input_at(g, r, 1, "$.basic_data.three_public.vehicles.stated.prior_final");
        find(g, "项目支出", &r, &c);
        number_at(g, r, 1, "8562.37", NULL); /* 72.08 + 95.44 + 8394.85 */
        number_at(g, r, 3, "74.00", NULL);
        number_at(g, r, 5, "245.00", NULL); /* 27 + 218 */
        find(g, "　3、上级专项资金", &r, &c);
        /* no fund has a 上年决算数: the level's own figure is entered */
        number_at(g, r, 1, "8394.85", "$.basic_data.project_spending.special.stated.prior_final");
        number_at(g, r, 5, "218.00", NULL); /* 77.7 + 97.3 + 14.5 + 28.5 */
        find(g, "　　其中：绿洲农贸市场改造专项资金", &r, &c);
        number_at(g, r, 5, "77.70", "$.basic_data.project_spending.special.funds[0].final");
        find(g, "公用经费", &r, &c);
        number_at(g, r, 1, "258.83", "$.basic_data.public_funds.total.prior_final");
        find(g, "部门基本支出预算调整", &r, &c);
        number_at(g, r, 5, "471.83", "$.basic_data.basic_budget_adjustment.final");
        find(g, "厉行节约保障措施", &r, &c);
        assert_int_equal(grid_at(g, r, 1)->colspan, 6);
        assert_string_equal(grid_at(g, r, 1)->path, "$.basic_data.austerity");
        arena_free(a);
        loaded_free(&l);
}

static void test_basic_table_absent_or_form(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[0], &l); /* seed 001 has no basic data */
        struct arena *a = arena_new();
        assert_null(table_basic(a, l.doc, l.eval, TABLE_PRINT));
        struct grid *g = table_basic(a, l.doc, l.eval, TABLE_PRINT | TABLE_ALWAYS);
        assert_non_null(g);
        size_t r, c;
        find(g, "编制数", &r, &c);
        blank_input_at(g, r + 1, 1, "$.basic_data.staffing.authorized");
        arena_free(a);
        loaded_free(&l);
}

static void test_self_eval_seed_004(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[3], &l);
        struct arena *a = arena_new();
        struct grid *g = table_self_eval(a, l.doc, l.eval, TABLE_PRINT);
        assert_int_equal(g->cols, 10);
        assert_string_equal(g->title, "部门整体支出绩效自评表");
        assert_string_equal(g->subtitle, "（2024年度）");
        size_t r, c;
        find(g, "单位名称", &r, &c);
        assert_string_equal(grid_at(g, r, 1)->text, "绥宁县商务局");
        assert_int_equal(grid_at(g, r, 1)->colspan, 9);
        find(g, "年度预算申请（万元）", &r, &c);
        assert_int_equal(c, 0);
        assert_int_equal(grid_at(g, r, c)->rowspan, 2 + 5 + 3);
        find(g, "全年预算数（A）", &r, &c);
        assert_int_equal(c, 5);
        find(g, "年度资金总额", &r, &c);
        number_at(g, r, 4, "264.01", "$.self_eval.budget.initial");
        number_at(g, r, 5, "716.83", "$.self_eval.budget.adjusted");
        number_at(g, r, 6, "716.83", "$.self_eval.budget.executed");
        number_at(g, r, 7, "10.00", "$.self_eval.budget.weight");
        number_at(g, r, 8, "100.00", NULL); /* B / A */
        number_at(g, r, 9, "10.00", NULL);
        find(g, "按收入性质分", &r, &c);
        assert_int_equal(grid_at(g, r, c)->rowspan, 5);
        number_at(g, r, 5, "716.84", NULL); /* the sum, not the stated 716.83 */
        assert_string_equal(grid_at(g, r + 1, 2)->text, "一般公共预算");
        assert_string_equal(grid_at(g, r + 1, 2)->path, "$.self_eval.budget.by_income[0].name");
        number_at(g, r + 1, 5, "591.97", "$.self_eval.budget.by_income[0].adjusted");
        find(g, "按支出性质分", &r, &c);
        number_at(g, r, 6, "716.83", NULL);
        find(g, "年初目标设定", &r, &c);
        assert_string_equal(grid_at(g, r + 1, 1)->path, "$.self_eval.goal.declared");
        assert_string_equal(grid_at(g, r + 1, 4)->path, "$.self_eval.goal.achieved");
        find(g, "绩效指标（90分）", &r, &c);
        assert_true(grid_at(g, r, c)->flags & CF_COMPUTED);
        find(g, "产出指标（50分）", &r, &c);
        assert_int_equal(grid_at(g, r, c)->rowspan, 5);
        find(g, "效益指标（30分）", &r, &c);
        assert_int_equal(grid_at(g, r, c)->rowspan, 4); /* two empty groups keep a row each */
        find(g, "农贸市改造", &r, &c);
        assert_string_equal(grid_at(g, r, 4)->text, "达标");
        assert_string_equal(grid_at(g, r, 4)->path,
                            "$.self_eval.indicators[0].groups[0].items[0].target");
        assert_string_equal(grid_at(g, r, 5)->text, "77.7万元");
        assert_string_equal(grid_at(g, r, 5)->suffix, "万元");
        find(g, "三级指标", &r, &c);
        find_below(g, r, "基本支出", &r, &c);
        number_at(g, r, 4, "106.2万元",
                  "$.self_eval.indicators[0].groups[3].items[0].target");
        number_at(g, r, 7, "8.00", "$.self_eval.indicators[0].groups[3].items[0].score");
        number_at(g, r, 8, "10.00", NULL); /* the rule's score */
        find(g, "总分", &r, &c);
        assert_int_equal(grid_at(g, r, 0)->colspan, 6);
        number_at(g, r, 6, "100.00", NULL);
        number_at(g, r, 8, "100.00", NULL);
        find(g, "评价等级", &r, &c);
        assert_string_equal(grid_at(g, r, 6)->text, "优秀");
        assert_int_equal(r, g->rows - 1);
        arena_free(a);
        loaded_free(&l);
}

static void test_self_eval_seed_003_midyear_and_totals(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[2], &l);
        struct arena *a = arena_new();
        struct grid *g = table_self_eval(a, l.doc, l.eval, TABLE_PRINT);
        assert_true(has_text(g, "年中监控值"));
        assert_true(has_text(g, "改进措施"));
        assert_int_equal(g->cols, 12);
        size_t r, c;
        find(g, "年度资金总额", &r, &c);
        size_t v = g->cols - 6;
        number_at(g, r, v + 1, "412.49", "$.self_eval.budget.adjusted");
        number_at(g, r, v + 2, "407.98", "$.self_eval.budget.executed");
        number_at(g, r, v + 4, "98.91", NULL);
        number_at(g, r, v + 5, "9.89", NULL);
        find(g, "项目预算", &r, &c);
        number_at(g, r, c + 1, "≤214.76万元",
                  "$.self_eval.indicators[0].groups[0].items[1].target");
        assert_string_equal(grid_at(g, r, c + 1)->prefix, "≤");
        number_at(g, r, c + 2, "102.48万元",
                  "$.self_eval.indicators[0].groups[0].items[1].midyear");
        find(g, "总分", &r, &c);
        assert_true(has_text(g, "79.14"));
        assert_true(has_text(g, "中"));
        arena_free(a);
        loaded_free(&l);
}

static void test_self_eval_seed_002_tasks_and_001_criteria(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[1], &l);
        struct arena *a = arena_new();
        struct grid *g = table_self_eval(a, l.doc, l.eval, TABLE_PRINT);
        size_t r, c;
        find(g, "年度主要任务（万元）", &r, &c);
        assert_int_equal(grid_at(g, r, c)->rowspan, l.doc->self.n_main_tasks + 1);
        find(g, "补发退休工资", &r, &c);
        assert_string_equal(grid_at(g, r, c)->path, "$.self_eval.main_tasks[0].name");
        find(g, "落实招商引资工作", &r, &c);
        size_t v = g->cols - 6;
        number_at(g, r, v + 4, "96.32", NULL); /* 183.01 / 190 */
        assert_true(has_text(g, "98.00"));
        arena_free(a);
        loaded_free(&l);

        load_example(seed_examples[0], &l);
        a = arena_new();
        g = table_self_eval(a, l.doc, l.eval, TABLE_PRINT);
        assert_true(has_text(g, "评分要点得分"));
        assert_true(has_text(g, "1+1+1+1+1"));
        assert_true(has_text(g, "94.56"));
        find(g, "评价等级", &r, &c);
        assert_string_equal(grid_at(g, r, grid_at(g, r, 0)->colspan)->text, "优");
        arena_free(a);
        loaded_free(&l);
}

static void test_project_tables(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[3], &l);
        struct arena *a = arena_new();
        struct grid *g = table_project(a, l.doc, l.eval, 0, TABLE_PRINT);
        assert_string_equal(g->title, "项目支出绩效自评表");
        size_t r, c;
        find(g, "项目名称", &r, &c);
        assert_string_equal(grid_at(g, r, 1)->text, "绥宁县商务局2024年度项目支出");
        find(g, "年度资金总额", &r, &c);
        number_at(g, r, 6, "245.00", "$.projects[0].budget.executed");
        assert_true(has_text(g, "（未填报绩效指标）"));
        assert_true(has_text(g, "绩效指标"));
        arena_free(a);
        loaded_free(&l);

        load_example(seed_examples[2], &l);
        a = arena_new();
        g = table_project(a, l.doc, l.eval, 1, TABLE_PRINT);
        find(g, "年度资金总额", &r, &c);
        number_at(g, r, 6, "5.78", "$.projects[1].budget.executed");
        number_at(g, r, 8, "100.00", NULL);
        arena_free(a);
        loaded_free(&l);
}

/* Every entered cell of every table names a scalar field of its document,
 * of a type the importer reads; merges never overlap. */
static void test_every_input_path_resolves(void **state)
{
        (void)state;
        for (size_t i = 0; i < 4; i++) {
                struct loaded l;
                load_example(seed_examples[i], &l);
                struct arena *a = arena_new();
                struct sheet_plan *plan;
                size_t n = sheet_tables_plan(a, l.doc, l.eval, &plan);
                assert_int_equal(n, 2 + l.doc->n_projects);
                size_t inputs = 0;
                for (size_t s = 0; s < n; s++) {
                        const struct grid *g = plan[s].grid;
                        for (size_t k = 0; k < g->rows * g->cols; k++) {
                                const struct grid_cell *cell = &g->cells[k];
                                if (!(cell->flags & CF_INPUT))
                                        continue;
                                inputs++;
                                assert_true(cell->rowspan > 0);
                                struct doc_loc loc;
                                if (!doc_locate(l.doc, cell->path, &loc, NULL))
                                        fprintf(stderr, "unresolved %s\n", cell->path);
                                assert_true(doc_locate(l.doc, cell->path, &loc, NULL));
                                assert_ptr_equal(loc.field, cell->field);
                                enum ftype t = loc.field->type;
                                /* a measure or target is read whole (number or text) */
                                assert_true(t == FT_STR || t == FT_TEXT || t == FT_DEC ||
                                            t == FT_INT || (t == FT_OBJ && loc.schema &&
                                                            schema_field(loc.schema, "value")));
                                assert_false(cell->flags & CF_COMPUTED);
                        }
                        /* a merge covers exactly its rectangle */
                        size_t covered = 0, spans = 0;
                        for (size_t k = 0; k < g->rows * g->cols; k++) {
                                const struct grid_cell *cell = &g->cells[k];
                                if (cell->rowspan == 0)
                                        covered++;
                                else
                                        spans += cell->rowspan * cell->colspan - 1;
                        }
                        assert_int_equal(covered, spans);
                }
                assert_true(inputs > 40);
                arena_free(a);
                loaded_free(&l);
        }
}

static void test_sheet_names(void **state)
{
        (void)state;
        struct arena *a = arena_new();
        const char *used[] = {"自评表", "基础数据表", "项目A"};
        assert_string_equal(sheet_name_unique(a, "项目A", "x", used, 3), "项目A（2）");
        assert_string_equal(sheet_name_unique(a, "a[b]:c*d?e/f\\g", "x", used, 3),
                            "a_b__c_d_e_f_g");
        assert_string_equal(sheet_name_unique(a, "'' ", "项目1", used, 3), "项目1");
        assert_string_equal(sheet_name_unique(a, "history", "x", NULL, 0), "history（2）");
        /* 40 CJK characters are cut to 31 */
        const char *long_name =
            "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
        const char *cut = sheet_name_unique(a, long_name, "x", NULL, 0);
        assert_int_equal(strlen(cut), 31 * 3);
        const char *used2[] = {cut};
        const char *second = sheet_name_unique(a, long_name, "x", used2, 1);
        assert_int_equal(strlen(second), 28 * 3 + strlen("（2）"));
        char ref[16];
        assert_string_equal(sheet_ref(0, 0, ref), "A1");
        assert_string_equal(sheet_ref(11, 5, ref), "F12");
        assert_string_equal(sheet_ref(0, 26, ref), "AA1");
        assert_string_equal(sheet_ref(9, 16383, ref), "XFD10");
        arena_free(a);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_basic_table_seed_004),
            cmocka_unit_test(test_basic_table_absent_or_form),
            cmocka_unit_test(test_self_eval_seed_004),
            cmocka_unit_test(test_self_eval_seed_003_midyear_and_totals),
            cmocka_unit_test(test_self_eval_seed_002_tasks_and_001_criteria),
            cmocka_unit_test(test_project_tables),
            cmocka_unit_test(test_every_input_path_resolves),
            cmocka_unit_test(test_sheet_names),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
