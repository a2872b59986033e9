/* UTF-8 decoding and display width (see utf8.h). */
#include "utf8.h"

size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
        const unsigned char *s = (const unsigned char *)str;
        *cp = 0xFFFD;
        if (n == 0)
                return 0;
        if (s[0] < 0x80) {
                *cp = s[0];
                return 1;
        }
        size_t len;
        uint32_t v, min;
        if ((s[0] & 0xE0) == 0xC0) {
                len = 2, v = s[0] & 0x1F, min = 0x80;
        } else if ((s[0] & 0xF0) == 0xE0) {
                len = 3, v = s[0] & 0x0F, min = 0x800;
        } else if ((s[0] & 0xF8) == 0xF0) {
                len = 4, v = s[0] & 0x07, min = 0x10000;
        } else {
                return 1;
        }
        if (len > n)
                return 1;
        for (size_t i = 1; i < len; i++) {
                if ((s[i] & 0xC0) != 0x80)
                        return 1;
                v = (v << 6) | (s[i] & 0x3F);
        }
        if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
                return 1;
        *cp = v;
        return len;
}

int utf8_cp_width(uint32_t cp)
{
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
                return 0;
        if ((cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B || (cp >= 0xFE00 && cp <= 0xFE0F))
                return 0;
        if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
            (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
            (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
            (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
            (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
            (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
            (cp >= 0x20000 && cp <= 0x3FFFD))
                return 2;
        return 1;
}

size_t utf8_width(const char *s, size_t n)
{
        size_t w = 0;
        for (size_t i = 0; i < n;) {
                uint32_t cp;
                i += utf8_decode(s + i, n - i, &cp);
                w += (size_t)utf8_cp_width(cp);
        }
        return w;
}

size_t utf8_prefix_for_width(const char *s, size_t n, size_t cols)
{
        size_t w = 0, i = 0;
        while (i < n) {
                uint32_t cp;
                size_t len = utf8_decode(s + i, n - i, &cp);
                size_t cw = (size_t)utf8_cp_width(cp);
                if (w + cw > cols)
                        break;
                w += cw;
                i += len;
        }
        return i;
}

bool utf8_valid(const char *s, size_t n)
{
        for (size_t i = 0; i < n;) {
                uint32_t cp;
                size_t len = utf8_decode(s + i, n - i, &cp);
                if (cp == 0xFFFD && len == 1 && (unsigned char)s[i] >= 0x80)
                        return false;
                i += len;
        }
        return true;
}
