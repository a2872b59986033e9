/* Editing documents by path: every kind of typed value with its message
 * for bad input (nothing changed), rows added, removed and moved, the
 * differences between two versions, and the engine's computed figures
 * written back so a document states what the engine computes. */
#include "../support/testutil.h"

#include "../../src/doc/doc_edit.h"
#include "../../src/engine/engine.h"
#include "../../src/report/export.h"
#include "../../src/report/pdf.h"
#include "../../src/term/score_view.h"
#include "../../src/term/show.h"

static struct doc *seed(int i)
{
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_load_file(repo_path(seed_examples[i]), &errs);
        diags_free(&errs);
        assert_non_null(d);
        return d;
}

static dec_t D(const char *s)
{
        dec_t d;
        assert_int_equal(dec_parse(s, strlen(s), &d), DEC_OK);
        return d;
}

/* Assign and expect failure with message containing want; d unchanged. */
static void refused(struct doc *d, const char *path, const char *text, const char *want)
{
        struct buf before = BUF_INIT, after = BUF_INIT;
        doc_write(d, &before);
        struct diags errs = DIAGS_INIT;
        assert_false(doc_assign(d, path, text, &errs));
        assert_int_equal(errs.n, 1);
        if (!strstr(errs.items[0].msg, want))
                fprintf(stderr, "message: %s\n", errs.items[0].msg);
        assert_non_null(strstr(errs.items[0].msg, want));
        assert_string_equal(errs.items[0].path, path);
        diags_free(&errs);
        doc_write(d, &after);
        assert_string_equal(buf_str(&before), buf_str(&after));
        buf_free(&before);
        buf_free(&after);
}

static void assigned(struct doc *d, const char *path, const char *text)
{
        struct diags errs = DIAGS_INIT;
        bool ok = doc_assign(d, path, text, &errs);
        if (!ok)
                diags_print(&errs, stderr);
        assert_true(ok);
        diags_free(&errs);
}

static void test_decimals_as_typed(void **state)
{
        (void)state;
        struct doc *d = seed(2);
        const struct budget_request *b = &d->self.table.budget;
        assigned(d, "$.self_eval.budget.adjusted", " 1,234.5 ");
        assert_true(dec_eq(b->adjusted, D("1234.5")));
        assigned(d, "$.self_eval.budget.stated_rate_pct", "98.91%");
        assert_true(dec_eq(b->stated_rate_pct, D("98.91")));
        assigned(d, "$.self_eval.budget.executed", "");
        assert_false(dec_is_set(b->executed));
        refused(d, "$.self_eval.budget.adjusted", "12万", "“12万”不是数字");
        refused(d, "$.self_eval.budget.adjusted", "1.1234567", "小数位数过多：最多 6 位小数");
        refused(d, "$.self_eval.budget.adjusted", "1234567890123", "超出范围");
        refused(d, "$.self_eval.budget.adjusted", "5%", "不是数字"); /* % only in percentages */
        /* as a Chinese input method types them: full-width digits, ． or 。 */
        assigned(d, "$.self_eval.budget.adjusted", "０．８５");
        assert_true(dec_eq(b->adjusted, D("0.85")));
        assigned(d, "$.self_eval.budget.adjusted", "１，２３４。５");
        assert_true(dec_eq(b->adjusted, D("1234.5")));
        assigned(d, "$.self_eval.budget.stated_rate_pct", "９８．９１％");
        assert_true(dec_eq(b->stated_rate_pct, D("98.91")));
        /* an amount is not negative (the message names it); an adjustment may be */
        refused(d, "$.self_eval.budget.adjusted", "-5", "“-5”不能是负数：全年预算数（A）应为 0 或正数");
        refused(d, "$.self_eval.budget.executed", "－５", "不能是负数：全年执行数（B）");
        doc_free(d);
        d = seed(0); /* seed 001 states its adjustments */
        assigned(d, "$.performance_data.budget_adjustment.rows[1].self_adjustment", "-75.61");
        doc_free(d);
}

