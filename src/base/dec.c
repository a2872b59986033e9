/* Exact fixed-point decimals (see dec.h). */
#include "dec.h"

#include <string.h>

__extension__ typedef __int128 i128;

static const int64_t pow10_table[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

/* Parsed values stay below 10^12 (raw 10^18); results may grow to
 * DEC_RAW_MAX (9 × 10^18 raw) before they count as overflow. */
#define RAW_LIMIT INT64_C(1000000000000000000)

static dec_t from_i128(i128 v)
{
        if (v >= DEC_RAW_MAX || v <= -DEC_RAW_MAX)
                return DEC_NONE;
        return (dec_t){(int64_t)v};
}

/* num / den rounded half away from zero; den > 0. */
static i128 div_round(i128 num, i128 den)
{
        i128 q = num / den;
        i128 r = num % den;
        if (r < 0)
                r = -r;
        if (2 * r >= den)
                q += num < 0 ? -1 : 1;
        return q;
}

enum dec_parse_status dec_parse(const char *s, size_t n, dec_t *out)
{
        if (n == 0)
                return DEC_ERR_EMPTY;
        size_t i = 0;
        bool neg = false;
        if (s[0] == '-') {
                neg = true;
                i = 1;
        }
        size_t start = i, significant = 0;
        int64_t ip = 0, fp = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
                if (ip != 0 || s[i] != '0') {
                        if (++significant > DEC_MAX_INT_DIGITS)
                                return DEC_ERR_RANGE;
                        ip = ip * 10 + (s[i] - '0');
                }
                i++;
        }
        if (i == start)
                return DEC_ERR_SYNTAX;
        size_t frac_digits = 0;
        if (i < n && s[i] == '.') {
                i++;
                start = i;
                while (i < n && s[i] >= '0' && s[i] <= '9') {
                        if (frac_digits >= DEC_DIGITS)
                                return DEC_ERR_PRECISION;
                        fp = fp * 10 + (s[i] - '0');
                        frac_digits++;
                        i++;
                }
                if (i == start)
                        return DEC_ERR_SYNTAX;
        }
        if (i != n)
                return DEC_ERR_SYNTAX;
        int64_t raw = ip * DEC_SCALE + fp * pow10_table[DEC_DIGITS - frac_digits];
        out->raw = neg ? -raw : raw;
        return DEC_OK;
}

/* The length of a separator at s[0..n): ',' (1), '，' (3), else 0. */
static size_t separator(const char *s, size_t n)
{
        if (n && *s == ',')
                return 1;
        return n >= 3 && memcmp(s, "\xef\xbc\x8c", 3) == 0 ? 3 : 0;
}

/* The length of a blank (ASCII white space or the ideographic space
 * U+3000) at the start (or, when at_end, the end) of s[0..n), or 0. */
static size_t blank(const char *s, size_t n, bool at_end)
{
        if (!n)
                return 0;
        char c = at_end ? s[n - 1] : s[0];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                return 1;
        const char *p = at_end ? s + n - 3 : s;
        return n >= 3 && memcmp(p, "\xe3\x80\x80", 3) == 0 ? 3 : 0;
}

size_t dec_fold_fullwidth(const char *s, size_t n, char *out, size_t cap)
{
        size_t k = 0;
        for (size_t i = 0; i < n;) {
                const unsigned char *p = (const unsigned char *)s + i;
                char c = 0;
                if (n - i >= 3 && p[0] == 0xef && p[1] == 0xbc && p[2] >= 0x90 && p[2] <= 0x99)
                        c = (char)('0' + (p[2] - 0x90)); /* ０–９ */
                else if (n - i >= 3 && p[0] == 0xef && p[1] == 0xbc && p[2] == 0x8e)
                        c = '.'; /* ． */
                else if (n - i >= 3 && p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x82)
                        c = '.'; /* 。 */
                else if (n - i >= 3 && p[0] == 0xef && p[1] == 0xbc && p[2] == 0x8d)
                        c = '-'; /* － */
                size_t take = c ? 3 : 1;
                if (k + 1 >= cap) {
                        out[0] = '\0';
                        return SIZE_MAX;
                }
                out[k++] = c ? c : s[i];
                i += take;
        }
        out[k] = '\0';
        return k;
}

