/* The four seeds scored and checked by rule.
 *
 * Seed 001: every formula indicator is computed from the example's raw
 * figures and asserted against the published score; where the rule gives
 * another number (预算执行率: 5.75, printed 5.73) the test asserts the
 * computed number and the finding naming both. Every seed: the totals and
 * grades, and each real inconsistency `jixiao check` lists, one by one,
 * and nothing else. */
#include "../support/testutil.h"

#include "../../src/doc/doc_io.h"
#include "../../src/engine/engine.h"

struct fixture {
        struct doc *doc;
        struct scheme *scheme;
        struct evaluation *e;
        bool *seen; /* findings matched by the test */
};

static struct fixture load(const char *rel)
{
        struct fixture f = {0};
        struct diags errs = DIAGS_INIT;
        f.doc = doc_load_file(repo_path(rel), &errs);
        assert_non_null(f.doc);
        f.scheme = scheme_load(f.doc->scheme, &errs);
        if (!f.scheme)
                diags_print(&errs, stderr);
        assert_non_null(f.scheme);
        diags_free(&errs);
        f.e = engine_evaluate(f.doc, f.scheme);
        f.seen = calloc(f.e->n_findings + 1, sizeof(bool));
        return f;
}

static void unload(struct fixture *f)
{
        /* every finding must have been asserted by the test */
        for (size_t i = 0; i < f->e->n_findings; i++)
                if (!f->seen[i])
                        fprintf(stderr, "unexpected finding [%s] %s: %s\n", f->e->findings[i].code,
                                f->e->findings[i].path, f->e->findings[i].message);
        for (size_t i = 0; i < f->e->n_findings; i++)
                assert_true(f->seen[i]);
        free(f->seen);
        engine_free(f->e);
        scheme_free(f->scheme);
        doc_free(f->doc);
}

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

/* Assert exactly one finding with this code and path, stated and computed
 * values (NULL: not checked), and mark it seen. */
static const struct finding *expect(struct fixture *f, const char *code, const char *path,
                                    const char *stated, const char *computed)
{
        const struct finding *hit = NULL;
        size_t n = 0;
        for (size_t i = 0; i < f->e->n_findings; i++) {
                const struct finding *g = &f->e->findings[i];
                if (strcmp(g->code, code) != 0 || strcmp(g->path, path) != 0)
                        continue;
                n++;
                hit = g;
                f->seen[i] = true;
        }
        if (n != 1)
                fprintf(stderr, "expected one finding [%s] at %s, found %zu\n", code, path, n);
        assert_int_equal(n, 1);
        if (stated)
                assert_dec(hit->stated, stated);
        if (computed)
                assert_dec(hit->computed, computed);
        assert_non_null(hit->message);
        assert_non_null(hit->label);
        assert_non_null(hit->rule);
        return hit;
}

static const struct item_score *by_code(const struct table_score *t, const char *code)
{
        for (size_t i = 0; i < t->n_items; i++)
                if (t->items[i].def && strcmp(t->items[i].def->code, code) == 0)
                        return &t->items[i];
        fail_msg("no indicator %s", code);
        return NULL;
}

static void assert_item(const struct table_score *t, const char *code, const char *score,
                        enum score_basis basis)
{
        const struct item_score *it = by_code(t, code);
        assert_dec(it->score, score);
        assert_int_equal(it->basis, basis);
}

#define SZ "$.self_eval.indicators"
#define PD "$.performance_data."

