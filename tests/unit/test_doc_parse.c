/* The document parser: every rejection rule, each with its exact message,
 * and robustness against arbitrary input. */
#include "../support/testutil.h"

#include "../../src/doc/doc_io.h"

#include <stdlib.h>
#include <string.h>

#define HEAD    "{\"format\":\"jixiao-evaluation\",\"version\":1,"
#define UNIT    "\"unit\":{\"code\":\"104001\",\"name\":\"绥宁县商务局\"}"
#define MINIMAL HEAD UNIT ",\"fiscal_year\":2024}"
/* A minimal document with extra members appended at top level. */
#define WITH(extra) HEAD UNIT ",\"fiscal_year\":2024," extra "}"

/* Parse text and assert it fails with exactly the given diagnostics. */
static void expect_errors(const char *text, const char *const *want, size_t n_want)
{
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_parse(text, strlen(text), &errs);
        assert_null(d);
        if (errs.n != n_want)
                diags_print(&errs, stderr);
        assert_int_equal(errs.n, n_want);
        for (size_t i = 0; i < n_want; i++) {
                char *line = diag_line(&errs.items[i]);
                assert_string_equal(line, want[i]);
                free(line);
        }
        diags_free(&errs);
}

static void expect_error(const char *text, const char *want)
{
        expect_errors(text, &want, 1);
}

static struct doc *parse_ok(const char *text)
{
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_parse(text, strlen(text), &errs);
        if (!d)
                diags_print(&errs, stderr);
        assert_non_null(d);
        diags_free(&errs);
        return d;
}

static void test_minimal_document_is_accepted(void **state)
{
        (void)state;
        struct doc *d = parse_ok(MINIMAL);
        assert_string_equal(d->unit.code, "104001");
        assert_int_equal(d->fiscal_year, 2024);
        assert_false(dec_is_set(d->self.table.budget.adjusted));
        assert_int_equal(d->basic.staffing.authorized, COUNT_NONE);
        doc_free(d);
}

static void test_json_syntax_error_names_line_and_column(void **state)
{
        (void)state;
        expect_error("{\n  \"format\": ,\n}",
                     "$：JSON 格式错误：语法错误（第 2 行第 13 列，在“,”附近）");
        expect_error("", "$：JSON 格式错误：内容不完整，在结束前中断（第 1 行第 0 列，在末尾）");
}

static void test_duplicate_json_key_is_rejected(void **state)
{
        (void)state;
        expect_error("{\"format\":\"a\",\"format\":\"b\"}",
                     "$：JSON 格式错误：对象中有重复的键（第 1 行第 22 列，在“\"format\"”附近）");
}

static void test_invalid_utf8_is_rejected(void **state)
{
        (void)state;
        expect_error("{\"format\":\"\xff\"}",
                     "$：JSON 格式错误：含有无效的 UTF-8 编码（第 1 行第 11 列，在“\"”附近）");
}

static void test_wrong_type(void **state)
{
        (void)state;
        expect_error(HEAD UNIT ",\"fiscal_year\":\"2024\"}",
                     "$.fiscal_year（年度）：应为整数，实际为字符串 \"2024\"");
        expect_error(WITH("\"basic_data\":[]"), "$.basic_data（基础数据表）：应为对象，实际为数组");
        expect_error("[1,2]", "$（自评文档）：应为对象，实际为数组");
}

static void test_decimal_as_json_number_is_rejected(void **state)
{
        (void)state;
        expect_error(
            WITH("\"self_eval\":{\"budget\":{\"adjusted\":716.83}}"),
            "$.self_eval.budget.adjusted（全年预算数（A））：应为小数字符串（如 "
            "\"716.83\"），实际为数字 716.83；金额、比率和分数须写成字符串，以免二进制浮点误差");
}

static void test_unknown_key_lists_the_known_ones(void **state)
{
        (void)state;
        expect_error(
            HEAD
            "\"unit\":{\"code\":\"104001\",\"name\":\"x\",\"phone\":\"1\"},\"fiscal_year\":2024}",
            "$.unit.phone：未知字段（预算单位可用的字段：code、name、supervisor）");
        expect_error(
            WITH("\"备注\":\"x\""),
            "$[\"备注\"]：未知字段（自评文档可用的字段：format、version、unit、fiscal_year、"
            "scheme、basic_data、performance_data、self_eval、projects、narrative、statements、"
            "attachments）");
}