enum dec_parse_status dec_parse_input(const char *s, size_t n, unsigned flags, dec_t *out)
{
        char folded[256];
        n = dec_fold_fullwidth(s, n, folded, sizeof folded);
        if (n == SIZE_MAX)
                return DEC_ERR_SYNTAX; /* far longer than any number */
        s = folded;
        size_t b;
        while ((b = blank(s, n, false)))
                s += b, n -= b;
        while ((b = blank(s, n, true)))
                n -= b;
        if (flags & DEC_INPUT_PERCENT) {
                if (n && s[n - 1] == '%')
                        n--;
                else if (n >= 3 && memcmp(s + n - 3, "\xef\xbc\x85", 3) == 0) /* ％ */
                        n -= 3;
        }
        /* the integer part: digits, or groups of three after 1–3 digits */
        char plain[64];
        size_t k = 0, i = 0, group = 0, sep = 0;
        if (i < n && s[i] == '-')
                plain[k++] = s[i++];
        size_t first = k;
        while (i < n) {
                if (s[i] >= '0' && s[i] <= '9') {
                        if (k + 1 >= sizeof plain)
                                return DEC_ERR_RANGE;
                        plain[k++] = s[i++];
                        group++;
                        continue;
                }
                size_t len = separator(s + i, n - i);
                if (!len)
                        break;
                if (sep ? len != sep || group != 3 : group < 1 || group > 3 || plain[first] == '0')
                        return DEC_ERR_GROUPING;
                sep = len;
                group = 0;
                i += len;
        }
        if (sep && group != 3)
                return DEC_ERR_GROUPING;
        /* the rest (a fraction) holds no separator */
        for (size_t j = i; j < n; j++) {
                if (separator(s + j, n - j))
                        return DEC_ERR_GROUPING;
                if (k + 1 >= sizeof plain)
                        return (s[j] >= '0' && s[j] <= '9') || s[j] == '.' ? DEC_ERR_PRECISION
                                                                           : DEC_ERR_SYNTAX;
                plain[k++] = s[j];
        }
        return dec_parse(plain, k, out);
}

dec_t dec_from_int(int64_t n)
{
        if (n >= RAW_LIMIT / DEC_SCALE || n <= -RAW_LIMIT / DEC_SCALE)
                return DEC_NONE;
        return (dec_t){n * DEC_SCALE};
}

dec_t dec_make(int64_t units, int dp)
{
        if (dp < 0 || dp > DEC_DIGITS)
                return DEC_NONE;
        return from_i128((i128)units * pow10_table[DEC_DIGITS - dp]);
}

dec_t dec_neg(dec_t a)
{
        return dec_is_set(a) ? (dec_t){-a.raw} : DEC_NONE;
}

dec_t dec_abs(dec_t a)
{
        return dec_is_set(a) && a.raw < 0 ? (dec_t){-a.raw} : a;
}

/* num / den rounded half away from zero in 64 bits; den > 0. */
static int64_t div_round64(int64_t num, int64_t den)
{
        int64_t q = num / den, r = num % den;
        if (r < 0)
                r = -r;
        if (r >= den - r) /* 2r >= den without overflow */
                q += num < 0 ? -1 : 1;
        return q;
}

/* Round the exact quotient num/den (both at raw scale) to dp decimals.
 * Most quotients fit in 64 bits, where division is several times faster
 * than in 128; the result is the same either way. */