static void test_seed_001_formulas_from_raw_figures(void **state)
{
        (void)state;
        struct fixture f = load(seed_examples[0]);
        const struct table_score *t = &f.e->self;
        /* formula indicators: computed from performance_data, equal to the published 分数 */
        assert_item(t, "B1.1", "1.93", BASIS_RULE); /* 6,837.22 / 7,341.03 = 93.14% × 1 + 1 */
        assert_item(t, "B1.2", "3", BASIS_RULE); /* adjustment 956.39 / 287,145.83 = 0.33% ≤ 10% */
        assert_item(t, "B3.2", "1", BASIS_RULE);    /* utilisation 100% */
        assert_item(t, "B4.1", "1", BASIS_RULE);    /* 127 / 148 = 85.81% ≤ 100% */
        assert_item(t, "B4.2", "0", BASIS_RULE);    /* 18 / 145 = 12.41% > 10% */
        assert_item(t, "C1.1", "6", BASIS_RULE);    /* 84.92% < 90% and 84.88% < 90% */
        assert_item(t, "C2.2", "8", BASIS_RULE);    /* 32 of 32 key tasks */
        assert_item(t, "C2.3", "5.88", BASIS_RULE); /* 49 / 50 × 6 */
        assert_item(t, "C4.1", "3", BASIS_RULE);    /* channel + 74/74 + 74/74 */
        /* the rule on the seed's own figures gives 5.75, the seed prints 5.73 */
        assert_item(t, "C2.1", "5.75", BASIS_RULE);
        const struct finding *g =
            expect(&f, "score.mismatch", SZ "[2].groups[1].items[0].score", "5.73", "5.75");
        assert_non_null(strstr(g->message, "5.73"));
        assert_non_null(strstr(g->message, "5.75"));
        assert_non_null(strstr(g->rule, "二季度进度 59.41% ÷ 序时进度 50% = 118.82%"));
        /* checklists and the evaluator's judgements */
        assert_item(t, "A1.1", "5", BASIS_RULE);
        assert_item(t, "A2.1", "3", BASIS_RULE);
        assert_item(t, "A2.2", "7", BASIS_RULE);
        assert_item(t, "B1.3", "3", BASIS_RULE);
        assert_item(t, "B2.2", "2", BASIS_RULE);
        assert_item(t, "B3.1", "2", BASIS_RULE);
        assert_item(t, "A1.2", "5", BASIS_EVALUATOR);
        assert_item(t, "B2.1", "2", BASIS_EVALUATOR);
        assert_item(t, "B5.1", "3", BASIS_EVALUATOR);
        assert_item(t, "C3.1", "25", BASIS_EVALUATOR);
        /* no satisfaction rate in the seed: the published 2 cannot be recomputed */
        assert_item(t, "C4.2", "2", BASIS_STATED);
        expect(&f, "rule.not_computable", SZ "[2].groups[3].items[1]", "2", NULL);
        /* totals */
        assert_dec(t->total, "94.56");
        assert_string_equal(t->grade, "优");
        expect(&f, "total.mismatch", "$.self_eval.stated_total", "94.54", "94.56");
        assert_int_equal(f.e->n_errors, 0);
        /* the raw figures' own inconsistencies */
        expect(&f, "adjustment.self", PD "budget_adjustment.stated.self_adjustment", "956.39",
               "3752.27");
        expect(&f, "sum.mismatch", PD "asset_balance.stated_total", "2652.76", "2149685.32");
        expect(&f, "rate.mismatch", PD "staffing.rows[0].stated_control_rate_pct", "85.35",
               "85.34");
        expect(&f, "rate.mismatch", PD "staffing.rows[0].stated_extra_rate_pct", "15.39", "15.38");
        expect(&f, "rate.mismatch", PD "staffing.stated.stated_extra_rate_pct", "12.42", "12.41");
        expect(&f, "sum.mismatch", PD "three_public.actual.stated_total", "225.65", "225.66");
        expect(&f, "sum.mismatch", PD "execution.stated.allocated", "549591.47", "549591.48");
        expect(&f, "rate.mismatch", PD "quarterly.quarters[1].stated_ratio_pct", "115.82",
               "118.82");
        expect(&f, "rate.mismatch", PD "quarterly.stated_average_pct", "98.76", "99.51");
        unload(&f);
}

#define SE "$.self_eval."

