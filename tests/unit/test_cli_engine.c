/* jixiao score and jixiao check on the command line: exit codes, the
 * terminal tables and the JSON objects. */
#include "../support/testutil.h"

#include <jansson.h>

static json_t *json_of(const struct run *r)
{
        json_error_t err;
        json_t *j = json_loadb(r->out.data, r->out.len, 0, &err);
        if (!j)
                fprintf(stderr, "bad JSON: %s\n", err.text);
        assert_non_null(j);
        return j;
}

static void test_exit_codes(void **state)
{
        (void)state;
        struct run r = run_jixiao(NULL, "score", repo_path(seed_examples[0]), NULL);
        assert_int_equal(r.status, 0); /* findings, but nothing blocking */
        run_free(&r);
        r = run_jixiao(NULL, "check", repo_path(seed_examples[3]), NULL);
        assert_int_equal(r.status, 1); /* seed 004 has blocking errors */
        run_free(&r);
        r = run_jixiao(NULL, "score", "/nonexistent.json", NULL);
        assert_int_equal(r.status, 2);
        run_free(&r);
        r = run_jixiao(NULL, "check", "--scheme", "beijing", repo_path(seed_examples[0]), NULL);
        assert_int_equal(r.status, 2);
        assert_non_null(strstr(r.err.data, "没有名为“beijing”的评分方案"));
        run_free(&r);
        r = run_jixiao(NULL, "score", "--jsn", repo_path(seed_examples[0]), NULL);
        assert_int_equal(r.status, 2);
        run_free(&r);
}

static void test_score_table_shows_computed_beside_stated(void **state)
{
        (void)state;
        struct run r =
            run_jixiao(NULL, "score", "--width", "200", repo_path(seed_examples[0]), NULL);
        const char *want[] = {"计算得分",
                              "表列得分",
                              "预算执行率",
                              "5.75",
                              "5.73",
                              "94.56",
                              "94.54",
                              "评价等级：计算 优，表列 优",
                              "二季度进度 59.41% ÷ 序时进度 50% = 118.82%"};
        for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
                assert_non_null(strstr(r.out.data, want[i]));
        run_free(&r);
}

static void test_score_json(void **state)
{
        (void)state;
        struct run r = run_jixiao(NULL, "score", "--json", repo_path(seed_examples[2]), NULL);
        assert_int_equal(r.status, 1); /* its projects have no indicator tables */
        json_t *j = json_of(&r);
        /* numbers are JSON numbers at the rule's precision */
        assert_non_null(strstr(r.out.data, "\"total\": 79.14,"));
        assert_non_null(strstr(r.out.data, "\"rate_pct\": 98.91,"));
        assert_true(json_is_real(json_object_get(j, "total")));
        char *total =
            json_dumps(json_object_get(j, "total"), JSON_ENCODE_ANY | JSON_REAL_PRECISION(6));
        assert_string_equal(total, "79.14");
        free(total);
        assert_true(json_is_real(json_object_get(j, "stated_total")));
        assert_string_equal(json_string_value(json_object_get(j, "grade")), "中");
        assert_string_equal(json_string_value(json_object_get(j, "stated_grade")), "优");
        json_t *ind = json_object_get(j, "indicators");
        assert_int_equal(json_array_size(ind), 8);
        json_t *second = json_array_get(ind, 1);
        assert_string_equal(json_string_value(json_object_get(second, "name")), "项目预算");
        assert_string_equal(json_string_value(json_object_get(second, "path")),
                            "$.self_eval.indicators[0].groups[0].items[1]");
        assert_true(json_real_value(json_object_get(second, "score")) == 6.32);
        assert_true(json_integer_value(json_object_get(second, "stated_score")) == 12);
        assert_non_null(strstr(json_string_value(json_object_get(second, "rule")),
                               "12 × 目标 214.76 / 实际 407.98"));
        json_t *findings = json_object_get(j, "findings");
        assert_true(json_array_size(findings) > 0);
        json_t *f = json_array_get(findings, 0);
        const char *keys[] = {"code",   "severity", "path", "label",
                              "stated", "computed", "rule", "message"};
        for (size_t i = 0; i < 8; i++)
                assert_non_null(json_object_get(f, keys[i]));
        json_decref(j);
        run_free(&r);
}

static void test_check_json_and_text(void **state)
{
        (void)state;
        struct run r = run_jixiao(NULL, "check", "--json", repo_path(seed_examples[3]), NULL);
        assert_int_equal(r.status, 1);
        json_t *j = json_of(&r);
        assert_int_equal(json_integer_value(json_object_get(j, "errors")), 4);
        assert_null(json_object_get(j, "indicators")); /* check lists findings only */
        json_t *first = json_array_get(json_object_get(j, "findings"), 0);
        assert_string_equal(json_string_value(json_object_get(first, "code")), "split.income");
        assert_string_equal(json_string_value(json_object_get(first, "severity")), "error");
        assert_true(json_real_value(json_object_get(first, "stated")) == 716.83);
        assert_true(json_real_value(json_object_get(first, "computed")) == 716.84);
        json_decref(j);
        run_free(&r);

        r = run_jixiao(NULL, "check", repo_path(seed_examples[3]), NULL);
        assert_non_null(strstr(r.out.data, "错误 4 项"));
        assert_non_null(strstr(r.out.data, "[split.income] 自评表 › 年度预算申请 › 按收入性质分"));
        assert_non_null(strstr(
            r.out.data, "按收入性质分各项合计 716.84 万元，与全年预算数（A） 716.83 万元 不等"));
        run_free(&r);
}

static void test_scheme_option_overrides_the_document(void **state)
{
        (void)state;
        /* seed 002 under the national bands: 98 is 优秀 there, 优 under henan */
        struct run r = run_jixiao(NULL, "score", "--json", "--scheme", "national",
                                  repo_path(seed_examples[1]), NULL);
        json_t *j = json_of(&r);
        assert_string_equal(json_string_value(json_object_get(j, "scheme")), "national");
        assert_string_equal(json_string_value(json_object_get(j, "grade")), "优秀");
        json_decref(j);
        run_free(&r);
        char scheme[4096];
        snprintf(scheme, sizeof scheme, "%s", repo_path("schemes/henan.json"));
        r = run_jixiao(NULL, "score", "--json", "--scheme", scheme, repo_path(seed_examples[1]),
                       NULL);
        j = json_of(&r);
        assert_string_equal(json_string_value(json_object_get(j, "grade")), "优");
        json_decref(j);
        run_free(&r);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_exit_codes),
            cmocka_unit_test(test_score_table_shows_computed_beside_stated),
            cmocka_unit_test(test_score_json),
            cmocka_unit_test(test_check_json_and_text),
            cmocka_unit_test(test_scheme_option_overrides_the_document),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
