/* The engine formats the place of a finding only when it raises one: an
 * evaluation whose rows all have names builds no path or label for the
 * name check (issue 18: formatting them for every row of every evaluation
 * made the engine ten times slower), while a row without a name still
 * gets its name.missing finding with the path, label, rule and message it
 * always had. Any other path of a member is derived only for a table, a
 * finding raised or a cell recorded. */
#include "../support/testutil.h"

#include "../../src/doc/doc_edit.h"
#include "../../src/doc/doc_io.h"
#include "../../src/engine/engine.h"

static struct scheme *scheme_named(const char *name)
{
        struct diags errs = DIAGS_INIT;
        struct scheme *s = scheme_load(name, &errs);
        if (!s)
                diags_print(&errs, stderr);
        assert_non_null(s);
        diags_free(&errs);
        return s;
}

static size_t count(const struct evaluation *e, const char *code)
{
        size_t n = 0;
        for (size_t i = 0; i < e->n_findings; i++)
                n += strcmp(e->findings[i].code, code) == 0;
        return n;
}

/* The four seeds name every row of every table (levels, groups,
 * indicators, projects and their indicators, funds, budget splits …):
 * evaluating them, with and without recording cells, builds no place for
 * the name check. */
static void test_named_rows_format_nothing(void **state)
{
        (void)state;
        for (size_t i = 0; i < 4; i++) {
                struct diags errs = DIAGS_INIT;
                struct doc *d = doc_load_file(repo_path(seed_examples[i]), &errs);
                assert_non_null(d);
                struct scheme *s = scheme_named(d->scheme);
                unsigned long before = engine_name_places_built();
                for (unsigned options = 0; options <= ENGINE_RECORD_CELLS; options++) {
                        struct evaluation *e = engine_evaluate_with(d, s, options);
                        assert_int_equal(count(e, "name.missing"), 0);
                        engine_free(e);
                }
                assert_int_equal(engine_name_places_built(), before);
                scheme_free(s);
                doc_free(d);
                diags_free(&errs);
        }
}

/* Unnamed rows in an object inside an object (a special fund), in the
 * budget splits, among the indicators, a project and an indicator of that
 * project; unnamed first- and second-level rows are allowed. Each
 * reported row builds its place once, and only those. */
static void test_unnamed_rows_are_reported_with_their_place(void **state)
{
        (void)state;
        static const char json[] =
            "{\"format\":\"jixiao-evaluation\",\"version\":1,"
            "\"unit\":{\"code\":\"104001\",\"name\":\"测试单位\"},\"fiscal_year\":2024,"
            "\"basic_data\":{\"project_spending\":{\"special\":{\"funds\":["
            "{\"name\":\"商贸流通专项\",\"budget\":\"10\"},{\"budget\":\"5\"}]}}},"
            "\"self_eval\":{\"budget\":{\"adjusted\":\"100\",\"executed\":\"90\",\"by_income\":["
            "{\"name\":\"财政拨款\",\"adjusted\":\"100\"},{\"name\":\"\",\"adjusted\":\"0\"}]},"
            "\"indicators\":[{\"name\":\"产出指标\",\"groups\":[{\"name\":\"数量指标\",\"items\":["
            "{\"name\":\"培训人次\",\"kind\":\"qualitative\",\"weight\":\"45\",\"score\":\"45\"},"
            "{\"kind\":\"qualitative\",\"weight\":\"45\",\"score\":\"45\"}]}]}]},"
            "\"projects\":[{\"name\":\"\",\"indicators\":[{\"groups\":[{\"items\":["
            "{\"name\":\"\",\"kind\":\"qualitative\",\"weight\":\"90\",\"score\":\"90\"}]}]}]}]}";
        static const struct {
                const char *path, *label, *rule, *message;
        } want[] = {
            {"$.basic_data.project_spending.special.funds[1].name",
             "基础数据表 › 项目支出 › 上级专项资金 › 专项资金明细第 2 项",
             "专项资金明细的每一行都须填写专项资金名称",
             "专项资金明细第 2 行没有填写专项资金名称，请填写或删除这一行。"},
            {"$.self_eval.budget.by_income[1].name", "自评表 › 年度预算申请 › 按收入性质分第 2 项",
             "按收入性质分的每一行都须填写资金类别",
             "按收入性质分第 2 行没有填写资金类别，请填写或删除这一行。"},
            {"$.self_eval.indicators[0].groups[0].items[1].name",
             "自评表 › 产出指标 › 数量指标 › 三级指标第 2 项", "三级指标的每一行都须填写三级指标",
             "三级指标第 2 行没有填写三级指标，请填写或删除这一行。"},
            {"$.projects[0].name", "项目支出表第 1 项", "项目支出表的每一行都须填写项目名称",
             "项目支出表第 1 行没有填写项目名称，请填写或删除这一行。"},
            {"$.projects[0].indicators[0].groups[0].items[0].name",
             "项目支出表第 1 项 › 绩效指标第 1 项 › 二级指标第 1 项 › 三级指标第 1 项",
             "三级指标的每一行都须填写三级指标",
             "三级指标第 1 行没有填写三级指标，请填写或删除这一行。"},
        };
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_parse(json, strlen(json), &errs);
        if (!d)
                diags_print(&errs, stderr);
        assert_non_null(d);
        struct scheme *s = scheme_named("national");
        unsigned long before = engine_name_places_built();
        struct evaluation *e = engine_evaluate(d, s);
        size_t n = sizeof want / sizeof want[0];
        assert_int_equal(engine_name_places_built() - before, n);
        assert_int_equal(count(e, "name.missing"), n);
        size_t k = 0;
        for (size_t i = 0; i < e->n_findings; i++) {
                const struct finding *f = &e->findings[i];
                if (strcmp(f->code, "name.missing") != 0)
                        continue;
                assert_int_equal(f->severity, SEV_ERROR);
                assert_string_equal(f->path, want[k].path);
                assert_string_equal(f->label, want[k].label);
                assert_string_equal(f->rule, want[k].rule);
                assert_string_equal(f->message, want[k].message);
                k++;
        }
        engine_free(e);
        scheme_free(s);
        doc_free(d);
        diags_free(&errs);
}