static void test_seed_002(void **state)
{
        (void)state;
        struct fixture f = load(seed_examples[1]);
        const struct table_score *t = &f.e->self;
        assert_dec(t->exec_score, "10");
        assert_dec(t->indicator_score, "88");
        assert_dec(t->total, "98");
        assert_string_equal(t->grade, "优");
        /* blocking: 基本支出 578.51 + 项目支出 183.01 ≠ B 761.6 */
        expect(&f, "split.expenditure", SE "budget.by_expenditure", "761.6", "761.52");
        assert_int_equal(f.e->n_errors, 1);
        for (int i = 4; i <= 8; i++) {
                if (i == 5)
                        continue; /* 年度履职目标相关性 is qualitative */
                char path[128];
                snprintf(path, sizeof path, SE "indicators[0].groups[0].items[%d].unit", i);
                expect(&f, "unit.invalid", path, NULL, NULL); /* 度量单位 "100%" */
        }
        expect(&f, "rate.mismatch", SE "main_tasks[3].stated_rate_pct", "76", "94.75");
        expect(&f, "rate.mismatch", SE "main_tasks[2].stated_rate_pct", "96.3",
               "96.32"); /* printed 96.30% */
        expect(&f, "figure.rounded", SE "main_tasks[5].stated_rate_pct", "135", "135.06");
        expect(&f, "spend.over_budget", SE "main_tasks[5].executed", "339", "251");
        /* the text against the table */
        const char *text[][3] = {
            {"95.78", "98", "对照打分得出结果为 95.78 分"},
            {"1252.08", "761.6", "批复资金1252.08万元"},
            {"1252.08", "761.6", "实际到位和支出金额"},
            {"809.72", "578.51", "基本支出809.72万元"},
            {"64.67", "100", "64.67%"},
            {"442.36", "183.01", "项目支出442.36万元"},
            {"35.33", "100", "35.33%"},
        };
        for (size_t k = 0; k < sizeof text / sizeof text[0]; k++) {
                bool found = false;
                for (size_t i = 0; i < f.e->n_findings && !found; i++) {
                        const struct finding *g = &f.e->findings[i];
                        if (f.seen[i] || strcmp(g->code, "text.mismatch") != 0 ||
                            !strstr(g->message, text[k][2]))
                                continue;
                        assert_dec(g->stated, text[k][0]);
                        assert_dec(g->computed, text[k][1]);
                        f.seen[i] = found = true;
                }
                if (!found)
                        fprintf(stderr, "no text finding for %s\n", text[k][2]);
                assert_true(found);
        }
        unload(&f);
}

static void test_seed_003(void **state)
{
        (void)state;
        struct fixture f = load(seed_examples[2]);
        const struct table_score *t = &f.e->self;
        assert_dec(t->exec_rate_pct, "98.91");
        assert_dec(t->exec_score, "9.89"); /* 10 × 407.98 / 412.49 */
        const char *scores[] = {"8", "6.32", "14", "5.93", "10", "0", "15", "10"};
        for (size_t i = 0; i < 8; i++)
                assert_dec(t->items[i].score, scores[i]);
        assert_dec(t->total, "79.14");
        assert_string_equal(t->grade, "中");
        expect(&f, "total.mismatch", SE "stated_total", "99.89", "79.14");
        expect(&f, "grade.mismatch", SE "stated_grade", NULL, NULL);
        /* 指标二: ≤ 214.76 万元 with 407.98 万元 spent: 12 × 214.76 / 407.98 */
        expect(&f, "score.above_rule", SE "indicators[0].groups[0].items[1].score", "12", "6.32");
        expect(&f, "completion.mismatch",
               SE "indicators[0].groups[0].items[1].stated_completion_pct", "98.91", "52.64");
        /* 指标四: "= 100%" with 98.91% */
        expect(&f, "score.above_rule", SE "indicators[0].groups[0].items[3].score", "6", "5.93");
        /* 指标五: 1002.5% of target */
        expect(&f, "target.too_low", SE "indicators[0].groups[0].items[4].target", "8", "1002.5");
        /* 指标六: 214.2 万元 against ≥ 160 亿元 */
        const struct finding *g = expect(
            &f, "unit.magnitude", SE "indicators[0].groups[0].items[5].actual", "214.2", "0.02142");
        assert_non_null(strstr(g->message, "疑为单位错误"));
        expect(&f, "score.above_rule", SE "indicators[0].groups[0].items[5].score", "15", "0");
        expect(&f, "completion.mismatch",
               SE "indicators[0].groups[0].items[5].stated_completion_pct", "133.88", "0.01");
        /* 编制 10, 在编 11 */
        expect(&f, "staff.over_quota", "$.basic_data.staffing.actual", "11", "10");
        /* the seed prints no project tables */
        expect(&f, "project.no_indicators", "$.projects[0].indicators", NULL, NULL);
        expect(&f, "project.no_indicators", "$.projects[1].indicators", NULL, NULL);
        assert_int_equal(f.e->n_errors, 2);
        unload(&f);
}

