/* multipart/form-data parser (see multipart.h).
 *
 * The body is   preamble "--B" CRLF part ( CRLF "--B" CRLF part )* CRLF "--B--" epilogue
 * and a part is header lines, an empty line, then content up to the next
 * CRLF "--B". Only Content-Disposition (form-data; name; filename) and
 * Content-Type are read; other part headers are ignored. Everything is
 * bounded: parts, header bytes, boundary length. */
#include "multipart.h"

#include "../base/utf8.h"
#include "../base/vec.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The first occurrence of needle[0..n) in s[0..len), or NULL. */
static const char *find(const char *s, size_t len, const char *needle, size_t n)
{
        if (n == 0 || len < n)
                return NULL;
        const char *end = s + len - n + 1;
        for (const char *p = s; p < end; p++) {
                p = memchr(p, needle[0], (size_t)(end - p));
                if (!p)
                        return NULL;
                if (memcmp(p, needle, n) == 0)
                        return p;
        }
        return NULL;
}

static bool boundary_char(char c)
{
        return c && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                     strchr("'()+_,-./:=? ", c) != NULL);
}

/* The value of parameter name (e.g. "boundary") of a header value such as
 * `multipart/form-data; boundary="x"` (v[0..n)), copied into a; NULL when
 * absent. Quoted values may escape '"' and '\' with a backslash. *nul is
 * set when the value holds a NUL byte (part headers are bytes of the
 * body, so they can). */
static const char *header_param(struct arena *a, const char *v, size_t n, const char *name,
                                bool *nul)
{
        size_t name_len = strlen(name);
        const char *p = v, *end = v + n;
        while (p < end && *p != ';') /* skip the leading token (form-data, …) */
                p++;
        while (p < end) {
                p++; /* the ';' */
                while (p < end && (*p == ' ' || *p == '\t'))
                        p++;
                const char *key = p;
                while (p < end && *p != '=' && *p != ';')
                        p++;
                size_t key_len = (size_t)(p - key);
                while (key_len && (key[key_len - 1] == ' ' || key[key_len - 1] == '\t'))
                        key_len--;
                if (p == end || *p == ';')
                        continue; /* a parameter without a value */
                p++;              /* '=' */
                while (p < end && (*p == ' ' || *p == '\t'))
                        p++;
                bool hit = key_len == name_len && strncasecmp(key, name, name_len) == 0;
                struct buf val = BUF_INIT;
                if (p < end && *p == '"') {
                        for (p++; p < end && *p != '"'; p++) {
                                if (*p == '\\' && p + 1 < end && (p[1] == '"' || p[1] == '\\'))
                                        p++;
                                buf_putc(&val, *p);
                        }
                        while (p < end && *p != ';') /* the closing quote and anything after */
                                p++;
                } else {
                        const char *start = p;
                        while (p < end && *p != ';')
                                p++;
                        size_t m = (size_t)(p - start);
                        while (m && (start[m - 1] == ' ' || start[m - 1] == '\t'))
                                m--;
                        buf_append(&val, start, m);
                }
                if (!hit) {
                        buf_free(&val);
                        continue;
                }
                char *copy = arena_alloc(a, val.len + 1);
                if (val.len)
                        memcpy(copy, val.data, val.len);
                copy[val.len] = '\0';
                *nul = *nul || memchr(copy, '\0', val.len) != NULL;
                buf_free(&val);
                return copy;
        }
        return NULL;
}

/* The boundary of a Content-Type value, or NULL with *why set. */
static const char *read_boundary(struct arena *a, const char *content_type, const char **why)
{
        bool nul = false;
        const char *b = header_param(a, content_type, strlen(content_type), "boundary", &nul);
        if (!b || !*b) {
                *why = "表单缺少分隔符（Content-Type 的 boundary 参数），无法读取上传的内容";
                return NULL;
        }
        size_t n = strlen(b);
        bool ok = n <= MULTIPART_MAX_BOUNDARY && b[n - 1] != ' ';
        for (size_t i = 0; ok && i < n; i++)
                ok = boundary_char(b[i]);
        if (!ok) {
                *why = "表单分隔符（boundary）无效：应为 1 到 70 个字母、数字或 '()+_,-./:=? "
                       "字符，且不以空格结尾";
                return NULL;
        }
        return b;
}

/* What the headers of one part say. */
struct part_head {
        bool disposition; /* a Content-Disposition header was seen */
        bool form_data;   /* … of type form-data */
        const char *name;
        const char *filename; /* NULL: a text field */
        const char *content_type;
};

static bool name_is(const char *line, size_t n, const char *name, size_t *value_at)
{
        size_t k = strlen(name);
        if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':')
                return false;
        size_t i = k + 1;
        while (i < n && (line[i] == ' ' || line[i] == '\t'))
                i++;
        *value_at = i;
        return true;
}

/* Read the header lines of part number no starting at *p; on success *p
 * is the first byte of the content. */
