/* Safe file names for downloads and archive entries (see fname.h). */
#include "fname.h"

#include "buf.h"
#include "utf8.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* Code points that never appear in a name handed out. */
static bool replaced(uint32_t cp)
{
        return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == '/' || cp == '\\' ||
               (cp < 0x80 && strchr("\"<>|:*?", (int)cp)) || cp == 0x200E || cp == 0x200F ||
               (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* The stem s[0..n) (the name before its first dot) is a device name of
 * Windows. */
static bool device_name(const char *s, size_t n)
{
        static const char *const fixed[] = {"CON", "PRN", "AUX", "NUL"};
        for (size_t i = 0; i < 4; i++)
                if (n == 3 && strncasecmp(s, fixed[i], 3) == 0)
                        return true;
        return n == 4 && (strncasecmp(s, "COM", 3) == 0 || strncasecmp(s, "LPT", 3) == 0) &&
               s[3] >= '1' && s[3] <= '9';
}

/* The length of the longest prefix of s[0..n) of at most max bytes that
 * ends on a character boundary. */
static size_t cut(const char *s, size_t n, size_t max)
{
        if (n <= max)
                return n;
        while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
                max--;
        return max;
}

const char *fname_clean(struct arena *a, const char *name)
{
        struct buf b = BUF_INIT;
        size_t n = name ? strlen(name) : 0;
        for (size_t i = 0; i < n;) {
                uint32_t cp;
                size_t k = utf8_decode(name + i, n - i, &cp);
                bool invalid = cp == 0xFFFD && k == 1;
                if (invalid || replaced(cp))
                        buf_putc(&b, '_');
                else
                        buf_append(&b, name + i, k);
                i += k;
        }
        /* trailing dots and blanks go, leading ones are kept visible */
        size_t len = b.len;
        while (len && (b.data[len - 1] == '.' || b.data[len - 1] == ' '))
                len--;
        buf_truncate(&b, len);
        for (size_t i = 0; i < b.len && (b.data[i] == '.' || b.data[i] == ' '); i++)
                b.data[i] = '_';
        const char *s = buf_str(&b);
        size_t stem = strcspn(s, ".");
        const char *out;
        if (!b.len) {
                out = arena_strdup(a, "download");
        } else {
                const char *dot = strrchr(s, '.');
                size_t ext = dot && b.len - (size_t)(dot - s) <= 16 ? b.len - (size_t)(dot - s) : 0;
                bool dev = device_name(s, stem);
                size_t room = FNAME_MAX_BYTES - ext - dev;
                size_t keep = cut(s, b.len - ext, room);
                while (!ext && keep && (s[keep - 1] == '.' || s[keep - 1] == ' '))
                        keep--; /* the cut made a new end */
                out = arena_printf(a, "%s%.*s%s", dev ? "_" : "", (int)keep, s,
                                   ext ? s + b.len - ext : "");
        }
        buf_free(&b);
        return out;
}
