/* The XLSX reader (see xlsx_read.h): libzip opens the archive from
 * memory, expat parses each part as it is inflated, with its namespace
 * processing on so that element and attribute names are matched by
 * their local names whatever prefixes a producer chose. */
#include "xlsx_read.h"

#include "../base/buf.h"
#include "../base/vec.h"

#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

const struct xlsx_limits xlsx_default_limits = {
    .max_file = 20u << 20,
    .max_entries = 1000,
    .max_total = 100u << 20,
    .max_part = 50u << 20,
    .max_depth = 64,
    .max_sheets = 256,
    .max_strings = 500000,
    .max_cells = 500000,
};

enum { MAX_ROWS = 1048576, MAX_COLS = 16384 };

struct reader {
        zip_t *za;
        const struct xlsx_limits *lim;
        struct arena *a;
        struct diags *errs;
        size_t total; /* uncompressed bytes read so far */
        size_t cells; /* cells kept so far */
        enum xlsx_status status;
        bool failed;
};

static void fail(struct reader *r, enum xlsx_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail(struct reader *r, enum xlsx_status st, const char *fmt, ...)
{
        if (r->failed)
                return;
        r->failed = true;
        r->status = st;
        struct buf b = BUF_INIT;
        va_list ap;
        va_start(ap, fmt);
        buf_vprintf(&b, fmt, ap);
        va_end(ap);
        diags_add(r->errs, "XLSX", NULL, "%s", buf_str(&b));
        buf_free(&b);
}

/* A size limit for messages: "20 MiB", "64 KiB", "300 字节". */
static const char *size_text(size_t bytes, char out[32])
{
        if (bytes >= (1u << 20) && bytes % (1u << 20) == 0)
                snprintf(out, 32, "%zu MiB", bytes >> 20);
        else if (bytes >= 1024 && bytes % 1024 == 0)
                snprintf(out, 32, "%zu KiB", bytes >> 10);
        else
                snprintf(out, 32, "%zu 字节", bytes);
        return out;
}

/* ---- XML parts ------------------------------------------------------------------------------- */

/* A part being parsed: the handlers of one kind of part receive it. */
struct job {
        struct reader *r;
        XML_Parser p;
        const char *part;
        size_t depth;
        void (*start)(struct job *j, const char *name, const char **attrs);
        void (*end)(struct job *j, const char *name);
        void (*text)(struct job *j, const char *s, size_t n); /* may be NULL */
};

static void job_fail(struct job *j, enum xlsx_status st, const char *what)
{
        fail(j->r, st, "%s 第 %lu 行：%s", j->part, (unsigned long)XML_GetCurrentLineNumber(j->p),
             what);
        XML_StopParser(j->p, XML_FALSE);
}

/* The local part of a namespace-qualified name "uri|local". */
static const char *local(const char *name)
{
        const char *bar = strrchr(name, '|');
        return bar ? bar + 1 : name;
}

/* The value of the attribute whose local name is key and which has no
 * namespace (ns false) or some namespace (ns true); NULL when absent. */
static const char *attr(const char **attrs, const char *key, bool ns)
{
        for (size_t i = 0; attrs[i]; i += 2) {
                bool has_ns = strchr(attrs[i], '|') != NULL;
                if (has_ns == ns && strcmp(local(attrs[i]), key) == 0)
                        return attrs[i + 1];
        }
        return NULL;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
        struct job *j = ud;
        if (++j->depth > j->r->lim->max_depth) {
                job_fail(j, XLSX_TOO_LARGE, "XML 嵌套过深，超出限制");
                return;
        }
        j->start(j, local(name), (const char **)attrs);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
        struct job *j = ud;
        j->depth--;
        j->end(j, local(name));
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
        struct job *j = ud;
        if (j->text && len > 0)
                j->text(j, s, (size_t)len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal_subset)
{
        (void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
        job_fail(ud, XLSX_MALFORMED, "不允许文档类型声明（DTD）");
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_param, const XML_Char *value,
                              int value_len, const XML_Char *base, const XML_Char *sysid,
                              const XML_Char *pubid, const XML_Char *notation)
{
        (void)name, (void)is_param, (void)value, (void)value_len, (void)base, (void)sysid;
        (void)pubid, (void)notation;
        job_fail(ud, XLSX_MALFORMED, "不允许实体声明");
}

/* Parse entry name of the archive with job j. A missing entry is an error
 * when required; returns false on any failure (reported). *found (may be
 * NULL) tells whether the entry exists. */
static bool parse_part(struct reader *r, const char *name, bool required, struct job *j,
                       bool *found)
{
        if (found)
                *found = false;
        zip_int64_t idx = zip_name_locate(r->za, name, ZIP_FL_NOCASE);
        if (idx < 0) {
                if (required)
                        fail(r, XLSX_MALFORMED, "缺少 %s", name);
                return !required;
        }
        if (found)
                *found = true;
        zip_file_t *zf = zip_fopen_index(r->za, (zip_uint64_t)idx, 0);
        if (!zf) {
                fail(r, XLSX_MALFORMED, "无法读取 %s：%s", name, zip_strerror(r->za));
                return false;
        }
        XML_Parser p = XML_ParserCreateNS(NULL, '|');
        if (!p)
                abort(); /* out of memory */
        j->r = r;
        j->p = p;
        j->part = name;
        j->depth = 0;
        XML_SetUserData(p, j);
        XML_SetElementHandler(p, on_start, on_end);
        XML_SetCharacterDataHandler(p, on_text);
        XML_SetStartDoctypeDeclHandler(p, on_doctype);
        XML_SetEntityDeclHandler(p, on_entity);
        char chunk[65536];
        size_t part_bytes = 0;
        bool ok = true;
        for (;;) {
                zip_int64_t n = zip_fread(zf, chunk, sizeof chunk);
                if (n < 0) {
                        fail(r, XLSX_MALFORMED, "%s 解压失败：%s", name,
                             zip_error_strerror(zip_file_get_error(zf)));
                        ok = false;
                        break;
                }
                part_bytes += (size_t)n;
                r->total += (size_t)n;
                char lim[32];
                if (part_bytes > r->lim->max_part) {
                        fail(r, XLSX_TOO_LARGE, "%s 解压后超过 %s 的限制", name,
                             size_text(r->lim->max_part, lim));
                        ok = false;
                        break;
                }
                if (r->total > r->lim->max_total) {
                        fail(r, XLSX_TOO_LARGE, "工作簿解压后超过 %s 的限制",
                             size_text(r->lim->max_total, lim));
                        ok = false;
                        break;
                }
                if (XML_Parse(p, chunk, (int)n, n == 0) != XML_STATUS_OK) {
                        if (!r->failed)
                                fail(r, XLSX_MALFORMED, "%s 第 %lu 行 XML 格式错误：%s", name,
                                     (unsigned long)XML_GetCurrentLineNumber(p),
                                     XML_ErrorString(XML_GetErrorCode(p)));
                        ok = false;
                        break;
                }
                if (r->failed) {
                        ok = false;
                        break;
                }
                if (n == 0)
                        break;
        }
        XML_ParserFree(p);
        zip_fclose(zf);
        return ok && !r->failed;
}

/* ---- escaped characters ---------------------------------------------------------------------- */

static int hex_digit(char c)
{
        return c >= '0' && c <= '9'   ? c - '0'
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                      : -1;
}

/* The code unit of an escape "_xHHHH_" at s, or −1. */
static long escape_at(const char *s, size_t n)
{
        if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
                return -1;
        long v = 0;
        for (int i = 2; i < 6; i++) {
                int d = hex_digit(s[i]);
                if (d < 0)
                        return -1;
                v = v * 16 + d;
        }
        return v;
}

static void put_utf8(struct buf *b, unsigned long cp)
{
        char u[4];
        size_t n;
        if (cp < 0x80) {
                u[0] = (char)cp;
                n = 1;
        } else if (cp < 0x800) {
                u[0] = (char)(0xc0 | cp >> 6);
                u[1] = (char)(0x80 | (cp & 0x3f));
                n = 2;
        } else if (cp < 0x10000) {
                u[0] = (char)(0xe0 | cp >> 12);
                u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
                u[2] = (char)(0x80 | (cp & 0x3f));
                n = 3;
        } else {
                u[0] = (char)(0xf0 | cp >> 18);
                u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
                u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
                u[3] = (char)(0x80 | (cp & 0x3f));
                n = 4;
        }
        buf_append(b, u, n);
}

/* A string of the file with its "_xHHHH_" escapes (how OOXML writes
 * characters XML cannot hold, such as control characters and a literal
 * "_x", written "_x005F_x") turned back into the characters, in arena a.
 * A surrogate pair is joined; a lone surrogate or NUL stays as written. */
static const char *unescape(struct arena *a, const char *s, size_t n)
{
        if (!strstr(s, "_x")) /* s is NUL-terminated at n */
                return arena_strndup(a, s, n);
        struct buf b = BUF_INIT;
        for (size_t i = 0; i < n;) {
                long v = escape_at(s + i, n - i);
                if (v >= 0xd800 && v < 0xdc00) {
                        long lo = escape_at(s + i + 7, n - i - 7);
                        if (lo >= 0xdc00 && lo < 0xe000) {
                                put_utf8(&b, 0x10000 + ((unsigned long)(v - 0xd800) << 10) +
                                                 (unsigned long)(lo - 0xdc00));
                                i += 14;
                                continue;
                        }
                } else if (v > 0 && (v < 0xdc00 || v >= 0xe000)) {
                        put_utf8(&b, (unsigned long)v);
                        i += 7;
                        continue;
                }
                buf_putc(&b, s[i++]);
        }
        const char *r = arena_strndup(a, buf_str(&b), b.len);
        buf_free(&b);
        return r;
}

/* ---- relationships and the workbook ---------------------------------------------------------- */

struct rel {
        const char *id, *target;
};

struct rels_job {
        struct job j;
        struct vec rels; /* struct rel */
};

static void rels_start(struct job *j, const char *name, const char **attrs)
{
        struct rels_job *rj = (struct rels_job *)j;
        if (strcmp(name, "Relationship") != 0)
                return;
        const char *id = attr(attrs, "Id", false), *target = attr(attrs, "Target", false);
        if (!id || !target)
                return;
        if (rj->rels.n >= j->r->lim->max_entries) {
                job_fail(j, XLSX_TOO_LARGE, "关系条目过多");
                return;
        }
        struct rel *rel = vec_push(&rj->rels);
        rel->id = arena_strdup(j->r->a, id);
        rel->target = arena_strdup(j->r->a, target);
}

static void no_end(struct job *j, const char *name)
{
        (void)j, (void)name;
}

struct sheet_ref {
        const char *name, *rid;
};

struct book_job {
        struct job j;
        struct vec sheets; /* struct sheet_ref */
};

static void book_start(struct job *j, const char *name, const char **attrs)
{
        struct book_job *bj = (struct book_job *)j;
        if (strcmp(name, "sheet") != 0)
                return;
        const char *sheet = attr(attrs, "name", false), *rid = attr(attrs, "id", true);
        if (!sheet || !rid) {
                job_fail(j, XLSX_MALFORMED, "工作表缺少名称或关系编号");
                return;
        }
        if (bj->sheets.n >= j->r->lim->max_sheets) {
                job_fail(j, XLSX_TOO_LARGE, "工作表过多，超出限制");
                return;
        }
        struct sheet_ref *s = vec_push(&bj->sheets);
        s->name = arena_strdup(j->r->a, sheet);
        s->rid = arena_strdup(j->r->a, rid);
}

/* The archive path of a relationship target of the workbook part. */
static const char *part_path(struct arena *a, const char *target)
{
        if (target[0] == '/')
                return arena_strdup(a, target + 1);
        while (strncmp(target, "./", 2) == 0)
                target += 2;
        return arena_printf(a, "xl/%s", target);
}

/* ---- shared strings -------------------------------------------------------------------------- */

struct sst_job {
        struct job j;
        struct vec strings; /* const char * */
        struct buf text;
        bool in_si, in_t;
        size_t rph; /* depth inside phonetic runs, whose text is not part of the string */
};

static void sst_start(struct job *j, const char *name, const char **attrs)
{
        (void)attrs;
        struct sst_job *s = (struct sst_job *)j;
        if (strcmp(name, "si") == 0) {
                s->in_si = true;
                buf_reset(&s->text);
        } else if (strcmp(name, "rPh") == 0) {
                s->rph++;
        } else if (strcmp(name, "t") == 0 && s->in_si && !s->rph) {
                s->in_t = true;
        }
}

static void sst_end(struct job *j, const char *name)
{
        struct sst_job *s = (struct sst_job *)j;
        if (strcmp(name, "si") == 0) {
                if (s->strings.n >= j->r->lim->max_strings) {
                        job_fail(j, XLSX_TOO_LARGE, "共享字符串过多，超出限制");
                        return;
                }
                const char **slot = vec_push(&s->strings);
                *slot = unescape(j->r->a, buf_str(&s->text), s->text.len);
                s->in_si = false;
        } else if (strcmp(name, "rPh") == 0) {
                s->rph--;
        } else if (strcmp(name, "t") == 0) {
                s->in_t = false;
        }
}

static void sst_text(struct job *j, const char *t, size_t n)
{
        struct sst_job *s = (struct sst_job *)j;
        if (s->in_t)
                buf_append(&s->text, t, n);
}

/* ---- sheets ---------------------------------------------------------------------------------- */

struct sheet_job {
        struct job j;
        const char *const *strings;
        size_t n_strings;
        struct vec cells; /* struct xlsx_cell */
        int64_t row, col; /* current row and cell, −1 before the first */
        /* the cell being read */
        bool in_cell, has_v, has_is, has_f, in_v, in_is_t;
        size_t rph;
        char type[12];
        struct buf v, is;
};

/* Parse the digits of s as a 1-based index no greater than max; 0 if not one. */
static uint32_t parse_index(const char *s, uint32_t max)
{
        uint64_t n = 0;
        if (!*s)
                return 0;
        for (; *s; s++) {
                if (*s < '0' || *s > '9')
                        return 0;
                n = n * 10 + (uint64_t)(*s - '0');
                if (n > max)
                        return 0;
        }
        return (uint32_t)n;
}

bool xlsx_parse_ref(const char *ref, uint32_t *row, uint32_t *col)
{
        const char *p = ref;
        if (*p == '$')
                p++;
        uint64_t c = 0;
        size_t letters = 0;
        for (; (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'); p++, letters++) {
                c = c * 26 + (uint64_t)((*p | 0x20) - 'a' + 1);
                if (letters >= 3 || c > MAX_COLS)
                        return false;
        }
        if (letters == 0)
                return false;
        if (*p == '$')
                p++;
        uint32_t r = parse_index(p, MAX_ROWS);
        if (r == 0)
                return false;
        *row = r - 1;
        *col = (uint32_t)c - 1;
        return true;
}

static void sheet_start(struct job *j, const char *name, const char **attrs)
{
        struct sheet_job *s = (struct sheet_job *)j;
        if (strcmp(name, "row") == 0) {
                const char *r = attr(attrs, "r", false);
                int64_t row = s->row + 1;
                if (r) {
                        uint32_t n = parse_index(r, MAX_ROWS);
                        if (n == 0) {
                                job_fail(j, XLSX_MALFORMED, "行号无效");
                                return;
                        }
                        row = (int64_t)n - 1;
                }
                if (row >= MAX_ROWS) {
                        job_fail(j, XLSX_MALFORMED, "行号超出范围");
                        return;
                }
                s->row = row;
                s->col = -1;
        } else if (strcmp(name, "c") == 0) {
                const char *ref = attr(attrs, "r", false), *t = attr(attrs, "t", false);
                uint32_t row, col;
                if (ref) {
                        if (!xlsx_parse_ref(ref, &row, &col)) {
                                job_fail(j, XLSX_MALFORMED, "单元格引用无效");
                                return;
                        }
                } else {
                        if (s->row < 0 || s->col + 1 >= MAX_COLS) {
                                job_fail(j, XLSX_MALFORMED, "单元格位置无效");
                                return;
                        }
                        row = (uint32_t)s->row;
                        col = (uint32_t)(s->col + 1);
                }
                s->row = row;
                s->col = col;
                s->in_cell = true;
                s->has_v = s->has_is = s->has_f = false;
                snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
                buf_reset(&s->v);
                buf_reset(&s->is);
        } else if (!s->in_cell) {
                return;
        } else if (strcmp(name, "v") == 0) {
                s->in_v = s->has_v = true;
        } else if (strcmp(name, "f") == 0) {
                s->has_f = true;
        } else if (strcmp(name, "is") == 0) {
                s->has_is = true;
        } else if (strcmp(name, "rPh") == 0) {
                s->rph++;
        } else if (strcmp(name, "t") == 0 && s->has_is && !s->rph) {
                s->in_is_t = true;
        }
}

static void keep_cell(struct sheet_job *s)
{
        struct job *j = &s->j;
        enum xlsx_cell_type type = XLSX_NUMBER;
        const char *text = buf_str(&s->v);
        bool no_value = false, shared = false;
        if (strcmp(s->type, "s") == 0) {
                uint32_t idx = 0;
                bool ok = s->v.len > 0;
                for (size_t i = 0; i < s->v.len && ok; i++) {
                        ok = text[i] >= '0' && text[i] <= '9' && idx < UINT32_MAX / 10;
                        idx = idx * 10 + (uint32_t)(text[i] - '0');
                }
                if (!ok || idx >= s->n_strings) {
                        job_fail(j, XLSX_MALFORMED, "共享字符串编号无效");
                        return;
                }
                type = XLSX_STRING;
                text = s->strings[idx];
                shared = true;
        } else if (strcmp(s->type, "inlineStr") == 0) {
                type = XLSX_STRING;
                text = buf_str(&s->is);
        } else if (strcmp(s->type, "str") == 0 || strcmp(s->type, "d") == 0) {
                type = XLSX_STRING;
        } else if (strcmp(s->type, "b") == 0) {
                type = XLSX_BOOL;
        } else if (strcmp(s->type, "e") == 0) {
                type = XLSX_ERROR;
        } else if (strcmp(s->type, "n") != 0) {
                job_fail(j, XLSX_MALFORMED, "单元格类型无效");
                return;
        }
        if (!s->has_v && !s->has_is) {
                if (!s->has_f)
                        return; /* a formatted blank */
                no_value = true;
                text = "";
        }
        if (j->r->cells >= j->r->lim->max_cells) {
                job_fail(j, XLSX_TOO_LARGE, "单元格过多，超出限制");
                return;
        }
        j->r->cells++;
        struct xlsx_cell *c = vec_push(&s->cells);
        c->row = (uint32_t)s->row;
        c->col = (uint32_t)s->col;
        c->type = type;
        c->formula = s->has_f;
        c->no_value = no_value;
        /* shared strings are unescaped already and live in the arena */
        c->text = shared                ? text
                  : type == XLSX_STRING ? unescape(j->r->a, text, strlen(text))
                                        : arena_strdup(j->r->a, text);
}

static void sheet_end(struct job *j, const char *name)
{
        struct sheet_job *s = (struct sheet_job *)j;
        if (strcmp(name, "c") == 0 && s->in_cell) {
                keep_cell(s);
                s->in_cell = false;
        } else if (strcmp(name, "v") == 0) {
                s->in_v = false;
        } else if (strcmp(name, "rPh") == 0 && s->rph) {
                s->rph--;
        } else if (strcmp(name, "t") == 0) {
                s->in_is_t = false;
        }
}

static void sheet_text(struct job *j, const char *t, size_t n)
{
        struct sheet_job *s = (struct sheet_job *)j;
        if (s->in_v)
                buf_append(&s->v, t, n);
        else if (s->in_is_t)
                buf_append(&s->is, t, n);
}

static int cell_order(const void *a, const void *b)
{
        const struct xlsx_cell *x = a, *y = b;
        if (x->row != y->row)
                return x->row < y->row ? -1 : 1;
        return (x->col > y->col) - (x->col < y->col);
}

static bool read_sheet(struct reader *r, const char *part, const char *const *strings,
                       size_t n_strings, struct xlsx_sheet *out)
{
        struct sheet_job s = {.j = {.start = sheet_start, .end = sheet_end, .text = sheet_text},
                              .strings = strings,
                              .n_strings = n_strings,
                              .cells = VEC_INIT(struct xlsx_cell),
                              .row = -1,
                              .col = -1,
                              .v = BUF_INIT,
                              .is = BUF_INIT};
        bool ok = parse_part(r, part, true, &s.j, NULL);
        buf_free(&s.v);
        buf_free(&s.is);
        out->cells = vec_finish(&s.cells, r->a, &out->n_cells);
        if (!ok)
                return false;
        qsort(out->cells, out->n_cells, sizeof *out->cells, cell_order);
        for (size_t i = 1; i < out->n_cells; i++)
                if (cell_order(&out->cells[i - 1], &out->cells[i]) == 0) {
                        fail(r, XLSX_MALFORMED, "工作表“%s”中有重复的单元格", out->name);
                        return false;
                }
        return true;
}

/* ---- the workbook ---------------------------------------------------------------------------- */

static bool check_archive(struct reader *r)
{
        zip_int64_t n = zip_get_num_entries(r->za, 0);
        if (n < 0 || (zip_uint64_t)n > r->lim->max_entries) {
                fail(r, XLSX_TOO_LARGE, "压缩包中的文件过多（%lld 个，上限 %zu 个）", (long long)n,
                     r->lim->max_entries);
                return false;
        }
        zip_uint64_t declared = 0;
        for (zip_int64_t i = 0; i < n; i++) {
                zip_stat_t st;
                if (zip_stat_index(r->za, (zip_uint64_t)i, 0, &st) != 0) {
                        fail(r, XLSX_MALFORMED, "压缩包目录损坏");
                        return false;
                }
                if (st.valid & ZIP_STAT_SIZE)
                        declared += st.size;
                if (declared > r->lim->max_total) {
                        char lim[32];
                        fail(r, XLSX_TOO_LARGE, "工作簿解压后超过 %s 的限制",
                             size_text(r->lim->max_total, lim));
                        return false;
                }
        }
        return true;
}

static bool read_book(struct reader *r, struct xlsx_book *b)
{
        if (!check_archive(r))
                return false;
        if (zip_name_locate(r->za, "xl/workbook.xml", ZIP_FL_NOCASE) < 0) {
                fail(r, XLSX_NOT_XLSX, "文件不是 XLSX 工作簿：压缩包中没有 xl/workbook.xml");
                return false;
        }
        struct rels_job rels = {.j = {.start = rels_start, .end = no_end},
                                .rels = VEC_INIT(struct rel)};
        bool ok = parse_part(r, "xl/_rels/workbook.xml.rels", true, &rels.j, NULL);
        size_t n_rels;
        struct rel *rel = vec_finish(&rels.rels, r->a, &n_rels);
        if (!ok)
                return false;
        struct book_job book = {.j = {.start = book_start, .end = no_end},
                                .sheets = VEC_INIT(struct sheet_ref)};
        ok = parse_part(r, "xl/workbook.xml", true, &book.j, NULL);
        size_t n_sheets;
        struct sheet_ref *refs = vec_finish(&book.sheets, r->a, &n_sheets);
        if (!ok)
                return false;
        struct sst_job sst = {.j = {.start = sst_start, .end = sst_end, .text = sst_text},
                              .strings = VEC_INIT(const char *),
                              .text = BUF_INIT};
        ok = parse_part(r, "xl/sharedStrings.xml", false, &sst.j, NULL);
        buf_free(&sst.text);
        size_t n_strings;
        const char **strings = vec_finish(&sst.strings, r->a, &n_strings);
        if (!ok)
                return false;
        b->sheets = arena_alloc(r->a, (n_sheets ? n_sheets : 1) * sizeof *b->sheets);
        b->n_sheets = n_sheets;
        for (size_t i = 0; i < n_sheets; i++) {
                const char *target = NULL;
                for (size_t k = 0; k < n_rels && !target; k++)
                        if (strcmp(rel[k].id, refs[i].rid) == 0)
                                target = rel[k].target;
                if (!target) {
                        fail(r, XLSX_MALFORMED, "找不到工作表“%s”的内容", refs[i].name);
                        return false;
                }
                b->sheets[i].name = refs[i].name;
                if (!read_sheet(r, part_path(r->a, target), strings, n_strings, &b->sheets[i]))
                        return false;
        }
        return true;
}

struct xlsx_book *xlsx_read(const void *data, size_t len, const struct xlsx_limits *lim,
                            enum xlsx_status *status, struct diags *errs)
{
        struct reader r = {.lim = lim ? lim : &xlsx_default_limits, .errs = errs};
        enum xlsx_status dummy;
        if (!status)
                status = &dummy;
        if (len > r.lim->max_file) {
                char limit[32];
                fail(&r, XLSX_TOO_LARGE, "文件过大（%zu 字节），上限 %s", len,
                     size_text(r.lim->max_file, limit));
                *status = r.status;
                return NULL;
        }
        zip_error_t zerr;
        zip_error_init(&zerr);
        zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
        if (src)
                r.za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
        if (!r.za) {
                if (src)
                        zip_source_free(src);
                fail(&r, XLSX_NOT_XLSX, "文件不是 XLSX 工作簿（无法作为 ZIP 压缩包打开：%s）",
                     zip_error_strerror(&zerr));
                zip_error_fini(&zerr);
                *status = r.status;
                return NULL;
        }
        zip_error_fini(&zerr);
        r.a = arena_new();
        struct xlsx_book *b = arena_alloc(r.a, sizeof *b);
        b->arena = r.a;
        bool ok = read_book(&r, b);
        zip_discard(r.za);
        if (!ok) {
                arena_free(r.a);
                *status = r.status;
                return NULL;
        }
        *status = XLSX_OK;
        return b;
}

void xlsx_free(struct xlsx_book *b)
{
        if (b)
                arena_free(b->arena);
}

const struct xlsx_sheet *xlsx_sheet(const struct xlsx_book *b, const char *name)
{
        for (size_t i = 0; i < b->n_sheets; i++)
                if (strcmp(b->sheets[i].name, name) == 0)
                        return &b->sheets[i];
        return NULL;
}

const struct xlsx_cell *xlsx_cell(const struct xlsx_sheet *s, uint32_t row, uint32_t col)
{
        struct xlsx_cell key = {.row = row, .col = col};
        return bsearch(&key, s->cells, s->n_cells, sizeof key, cell_order);
}
