/* Exact decimal numbers for money, rates and scores.
 *
 * A dec_t is a fixed-point integer: the value times 10^6, in 64 bits. Every
 * amount, rate and score in jixiao is a dec_t; binary floating point never
 * touches them. Operations that round take the number of decimals to keep
 * and round half away from zero (四舍五入) exactly once, computing the exact
 * quotient in 128-bit arithmetic first, so 98.91% of 10 points is 9.89 and
 * no intermediate rounding can drift the result.
 *
 * DEC_NONE marks a value that is absent (a blank cell) or not computable;
 * every operation given a DEC_NONE operand, dividing by zero or overflowing
 * returns DEC_NONE. */
#ifndef JX_DEC_H
#define JX_DEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DEC_DIGITS 6 /* decimal places held */
#define DEC_SCALE  INT64_C(1000000)
/* Largest number of integer digits accepted by dec_parse (|x| < 10^12). */
#define DEC_MAX_INT_DIGITS 12
/* Room for any formatted dec_t including sign, separators and NUL. */
#define DEC_BUFSZ 48

typedef struct {
        int64_t raw; /* value × 10^6, or INT64_MIN for "none" */
} dec_t;

#define DEC_NONE ((dec_t){INT64_MIN})
#define DEC_ZERO ((dec_t){0})

enum dec_parse_status {
        DEC_OK,
        DEC_ERR_EMPTY,     /* empty string */
        DEC_ERR_SYNTAX,    /* not [-]digits[.digits] */
        DEC_ERR_PRECISION, /* more than DEC_DIGITS decimals */
        DEC_ERR_RANGE,     /* more than DEC_MAX_INT_DIGITS integer digits */
        DEC_ERR_GROUPING,  /* thousands separators not in groups of three (dec_parse_input) */
};

static inline bool dec_is_set(dec_t d)
{
        return d.raw != INT64_MIN;
}

/* Parse s[0..n) in the strict grammar -?[0-9]+(\.[0-9]+)? with at most 6
 * decimals and 12 integer digits. On success stores the value in *out. */
enum dec_parse_status dec_parse(const char *s, size_t n, dec_t *out);

/* Flags of dec_parse_input. */
enum { DEC_INPUT_PERCENT = 1 }; /* a trailing % (or ％) is allowed and ignored */

/* A number as a person types it — into a form, an API call's value or a
 * workbook cell holding text; the one parser all of them use. Surrounding
 * blanks (and the ideographic space) are ignored. The integer part may be
 * grouped by thousands, with ',' or the full-width '，' (one kind in a
 * number): 1 to 3 digits, not starting with 0, then groups of exactly
 * three ("1,234,567.89"); anything else with a separator is
 * DEC_ERR_GROUPING ("1,2,3", "1,,000", "1,000,", "1.234,5"). Without
 * separators the grammar and limits are dec_parse's. */
enum dec_parse_status dec_parse_input(const char *s, size_t n, unsigned flags, dec_t *out);
/* s[0..n) with the full-width forms a Chinese input method types read as
 * ASCII — digits ０–９, the decimal point ． or 。, the minus sign － —
 * into out (the comma ， stays: dec_parse_input reads it as a separator,
 * not mixed with ",") (at most cap bytes, NUL-terminated); other bytes as
 * they are. Returns the folded length, or SIZE_MAX (out empty) when it
 * does not fit. */
size_t dec_fold_fullwidth(const char *s, size_t n, char *out, size_t cap);

/* The integer n as a decimal (DEC_NONE if out of range). */
dec_t dec_from_int(int64_t n);
/* The value units / 10^dp, e.g. dec_make(9891, 4) is 0.9891. */
dec_t dec_make(int64_t units, int dp);

dec_t dec_neg(dec_t a);
dec_t dec_abs(dec_t a);

/* 10^(6 − dp): the raw step of dp decimals. */
extern const int64_t dec_steps[DEC_DIGITS + 1];

/* a rounded to dp decimals (0..6); inline for the common case of a value
 * that has no more decimals than that. */
dec_t dec_round_slow(dec_t a, int dp);
static inline dec_t dec_round(dec_t a, int dp)
{
        if (dec_is_set(a) && dp >= 0 && dp <= DEC_DIGITS && a.raw % dec_steps[dp] == 0)
                return a;
        return dec_round_slow(a, dp);
}
/* a × b rounded to dp decimals. */
dec_t dec_mul(dec_t a, dec_t b, int dp);
/* a / b rounded to dp decimals; DEC_NONE when b is zero. */
dec_t dec_div(dec_t a, dec_t b, int dp);
/* a × b / c computed exactly and rounded once to dp decimals. */
dec_t dec_muldiv(dec_t a, dec_t b, dec_t c, int dp);

/* Sums beyond ±9 × 10^18 raw are overflow (DEC_NONE). */
#define DEC_RAW_MAX INT64_C(9000000000000000000)

/* The small operations are inline: the engine calls them per indicator. */
static inline dec_t dec_add(dec_t a, dec_t b)
{
        int64_t v;
        if (!dec_is_set(a) || !dec_is_set(b) || __builtin_add_overflow(a.raw, b.raw, &v) ||
            v >= DEC_RAW_MAX || v <= -DEC_RAW_MAX)
                return DEC_NONE;
        return (dec_t){v};
}

static inline dec_t dec_sub(dec_t a, dec_t b)
{
        int64_t v;
        if (!dec_is_set(a) || !dec_is_set(b) || __builtin_sub_overflow(a.raw, b.raw, &v) ||
            v >= DEC_RAW_MAX || v <= -DEC_RAW_MAX)
                return DEC_NONE;
        return (dec_t){v};
}

static inline dec_t dec_min(dec_t a, dec_t b)
{
        if (!dec_is_set(a) || !dec_is_set(b))
                return DEC_NONE;
        return a.raw < b.raw ? a : b;
}

static inline dec_t dec_max(dec_t a, dec_t b)
{
        if (!dec_is_set(a) || !dec_is_set(b))
                return DEC_NONE;
        return a.raw > b.raw ? a : b;
}

/* -1, 0 or 1. Both operands must be set. */
static inline int dec_cmp(dec_t a, dec_t b)
{
        return (a.raw > b.raw) - (a.raw < b.raw);
}

static inline bool dec_eq(dec_t a, dec_t b)
{
        return a.raw == b.raw;
}

static inline bool dec_is_zero(dec_t a)
{
        return a.raw == 0;
}

static inline bool dec_is_neg(dec_t a)
{
        return dec_is_set(a) && a.raw < 0;
}

/* Format into out (DEC_BUFSZ bytes) and return out. dp < 0 prints the
 * shortest exact form ("19.5", "2"); dp >= 0 rounds to exactly dp decimals
 * ("19.50"). DEC_NONE prints as "". */
char *dec_fmt(dec_t a, int dp, char out[DEC_BUFSZ]);
/* As dec_fmt, with thousands separators in the integer part ("7,341.03"). */
char *dec_fmt_grouped(dec_t a, int dp, char out[DEC_BUFSZ]);

/* The value truncated to an integer (for tests and counters). */
int64_t dec_trunc_int(dec_t a);

/* Number of decimals needed to print a exactly (0..6). */
int dec_places(dec_t a);

#endif