static dec_t quotient(i128 num, i128 den, int dp)
{
        if (dp < 0 || dp > DEC_DIGITS || den == 0)
                return DEC_NONE;
        if (den < 0) {
                num = -num;
                den = -den;
        }
        int64_t step = pow10_table[DEC_DIGITS - dp];
        i128 d = den * step;
        if (num >= INT64_MIN + 1 && num <= INT64_MAX && d <= INT64_MAX) {
                int64_t q = div_round64((int64_t)num, (int64_t)d);
                if (q >= -(DEC_RAW_MAX) / step && q <= (DEC_RAW_MAX) / step)
                        return from_i128((i128)q * step);
                return DEC_NONE;
        }
        return from_i128(div_round(num, d) * step);
}

const int64_t dec_steps[DEC_DIGITS + 1] = {1000000, 100000, 10000, 1000, 100, 10, 1};

dec_t dec_round_slow(dec_t a, int dp)
{
        if (!dec_is_set(a) || dp < 0 || dp > DEC_DIGITS)
                return DEC_NONE;
        int64_t step = dec_steps[dp];
        return (dec_t){div_round64(a.raw, step) * step};
}

dec_t dec_mul(dec_t a, dec_t b, int dp)
{
        if (!dec_is_set(a) || !dec_is_set(b))
                return DEC_NONE;
        return quotient((i128)a.raw * b.raw, DEC_SCALE, dp);
}

dec_t dec_div(dec_t a, dec_t b, int dp)
{
        if (!dec_is_set(a) || !dec_is_set(b))
                return DEC_NONE;
        return quotient((i128)a.raw * DEC_SCALE, b.raw, dp);
}

dec_t dec_muldiv(dec_t a, dec_t b, dec_t c, int dp)
{
        if (!dec_is_set(a) || !dec_is_set(b) || !dec_is_set(c))
                return DEC_NONE;
        return quotient((i128)a.raw * b.raw, c.raw, dp);
}

int64_t dec_trunc_int(dec_t a)
{
        return a.raw / DEC_SCALE;
}

int dec_places(dec_t a)
{
        if (!dec_is_set(a))
                return 0;
        int64_t frac = a.raw % DEC_SCALE;
        if (frac < 0)
                frac = -frac;
        int dp = DEC_DIGITS;
        while (dp > 0 && frac % 10 == 0) {
                frac /= 10;
                dp--;
        }
        return dp;
}

static char *format(dec_t a, int dp, bool grouped, char out[DEC_BUFSZ])
{
        if (!dec_is_set(a)) {
                out[0] = '\0';
                return out;
        }
        if (dp >= 0)
                a = dec_round(a, dp > DEC_DIGITS ? DEC_DIGITS : dp);
        else
                dp = dec_places(a);
        uint64_t mag = a.raw < 0 ? (uint64_t)(-(a.raw + 1)) + 1 : (uint64_t)a.raw;
        uint64_t ip = mag / DEC_SCALE, fp = mag % DEC_SCALE;
        char digits[32];
        int nd = 0;
        do {
                digits[nd++] = (char)('0' + ip % 10);
                ip /= 10;
        } while (ip);
        char *p = out;
        if (a.raw < 0)
                *p++ = '-';
        for (int i = nd - 1; i >= 0; i--) {
                *p++ = digits[i];
                if (grouped && i > 0 && i % 3 == 0)
                        *p++ = ',';
        }
        if (dp > 0) {
                *p++ = '.';
                int64_t f = (int64_t)fp / pow10_table[DEC_DIGITS - dp];
                for (int i = dp - 1; i >= 0; i--) {
                        p[i] = (char)('0' + f % 10);
                        f /= 10;
                }
                p += dp;
        }
        *p = '\0';
        return out;
}

char *dec_fmt(dec_t a, int dp, char out[DEC_BUFSZ])
{
        return format(a, dp, false, out);
}

char *dec_fmt_grouped(dec_t a, int dp, char out[DEC_BUFSZ])
{
        return format(a, dp, true, out);
}
