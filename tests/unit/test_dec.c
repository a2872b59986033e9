/* Exact decimal arithmetic: parsing, formatting and half-up rounding. */
#include "../support/testutil.h"

#include "../../src/base/dec.h"

#include <string.h>

static dec_t D(const char *s)
{
        dec_t d;
        assert_int_equal(dec_parse(s, strlen(s), &d), DEC_OK);
        return d;
}

static void assert_dec(dec_t d, int dp, const char *want)
{
        char tmp[DEC_BUFSZ];
        assert_string_equal(dec_fmt(d, dp, tmp), want);
}

static void test_parse_accepts_the_strict_grammar(void **state)
{
        (void)state;
        assert_dec(D("716.83"), -1, "716.83");
        assert_dec(D("-75.61"), -1, "-75.61");
        assert_dec(D("0"), -1, "0");
        assert_dec(D("19.50"), -1, "19.5");
        assert_dec(D("007.1"), -1, "7.1");
        assert_dec(D("999999999999.999999"), -1, "999999999999.999999");
        assert_dec(D("0.000001"), 6, "0.000001");
}

static void test_parse_rejects_malformed(void **state)
{
        (void)state;
        dec_t d;
        const char *bad[] = {"1,000", "1.",  ".5", "+1",    "1e3", " 1",
                             "1 ",    "--1", "-",  "1.2.3", "五",  "12%"};
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
                assert_int_equal(dec_parse(bad[i], strlen(bad[i]), &d), DEC_ERR_SYNTAX);
        assert_int_equal(dec_parse("", 0, &d), DEC_ERR_EMPTY);
        assert_int_equal(dec_parse("1.1234567", 9, &d), DEC_ERR_PRECISION);
        assert_int_equal(dec_parse("1000000000000", 13, &d), DEC_ERR_RANGE);
        assert_int_equal(dec_parse("0000000000000001", 16, &d),
                         DEC_OK); /* leading zeros are not digits of magnitude */
}

static void test_execution_rate_of_seed_003_is_9_89_points(void **state)
{
        (void)state;
        /* 10 × 407.98 / 412.49 = 9.89066… → 9.89 */
        assert_dec(dec_muldiv(D("10"), D("407.98"), D("412.49"), 2), 2, "9.89");
        /* the rate itself: 98.91% */
        assert_dec(dec_muldiv(D("100"), D("407.98"), D("412.49"), 2), 2, "98.91");
        /* 98.91% of 10 points, rounding once */
        assert_dec(dec_mul(D("0.9891"), D("10"), 2), 2, "9.89");
}

static void test_rounding_is_half_away_from_zero_exactly_once(void **state)
{
        (void)state;
        assert_dec(dec_round(D("2.345"), 2), 2, "2.35");
        assert_dec(dec_round(D("2.344999"), 2), 2, "2.34");
        assert_dec(dec_round(D("-2.345"), 2), 2, "-2.35");
        assert_dec(dec_round(D("0.005"), 2), 2, "0.01");
        /* 1/8 = 0.125 → 0.13 (half-up, not banker's rounding) */
        assert_dec(dec_div(D("1"), D("8"), 2), 2, "0.13");
        /* a quotient just below a half must not be rounded twice:
         * 0.0049999995 rounds to 0.00 at two places */
        assert_dec(dec_div(D("49999995"), D("10000000000"), 2), 2, "0.00");
        /* Shenzhen's 编外人员控制率: 18 / 145 = 12.4137…% → 12.41% */
        assert_dec(dec_muldiv(D("18"), D("100"), D("145"), 2), 2, "12.41");
        /* 99 / 116 = 85.3448…% → 85.34% (the seed prints 85.35%) */
        assert_dec(dec_muldiv(D("99"), D("100"), D("116"), 2), 2, "85.34");
}

static void test_money_sums_do_not_drift(void **state)
{
        (void)state;
        /* 0.1 + 0.2 is exactly 0.3, and ten thousand cents are 100.00 */
        assert_true(dec_eq(dec_add(D("0.1"), D("0.2")), D("0.3")));
        dec_t sum = DEC_ZERO;
        for (int i = 0; i < 10000; i++)
                sum = dec_add(sum, D("0.01"));
        assert_dec(sum, 2, "100.00");
        assert_dec(dec_add(dec_add(D("591.97"), D("109.35")), D("15.52")), -1, "716.84");
}

static void test_none_propagates_and_division_by_zero_is_none(void **state)
{
        (void)state;
        assert_false(dec_is_set(dec_add(DEC_NONE, D("1"))));
        assert_false(dec_is_set(dec_div(D("1"), D("0"), 2)));
        assert_false(dec_is_set(dec_muldiv(D("1"), D("1"), DEC_ZERO, 2)));
        assert_false(dec_is_set(dec_mul(D("999999999999"), D("999999999999"), 2)));
        char tmp[DEC_BUFSZ];
        assert_string_equal(dec_fmt(DEC_NONE, 2, tmp), "");
}

static void test_formatting(void **state)
{
        (void)state;
        char tmp[DEC_BUFSZ];
        assert_string_equal(dec_fmt_grouped(D("2175960.31"), 2, tmp), "2,175,960.31");
        assert_string_equal(dec_fmt_grouped(D("-1234"), 2, tmp), "-1,234.00");
        assert_string_equal(dec_fmt_grouped(D("999"), -1, tmp), "999");
        assert_string_equal(dec_fmt(D("-0.004"), 2, tmp), "0.00");
        assert_string_equal(dec_fmt(dec_from_int(42), 1, tmp), "42.0");
        assert_string_equal(dec_fmt(dec_make(9891, 4), -1, tmp), "0.9891");
        assert_int_equal(dec_places(D("19.50")), 1);
        assert_int_equal(dec_trunc_int(D("5.73")), 5);
}

static void test_comparisons(void **state)
{
        (void)state;
        assert_int_equal(dec_cmp(D("9.89"), D("9.9")), -1);
        assert_int_equal(dec_cmp(D("10"), D("10.000")), 0);
        assert_true(dec_eq(dec_min(D("1.2"), D("1")), D("1")));
        assert_true(dec_eq(dec_max(D("-1"), D("-2")), D("-1")));
        assert_true(dec_eq(dec_abs(D("-3.5")), D("3.5")));
        assert_true(dec_is_neg(D("-0.01")));
        assert_true(dec_is_zero(D("0.000")));
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_parse_accepts_the_strict_grammar),
            cmocka_unit_test(test_parse_rejects_malformed),
            cmocka_unit_test(test_execution_rate_of_seed_003_is_9_89_points),
            cmocka_unit_test(test_rounding_is_half_away_from_zero_exactly_once),
            cmocka_unit_test(test_money_sums_do_not_drift),
            cmocka_unit_test(test_none_propagates_and_division_by_zero_is_none),
            cmocka_unit_test(test_formatting),
            cmocka_unit_test(test_comparisons),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