static const char *read_head(struct arena *a, size_t no, const char **p, const char *end,
                             struct part_head *h)
{
        memset(h, 0, sizeof(*h));
        const char *start = *p;
        bool nul = false;
        for (;;) {
                size_t used = (size_t)(*p - start);
                if (used > MULTIPART_MAX_HEADER)
                        return arena_printf(a, "表单第 %zu 部分的头部超过 %d KiB", no,
                                            MULTIPART_MAX_HEADER / 1024);
                size_t avail = (size_t)(end - *p), window = MULTIPART_MAX_HEADER - used + 2;
                const char *crlf = find(*p, avail < window ? avail : window, "\r\n", 2);
                if (!crlf)
                        return avail >= window
                                   ? arena_printf(a, "表单第 %zu 部分的头部超过 %d KiB", no,
                                                  MULTIPART_MAX_HEADER / 1024)
                                   : arena_printf(a,
                                                  "表单内容不完整：第 %zu 部分的头部没有结束"
                                                  "（上传可能被中断）",
                                                  no);
                const char *line = *p;
                size_t n = (size_t)(crlf - line);
                *p = crlf + 2;
                if (n == 0)
                        break;
                const char *colon = memchr(line, ':', n);
                if (!colon || colon == line || line[0] == ' ' || line[0] == '\t')
                        return arena_printf(
                            a, "表单第 %zu 部分的头部格式有误（每行应为“名称: 值”）", no);
                size_t at;
                if (name_is(line, n, "Content-Disposition", &at)) {
                        if (h->disposition)
                                return arena_printf(
                                    a, "表单第 %zu 部分有多个 Content-Disposition 头", no);
                        h->disposition = true;
                        const char *v = line + at;
                        size_t vn = n - at;
                        h->form_data = vn >= 9 && strncasecmp(v, "form-data", 9) == 0 &&
                                       (vn == 9 || v[9] == ';' || v[9] == ' ' || v[9] == '\t');
                        h->name = header_param(a, v, vn, "name", &nul);
                        h->filename = header_param(a, v, vn, "filename", &nul);
                } else if (name_is(line, n, "Content-Type", &at)) {
                        size_t vn = n - at;
                        while (vn && (line[at + vn - 1] == ' ' || line[at + vn - 1] == '\t'))
                                vn--;
                        if (memchr(line + at, '\0', vn))
                                return arena_printf(a, "表单第 %zu 部分的 Content-Type 含有空字符",
                                                    no);
                        h->content_type = arena_strndup(a, line + at, vn);
                }
        }
        if (!h->disposition)
                return arena_printf(a, "表单第 %zu 部分缺少 Content-Disposition 头", no);
        if (!h->form_data)
                return arena_printf(a, "表单第 %zu 部分的 Content-Disposition 应为 form-data", no);
        if (nul)
                return arena_printf(a, "表单第 %zu 部分的字段名或文件名含有空字符", no);
        if (!h->name || !*h->name)
                return arena_printf(
                    a, "表单第 %zu 部分缺少字段名（Content-Disposition 的 name 参数）", no);
        if (!utf8_valid(h->name, strlen(h->name)) ||
            (h->filename && !utf8_valid(h->filename, strlen(h->filename))))
                return arena_printf(a, "表单第 %zu 部分的字段名或文件名不是有效的 UTF-8 编码", no);
        return NULL;
}

const char *multipart_parse(struct arena *a, const char *content_type, const char *body, size_t len,
                            struct multipart *out)
{
        memset(out, 0, sizeof(*out));
        const char *why = NULL;
        const char *boundary = read_boundary(a, content_type, &why);
        if (!boundary)
                return why;
        /* the delimiter with its leading CRLF: "\r\n--" boundary */
        size_t blen = strlen(boundary);
        size_t dlen = 4 + blen;
        char *delim = arena_alloc(a, dlen + 1);
        memcpy(delim, "\r\n--", 4);
        memcpy(delim + 4, boundary, blen + 1);

        const char *end = body + len, *p;
        if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0) {
                p = body + dlen - 2;
        } else {
                const char *first = find(body, len, delim, dlen);
                if (!first)
                        return "表单内容不完整：找不到第一个分隔符（boundary），请重新提交";
                p = first + dlen;
        }
        struct vec fields = VEC_INIT(struct param), uploads = VEC_INIT(struct upload);
        size_t no = 0;
        for (;;) {
                /* after a delimiter: "--" ends the body, else optional blanks and CRLF */
                if (end - p >= 2 && p[0] == '-' && p[1] == '-')
                        break;
                while (p < end && (*p == ' ' || *p == '\t'))
                        p++;
                if (end - p < 2 || p[0] != '\r' || p[1] != '\n') {
                        why = p >= end ? "表单内容不完整：缺少结束分隔符（上传可能被中断）"
                                       : arena_printf(a, "表单格式有误：第 %zu 个分隔符后应换行",
                                                      no + 1);
                        break;
                }
                p += 2;
                if (++no > MULTIPART_MAX_PARTS) {
                        why = arena_printf(a, "表单最多可有 %d 个部分，实际超过了这个数",
                                           MULTIPART_MAX_PARTS);
                        break;
                }
                struct part_head h;
                if ((why = read_head(a, no, &p, end, &h)))
                        break;
                const char *stop = find(p, (size_t)(end - p), delim, dlen);
                if (!stop) {
                        why = arena_printf(a,
                                           "表单内容不完整：第 %zu 部分（字段“%s”）没有结束分隔符"
                                           "（上传可能被中断）",
                                           no, h.name);
                        break;
                }
                size_t n = (size_t)(stop - p);
                if (h.filename) {
                        struct upload *u = vec_push(&uploads);
                        u->field = h.name;
                        u->filename = h.filename;
                        u->content_type = h.content_type;
                        u->data = p;
                        u->len = n;
                } else {
                        if (memchr(p, '\0', n)) {
                                why = arena_printf(a, "表单字段“%s”含有空字符", h.name);
                                break;
                        }
                        struct param *f = vec_push(&fields);
                        f->name = h.name;
                        f->value = arena_strndup(a, p, n);
                }
                p = stop + dlen;
        }
        out->fields = vec_finish(&fields, a, &out->n_fields);
        out->uploads = vec_finish(&uploads, a, &out->n_uploads);
        if (why)
                memset(out, 0, sizeof(*out));
        return why;
}