static void test_missing_required_field(void **state)
{
        (void)state;
        expect_error(HEAD "\"unit\":{\"code\":\"104001\"},\"fiscal_year\":2024}",
                     "$.unit.name（单位名称）：缺少必填字段");
        const char *const want[] = {"$.unit（预算单位）：缺少必填字段",
                                    "$.fiscal_year（年度）：缺少必填字段"};
        expect_errors(HEAD "\"scheme\":\"national\"}", want, 2);
        expect_error(HEAD "\"unit\":{\"code\":\"104001\",\"name\":null},\"fiscal_year\":2024}",
                     "$.unit.name（单位名称）：必填字段不能为 null");
}

static void test_malformed_decimal(void **state)
{
        (void)state;
        expect_error(
            WITH("\"basic_data\":{\"procurement\":{\"final\":\"7,341.03\"}}"),
            "$.basic_data.procurement.final（本年决算数）：小数格式错误：\"7,341.03\"，应为可带负号的"
            "十进制数，不带千位分隔符、单位或百分号，如 \"7341.03\"");
        expect_error(
            WITH("\"basic_data\":{\"staffing\":{\"stated_control_rate_pct\":\"85%\"}}"),
            "$.basic_data.staffing.stated_control_rate_pct（控制率（%，表列））：小数格式错误："
            "\"85%\"，应为可带负号的十进制数，不带千位分隔符、单位或百分号，如 \"7341.03\"");
        expect_error(
            WITH("\"self_eval\":{\"stated_total\":\"94.5412345\"}"),
            "$.self_eval.stated_total（总分（表列））：小数位数过多：\"94.5412345\"，最多 6 位小数");
        expect_error(
            WITH("\"self_eval\":{\"stated_total\":\"1234567890123\"}"),
            "$.self_eval.stated_total（总分（表列））：数值超出范围：\"1234567890123\"，整数部分最多 12 位");
        expect_error(
            WITH("\"self_eval\":{\"stated_total\":\"\"}"),
            "$.self_eval.stated_total（总分（表列））：小数不能是空字符串；空白单元格请省略该字段或写 null");
}

static void test_unit_code_must_be_six_digits(void **state)
{
        (void)state;
        expect_error(HEAD "\"unit\":{\"code\":\"3070\",\"name\":\"x\"},\"fiscal_year\":2024}",
                     "$.unit.code（单位编码）：单位编码应为 6 位数字，实际为 \"3070\"");
        expect_error(HEAD "\"unit\":{\"code\":\"10400１\",\"name\":\"x\"},\"fiscal_year\":2024}",
                     "$.unit.code（单位编码）：单位编码应为 6 位数字，实际为 \"10400１\"");
}

static void test_supervising_unit_code_rule(void **state)
{
        (void)state;
        expect_error(
            HEAD
            "\"unit\":{\"code\":\"104002\",\"name\":\"投资促进事务中心\"},\"fiscal_year\":2024}",
            "$.unit.supervisor（主管部门）：单位 \"104002\" 是二级机构，必须填写主管部门（编码应为 \"104001\"）");
        expect_error(
            HEAD "\"unit\":{\"code\":\"104002\",\"name\":\"x\",\"supervisor\":{\"code\":\"105001\","
                 "\"name\":\"y\"}},\"fiscal_year\":2024}",
            "$.unit.supervisor.code（主管部门编码）：主管部门编码应为 \"104001\"（单位编码前三位加 001），实际为 \"105001\"");
        expect_error(
            HEAD "\"unit\":{\"code\":\"104001\",\"name\":\"x\",\"supervisor\":{\"code\":\"100001\","
                 "\"name\":\"y\"}},\"fiscal_year\":2024}",
            "$.unit.supervisor（主管部门）：单位 \"104001\" 是主管部门（编码后三位为 001），不应再填写主管部门");
        struct doc *d =
            parse_ok(HEAD "\"unit\":{\"code\":\"104002\",\"name\":\"x\",\"supervisor\":{\"code\":"
                          "\"104001\",\"name\":\"y\"}},\"fiscal_year\":2024}");
        doc_free(d);
}

