/* Scoring schemes as data: the shipped ones load, a scheme file loads by
 * path, and a broken scheme is refused with messages naming the path. */
#include "../support/testutil.h"

#include "../../src/app/loaded.h"
#include "../../src/doc/doc_io.h"
#include "../../src/engine/scheme.h"

static void test_shipped_schemes_load(void **state)
{
        (void)state;
        for (size_t i = 0; scheme_builtin_names[i]; i++) {
                struct diags errs = DIAGS_INIT;
                struct scheme *s = scheme_load(scheme_builtin_names[i], &errs);
                if (!s)
                        diags_print(&errs, stderr);
                assert_non_null(s);
                assert_string_equal(s->name, scheme_builtin_names[i]);
                assert_true(s->n_grades >= 4);
                scheme_free(s);
                diags_free(&errs);
        }
}

static void test_a_scheme_file_loads_by_path(void **state)
{
        (void)state;
        struct diags errs = DIAGS_INIT;
        struct scheme *s = scheme_load(repo_path("schemes/shenzhen.json"), &errs);
        assert_non_null(s);
        assert_int_equal(s->n_tree, 3);
        assert_false(s->require_deviation);
        scheme_free(s);
        diags_free(&errs);
}

static void expect_errors(const char *json, const char *const *want, size_t n)
{
        struct diags errs = DIAGS_INIT;
        struct scheme *s = scheme_parse(json, strlen(json), &errs);
        assert_null(s);
        if (errs.n != n)
                diags_print(&errs, stderr);
        assert_int_equal(errs.n, n);
        for (size_t i = 0; i < n; i++) {
                char *line = diag_line(&errs.items[i]);
                assert_string_equal(line, want[i]);
                free(line);
        }
        diags_free(&errs);
}

#define HEAD                                                                                       \
        "{\"format\":\"jixiao-scheme\",\"version\":1,\"name\":\"t\",\"title\":\"测试\",\"total\":\"100\",\"places\":2,"
#define GRADES "\"grades\":[{\"name\":\"优\",\"min\":\"90\"},{\"name\":\"差\",\"min\":\"0\"}]"

static void test_unknown_scheme_names_the_shipped_ones(void **state)
{
        (void)state;
        struct diags errs = DIAGS_INIT;
        assert_null(scheme_load("beijing", &errs));
        char *line = diag_line(&errs.items[0]);
        assert_string_equal(
            line,
            "beijing（评分方案）：没有名为“beijing”的评分方案（内置方案：national、shenzhen、henan、"
            "urumqi；也可指定方案文件路径）");
        free(line);
        diags_free(&errs);
}

static void test_broken_schemes_are_refused(void **state)
{
        (void)state;
        const char *const weights[] = {
            "$.indicator_weight（绩效指标分值）：预算执行率 10 分加绩效指标 80 分，应等于满分 100"};
        expect_errors(HEAD "\"execution\":{\"weight\":\"10\"},\"indicator_weight\":\"80\"," GRADES
                           "}",
                      weights, 1);

        const char *const none[] = {
            "$.indicator_weight（绩效指标分值）：没有固定指标体系（tree）时须指定绩效指标分值"};
        expect_errors(HEAD GRADES "}", none, 1);

        const char *const order[] = {
            "$.grades[1].min（最低分）：评价等级须按最低分从高到低排列",
            "$.grades[1].min（最低分）：最低一档的最低分应为 0，使任何总分都有等级"};
        expect_errors(
            HEAD
            "\"indicator_weight\":\"100\",\"grades\":[{\"name\":\"差\",\"min\":\"0\"},{\"name\":\"优\","
            "\"min\":\"90\"}]}",
            order, 2);

        const char *const tree[] = {
            "$.tree[0].groups[0].items[0].rule（评分要点）：评分要点分值合计 3，应等于 5",
            "$.tree[0].groups[0].items[1].rule（计分依据）：分档计分规则须指定计分依据（figure）",
            "$.tree[0].groups[0].items[1].rule（分档）：分档计分须至少有一档",
            "$.tree[0].groups[0].weight（分值）：二级指标“G”分值 50，其三级指标分值合计 10",
            "$.tree（指标体系）：一级指标分值合计 50，应为 100",
        };
        expect_errors(
            HEAD GRADES
            ",\"tree\":[{\"name\":\"L\",\"weight\":\"50\",\"groups\":[{\"name\":\"G\",\"weight\":\"50\","
            "\"items\":[{\"code\":\"A\",\"name\":\"a\",\"weight\":\"5\",\"rule\":{\"kind\":\"checklist\","
            "\"criteria\":[{\"name\":\"c\",\"points\":\"3\"}]}},{\"code\":\"B\",\"name\":\"b\",\"weight\":\"5\","
            "\"rule\":{\"kind\":\"tiers\"}}]}]}]}",
            tree, 5);

        const char *const syntax[] = {
            "$.tree[0].groups[0].items[0].rule.figure（计分依据）：取值 \"staff.rate\" 无效，应为 "
            "\"procurement.rate\"、\"budget_adjustment.rate\"、\"fixed_assets.rate\"、"
            "\"staffing.control_rate\"、\"staffing.extra_rate\"、\"three_public.rate\"、"
            "\"daily_public.rate\"、\"execution.rate\"、\"projects.completion\"、"
            "\"key_tasks.unfinished\"、\"petitions.reply_rate\"、\"petitions.on_time_rate\"、"
            "\"satisfaction.rate\" 之一"};
        expect_errors(
            HEAD GRADES
            ",\"tree\":[{\"name\":\"L\",\"weight\":\"100\",\"groups\":[{\"name\":\"G\",\"weight\":\"100\","
            "\"items\":[{\"code\":\"A\",\"name\":\"a\",\"weight\":\"100\",\"rule\":{\"kind\":\"ratio\","
            "\"figure\":\"staff.rate\"}}]}]}]}",
            syntax, 1);
}

/* A document's scheme that is not shipped (where no scheme file may be
 * named, as on the server) is reported at the document's scheme member;
 * a name from elsewhere has no place. */
static void test_unknown_scheme_of_a_document_is_placed_at_its_member(void **state)
{
        (void)state;
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_load_file(repo_path(seed_examples[0]), &errs);
        assert_non_null(d);
        struct scheme *owned = NULL;
        assert_null(loaded_scheme(d, "beijing", 0, &owned, &errs));
        assert_null(loaded_scheme(NULL, "beijing", 0, &owned, &errs));
        assert_null(owned);
        assert_int_equal(errs.n, 2);
#define MSG "：没有名为“beijing”的评分方案（内置方案：national、shenzhen、henan、urumqi）"
        char *line = diag_line(&errs.items[0]);
        assert_string_equal(line, "$.scheme（评分方案）" MSG);
        free(line);
        line = diag_line(&errs.items[1]);
        assert_string_equal(line, MSG);
        free(line);
#undef MSG
        doc_free(d);
        diags_free(&errs);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_shipped_schemes_load),
            cmocka_unit_test(test_a_scheme_file_loads_by_path),
            cmocka_unit_test(test_unknown_scheme_names_the_shipped_ones),
            cmocka_unit_test(test_unknown_scheme_of_a_document_is_placed_at_its_member),
            cmocka_unit_test(test_broken_schemes_are_refused),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