static void test_measures_take_a_number_or_a_text(void **state)
{
        (void)state;
        struct doc *d = seed(2);
        const char *p = "$.self_eval.indicators[0].groups[0].items[0]";
        struct indicator *ind = &d->self.table.indicators[0].groups[0].items[0];
        char path[128];
        snprintf(path, sizeof path, "%s.actual", p);
        assigned(d, path, "96.5");
        assert_true(dec_eq(ind->actual.value, D("96.5")));
        assert_null(ind->actual.text);
        assigned(d, path, "214.2万元"); /* written in another unit */
        assert_true(dec_eq(ind->actual.value, D("214.2")));
        assert_string_equal(ind->actual.unit, "万元");
        assigned(d, path, "－３．５％"); /* full-width, and a fall may be below 0 */
        assert_true(dec_eq(ind->actual.value, D("-3.5")));
        assert_string_equal(ind->actual.unit, "％");
        assigned(d, path, "基本达标");
        assert_false(dec_is_set(ind->actual.value));
        assert_null(ind->actual.unit);
        assert_string_equal(ind->actual.text, "基本达标");
        snprintf(path, sizeof path, "%s.target", p);
        assigned(d, path, "100");
        assert_true(dec_eq(ind->target.m.value, D("100")));
        snprintf(path, sizeof path, "%s.target.op", p);
        assigned(d, path, "≥"); /* the Chinese label of >= */
        assert_int_equal(ind->target.op, CMP_GE);
        assigned(d, path, "<=");
        assert_int_equal(ind->target.op, CMP_LE);
        refused(d, path, "约等于", "“约等于”无效：应为 ≥、≤、=、>、< 之一");
        snprintf(path, sizeof path, "%s.not_applicable", p);
        assigned(d, path, "on");
        assert_true(ind->not_applicable);
        refused(d, path, "maybe", "应为“是”或“否”");
        snprintf(path, sizeof path, "%s.name", p);
        refused(d, path, "两行\n名称", "不能换行");
        assigned(d, path, "新的指标名称");
        assert_string_equal(ind->name, "新的指标名称");
        doc_free(d);
}

static void test_unknown_places_and_whole_rows_are_refused(void **state)
{
        (void)state;
        struct doc *d = seed(3);
        refused(d, "$.self_eval.budget.nonsense", "1", "表中没有这一项");
        refused(d, "$.projects[99].name", "x", "表中没有这一项");
        refused(d, "$.self_eval.indicators", "x", "这一项不能直接填写");
        refused(d, "$.self_eval.indicators[0]", "x", "这一项不能直接填写");
        refused(d, "$.basic_data.staffing.authorized", "-3", "应为 0 到");
        assigned(d, "$.basic_data.staffing.authorized", "12");
        assert_int_equal(d->basic.staffing.authorized, 12);
        doc_free(d);
}

static void test_rows_are_added_removed_and_moved(void **state)
{
        (void)state;
        struct doc *d = seed(2);
        struct ind_group *g = &d->self.table.indicators[0].groups[0];
        size_t n = g->n_items;
        const char *first = g->items[0].name, *second = g->items[1].name;
        struct diags errs = DIAGS_INIT;
        assert_true(doc_array_append(d, "$.self_eval.indicators[0].groups[0].items", &errs));
        assert_int_equal(g->n_items, n + 1);
        assert_null(g->items[n].name);
        assert_false(dec_is_set(g->items[n].weight));
        assigned(d, "$.self_eval.indicators[0].groups[0].items[0].weight", "3");
        assert_true(doc_array_move(d, "$.self_eval.indicators[0].groups[0].items[0]", +1, &errs));
        assert_string_equal(g->items[0].name, second);
        assert_string_equal(g->items[1].name, first);
        assert_true(doc_array_move(d, "$.self_eval.indicators[0].groups[0].items[0]", -1, &errs));
        assert_string_equal(g->items[0].name, second); /* already first */
        assert_true(doc_array_remove(d, "$.self_eval.indicators[0].groups[0].items[0]", &errs));
        assert_int_equal(g->n_items, n);
        assert_string_equal(g->items[0].name, first);
        assert_int_equal(errs.n, 0);
        assert_false(doc_array_remove(d, "$.self_eval.indicators[0].groups[0].items[99]", &errs));
        assert_false(doc_array_append(d, "$.self_eval.budget.adjusted", &errs));
        assert_int_equal(errs.n, 2);
        assert_non_null(strstr(errs.items[0].msg, "表中没有这一行"));
        diags_free(&errs);
        doc_free(d);
}

