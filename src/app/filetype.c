/* File names and the type check by content of uploads (see filetype.h).
 *
 * The content decides: magic numbers for PDF, PNG, JPEG and OLE2 (the
 * container of .doc and .xls), and for ZIP the entries that make a Word
 * (word/document.xml) or Excel (xl/workbook.xml) file, read with libzip
 * from memory. The extension must then name that same type.
 *
 * Macros are looked for where Office keeps them, whatever they are
 * called: in a package (.docx/.xlsx), parts named vbaProject.bin or
 * vbaData.xml and macro sheets in any letter case, and any content type
 * or relationship of [Content_Types].xml and the *.rels parts that
 * declares a VBA project, a macro-enabled document or a macro sheet (so a
 * renamed VBA part is found through what points at it); in a compound
 * file (.doc/.xls, [MS-CFB]), a storage or stream named VBA, Macros,
 * _VBA_PROJECT or _VBA_PROJECT_CUR, and Excel 4.0 macro sheets declared
 * in the workbook stream ([MS-XLS] BoundSheet8). A file whose structure
 * cannot be read is refused: no one can say it holds no macros. */
#include "filetype.h"

#include "../base/buf.h"
#include "../base/utf8.h"

#include <expat.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

/* What a file holds besides its content, worst last. */
enum macros { M_NONE, M_XLM, M_VBA, M_UNREADABLE };

static enum macros worst(enum macros a, enum macros b)
{
        return a > b ? a : b;
}

/* ASCII lower case of s into out (cap bytes, NUL-terminated). */
static void lower(const char *s, char *out, size_t cap)
{
        size_t i = 0;
        for (; s[i] && i + 1 < cap; i++)
                out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
        out[i] = '\0';
}

static bool ends_with(const char *s, const char *suffix)
{
        size_t n = strlen(s), k = strlen(suffix);
        return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* What a content type, relationship type or target (any case) declares. */
static enum macros declared(const char *value)
{
        char v[512];
        lower(value, v, sizeof v);
        if (strstr(v, "vbaproject") || strstr(v, "macroenabled") || strstr(v, "vbadata"))
                return M_VBA;
        if (strstr(v, "macrosheet"))
                return M_XLM;
        return M_NONE;
}

/* ---- packages (.docx, .xlsx) ---- */

enum {
        PART_MAX = 4 << 20,     /* bytes of one [Content_Types].xml or .rels part */
        PARTS_TOTAL = 32 << 20, /* bytes inflated for all of them */
};

struct scan {
        XML_Parser p;
        enum macros found;
};

static void XMLCALL on_element(void *ud, const XML_Char *name, const XML_Char **attrs)
{
        (void)name;
        struct scan *sc = ud;
        for (size_t i = 0; attrs[i] && attrs[i + 1]; i += 2)
                sc->found = worst(sc->found, declared(attrs[i + 1]));
}

/* Declarations could define entities that hide a type: not in a package. */
static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal_subset)
{
        (void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
        struct scan *sc = ud;
        sc->found = M_UNREADABLE;
        XML_StopParser(sc->p, XML_FALSE);
}

/* The types and relationships of entry i, inflated into at most *budget
 * bytes (reduced by what was read). */
static enum macros scan_part(zip_t *z, zip_uint64_t i, size_t *budget)
{
        zip_file_t *f = zip_fopen_index(z, i, 0);
        if (!f)
                return M_UNREADABLE;
        struct scan sc = {XML_ParserCreate(NULL), M_NONE};
        XML_SetUserData(sc.p, &sc);
        XML_SetStartElementHandler(sc.p, on_element);
        XML_SetStartDoctypeDeclHandler(sc.p, on_doctype);
        char chunk[16384];
        size_t part = 0;
        for (;;) {
                zip_int64_t n = zip_fread(f, chunk, sizeof chunk);
                if (n < 0 || (size_t)n > *budget || part + (size_t)n > PART_MAX) {
                        sc.found = M_UNREADABLE; /* unreadable, or too large for what it is */
                        break;
                }
                *budget -= (size_t)n;
                part += (size_t)n;
                if (XML_Parse(sc.p, chunk, (int)n, n == 0) != XML_STATUS_OK) {
                        sc.found = M_UNREADABLE;
                        break;
                }
                if (n == 0)
                        break;
        }
        XML_ParserFree(sc.p);
        zip_fclose(f);
        return sc.found;
}

/* The macros of an open package: its part names, content types and
 * relationships. */
static enum macros package_macros(zip_t *z)
{
        enum macros found = M_NONE;
        size_t budget = PARTS_TOTAL;
        zip_int64_t n = zip_get_num_entries(z, 0);
        for (zip_int64_t i = 0; i < n && found != M_UNREADABLE; i++) {
                const char *name = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
                if (!name)
                        return M_UNREADABLE;
                char lo[1024];
                lower(name, lo, sizeof lo);
                const char *base = strrchr(lo, '/') ? strrchr(lo, '/') + 1 : lo;
                if (strcmp(base, "vbaproject.bin") == 0 || strcmp(base, "vbadata.xml") == 0)
                        found = worst(found, M_VBA);
                else if (strstr(lo, "macrosheets/"))
                        found = worst(found, M_XLM);
                if (strcmp(lo, "[content_types].xml") == 0 || ends_with(lo, ".rels"))
                        found = worst(found, scan_part(z, (zip_uint64_t)i, &budget));
        }
        return found;
}

/* A ZIP archive: Word, Excel or neither; *macros what it holds. */
static enum kind zip_kind(const void *data, size_t len, enum macros *macros)
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
        if (zip_name_locate(z, "word/document.xml", 0) >= 0)
                k = K_DOCX;
        else if (zip_name_locate(z, "xl/workbook.xml", 0) >= 0)
                k = K_XLSX;
        if (k != K_UNKNOWN)
                *macros = package_macros(z);
        zip_discard(z); /* frees src */
        zip_error_fini(&ze);
        return k;
}