#define TREE(items)                                                                                             \
        WITH(                                                                                                   \
            "\"self_eval\":{\"indicators\":[{\"name\":\"产出指标\",\"groups\":[{\"name\":\"数量指标\"," \
            "\"items\":[" items "]}]}]}")

static void test_duplicate_indicator(void **state)
{
        (void)state;
        expect_error(
            TREE("{\"name\":\"支出正确率\"},{\"name\":\"支出及时率\"},{\"name\":\"支出正确率\"}"),
            "$.self_eval.indicators[0].groups[0].items[2]（三级指标）：三级指标 \"支出正确率\" 在同一"
            "二级指标下重复（已见于 $.self_eval.indicators[0].groups[0].items[0]）");
        expect_error(
            TREE("{\"name\":\"a\",\"code\":\"B1\"},{\"name\":\"b\",\"code\":\"B1\"}"),
            "$.self_eval.indicators[0].groups[0].items[1]（指标编码）：指标编码 \"B1\" 重复（已见于 "
            "$.self_eval.indicators[0].groups[0].items[0]）");
        expect_error(
            WITH(
                "\"self_eval\":{\"indicators\":[{\"name\":\"产出指标\"},{\"name\":\"产出指标\"}]}"),
            "$.self_eval.indicators[1]（一级指标）：一级指标 \"产出指标\" 重复（已见于 "
            "$.self_eval.indicators[0]）");
        expect_error(WITH("\"projects\":[{\"name\":\"p\"},{\"name\":\"p\"}]"),
                     "$.projects[1]（项目名称）：项目 \"p\" 重复（已见于 $.projects[0]）");
        /* the same name under different second-level indicators is allowed */
        struct doc *d = parse_ok(WITH(
            "\"self_eval\":{\"indicators\":[{\"name\":\"产出指标\",\"groups\":[{\"name\":\"数量指标\",\"items\":"
            "[{\"name\":\"x\"}]},{\"name\":\"质量指标\",\"items\":[{\"name\":\"x\"}]}]}]}"));
        doc_free(d);
}

static void test_bad_enum_value(void **state)
{
        (void)state;
        expect_error(
            TREE("{\"name\":\"a\",\"target\":{\"op\":\"≥\",\"value\":\"90\"}}"),
            "$.self_eval.indicators[0].groups[0].items[0].target.op（比较符）：取值 \"≥\" 无效，应为 "
            "\">=\"、\"<=\"、\"=\"、\">\"、\"<\" 之一");
        expect_error(
            WITH("\"basic_data\":{\"unit\":\"千元\"}"),
            "$.basic_data.unit（金额单位）：取值 \"千元\" 无效，应为 \"元\"、\"万元\"、\"亿元\" 之一");
}

static void test_integer_ranges(void **state)
{
        (void)state;
        expect_error(HEAD UNIT ",\"fiscal_year\":1999}",
                     "$.fiscal_year（年度）：应为 2000 到 2100 之间的整数，实际为 1999");
        expect_error(WITH("\"basic_data\":{\"staffing\":{\"authorized\":-3}}"),
                     "$.basic_data.staffing.authorized（编制数）：应为非负整数，实际为 -3");
        expect_error(WITH("\"basic_data\":{\"staffing\":{\"authorized\":20.5}}"),
                     "$.basic_data.staffing.authorized（编制数）：应为整数，实际为数字 20.5");
}

static void test_scheme_is_a_name_not_a_path(void **state)
{
        (void)state;
        expect_error(
            WITH("\"scheme\":\"/etc/passwd\""),
            "$.scheme（评分方案）：评分方案名称只能由小写字母、数字、下划线和连字符组成（如 national），不能是文件路径");
        struct doc *d = parse_ok(WITH("\"scheme\":\"my-city_2025\""));
        doc_free(d);
}

