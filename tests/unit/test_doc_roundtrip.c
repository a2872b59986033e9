/* Every example survives parse → serialize → parse unchanged, and the
 * canonical form is stable. */
#include "../support/testutil.h"

#include "../../src/doc/doc_io.h"

#include <string.h>

static struct doc *load(const char *rel)
{
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_load_file(repo_path(rel), &errs);
        if (!d)
                diags_print(&errs, stderr);
        diags_free(&errs);
        assert_non_null(d);
        return d;
}

static void roundtrip(const char *rel)
{
        struct doc *d1 = load(rel);
        struct buf t1 = BUF_INIT, t2 = BUF_INIT;
        doc_write(d1, &t1);
        struct diags errs = DIAGS_INIT;
        struct doc *d2 = doc_parse(t1.data, t1.len, &errs);
        if (!d2)
                diags_print(&errs, stderr);
        assert_non_null(d2);
        assert_true(doc_equal(d1, d2));
        doc_write(d2, &t2);
        assert_string_equal(t1.data, t2.data);
        buf_free(&t1);
        buf_free(&t2);
        diags_free(&errs);
        doc_free(d1);
        doc_free(d2);
}

static void test_roundtrip_seed_001(void **state)
{
        (void)state;
        roundtrip(seed_examples[0]);
}

static void test_roundtrip_seed_002(void **state)
{
        (void)state;
        roundtrip(seed_examples[1]);
}

static void test_roundtrip_seed_003(void **state)
{
        (void)state;
        roundtrip(seed_examples[2]);
}

static void test_roundtrip_seed_004(void **state)
{
        (void)state;
        roundtrip(seed_examples[3]);
}

static void assert_dec_str(dec_t d, const char *want)
{
        char tmp[DEC_BUFSZ];
        assert_string_equal(dec_fmt(d, -1, tmp), want);
}

/* The examples hold the seeds' figures as printed, wrong ones included. */
static void test_examples_keep_stated_figures(void **state)
{
        (void)state;
        struct doc *d = load(seed_examples[3]);
        assert_string_equal(d->unit.name, "绥宁县商务局");
        assert_dec_str(d->self.table.budget.adjusted, "716.83");
        assert_int_equal(d->self.table.budget.n_by_income, 4);
        assert_dec_str(d->self.table.budget.by_income[0].adjusted, "591.97");
        assert_dec_str(d->self.table.stated_total, "96");
        assert_int_equal(d->basic.staffing.authorized, 20);
        doc_free(d);

        d = load(seed_examples[0]);
        assert_string_equal(d->scheme, "shenzhen");
        assert_int_equal(d->perf.quarterly.n_quarters, 4);
        assert_dec_str(d->perf.quarterly.quarters[2].paid, "222061.31");
        assert_dec_str(d->perf.staffing.stated.stated_extra_rate_pct, "12.42");
        assert_dec_str(d->self.table.stated_total, "94.54");
        doc_free(d);
}

static void test_equality_sees_a_changed_cent(void **state)
{
        (void)state;
        struct doc *a = load(seed_examples[3]);
        struct doc *b = load(seed_examples[3]);
        assert_true(doc_equal(a, b));
        b->self.table.budget.by_income[0].adjusted =
            dec_add(b->self.table.budget.by_income[0].adjusted, dec_make(1, 2));
        assert_false(doc_equal(a, b));
        doc_free(a);
        doc_free(b);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_roundtrip_seed_001),
            cmocka_unit_test(test_roundtrip_seed_002),
            cmocka_unit_test(test_roundtrip_seed_003),
            cmocka_unit_test(test_roundtrip_seed_004),
            cmocka_unit_test(test_examples_keep_stated_figures),
            cmocka_unit_test(test_equality_sees_a_changed_cent),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