/* ---- compound files (.doc, .xls) ---- */

enum {
        CFB_ENDOFCHAIN = 0xfffffffeu,
        CFB_HEADER = 512,
        CFB_DIR_ENTRY = 128,
        CFB_STREAM_MAX = 16 << 20, /* bytes of a stream read, at most */
};

struct cfb {
        const unsigned char *d;
        size_t len;
        unsigned shift;     /* sector size = 1 << shift (512 or 4096) */
        size_t n_sectors;   /* whole sectors after the header */
        uint32_t *fat_secs; /* where the sectors of the allocation table are */
        size_t n_fat_secs;
        uint32_t cutoff; /* streams shorter than this live in the mini stream */
};

static uint32_t u32(const unsigned char *p)
{
        return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned u16(const unsigned char *p)
{
        return (unsigned)p[0] | (unsigned)p[1] << 8;
}

/* Sector n, or NULL when it is not in the file. */
static const unsigned char *cfb_sector(const struct cfb *c, uint32_t n)
{
        return n < c->n_sectors ? c->d + ((size_t)(n + 1) << c->shift) : NULL;
}

/* The sector after n in its chain; false when the table does not say. */
static bool cfb_next(const struct cfb *c, uint32_t n, uint32_t *next)
{
        size_t per = ((size_t)1 << c->shift) / 4;
        const unsigned char *fat =
            n / per < c->n_fat_secs ? cfb_sector(c, c->fat_secs[n / per]) : NULL;
        if (!fat)
                return false;
        *next = u32(fat + 4 * (n % per));
        return true;
}

/* The chain of sectors from start into out, at most max bytes; false on
 * a broken chain (out of the file, a loop). */
static bool cfb_chain(const struct cfb *c, uint32_t start, size_t max, struct buf *out)
{
        size_t size = (size_t)1 << c->shift;
        uint32_t s = start;
        for (size_t steps = 0; s != CFB_ENDOFCHAIN && out->len < max; steps++) {
                const unsigned char *p = cfb_sector(c, s);
                if (!p || steps > c->n_sectors)
                        return false;
                buf_append(out, p, max - out->len < size ? max - out->len : size);
                if (!cfb_next(c, s, &s))
                        return false;
        }
        return true;
}

/* The header and the sectors of the allocation table. */
static bool cfb_open(struct cfb *c, const void *data, size_t len)
{
        const unsigned char *d = data;
        memset(c, 0, sizeof(*c));
        if (len < CFB_HEADER || u16(d + 0x1c) != 0xfffe)
                return false;
        c->d = d;
        c->len = len;
        c->shift = u16(d + 0x1e);
        if ((c->shift != 9 && c->shift != 12) || u16(d + 0x20) != 6)
                return false;
        c->n_sectors = len >> c->shift;
        if (c->n_sectors)
                c->n_sectors--; /* the header takes the first sector's place */
        c->cutoff = u32(d + 0x38);
        uint32_t n_fat = u32(d + 0x2c);
        if (n_fat == 0 || n_fat > c->n_sectors)
                return false;
        c->fat_secs = calloc(n_fat, sizeof *c->fat_secs);
        if (!c->fat_secs)
                return false;
        for (uint32_t i = 0; i < n_fat && i < 109; i++)
                c->fat_secs[c->n_fat_secs++] = u32(d + 0x4c + 4 * i);
        uint32_t difat = u32(d + 0x44);
        size_t per = ((size_t)1 << c->shift) / 4;
        for (size_t steps = 0; c->n_fat_secs < n_fat; steps++) {
                const unsigned char *p = cfb_sector(c, difat);
                if (!p || steps > c->n_sectors)
                        return false;
                for (size_t i = 0; i + 1 < per && c->n_fat_secs < n_fat; i++)
                        c->fat_secs[c->n_fat_secs++] = u32(p + 4 * i);
                difat = u32(p + 4 * (per - 1));
        }
        return true;
}

/* The first bytes (at most CFB_STREAM_MAX) of the stream of the directory
 * entry e, from regular sectors or from the mini stream (whose container
 * is the root entry's stream). */
static bool cfb_stream(const struct cfb *c, const unsigned char *e, const unsigned char *root,
                       struct buf *out)
{
        size_t size = u32(e + 0x78);
        size_t want = size < CFB_STREAM_MAX ? size : CFB_STREAM_MAX;
        if (size >= c->cutoff)
                return cfb_chain(c, u32(e + 0x74), want, out);
        /* the mini stream: 64-byte sectors listed by the mini allocation table */
        struct buf container = BUF_INIT, minifat = BUF_INIT;
        bool ok = root && cfb_chain(c, u32(root + 0x74), u32(root + 0x78), &container) &&
                  cfb_chain(c, u32(c->d + 0x3c), (size_t)u32(c->d + 0x40) << c->shift, &minifat);
        uint32_t m = u32(e + 0x74);
        for (size_t steps = 0; ok && m != CFB_ENDOFCHAIN && out->len < want; steps++) {
                size_t at = (size_t)m * 64;
                ok = at < container.len && (size_t)m * 4 + 4 <= minifat.len &&
                     steps <= container.len / 64;
                if (ok) {
                        size_t n = container.len - at < 64 ? container.len - at : 64;
                        buf_append(out, container.data + at,
                                   want - out->len < n ? want - out->len : n);
                        m = u32((const unsigned char *)minifat.data + 4 * (size_t)m);
                }
        }
        buf_free(&container);
        buf_free(&minifat);
        return ok;
}

/* Excel 4.0 macro sheets (and BIFF5 VBA modules) declared by the BoundSheet
 * records of a workbook stream's globals. */
static enum macros biff_macros(const struct buf *wb)
{
        const unsigned char *p = (const unsigned char *)wb->data;
        for (size_t at = 0; at + 4 <= wb->len;) {
                unsigned type = u16(p + at), n = u16(p + at + 2);
                if (type == 0x000a) /* EOF: the end of the globals */
                        break;
                if (type == 0x0085 && n >= 6 && at + 4 + n <= wb->len)
                        switch (p[at + 4 + 5]) {
                        case 1:
                                return M_XLM;
                        case 6:
                                return M_VBA;
                        }
                at += 4 + (size_t)n;
        }
        return M_NONE;
}

/* The directory entry's name, ASCII in lower case ('?' for others). */
static void entry_name(const unsigned char *e, char out[33])
{
        unsigned bytes = u16(e + 0x40);
        size_t n = bytes >= 2 && bytes <= 64 ? bytes / 2 - 1 : 0;
        for (size_t i = 0; i < n; i++) {
                unsigned ch = u16(e + 2 * i);
                out[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch < 0x80 ? (char)ch : '?';
        }
        out[n] = '\0';
}

static enum macros cfb_macros(const void *data, size_t len)
{
        struct cfb c;
        struct buf dir = BUF_INIT;
        enum macros found = M_UNREADABLE;
        if (cfb_open(&c, data, len) &&
            cfb_chain(&c, u32(c.d + 0x30), c.n_sectors << c.shift, &dir) && dir.len) {
                found = M_NONE;
                const unsigned char *root = NULL, *book = NULL;
                for (size_t at = 0; at + CFB_DIR_ENTRY <= dir.len; at += CFB_DIR_ENTRY) {
                        const unsigned char *e = (const unsigned char *)dir.data + at;
                        int type = e[0x42];
                        if (type != 1 && type != 2 && type != 5)
                                continue; /* unused */
                        char name[33];
                        entry_name(e, name);
                        if (type == 5 && !root)
                                root = e;
                        else if (strcmp(name, "vba") == 0 || strcmp(name, "macros") == 0 ||
                                 strcmp(name, "_vba_project") == 0 ||
                                 strcmp(name, "_vba_project_cur") == 0)
                                found = M_VBA;
                        else if (type == 2 &&
                                 (strcmp(name, "workbook") == 0 || strcmp(name, "book") == 0))
                                book = e;
                }
                struct buf wb = BUF_INIT;
                if (found == M_NONE && book)
                        found = cfb_stream(&c, book, root, &wb) ? biff_macros(&wb) : M_UNREADABLE;
                buf_free(&wb);
        }
        buf_free(&dir);
        free(c.fat_secs);
        return found;
}

static enum kind sniff(const void *data, size_t len, enum macros *macros)
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
        enum macros macros = M_NONE;
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
        if (content == K_DOC || content == K_XLS)
                macros = cfb_macros(data, len);
        bool word = content == K_DOC || content == K_DOCX;
        const char *app = word ? "Word" : "Excel";
        const char *save_as = word ? "Word 文档（.docx）" : "Excel 工作簿（.xlsx）";
        switch (macros) {
        case M_NONE:
                return &types[content];
        case M_VBA:
                *why = arena_printf(a,
                                    "“%s” 含有宏（VBA 代码），为安全起见不能上传；请在 %s 中删除"
                                    "宏，另存为“%s”后重新上传",
                                    name, app, save_as);
                break;
        case M_XLM:
                *why = arena_printf(a,
                                    "“%s” 含有宏（Excel 4.0 宏表），为安全起见不能上传；请在 Excel "
                                    "中删除宏表，另存为“%s”后重新上传",
                                    name, save_as);
                break;
        case M_UNREADABLE:
                *why = arena_printf(a,
                                    "“%s” 的内部结构无法读取（文件可能已损坏），无法确认其中没有"
                                    "宏，为安全起见不能上传；请在 %s 中打开并另存为“%s”后重新上传",
                                    name, app, save_as);
                break;
        }
        return NULL;
}

const struct filetype *filetype_by_media(const char *media_type)
{
        for (size_t i = 0; media_type && i < K_N; i++)
                if (strcmp(types[i].media_type, media_type) == 0)
                        return &types[i];
        return NULL;
}