static void test_diff_names_every_change(void **state)
{
        (void)state;
        struct doc *a = seed(2), *b = seed(2);
        assigned(b, "$.self_eval.budget.executed", "400");
        assigned(b, "$.self_eval.indicators[0].groups[0].items[1].deviation", "原因");
        struct diags errs = DIAGS_INIT;
        assert_true(doc_array_append(b, "$.self_eval.indicators[0].groups[0].items", &errs));
        diags_free(&errs);
        struct arena *ar = arena_new();
        struct doc_change *c;
        size_t n = doc_diff(a, b, ar, &c);
        assert_int_equal(n, 3);
        assert_string_equal(c[0].path, "$.self_eval.budget.executed");
        assert_non_null(strstr(c[0].label, "全年执行数"));
        assert_string_equal(c[0].after, "400");
        assert_non_null(strstr(c[1].path, "items[1].deviation"));
        assert_string_equal(c[1].after, "原因");
        assert_string_equal(c[2].before, "");
        assert_non_null(strstr(c[2].after, "第"));
        assert_int_equal(doc_diff(a, a, ar, &c), 0);
        arena_free(ar);
        doc_free(a);
        doc_free(b);
}

/* The findings about a stated figure that differs from the computed one. */
static const char *const stated_codes[] = {"sum.mismatch",   "rate.mismatch",  "total.mismatch",
                                           "grade.mismatch", "figure.rounded", "sum.stated_total"};

/* A settled document (engine_settle: one evaluation that writes the
 * computed figures in) states what the engine computes, keeps the unit's
 * own entries — scores included — and the one evaluation is what a fresh
 * evaluation of the settled document finds, finding by finding. */
static void test_settled_documents_state_what_the_engine_computes(void **state)
{
        (void)state;
        for (int i = 0; i < 4; i++) {
                struct doc *d = seed(i), *before = doc_clone(d);
                struct diags errs = DIAGS_INIT;
                struct scheme *s = scheme_load(d->scheme, &errs);
                diags_free(&errs);
                unsigned long evaluations = engine_evaluate_count();
                struct evaluation *settled = engine_settle(d, s);
                assert_int_equal(engine_evaluate_count() - evaluations, 1);
                dec_t total = settled->self.total;
                struct evaluation *e = engine_evaluate(d, s);
                if (settled->n_findings != e->n_findings)
                        for (size_t k = 0; k < e->n_findings || k < settled->n_findings; k++)
                                fprintf(stderr, "seed %d: %s | %s\n", i + 1,
                                        k < settled->n_findings ? settled->findings[k].code : "-",
                                        k < e->n_findings ? e->findings[k].code : "-");
                assert_int_equal(settled->n_findings, e->n_findings);
                for (size_t k = 0; k < e->n_findings; k++) {
                        assert_string_equal(settled->findings[k].code, e->findings[k].code);
                        assert_string_equal(settled->findings[k].path, e->findings[k].path);
                        assert_string_equal(settled->findings[k].message, e->findings[k].message);
                }
                /* the scores given stay as given */
                const struct score_table *was = &before->self.table, *now = &d->self.table;
                for (size_t l = 0; l < now->n_indicators; l++)
                        for (size_t g = 0; g < now->indicators[l].n_groups; g++)
                                for (size_t k = 0; k < now->indicators[l].groups[g].n_items; k++)
                                        assert_true(dec_eq(
                                            now->indicators[l].groups[g].items[k].score,
                                            was->indicators[l].groups[g].items[k].score));
                engine_free(settled);
                doc_free(before);
                assert_true(dec_eq(e->self.total, total)); /* the rule's total is unchanged */
                assert_true(dec_eq(d->self.table.stated_total, dec_round(total, 2)));
                for (size_t k = 0; k < e->n_findings; k++)
                        for (size_t c = 0; c < sizeof stated_codes / sizeof *stated_codes; c++)
                                if (strcmp(e->findings[k].code, stated_codes[c]) == 0) {
                                        fprintf(stderr, "seed %d: %s %s %s\n", i + 1,
                                                e->findings[k].code, e->findings[k].path,
                                                e->findings[k].message);
                                        fail();
                                }
                engine_free(e);
                scheme_free(s);
                doc_free(d);
        }
}

/* A draft may hold rows nobody has named yet (a level, a group, an
 * indicator, a project): every renderer takes them. */