/* The name check skips the 基础数据表 and 评价基础数据 of a document that
 * has none (as check_basic and check_perf do): a blank row added in
 * memory to such a section makes it one the document has, and is
 * reported. */
static void test_rows_added_to_an_absent_section_are_checked(void **state)
{
        (void)state;
        static const char json[] =
            "{\"format\":\"jixiao-evaluation\",\"version\":1,"
            "\"unit\":{\"code\":\"104001\",\"name\":\"测试单位\"},\"fiscal_year\":2024,"
            "\"self_eval\":{\"indicators\":[{\"name\":\"产出指标\",\"groups\":[{\"name\":"
            "\"数量指标\",\"items\":[{\"name\":\"培训人次\",\"kind\":\"qualitative\","
            "\"weight\":\"90\",\"score\":\"90\"}]}]}]}}";
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_parse(json, strlen(json), &errs);
        assert_non_null(d);
        struct scheme *s = scheme_named("national");
        struct evaluation *e = engine_evaluate(d, s);
        assert_int_equal(count(e, "name.missing"), 0);
        engine_free(e);
        assert_true(doc_array_append(d, "$.basic_data.project_spending.special.funds", &errs));
        assert_true(doc_array_append(d, "$.performance_data.procurement.rows", &errs));
        assert_int_equal(errs.n, 0);
        e = engine_evaluate(d, s);
        assert_int_equal(count(e, "name.missing"), 2);
        const char *paths[2] = {NULL, NULL};
        for (size_t i = 0, k = 0; i < e->n_findings; i++)
                if (strcmp(e->findings[i].code, "name.missing") == 0)
                        paths[k++] = e->findings[i].path;
        assert_string_equal(paths[0], "$.basic_data.project_spending.special.funds[0].name");
        assert_string_equal(paths[1], "$.performance_data.procurement.rows[0].name");
        engine_free(e);
        scheme_free(s);
        doc_free(d);
        diags_free(&errs);
}

/* The engine derives the path of a member only where it names one: each
 * table's, and one for each finding it raises (name.missing builds its
 * own, counted above); recording cells derives theirs. The seeds without
 * their statements (which would record cells). */
static void test_paths_only_for_tables_and_findings(void **state)
{
        (void)state;
        for (size_t i = 0; i < 4; i++) {
                struct diags errs = DIAGS_INIT;
                struct doc *d = doc_load_file(repo_path(seed_examples[i]), &errs);
                assert_non_null(d);
                d->n_statements = 0;
                struct scheme *s = scheme_named(d->scheme);
                size_t tables = 1 + d->n_projects;
                unsigned long before = engine_paths_built();
                struct evaluation *e = engine_evaluate(d, s);
                assert_int_equal(engine_paths_built() - before,
                                 tables + e->n_findings - count(e, "name.missing"));
                engine_free(e);
                /* a path for every cell but the two figures no table states */
                before = engine_paths_built();
                e = engine_evaluate_with(d, s, ENGINE_RECORD_CELLS);
                assert_true(e->n_cells > 2 * tables);
                assert_true(engine_paths_built() - before >= tables + e->n_cells - 2 * tables);
                engine_free(e);
                scheme_free(s);
                doc_free(d);
                diags_free(&errs);
        }
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_named_rows_format_nothing),
            cmocka_unit_test(test_unnamed_rows_are_reported_with_their_place),
            cmocka_unit_test(test_rows_added_to_an_absent_section_are_checked),
            cmocka_unit_test(test_paths_only_for_tables_and_findings),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
