/* Every scoring rule on small documents: the generic quantitative rules
 * (≥ ≤ = > <, both ≤ variants, a target of 0, unit conversion), the
 * qualitative bands, not-applicable rescaling, budget execution, the
 * scheme rule kinds (checklist, ratio, tiers, deduction, adjustment,
 * quarterly, sum), grade bands and the blocking rules. */
#include "../support/testutil.h"

#include "../../src/doc/doc_io.h"
#include "../../src/engine/engine.h"

static dec_t D(const char *s)
{
        dec_t d;
        assert_int_equal(dec_parse(s, strlen(s), &d), DEC_OK);
        return d;
}

static void assert_dec(dec_t got, const char *want)
{
        char tmp[DEC_BUFSZ];
        if (!dec_eq(got, D(want)))
                fprintf(stderr, "got %s, want %s\n", dec_fmt(got, -1, tmp), want);
        assert_true(dec_eq(got, D(want)));
}

static struct doc *doc_of(const char *json)
{
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_parse(json, strlen(json), &errs);
        if (!d)
                diags_print(&errs, stderr);
        assert_non_null(d);
        diags_free(&errs);
        return d;
}

static struct scheme *scheme_of(const char *name_or_json)
{
        struct diags errs = DIAGS_INIT;
        struct scheme *s = name_or_json[0] == '{'
                               ? scheme_parse(name_or_json, strlen(name_or_json), &errs)
                               : scheme_load(name_or_json, &errs);
        if (!s)
                diags_print(&errs, stderr);
        assert_non_null(s);
        diags_free(&errs);
        return s;
}

#define HEAD                                                                                       \
        "{\"format\":\"jixiao-evaluation\",\"version\":1,\"unit\":{\"code\":\"104001\",\"name\":\"测试单位\"},\"fiscal_year\":2024,"

/* A document with one indicator of weight 90 (the others' weights make up 90). */
static struct doc *one_indicator(const char *indicator)
{
        struct buf b = BUF_INIT;
        buf_printf(&b,
                   HEAD
                   "\"self_eval\":{\"indicators\":[{\"name\":\"产出指标\",\"groups\":[{\"name\":"
                   "\"数量指标\",\"items\":[%s]}]}]}}",
                   indicator);
        struct doc *d = doc_of(buf_str(&b));
        buf_free(&b);
        return d;
}

/* The computed score of the first indicator of json under scheme. */
static void expect_score(const char *scheme, const char *indicator, const char *want)
{
        struct doc *d = one_indicator(indicator);
        struct scheme *s = scheme_of(scheme);
        struct evaluation *e = engine_evaluate(d, s);
        assert_dec(e->self.items[0].score, want);
        engine_free(e);
        scheme_free(s);
        doc_free(d);
}

#define Q(op, t, a)                                                                                \
        "{\"name\":\"x\",\"kind\":\"quantitative\",\"unit\":\"%\",\"target\":{\"op\":\"" op        \
        "\",\"value\":\"" t "\"},\"actual\":{\"value\":\"" a "\"},\"weight\":\"90\""

static void test_quantitative_at_least(void **state)
{
        (void)state;
        expect_score("national", Q(">=", "90", "81") "}", "81"); /* 90 × 81/90 */
        expect_score("national", Q(">=", "90", "95") "}", "90"); /* met */
        expect_score("national", Q(">", "90", "90") "}", "90");  /* not strictly met, but 90 × 1 */
        expect_score("national", Q(">=", "90", "-5") "}", "0");  /* negative actual earns nothing */
        expect_score("national", Q(">=", "0", "0") "}", "90");   /* a target of 0 met */
}

static void test_quantitative_at_most_in_both_variants(void **state)
{
        (void)state;
        /* henan: weight × target / actual */
        expect_score("henan", Q("<=", "100", "125") "}", "72"); /* 90 × 100/125 */
        expect_score("henan", Q("<=", "100", "100") "}", "90");
        expect_score("henan", Q("<", "100", "100") "}", "90"); /* 90 × 100/100 */
        /* national (the ministry's module): linear to 0 at twice the target */
        expect_score("national", Q("<=", "100", "125") "}", "67.5"); /* 90 × (2 − 1.25) */
        expect_score("national", Q("<=", "100", "200") "}", "0");
        expect_score("national", Q("<=", "100", "250") "}", "0");
        expect_score("national", Q("<=", "214.76", "407.98") "}", "9.03"); /* 90 × (2 − 1.89970…) */
        /* a target of 0 */
        expect_score("henan", Q("<=", "0", "0") "}", "90");
        expect_score("henan", Q("<=", "0", "3") "}", "0");
        expect_score("national", Q("<=", "0", "3") "}", "0");
}