static void test_unnamed_rows_go_everywhere(void **state)
{
        (void)state;
        struct doc *d = seed(2);
        struct diags errs = DIAGS_INIT;
        assert_true(doc_array_append(d, "$.self_eval.indicators", &errs));
        assert_true(doc_array_append(d, "$.self_eval.indicators[1].groups", &errs));
        assert_true(doc_array_append(d, "$.self_eval.indicators[1].groups[0].items", &errs));
        assert_true(doc_array_append(d, "$.projects", &errs));
        assert_true(doc_array_append(d, "$.projects[2].indicators", &errs));
        struct scheme *s = scheme_load(d->scheme, &errs);
        assert_int_equal(errs.n, 0);
        struct evaluation *e = engine_evaluate(d, s);
        size_t missing = 0;
        for (size_t i = 0; i < e->n_findings; i++)
                missing += strcmp(e->findings[i].code, "name.missing") == 0;
        assert_int_equal(missing, 2); /* the indicator and the project */
        struct buf out = BUF_INIT;
        show_doc(d, e, 100, &out);
        view_score(e, 100, &out);
        view_findings(e, &out);
        for (int f = REPORT_DOCX; f <= REPORT_XLSX; f++)
                assert_true(report_write(d, e, (enum report_format)f, &out, &errs));
        assert_int_equal(errs.n, 0);
        buf_free(&out);
        engine_free(e);
        scheme_free(s);
        doc_free(d);
        pdf_shutdown(); /* the font caches, for the leak checker */
}

/* The path of a member named by its address, as doc_locate() reads it
 * back: members within the document's own bytes and within its objects
 * (the self-evaluation's table members flattened into "self_eval"),
 * arrays, elements and members of elements nested in elements; no path
 * for what is not a member (a struct the descriptors flatten, a part of a
 * member). */
static void expect_path(const struct doc *d, const void *p, size_t size, const char *want)
{
        struct buf b = BUF_INIT;
        const struct field *f = NULL;
        assert_true(doc_path_of(d, p, size, &b, &f));
        assert_string_equal(buf_str(&b), want);
        assert_non_null(f);
        struct doc_loc loc;
        assert_true(doc_locate(d, want, &loc, NULL));
        assert_ptr_equal(loc.ptr, p);
        buf_free(&b);
}

#define PATH_IS(d, p, want) expect_path((d), (p), sizeof *(p), (want))

static void test_paths_of_members(void **state)
{
        (void)state;
        struct doc *d = seed(1); /* seed 002: main tasks */
        PATH_IS(d, &d->scheme, "$.scheme");
        PATH_IS(d, &d->self, "$.self_eval");
        PATH_IS(d, &d->self.table.budget, "$.self_eval.budget");
        PATH_IS(d, &d->self.table.budget.unit, "$.self_eval.budget.unit");
        PATH_IS(d, &d->self.table.stated_total, "$.self_eval.stated_total");
        PATH_IS(d, &d->self.table.indicators, "$.self_eval.indicators");
        PATH_IS(d, &d->self.table.indicators[1].groups[0].items[1],
                "$.self_eval.indicators[1].groups[0].items[1]");
        PATH_IS(d, &d->self.table.indicators[1].groups[0].items[1].target.op,
                "$.self_eval.indicators[1].groups[0].items[1].target.op");
        PATH_IS(d, &d->self.main_tasks[1].executed, "$.self_eval.main_tasks[1].executed");
        PATH_IS(d, &d->statements[2], "$.statements[2]");
        struct buf b = BUF_INIT;
        assert_false(doc_path_of(d, &d->self.table, sizeof d->self.table, &b, NULL));
        assert_false(doc_path_of(d, &d->self.table.budget.adjusted, 1, &b, NULL));
        assert_false(doc_path_of(d, &b, sizeof b, &b, NULL));
        assert_int_equal(b.len, 0);
        buf_free(&b);
        doc_free(d);
        d = seed(2); /* seed 003: two projects */
        PATH_IS(d, &d->projects[1], "$.projects[1]");
        PATH_IS(d, &d->projects[1].table.budget.stated_score, "$.projects[1].budget.stated_score");
        PATH_IS(d, &d->projects[1].table.indicators, "$.projects[1].indicators");
        doc_free(d);
        d = seed(3); /* seed 004: the special funds inside the 基础数据表 */
        PATH_IS(d, &d->basic.project_spending.special.funds[2].amounts.final,
                "$.basic_data.project_spending.special.funds[2].final");
        PATH_IS(d, &d->basic.three_public.vehicles.stated.final,
                "$.basic_data.three_public.vehicles.stated.final");
        doc_free(d);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_decimals_as_typed),
            cmocka_unit_test(test_measures_take_a_number_or_a_text),
            cmocka_unit_test(test_unknown_places_and_whole_rows_are_refused),
            cmocka_unit_test(test_rows_are_added_removed_and_moved),
            cmocka_unit_test(test_diff_names_every_change),
            cmocka_unit_test(test_settled_documents_state_what_the_engine_computes),
            cmocka_unit_test(test_unnamed_rows_go_everywhere),
            cmocka_unit_test(test_paths_of_members),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