static void test_seed_004(void **state)
{
        (void)state;
        struct fixture f = load(seed_examples[3]);
        const struct table_score *t = &f.e->self;
        assert_dec(t->exec_score, "10");
        assert_dec(t->indicator_score, "90");
        assert_dec(t->total, "100");
        assert_string_equal(t->grade, "优秀");
        /* blocking */
        expect(&f, "split.income", SE "budget.by_income", "716.83", "716.84");
        /* (scores the unit gave below what its own figures earn: said once,
         * in the missing reason) */
        const struct finding *why =
            expect(&f, "deviation.missing", SE "indicators[0].groups[3].items[0].deviation", "8", "10");
        assert_non_null(strstr(why->message, "得分 8 低于分值 10（按规则计算为 10.00）"));
        expect(&f, "deviation.missing", SE "indicators[1].groups[1].items[0].deviation", "13",
               "15");
        expect(&f, "project.no_indicators", "$.projects[0].indicators", NULL, NULL);
        assert_int_equal(f.e->n_errors, 4);
        expect(&f, "sum.mismatch", SE "budget.stated_income_total", "716.83", "716.84");
        expect(&f, "total.mismatch", SE "stated_total", "96", "100");
        /* targets without a comparator */
        const char *bare[] = {"[0].groups[1].items[0]", "[0].groups[2].items[0]",
                              "[0].groups[3].items[0]", "[1].groups[0].items[0]",
                              "[1].groups[1].items[0]", "[2].groups[0].items[0]"};
        for (size_t i = 0; i < 6; i++) {
                char path[128];
                snprintf(path, sizeof path, SE "indicators%s.target.op", bare[i]);
                expect(&f, "target.no_comparator", path, NULL, NULL);
        }
        /* 基础数据表: 决算 above 预算 (info), project table without figures */
        expect(&f, "spend.over_budget", "$.basic_data.project_spending.stated.final", "245", "74");
        expect(&f, "spend.over_budget", "$.basic_data.public_funds.total.final", "221.98", "90.76");
        expect(&f, "spend.over_budget", "$.basic_data.basic_budget_adjustment.final", "471.83",
               "264.01");
        expect(&f, "rule.not_computable", "$.projects[0].budget", NULL, NULL);
        /* the text against the tables */
        const char *text[][2] = {{"452.72", "471.83"}, {"202.87", "221.98"}, {"139.26", "245"},
                                 {"112.26", "218"},    {"20.06", "97.3"},    {"0", "28.5"},
                                 {"471.83", "245"}};
        for (size_t k = 0; k < sizeof text / sizeof text[0]; k++) {
                bool found = false;
                for (size_t i = 0; i < f.e->n_findings && !found; i++) {
                        const struct finding *g = &f.e->findings[i];
                        if (f.seen[i] || strcmp(g->code, "text.mismatch") != 0 ||
                            !dec_eq(g->stated, D(text[k][0])))
                                continue;
                        assert_dec(g->computed, text[k][1]);
                        f.seen[i] = found = true;
                }
                assert_true(found);
        }
        unload(&f);
}

/* Every code the seeds produce is documented in docs/findings.md. */
static void test_every_finding_code_is_documented(void **state)
{
        (void)state;
        char *md = read_file(repo_path("docs/findings.md"), NULL);
        assert_non_null(md);
        for (size_t k = 0; k < 4; k++) {
                struct fixture f = load(seed_examples[k]);
                for (size_t i = 0; i < f.e->n_findings; i++) {
                        char quoted[64];
                        snprintf(quoted, sizeof quoted, "| `%s` |", f.e->findings[i].code);
                        if (!strstr(md, quoted))
                                fprintf(stderr, "undocumented finding code %s\n",
                                        f.e->findings[i].code);
                        assert_non_null(strstr(md, quoted));
                        f.seen[i] = true;
                }
                unload(&f);
        }
        free(md);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_seed_001_formulas_from_raw_figures),
            cmocka_unit_test(test_seed_002),
            cmocka_unit_test(test_seed_003),
            cmocka_unit_test(test_seed_004),
            cmocka_unit_test(test_every_finding_code_is_documented),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