static void test_quantitative_equal(void **state)
{
        (void)state;
        expect_score("national", Q("=", "100", "100") "}", "90");
        expect_score("national", Q("=", "100", "98.91") "}", "89.02"); /* 90 × 0.9891 = 89.019 */
        expect_score("national", Q("=", "100", "125") "}", "72");      /* 90 × 100/125 */
        expect_score("national", Q("=", "0", "0") "}", "90");
        expect_score("national", Q("=", "0", "2") "}", "0");
        /* 98.91% of 10 points is 9.89, rounded half-up once */
        expect_score(
            "national",
            "{\"name\":\"x\",\"unit\":\"%\",\"target\":{\"op\":\"=\",\"value\":\"100\"},\"actual\":"
            "{\"value\":\"98.91\"},\"weight\":\"10\"},{\"name\":\"y\",\"kind\":\"qualitative\","
            "\"weight\":\"80\",\"score\":\"80\"}",
            "9.89");
}

static void test_units_convert_or_refuse(void **state)
{
        (void)state;
#define big                                                                                        \
        "{\"name\":\"x\",\"unit\":\"亿元\",\"target\":{\"op\":\">=\",\"value\":\"160\"},"        \
        "\"actual\":{\"value\":\"%s\",\"unit\":\"%s\"},\"weight\":\"90\",\"score\":\"90\"}"
        char buf[512];
        snprintf(buf, sizeof buf, big, "214.2", "亿元");
        expect_score("urumqi", buf, "90");
        snprintf(buf, sizeof buf, big, "2142000", "万元"); /* 214.2 亿元 in 万元 */
        expect_score("urumqi", buf, "90");
        snprintf(buf, sizeof buf, big, "214.2", "万元"); /* 0.02142 亿元 */
        expect_score("urumqi", buf, "0.01");
        snprintf(buf, sizeof buf, big, "95", "%"); /* cannot convert: the stated score stands */
        expect_score("urumqi", buf, "90");
#undef big
}

static void test_qualitative_bands(void **state)
{
        (void)state;
#define q                                                                                          \
        "{\"name\":\"x\",\"kind\":\"qualitative\",\"target\":{\"text\":\"达标\"},\"weight\":\"90\",\"score\":\"%s\"%s}"
        char buf[256];
        snprintf(buf, sizeof buf, q, "72", "");
        expect_score("national", buf, "72"); /* 80%: lower edge of 达成预期 */
        snprintf(buf, sizeof buf, q, "60", ",\"band\":\"achieved\""); /* below its declared band */
        expect_score("national", buf, "72");
        snprintf(buf, sizeof buf, q, "85", ",\"band\":\"partial\""); /* above its declared band */
        expect_score("national", buf, "72");
        snprintf(buf, sizeof buf, q, "30", ",\"band\":\"not_achieved\"");
        expect_score("national", buf, "30");
#undef q
}

static struct evaluation *evaluate(const char *scheme, const char *json, struct doc **d,
                                   struct scheme **s)
{
        *d = doc_of(json);
        *s = scheme_of(scheme);
        return engine_evaluate(*d, *s);
}

static void release(struct evaluation *e, struct doc *d, struct scheme *s)
{
        engine_free(e);
        scheme_free(s);
        doc_free(d);
}

static size_t count(const struct evaluation *e, const char *code)
{
        size_t n = 0;
        for (size_t i = 0; i < e->n_findings; i++)
                n += strcmp(e->findings[i].code, code) == 0;
        return n;
}