static void test_format_marker_and_version(void **state)
{
        (void)state;
        expect_error("{\"format\":\"other\",\"version\":1," UNIT ",\"fiscal_year\":2024}",
                     "$.format（格式标识）：应为 \"jixiao-evaluation\"，实际为 \"other\"");
        expect_error("{\"format\":\"jixiao-evaluation\",\"version\":2," UNIT
                     ",\"fiscal_year\":2024}",
                     "$.version（格式版本）：不支持格式版本 2，本程序支持版本 1");
}

static void test_measures_and_targets(void **state)
{
        (void)state;
        expect_error(
            TREE("{\"name\":\"a\",\"actual\":{\"value\":\"1\",\"text\":\"达标\"}}"),
            "$.self_eval.indicators[0].groups[0].items[0].actual（实际完成值）：不能同时填写数值（value）"
            "和文字值（text），请只保留一种");
        expect_error(
            TREE("{\"name\":\"a\",\"target\":{\"op\":\">=\"}}"),
            "$.self_eval.indicators[0].groups[0].items[0].target（年度指标值）：填写了比较符，但没有填写数值（value）");
        expect_error(
            TREE("{\"name\":\"a\",\"criteria\":[\"1\",1]}"),
            "$.self_eval.indicators[0].groups[0].items[0].criteria[1]（评分要点得分）：应为小数字符串（如 \"1\"），实际为整数 1");
        expect_error(
            TREE("3"),
            "$.self_eval.indicators[0].groups[0].items[0]（三级指标）：应为对象，实际为整数 3");
}

static void test_statement_must_point_at_a_cell(void **state)
{
        (void)state;
        expect_error(
            WITH("\"statements\":[{\"refers_to\":\"$.self_eval.total\",\"value\":\"1\"}]"),
            "$.statements[0].refers_to（所指数据）：路径 \"$.self_eval.total\" 不指向本文档中的数据项（例：$.self_eval.stated_total）");
        expect_error(
            WITH("\"statements\":[{\"refers_to\":\"$.projects[0].stated_total\",\"value\":\"1\"}]"),
            "$.statements[0].refers_to（所指数据）：路径 \"$.projects[0].stated_total\" 不指向本文档中的数据项（例：$.self_eval.stated_total）");
        expect_error(
            WITH("\"statements\":[{\"refers_to\":\"$.self_eval.stated_total\"}]"),
            "$.statements[0]（文中表述）：须填写文中数值（value）或文中文字（value_text）");
        struct doc *d = parse_ok(WITH(
            "\"statements\":[{\"refers_to\":\"$.self_eval.stated_total\",\"value\":\"95.78\"}]"));
        struct doc_ref ref;
        assert_true(doc_resolve(d, "$.self_eval.stated_total", &ref));
        assert_string_equal(ref.field->label, "总分（表列）");
        assert_false(doc_resolve(d, "$.self_eval", &ref));
        assert_false(doc_resolve(d, "$.self_eval.stated_total.x", &ref));
        assert_false(doc_resolve(d, "self_eval.stated_total", &ref));
        doc_free(d);
}

static void test_attachments(void **state)
{
        (void)state;
        expect_error(
            WITH(
                "\"attachments\":[{\"kind\":\"project_report\",\"name\":\"r.pdf\",\"project\":\"无此项目\"}]"),
            "$.attachments[0].project（所属项目）：项目 \"无此项目\" 不在项目支出表中");
        expect_error(WITH("\"attachments\":[{\"kind\":\"project_report\",\"name\":\"r.pdf\"}]"),
                     "$.attachments[0].project（所属项目）：项目自评报告须注明所属项目");
        expect_error(
            WITH("\"attachments\":[{\"kind\":\"other\",\"name\":\"r.pdf\",\"sha256\":\"abc\"}]"),
            "$.attachments[0].sha256（SHA-256）：应为 64 位小写十六进制数字");
        expect_error(WITH("\"attachments\":[{\"name\":\"r.pdf\"}]"),
                     "$.attachments[0].kind（附件类型）：缺少必填字段");
}

static void test_limits(void **state)
{
        (void)state;
        expect_error(WITH("\"performance_data\":{\"quarterly\":{\"quarters\":[{},{},{},{},{}]}}"),
                     "$.performance_data.quarterly.quarters（各季度）：最多 4 个季度，实际为 5 个");
        struct buf text = BUF_INIT;
        buf_puts(&text, HEAD UNIT ",\"fiscal_year\":2024,\"scheme\":\"");
        buf_repeat(&text, "x", 1001);
        buf_puts(&text, "\"}");
        expect_error(buf_str(&text), "$.scheme（评分方案）：文本过长（1001 字节），上限 1000 字节");
        buf_free(&text);
}

