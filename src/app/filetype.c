/* File names and the type check by content of uploads (see filetype.h).
 *
 * The content decides: magic numbers for PDF, PNG, JPEG and OLE2 (the
 * container of .doc and .xls), and for ZIP the entries that make a Word
 * (word/document.xml) or Excel (xl/workbook.xml) file, read with libzip
 * from memory. The extension must then name that same type. */
#include "filetype.h"

#include "../base/utf8.h"

#include <stdbool.h>
#include <string.h>
#include <zip.h>

const char filetype_accepted[] =
    "只能上传 PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）或图片（.png/.jpg）文件";

enum kind { K_PDF, K_DOCX, K_XLSX, K_DOC, K_XLS, K_PNG, K_JPEG, K_N, K_OLE2 = K_N, K_UNKNOWN };

static const struct filetype types[K_N] = {
    [K_PDF] = {"PDF 文档", "application/pdf", "pdf"},
    [K_DOCX] = {"Word 文档",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"},
    [K_XLSX] = {"Excel 工作簿", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx"},
    [K_DOC] = {"Word 97-2003 文档", "application/msword", "doc"},
    [K_XLS] = {"Excel 97-2003 工作簿", "application/vnd.ms-excel", "xls"},
    [K_PNG] = {"PNG 图片", "image/png", "png"},
    [K_JPEG] = {"JPEG 图片", "image/jpeg", "jpg"},
};

/* Accepted extensions (lower case) and the type each names. */
static const struct {
        const char *ext;
        enum kind kind;
} extensions[] = {
    {"pdf", K_PDF}, {"docx", K_DOCX}, {"xlsx", K_XLSX}, {"doc", K_DOC},
    {"xls", K_XLS}, {"png", K_PNG},   {"jpg", K_JPEG},  {"jpeg", K_JPEG},
};

/* ---- names ------------------------------------------------------------------------ */

/* Controls (C0, DEL, C1) and the characters that reorder text, which can
 * make "report<U+202E>fdp.exe" read as "reportexe.pdf". */
static bool forbidden(uint32_t cp)
{
        return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x200E || cp == 0x200F ||
               (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

const char *filetype_clean_name(struct arena *a, const char *filename, const char **why)
{
        if (!filename || !*filename) {
                *why = "请选择要上传的文件";
                return NULL;
        }
        const char *base = filename;
        for (const char *p = filename; *p; p++)
                if (*p == '/' || *p == '\\')
                        base = p + 1;
        size_t n = strlen(base);
        while (*base == ' ' || *base == '\t')
                base++, n--;
        while (n && (base[n - 1] == ' ' || base[n - 1] == '\t'))
                n--;
        if (!n) {
                *why = arena_printf(a, "“%s” 只有路径，没有文件名，请重新选择文件", filename);
                return NULL;
        }
        if (!utf8_valid(base, n)) {
                *why = "文件名不是有效的 UTF-8 编码，请改名后重新上传";
                return NULL;
        }
        size_t chars = 0;
        for (size_t i = 0; i < n; chars++) {
                uint32_t cp;
                i += utf8_decode(base + i, n - i, &cp);
                if (forbidden(cp)) {
                        *why = "文件名不能含有控制字符（如换行、制表符）或改变文字方向的字符，"
                               "请改名后重新上传";
                        return NULL;
                }
        }
        const char *name = arena_strndup(a, base, n);
        if (chars > FILETYPE_NAME_MAX) {
                *why = arena_printf(a, "文件名最长 %d 个字符，“%s” 有 %zu 个，请改短后重新上传",
                                    FILETYPE_NAME_MAX, name, chars);
                return NULL;
        }
        const char *dot = strrchr(name, '.');
        if (!dot || dot == name || !dot[1]) {
                *why = arena_printf(a, "文件名须带扩展名（例如 .pdf），“%s” 没有扩展名", name);
                return NULL;
        }
        return name;
}

/* ---- content ------------------------------------------------------------------------ */

static bool starts(const unsigned char *d, size_t len, const char *magic, size_t n)
{
        return len >= n && memcmp(d, magic, n) == 0;
}

/* A ZIP archive: Word, Excel or neither; *macros when it holds VBA code. */
static enum kind zip_kind(const void *data, size_t len, bool *macros)
{
        zip_error_t ze;
        zip_error_init(&ze);
        zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
        if (!src) {
                zip_error_fini(&ze);
                return K_UNKNOWN;
        }
        zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
        if (!z) {
                zip_source_free(src);
                zip_error_fini(&ze);
                return K_UNKNOWN;
        }
        enum kind k = K_UNKNOWN;
        if (zip_name_locate(z, "word/document.xml", 0) >= 0) {
                k = K_DOCX;
                *macros = zip_name_locate(z, "word/vbaProject.bin", 0) >= 0;
        } else if (zip_name_locate(z, "xl/workbook.xml", 0) >= 0) {
                k = K_XLSX;
                *macros = zip_name_locate(z, "xl/vbaProject.bin", 0) >= 0;
        }
        zip_discard(z); /* frees src */
        zip_error_fini(&ze);
        return k;
}

static enum kind sniff(const void *data, size_t len, bool *macros)
{
        const unsigned char *d = data;
        if (starts(d, len, "%PDF-", 5))
                return K_PDF;
        if (starts(d, len, "\x89PNG\r\n\x1a\n", 8) && len >= 24 && memcmp(d + 12, "IHDR", 4) == 0)
                return K_PNG;
        if (starts(d, len, "\xff\xd8\xff", 3))
                return K_JPEG;
        if (starts(d, len, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) && len >= 512)
                return K_OLE2;
        if (starts(d, len, "PK\x03\x04", 4))
                return zip_kind(data, len, macros);
        return K_UNKNOWN;
}

/* The type the extension of name names, K_UNKNOWN when none; *ext is
 * the extension as written. */
static enum kind kind_of_name(const char *name, const char **ext)
{
        const char *dot = strrchr(name, '.');
        *ext = dot ? dot + 1 : "";
        char lower[8];
        size_t n = strlen(*ext);
        if (n >= sizeof lower)
                return K_UNKNOWN;
        for (size_t i = 0; i <= n; i++)
                lower[i] =
                    (*ext)[i] >= 'A' && (*ext)[i] <= 'Z' ? (char)((*ext)[i] + 32) : (*ext)[i];
        for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++)
                if (strcmp(lower, extensions[i].ext) == 0)
                        return extensions[i].kind;
        return K_UNKNOWN;
}

const struct filetype *filetype_detect(struct arena *a, const char *name, const void *data,
                                       size_t len, const char **why)
{
        if (len == 0) {
                *why = arena_printf(a, "“%s” 是空文件（0 字节），请选择有内容的文件", name);
                return NULL;
        }
        bool macros = false;
        enum kind content = sniff(data, len, &macros);
        const char *ext;
        enum kind named = kind_of_name(name, &ext);
        if (content == K_UNKNOWN) {
                *why = arena_printf(a, "%s；“%s” 的内容不是其中任何一种", filetype_accepted, name);
                return NULL;
        }
        if (content == K_OLE2 && (named == K_DOC || named == K_XLS))
                content = named;
        const char *label = content == K_OLE2 ? "Word 或 Excel 97-2003 文件" : types[content].label;
        const char *should = content == K_OLE2 ? ".doc 或 .xls" : NULL;
        if (!should)
                should = arena_printf(a, ".%s", types[content].ext);
        if (named == K_UNKNOWN) {
                *why =
                    arena_printf(a, "%s；“%s” 的扩展名 .%s 不在其中（其内容是 %s，扩展名应为 %s）",
                                 filetype_accepted, name, ext, label, should);
                return NULL;
        }
        if (named != content) {
                *why = arena_printf(a,
                                    "“%s” 的扩展名 .%s 与内容不符：内容是 %s，扩展名应为 %s；"
                                    "请确认文件后重新上传",
                                    name, ext, label, should);
                return NULL;
        }
        if (macros) {
                *why = arena_printf(
                    a,
                    "“%s” 含有宏（VBA 代码），为安全起见不能上传；请另存为不含宏的 .%s "
                    "文件后重新上传",
                    name, types[content].ext);
                return NULL;
        }
        return &types[content];
}

const struct filetype *filetype_by_media(const char *media_type)
{
        for (size_t i = 0; media_type && i < K_N; i++)
                if (strcmp(types[i].media_type, media_type) == 0)
                        return &types[i];
        return NULL;
}