static void test_not_applicable_points_are_spread(void **state)
{
        (void)state;
        struct doc *d;
        struct scheme *s;
        struct evaluation *e = evaluate(
            "national",
            HEAD
            "\"self_eval\":{\"indicators\":[{\"name\":\"产出指标\",\"groups\":[{\"name\":\"数量指标\",\"items\":["
            "{\"name\":\"a\",\"unit\":\"%\",\"target\":{\"op\":\">=\",\"value\":\"100\"},\"actual\":{\"value\":\"100\"},\"weight\":\"30\",\"score\":\"30\"},"
            "{\"name\":\"b\",\"unit\":\"%\",\"target\":{\"op\":\">=\",\"value\":\"100\"},\"actual\":{\"value\":\"50\"},\"weight\":\"30\",\"score\":\"15\",\"deviation\":\"未完成\"},"
            "{\"name\":\"c\",\"kind\":\"qualitative\",\"weight\":\"30\",\"not_applicable\":true}]}]}]}}",
            &d, &s);
        assert_dec(e->self.items[0].score, "45");   /* 30 × 90/60 */
        assert_dec(e->self.items[1].score, "22.5"); /* 15 × 90/60 */
        assert_dec(e->self.items[2].score, "0");
        assert_int_equal(e->self.items[2].basis, BASIS_NOT_APPLICABLE);
        assert_dec(e->self.indicator_score, "67.5");
        assert_dec(e->self.weight_total, "90");
        assert_int_equal(count(e, "weights.total"), 0);
        release(e, d, s);
}

static void test_budget_execution(void **state)
{
        (void)state;
        struct doc *d;
        struct scheme *s;
        struct evaluation *e = evaluate(
            "urumqi",
            HEAD "\"self_eval\":{\"budget\":{\"adjusted\":\"412.49\",\"executed\":\"407.98\"}}}",
            &d, &s);
        assert_dec(e->self.exec_rate_pct, "98.91");
        assert_dec(e->self.exec_score, "9.89");
        release(e, d, s);
        e = evaluate("urumqi",
                     HEAD "\"self_eval\":{\"budget\":{\"adjusted\":\"100\",\"executed\":\"120\"}}}",
                     &d, &s);
        assert_dec(e->self.exec_score, "10"); /* capped at the weight */
        assert_int_equal(count(e, "spend.over_budget"), 1);
        release(e, d, s);
}

/* A fixed scheme with one indicator of 100 points whose rule is given. */
static struct scheme *fixed_scheme(const char *rule)
{
        struct buf b = BUF_INIT;
        buf_printf(
            &b,
            "{\"format\":\"jixiao-scheme\",\"version\":1,\"name\":\"t\",\"title\":\"测试\",\"total\":\"100\","
            "\"places\":2,\"grades\":[{\"name\":\"优\",\"min\":\"90\"},{\"name\":\"差\",\"min\":\"0\"}],"
            "\"tree\":[{\"name\":\"L\",\"weight\":\"100\",\"groups\":[{\"name\":\"G\",\"weight\":\"100\",\"items\":"
            "[{\"code\":\"X\",\"name\":\"x\",\"weight\":\"100\",\"rule\":%s}]}]}]}",
            rule);
        struct scheme *s = scheme_of(buf_str(&b));
        buf_free(&b);
        return s;
}

/* Score the indicator X of a document with perf data under rule. */
static void expect_fixed(const char *rule, const char *perf, const char *criteria, const char *want)
{
        struct buf b = BUF_INIT;
        buf_printf(
            &b,
            HEAD
            "\"performance_data\":{%s},\"self_eval\":{\"indicators\":[{\"name\":\"L\",\"groups\":"
            "[{\"name\":\"G\",\"items\":[{\"code\":\"X\",\"name\":\"x\",\"weight\":\"100\",\"score\":\"1\"%s}]}]}]}}",
            perf, criteria);
        struct doc *d = doc_of(buf_str(&b));
        struct scheme *s = fixed_scheme(rule);
        struct evaluation *e = engine_evaluate(d, s);
        assert_dec(e->self.items[0].score, want);
        release(e, d, s);
        buf_free(&b);
}

#define EXTRA(payroll, extra)                                                                      \
        "\"staffing\":{\"stated\":{\"on_payroll\":" payroll ",\"extra\":" extra "}}"
#define EXTRA_TIERS                                                                                                               \
        "{\"kind\":\"tiers\",\"figure\":\"staffing.extra_rate\",\"tiers\":[{\"max\":\"5\",\"max_open\":true,\"points\":\"100\"}," \
        "{\"min\":\"5\",\"max\":\"10\",\"points\":\"50\"},{\"min\":\"10\",\"min_open\":true,\"points\":\"0\"}]}"