static void test_every_error_is_reported(void **state)
{
        (void)state;
        const char *const all[] = {
            "$.unit.code（单位编码）：单位编码应为 6 位数字，实际为 \"1\"",
            "$.basic_data.staffing.actual（实际在职人数）：应为整数，实际为字符串 \"17\"",
            "$.basic_data.x：未知字段（基础数据表可用的字段：unit、staffing、three_public、project_spending、"
            "public_funds、procurement、basic_budget_adjustment、buildings、austerity）",
        };
        expect_errors(HEAD "\"unit\":{\"code\":\"1\",\"name\":\"x\"},\"fiscal_year\":2024,"
                           "\"basic_data\":{\"staffing\":{\"actual\":\"17\"},\"x\":1}}",
                      all, 3);
}

/* Deterministic mutations of every example: flipped bytes, truncations and
 * spliced fragments must be rejected or accepted cleanly — never crash,
 * never leak (the sanitizer build runs this too). */
static void test_mutated_examples_never_crash(void **state)
{
        (void)state;
        uint64_t seed = 0x9E3779B97F4A7C15u;
        size_t rejected = 0, runs = 0;
        for (size_t e = 0; e < 4; e++) {
                size_t len;
                char *orig = read_file(repo_path(seed_examples[e]), &len);
                if (!orig)
                        continue; /* examples are checked by the round-trip tests */
                char *text = malloc(len + 1);
                for (int round = 0; round < 300; round++) {
                        memcpy(text, orig, len + 1);
                        size_t n = len;
                        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
                        switch (round % 3) {
                        case 0: /* flip a few bytes */
                                for (int k = 0; k < 4; k++) {
                                        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
                                        text[seed % len] = (char)(seed >> 32);
                                }
                                break;
                        case 1: /* truncate */
                                n = seed % len;
                                break;
                        case 2: /* replace a value-looking byte with a quote or digit */
                                text[seed % len] = "\"0{}[],:-."[(seed >> 20) % 10];
                                break;
                        }
                        struct diags errs = DIAGS_INIT;
                        struct doc *d = doc_parse(text, n, &errs);
                        if (d) {
                                struct buf out = BUF_INIT;
                                doc_write(d, &out);
                                buf_free(&out);
                                doc_free(d);
                        } else {
                                assert_true(diags_count(&errs) > 0);
                                rejected++;
                        }
                        diags_free(&errs);
                        runs++;
                }
                free(text);
                free(orig);
        }
        assert_true(rejected > 0 || runs == 0);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_minimal_document_is_accepted),
            cmocka_unit_test(test_json_syntax_error_names_line_and_column),
            cmocka_unit_test(test_duplicate_json_key_is_rejected),
            cmocka_unit_test(test_invalid_utf8_is_rejected),
            cmocka_unit_test(test_wrong_type),
            cmocka_unit_test(test_decimal_as_json_number_is_rejected),
            cmocka_unit_test(test_unknown_key_lists_the_known_ones),
            cmocka_unit_test(test_missing_required_field),
            cmocka_unit_test(test_malformed_decimal),
            cmocka_unit_test(test_unit_code_must_be_six_digits),
            cmocka_unit_test(test_supervising_unit_code_rule),
            cmocka_unit_test(test_duplicate_indicator),
            cmocka_unit_test(test_bad_enum_value),
            cmocka_unit_test(test_integer_ranges),
            cmocka_unit_test(test_scheme_is_a_name_not_a_path),
            cmocka_unit_test(test_format_marker_and_version),
            cmocka_unit_test(test_measures_and_targets),
            cmocka_unit_test(test_statement_must_point_at_a_cell),
            cmocka_unit_test(test_attachments),
            cmocka_unit_test(test_limits),
            cmocka_unit_test(test_every_error_is_reported),
            cmocka_unit_test(test_mutated_examples_never_crash),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
