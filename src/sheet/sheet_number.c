/* Numbers as spreadsheet files write them (see sheet_int.h): the text of
 * a cell's value turned into the exact decimal it stands for, without
 * binary floating point. */
#include "sheet_int.h"

#include <string.h>

/* A double carries 15 to 17 significant digits of which 15 are exact. */
enum { SIG_DIGITS = 15, MAX_POINT = 40 };

enum sheet_num_status sheet_number_text(const char *s, struct buf *out)
{
        bool neg = false;
        if (*s == '-' || *s == '+')
                neg = *s++ == '-';
        /* value = 0.digits × 10^pos, digits without leading zeros */
        char digits[64];
        size_t n = 0;
        long pos = 0;
        bool point = false, any = false;
        for (; (*s >= '0' && *s <= '9') || (*s == '.' && !point); s++) {
                if (*s == '.') {
                        point = true;
                        continue;
                }
                any = true;
                if (n == 0 && *s == '0') {
                        if (point)
                                pos--; /* 0.00x */
                        continue;
                }
                if (!point)
                        pos++;
                if (n < sizeof digits)
                        digits[n++] = *s;
                else if (!point && pos > MAX_POINT)
                        return SHEET_NUM_RANGE;
        }
        if (!any)
                return SHEET_NUM_SYNTAX;
        long exp = 0;
        if (*s == 'e' || *s == 'E') {
                s++;
                bool eneg = false;
                if (*s == '-' || *s == '+')
                        eneg = *s++ == '-';
                if (*s < '0' || *s > '9')
                        return SHEET_NUM_SYNTAX;
                for (; *s >= '0' && *s <= '9'; s++)
                        if (exp < 100000)
                                exp = exp * 10 + (*s - '0');
                if (eneg)
                        exp = -exp;
        }
        if (*s)
                return SHEET_NUM_SYNTAX;
        if (n == 0) {
                buf_putc(out, '0');
                return SHEET_NUM_OK;
        }
        pos += exp;
        if (n > SIG_DIGITS) {
                bool up = digits[SIG_DIGITS] >= '5';
                n = SIG_DIGITS;
                for (size_t i = n; up && i-- > 0;) {
                        if (digits[i] == '9') {
                                digits[i] = '0';
                        } else {
                                digits[i]++;
                                up = false;
                        }
                }
                if (up) { /* 999… → 1000… */
                        memmove(digits + 1, digits, n - 1);
                        digits[0] = '1';
                        pos++;
                }
        }
        while (n > 0 && digits[n - 1] == '0' && (long)n > pos)
                n--; /* trailing zeros of the fraction */
        if (pos > MAX_POINT)
                return SHEET_NUM_RANGE;
        if (pos < -MAX_POINT) {
                buf_putc(out, '0');
                buf_puts(out, ".");
                buf_repeat(out, "0", MAX_POINT);
                buf_putc(out, '1'); /* far too many decimals: reported as such */
                return SHEET_NUM_OK;
        }
        if (neg)
                buf_putc(out, '-');
        if (pos <= 0) {
                buf_puts(out, "0.");
                buf_repeat(out, "0", (size_t)-pos);
                buf_append(out, digits, n);
        } else if ((size_t)pos >= n) {
                buf_append(out, digits, n);
                buf_repeat(out, "0", (size_t)pos - n);
        } else {
                buf_append(out, digits, (size_t)pos);
                buf_putc(out, '.');
                buf_append(out, digits + pos, n - (size_t)pos);
        }
        return SHEET_NUM_OK;
}