static void test_tiers_boundaries(void **state)
{
        (void)state;
        expect_fixed(EXTRA_TIERS, EXTRA("95", "5"), "", "50");      /* exactly 5% */
        expect_fixed(EXTRA_TIERS, EXTRA("90", "10"), "", "50");     /* exactly 10% */
        expect_fixed(EXTRA_TIERS, EXTRA("9999", "501"), "", "100"); /* 4.77% */
        expect_fixed(EXTRA_TIERS, EXTRA("127", "18"), "", "0");     /* 12.41% */
        expect_fixed(EXTRA_TIERS, EXTRA("8999", "1001"), "", "0");  /* 10.01% */
}

static void test_ratio_deduction_adjustment_checklist(void **state)
{
        (void)state;
        const char *projects = "\"projects\":{\"planned\":50,\"completed\":49}";
        expect_fixed("{\"kind\":\"ratio\",\"figure\":\"projects.completion\"}", projects, "", "98");
        expect_fixed("{\"kind\":\"ratio\",\"figure\":\"procurement.rate\",\"zero_above_one\":true}",
                     "\"procurement\":{\"stated\":{\"planned\":\"100\",\"actual\":\"101\"}}", "",
                     "0");
        expect_fixed("{\"kind\":\"ratio\",\"figure\":\"procurement.rate\"}",
                     "\"procurement\":{\"stated\":{\"planned\":\"100\",\"actual\":\"101\"}}", "",
                     "100");
        const char *tasks =
            "{\"kind\":\"deduction\",\"figure\":\"key_tasks.unfinished\",\"per_item\":\"40\"}";
        expect_fixed(tasks, "\"key_tasks\":{\"assigned\":5,\"finished\":4}", "", "60");
        expect_fixed(tasks, "\"key_tasks\":{\"assigned\":5,\"finished\":2}", "",
                     "0"); /* not below 0 */
        const char *adj =
            "{\"kind\":\"adjustment\",\"figure\":\"budget_adjustment.rate\",\"threshold_pct\":\"10\","
            "\"per_point\":\"10\"}";
        expect_fixed(
            adj,
            "\"budget_adjustment\":{\"stated\":{\"initial\":\"1000\",\"self_adjustment\":\"100\"}}",
            "", "100");
        expect_fixed(
            adj,
            "\"budget_adjustment\":{\"stated\":{\"initial\":\"1000\",\"self_adjustment\":\"-125\"}}",
            "", "75"); /* 12.5%: 2.5 points over */
        const char *list =
            "{\"kind\":\"checklist\",\"criteria\":[{\"name\":\"a\",\"points\":\"60\"},{\"name\":\"b\",\"points\":\"40\"}]}";
        expect_fixed(list, "\"satisfaction_pct\":\"1\"", ",\"criteria\":[\"60\",\"30\"]", "90");
        expect_fixed(list, "\"satisfaction_pct\":\"1\"", ",\"criteria\":[\"99\",\"40\"]",
                     "100"); /* capped per criterion */
        /* a criterion missing: the stated score stands */
        expect_fixed(list, "\"satisfaction_pct\":\"1\"", ",\"criteria\":[\"60\"]", "1");
        expect_fixed("{\"kind\":\"evaluator\"}", "\"satisfaction_pct\":\"1\"", "", "1");
}

static void test_quarterly_formula(void **state)
{
        (void)state;
        const char *rule =
            "{\"kind\":\"quarterly\",\"quarter_points\":\"20\",\"average_points\":\"20\","
            "\"time_progress_pct\":[\"25\",\"50\",\"75\",\"100\"]}";
#define quarters                                                                                                        \
        "\"quarterly\":{\"quarters\":[{\"allocated\":\"100\",\"paid\":\"%s\"},{\"allocated\":\"100\",\"paid\":\"%s\"}," \
        "{\"allocated\":\"100\",\"paid\":\"%s\"},{\"allocated\":\"100\",\"paid\":\"%s\"}]}"
        char buf[512];
        snprintf(buf, sizeof buf, quarters, "25", "50", "75", "100");
        expect_fixed(rule, buf, "", "100");
        snprintf(buf, sizeof buf, quarters, "20", "50", "60", "90"); /* 80%, 100%, 80%, 90% */
        /* 20 × (0.8 + 1 + 0.8 + 0.9) + 20 × 0.875 = 70 + 17.5 */
        expect_fixed(rule, buf, "", "87.5");
        snprintf(buf, sizeof buf, quarters, "50", "100", "100",
                 "100"); /* ratios above 1 count once */
        expect_fixed(rule, buf, "", "100");
#undef quarters
}

static void test_grade_bands(void **state)
{
        (void)state;
        struct scheme *national = scheme_of("national"), *henan = scheme_of("henan");
        assert_string_equal(scheme_grade(national, D("90")), "良好"); /* 优秀 is above 90 */
        assert_string_equal(scheme_grade(national, D("90.01")), "优秀");
        assert_string_equal(scheme_grade(national, D("59.99")), "差");
        assert_string_equal(scheme_grade(henan, D("90")), "优");
        assert_string_equal(scheme_grade(henan, D("89.99")), "良");
        assert_string_equal(scheme_grade(henan, D("0")), "差");
        scheme_free(national);
        scheme_free(henan);
}

static void test_blocking_rules(void **state)
{
        (void)state;
        struct doc *d;
        struct scheme *s;
        struct evaluation *e = evaluate(
            "national",
            HEAD
            "\"self_eval\":{\"budget\":{\"adjusted\":\"100\",\"executed\":\"100\",\"by_income\":[{\"name\":\"一般公共预算\",\"adjusted\":\"99\"}],"
            "\"by_expenditure\":[{\"name\":\"基本支出\",\"executed\":\"100\"}]},"
            "\"indicators\":[{\"name\":\"产出指标\",\"groups\":[{\"name\":\"数量指标\",\"items\":["
            "{\"name\":\"a\",\"kind\":\"qualitative\",\"weight\":\"50\",\"score\":\"51\"},"
            "{\"name\":\"b\",\"kind\":\"qualitative\",\"weight\":\"30\",\"score\":\"20\"}]}]}]}}",
            &d, &s);
        assert_int_equal(count(e, "split.income"), 1);
        assert_int_equal(count(e, "split.expenditure"), 0);
        assert_int_equal(count(e, "weights.total"), 1);      /* 80 ≠ 90 */
        assert_int_equal(count(e, "score.above_weight"), 1); /* 51 > 50 */
        assert_int_equal(count(e, "deviation.missing"), 1);  /* 20 < 30, no reason */
        /* no report text: the three parts national requires */
        assert_int_equal(count(e, "narrative.missing"), 3);
        assert_int_equal(e->n_errors, 7);
        release(e, d, s);
}

static void test_indicator_points_out_of_line_with_execution(void **state)
{
        (void)state;
        struct doc *d;
        struct scheme *s;
        /* indicators 100% but only half the budget spent: (1 − 0.5) / 1 = 50% > 5% */
        struct evaluation *e = evaluate(
            "national",
            HEAD
            "\"self_eval\":{\"budget\":{\"adjusted\":\"100\",\"executed\":\"50\"},\"indicators\":[{\"name\":\"产出指标\","
            "\"groups\":[{\"name\":\"数量指标\",\"items\":[{\"name\":\"a\",\"kind\":\"qualitative\",\"weight\":\"90\",\"score\":\"90\"}]}]}]}}",
            &d, &s);
        assert_int_equal(count(e, "balance.execution"), 1);
        assert_dec(e->findings[e->n_findings - 1].stated, "50");
        release(e, d, s);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_quantitative_at_least),
            cmocka_unit_test(test_quantitative_at_most_in_both_variants),
            cmocka_unit_test(test_quantitative_equal),
            cmocka_unit_test(test_units_convert_or_refuse),
            cmocka_unit_test(test_qualitative_bands),
            cmocka_unit_test(test_not_applicable_points_are_spread),
            cmocka_unit_test(test_budget_execution),
            cmocka_unit_test(test_tiers_boundaries),
            cmocka_unit_test(test_ratio_deduction_adjustment_checklist),
            cmocka_unit_test(test_quarterly_formula),
            cmocka_unit_test(test_grade_bands),
            cmocka_unit_test(test_blocking_rules),
            cmocka_unit_test(test_indicator_points_out_of_line_with_execution),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
