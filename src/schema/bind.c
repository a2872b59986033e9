/* JSON text ↔ described structs (see schema.h).
 *
 * jansson does the lexing (it rejects invalid UTF-8, NUL bytes and
 * duplicate keys); this file maps the tree onto the structs, reporting
 * every type error, unknown key, missing member, malformed decimal and
 * out-of-range value with its JSON path and Chinese label, and writes
 * structs back as canonical JSON. */
#include "schema.h"

#include "../base/buf.h"
#include "../base/dec.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"

#include <assert.h>
#include <inttypes.h>
#include <jansson.h>
#include <string.h>

enum {
        MAX_DEPTH = 64,     /* nesting of objects and arrays kept in a path */
        INTERN_SLOTS = 256, /* short strings shared within one document */
        INTERN_MAX = 24,    /* bytes of a string worth sharing (units, codes, names of rows) */
};

/* One step of the JSON path: a member name, or an array index. */
struct segment {
        const char *key; /* NULL for an index */
        size_t index;
};

struct parser {
        struct arena *arena;
        struct diags *errs;
        /* The path of the value being parsed, as steps; it is spelled out
         * only when an error is reported. */
        struct segment path[MAX_DEPTH];
        size_t depth;
        /* Short strings already copied into the arena: equal texts share
         * one copy (fewer allocations, a smaller document in memory). */
        const char *interned[INTERN_SLOTS];
};

/* ---- paths -------------------------------------------------------------- */

static bool plain_key(const char *k)
{
        if (!*k)
                return false;
        for (; *k; k++)
                if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
                      (*k >= '0' && *k <= '9') || *k == '_'))
                        return false;
        return true;
}

static void push_key(struct parser *p, const char *key)
{
        assert(p->depth < MAX_DEPTH); /* jansson refuses deeper documents */
        p->path[p->depth++] = (struct segment){key, 0};
}

static void push_index(struct parser *p, size_t i)
{
        assert(p->depth < MAX_DEPTH);
        p->path[p->depth++] = (struct segment){NULL, i};
}

static void pop(struct parser *p)
{
        p->depth--;
}

/* "$.self_eval.indicators[0].name" */
static void spell_path(const struct parser *p, struct buf *out)
{
        buf_putc(out, '$');
        for (size_t i = 0; i < p->depth; i++) {
                const struct segment *s = &p->path[i];
                if (!s->key) {
                        buf_printf(out, "[%zu]", s->index);
                } else if (plain_key(s->key)) {
                        buf_printf(out, ".%s", s->key);
                } else {
                        buf_putc(out, '[');
                        jw_quote(out, s->key, strlen(s->key));
                        buf_putc(out, ']');
                }
        }
}

/* ---- messages ----------------------------------------------------------- */

/* A short description of a JSON value for "实际为…" messages. */
static void describe(const json_t *v, struct buf *b)
{
        switch (json_typeof(v)) {
        case JSON_OBJECT:
                buf_puts(b, "对象");
                break;
        case JSON_ARRAY:
                buf_puts(b, "数组");
                break;
        case JSON_STRING: {
                const char *s = json_string_value(v);
                size_t n = json_string_length(v);
                buf_puts(b, "字符串 ");
                if (n > 60) {
                        jw_quote(b, s, utf8_prefix_for_width(s, n, 60));
                        buf_puts(b, "…");
                } else {
                        jw_quote(b, s, n);
                }
                break;
        }
        case JSON_INTEGER:
                buf_printf(b, "整数 %" JSON_INTEGER_FORMAT, json_integer_value(v));
                break;
        case JSON_REAL:
                buf_printf(b, "数字 %.15g", json_real_value(v));
                break;
        case JSON_TRUE:
                buf_puts(b, "布尔值 true");
                break;
        case JSON_FALSE:
                buf_puts(b, "布尔值 false");
                break;
        case JSON_NULL:
                buf_puts(b, "null");
                break;
        }
}

static const char *expected_type(const struct field *f)
{
        switch (f->type) {
        case FT_STR:
        case FT_TEXT:
        case FT_ENUM:
                return "字符串";
        case FT_DEC:
                return "小数字符串（如 \"716.83\"）";
        case FT_INT:
                return "整数";
        case FT_BOOL:
                return "布尔值（true 或 false）";
        case FT_OBJ:
                return "对象";
        case FT_ARR:
                return "对象数组";
        case FT_DECS:
                return "小数字符串数组";
        }
        return "?";
}

static void error(struct parser *p, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void error(struct parser *p, const char *label, const char *fmt, ...)
{
        struct buf msg = BUF_INIT;
        va_list ap;
        va_start(ap, fmt);
        buf_vprintf(&msg, fmt, ap);
        va_end(ap);
        struct buf path = BUF_INIT;
        spell_path(p, &path);
        diags_add(p->errs, buf_str(&path), label, "%s", buf_str(&msg));
        buf_free(&path);
        buf_free(&msg);
}

static void type_error(struct parser *p, const struct field *f, const json_t *v)
{
        struct buf found = BUF_INIT;
        describe(v, &found);
        if (f->type == FT_DEC && json_is_number(v))
                error(p, f->label,
                      "应为%s，实际为%s；金额、比率和分数须写成字符串，以免二进制浮点误差",
                      expected_type(f), buf_str(&found));
        else
                error(p, f->label, "应为%s，实际为%s", expected_type(f), buf_str(&found));
        buf_free(&found);
}

/* ---- values ------------------------------------------------------------- */

static void parse_object(struct parser *p, const json_t *obj, const struct schema *s, void *out);

/* Parse a decimal string; reports and returns false on error. */
static bool parse_dec(struct parser *p, const char *label, const json_t *v, dec_t *out)
{
        const char *s = json_string_value(v);
        size_t n = json_string_length(v);
        struct buf q = BUF_INIT;
        jw_quote(&q, s, n > 60 ? utf8_prefix_for_width(s, n, 60) : n);
        bool ok = false;
        switch (dec_parse(s, n, out)) {
        case DEC_OK:
                ok = true;
                break;
        case DEC_ERR_EMPTY:
                error(p, label, "小数不能是空字符串；空白单元格请省略该字段或写 null");
                break;
        case DEC_ERR_SYNTAX:
                error(p, label,
                      "小数格式错误：%s，应为可带负号的十进制数，不带千位分隔符、单位或百分号，如 "
                      "\"7341.03\"",
                      buf_str(&q));
                break;
        case DEC_ERR_PRECISION:
                error(p, label, "小数位数过多：%s，最多 %d 位小数", buf_str(&q), DEC_DIGITS);
                break;
        case DEC_ERR_RANGE:
                error(p, label, "数值超出范围：%s，整数部分最多 %d 位", buf_str(&q),
                      DEC_MAX_INT_DIGITS);
                break;
        case DEC_ERR_GROUPING: /* not from the strict grammar */
                error(p, label, "小数格式错误：%s，不带千位分隔符", buf_str(&q));
                break;
        }
        buf_free(&q);
        return ok;
}

static bool is_unit_code(const char *s, size_t n)
{
        if (n != 6)
                return false;
        for (size_t i = 0; i < 6; i++)
                if (s[i] < '0' || s[i] > '9')
                        return false;
        return true;
}

/* The arena's copy of s[0..n), shared with any equal short string. */
static const char *intern(struct parser *p, const char *s, size_t n)
{
        uint32_t h = 2166136261u; /* FNV-1a */
        for (size_t i = 0; i < n; i++)
                h = (h ^ (unsigned char)s[i]) * 16777619u;
        for (size_t probe = 0; probe < 8; probe++) {
                const char **slot = &p->interned[(h + probe) % INTERN_SLOTS];
                if (!*slot)
                        return *slot = arena_strndup(p->arena, s, n);
                if (strncmp(*slot, s, n) == 0 && (*slot)[n] == '\0')
                        return *slot;
        }
        return arena_strndup(p->arena, s, n); /* a crowded neighbourhood: just copy */
}

static void parse_string(struct parser *p, const struct field *f, const json_t *v, void *m)
{
        const char *s = json_string_value(v);
        size_t n = json_string_length(v);
        size_t limit = f->type == FT_TEXT ? SCHEMA_MAX_TEXT : SCHEMA_MAX_STR;
        if (n > limit) {
                error(p, f->label, "文本过长（%zu 字节），上限 %zu 字节", n, limit);
                return;
        }
        if ((f->flags & FL_UNIT_CODE) && !is_unit_code(s, n)) {
                struct buf q = BUF_INIT;
                jw_quote(&q, s, n);
                error(p, f->label, "单位编码应为 6 位数字，实际为 %s", buf_str(&q));
                buf_free(&q);
                return;
        }
        *(const char **)m =
            f->type == FT_STR && n <= INTERN_MAX ? intern(p, s, n) : arena_strndup(p->arena, s, n);
}

static void parse_enum(struct parser *p, const struct field *f, const json_t *v, void *m)
{
        const char *s = json_string_value(v);
        for (size_t i = 0; i < f->en->n; i++) {
                if (strcmp(s, f->en->names[i]) == 0) {
                        *(int *)m = (int)i + 1;
                        return;
                }
        }
        struct buf list = BUF_INIT, q = BUF_INIT;
        for (size_t i = 0; i < f->en->n; i++) {
                if (i)
                        buf_puts(&list, "、");
                jw_quote(&list, f->en->names[i], strlen(f->en->names[i]));
        }
        jw_quote(&q, s, json_string_length(v));
        error(p, f->label, "取值 %s 无效，应为 %s 之一", buf_str(&q), buf_str(&list));
        buf_free(&list);
        buf_free(&q);
}

static void parse_int(struct parser *p, const struct field *f, const json_t *v, void *m)
{
        json_int_t n = json_integer_value(v);
        if (n < f->min || n > f->max) {
                if (f->min == 0 && n < 0)
                        error(p, f->label, "应为非负整数，实际为 %" JSON_INTEGER_FORMAT, n);
                else
                        error(p, f->label,
                              "应为 %" PRId64 " 到 %" PRId64
                              " 之间的整数，实际为 %" JSON_INTEGER_FORMAT,
                              f->min, f->max, n);
                return;
        }
        *(int64_t *)m = n;
}

static void parse_array(struct parser *p, const struct field *f, const json_t *v, void *base)
{
        size_t n = json_array_size(v);
        if (n > SCHEMA_MAX_ITEMS) {
                error(p, f->label, "数组元素过多（%zu 个），上限 %d 个", n, SCHEMA_MAX_ITEMS);
                return;
        }
        if (n == 0)
                return;
        size_t elem_size = f->type == FT_DECS ? sizeof(dec_t) : f->sub->size;
        char *items = arena_alloc(p->arena, n * elem_size);
        for (size_t i = 0; i < n; i++) {
                const json_t *e = json_array_get(v, i);
                void *slot = items + i * elem_size;
                push_index(p, i);
                if (f->type == FT_DECS) {
                        if (json_is_string(e)) {
                                parse_dec(p, f->label, e, slot);
                        } else {
                                struct buf found = BUF_INIT;
                                describe(e, &found);
                                error(p, f->label, "应为小数字符串（如 \"1\"），实际为%s",
                                      buf_str(&found));
                                buf_free(&found);
                        }
                } else {
                        schema_init(f->sub, slot);
                        if (json_is_object(e)) {
                                parse_object(p, e, f->sub, slot);
                        } else {
                                struct buf found = BUF_INIT;
                                describe(e, &found);
                                error(p, f->sub->label, "应为对象，实际为%s", buf_str(&found));
                                buf_free(&found);
                        }
                }
                pop(p);
        }
        *(void **)field_ptr(f, base) = items;
        *(size_t *)((char *)base + f->count_off) = n;
}

/* Parse value v of field f into the struct at base. */
static void parse_field(struct parser *p, const struct field *f, const json_t *v, void *base)
{
        void *m = field_ptr(f, base);
        if (json_is_null(v)) {
                if (f->flags & FL_REQUIRED)
                        error(p, f->label, "必填字段不能为 null");
                return;
        }
        bool ok;
        switch (f->type) {
        case FT_STR:
        case FT_TEXT:
        case FT_DEC:
        case FT_ENUM:
                ok = json_is_string(v);
                break;
        case FT_INT:
                ok = json_is_integer(v);
                break;
        case FT_BOOL:
                ok = json_is_boolean(v);
                break;
        case FT_OBJ:
                ok = json_is_object(v);
                break;
        case FT_ARR:
        case FT_DECS:
                ok = json_is_array(v);
                break;
        default:
                ok = false;
        }
        if (!ok) {
                type_error(p, f, v);
                return;
        }
        switch (f->type) {
        case FT_STR:
        case FT_TEXT:
                parse_string(p, f, v, m);
                break;
        case FT_DEC:
                parse_dec(p, f->label, v, m);
                break;
        case FT_ENUM:
                parse_enum(p, f, v, m);
                break;
        case FT_INT:
                parse_int(p, f, v, m);
                break;
        case FT_BOOL:
                *(bool *)m = json_is_true(v);
                break;
        case FT_OBJ:
                parse_object(p, v, f->sub, m);
                break;
        case FT_ARR:
        case FT_DECS:
                parse_array(p, f, v, base);
                break;
        }
}

static void unknown_key(struct parser *p, const struct schema *s)
{
        struct buf list = BUF_INIT;
        for (size_t i = 0; i < s->n_fields; i++) {
                if (i)
                        buf_puts(&list, "、");
                buf_puts(&list, s->fields[i].key);
        }
        error(p, NULL, "未知字段（%s可用的字段：%s）", s->label, buf_str(&list));
        buf_free(&list);
}

static void parse_object(struct parser *p, const json_t *obj, const struct schema *s, void *out)
{
        assert(s->n_fields <= 64); /* one bit per field in seen */
        uint64_t seen = 0;
        const char *key;
        json_t *v;
        json_object_foreach((json_t *)obj, key, v)
        {
                push_key(p, key);
                const struct field *f = schema_field(s, key);
                if (!f) {
                        unknown_key(p, s);
                } else {
                        seen |= UINT64_C(1) << (f - s->fields);
                        parse_field(p, f, v, out);
                }
                pop(p);
        }
        for (size_t i = 0; i < s->n_fields; i++) {
                const struct field *f = &s->fields[i];
                if ((f->flags & FL_REQUIRED) && !(seen & (UINT64_C(1) << i))) {
                        push_key(p, f->key);
                        error(p, f->label, "缺少必填字段");
                        pop(p);
                }
        }
}

/* ---- entry point ---------------------------------------------------------- */

void bind_json_error(const void *jansson_error, struct buf *out)
{
        const json_error_t *e = jansson_error;
        const char *what;
        switch (json_error_code(e)) {
        case json_error_premature_end_of_input:
                what = "内容不完整，在结束前中断";
                break;
        case json_error_end_of_input_expected:
                what = "完整的内容之后还有多余的字符";
                break;
        case json_error_invalid_utf8:
                what = "含有无效的 UTF-8 编码";
                break;
        case json_error_null_character:
        case json_error_null_byte_in_key:
                what = "含有 NUL 字符";
                break;
        case json_error_duplicate_key:
                what = "对象中有重复的键";
                break;
        case json_error_numeric_overflow:
                what = "数值超出范围";
                break;
        case json_error_stack_overflow:
                what = "嵌套层数过多";
                break;
        case json_error_invalid_syntax:
                what = "语法错误";
                break;
        default:
                what = "无法解析";
        }
        buf_printf(out, "%s（第 %d 行第 %d 列", what, e->line, e->column);
        /* jansson ends its message with "near '<the text>'": that part is the input's */
        const char *near = strstr(e->text, "near '");
        size_t n = near ? strlen(near + 6) : 0;
        if (n && near[6 + n - 1] == '\'')
                buf_printf(out, "，在“%.*s”附近", (int)(n - 1), near + 6);
        else if (strstr(e->text, "near end of file"))
                buf_puts(out, "，在末尾");
        buf_puts(out, "）");
}

bool bind_json(const char *text, size_t len, const struct schema *s, void *out, struct arena *arena,
               struct diags *errs)
{
        json_error_t jerr;
        json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
        if (!root) {
                struct buf why = BUF_INIT;
                bind_json_error(&jerr, &why);
                diags_add(errs, "$", NULL, "JSON 格式错误：%s", buf_str(&why));
                buf_free(&why);
                return false;
        }
        struct parser *p = xcalloc(1, sizeof(*p)); /* the intern table is 2 KiB: not on the stack */
        p->arena = arena;
        p->errs = errs;
        size_t before = diags_count(errs);
        if (!json_is_object(root)) {
                struct buf found = BUF_INIT;
                describe(root, &found);
                error(p, s->label, "应为对象，实际为%s", buf_str(&found));
                buf_free(&found);
        } else {
                parse_object(p, root, s, out);
        }
        json_decref(root);
        free(p);
        return diags_count(errs) == before;
}

/* ---- checking in memory ------------------------------------------------------ */

/* The rules parse_object() applies, applied to a struct in memory, as it
 * would read back once written: required members present, texts within
 * their limits and unit codes well formed, integers in range, arrays not
 * too long, enumerations known. */
static void check_object(struct parser *p, const struct schema *s, const void *base);

static void check_field(struct parser *p, const struct field *f, const void *base)
{
        const void *m = field_cptr(f, base);
        if (field_empty(f, base)) {
                if (f->flags & FL_REQUIRED)
                        error(p, f->label, "缺少必填字段");
                return;
        }
        switch (f->type) {
        case FT_STR:
        case FT_TEXT: {
                const char *str = *(const char *const *)m;
                size_t n = strlen(str), limit = f->type == FT_TEXT ? SCHEMA_MAX_TEXT : SCHEMA_MAX_STR;
                if (n > limit)
                        error(p, f->label, "文本过长（%zu 字节），上限 %zu 字节", n, limit);
                else if ((f->flags & FL_UNIT_CODE) && !is_unit_code(str, n))
                        error(p, f->label, "单位编码应为 6 位数字");
                break;
        }
        case FT_INT: {
                int64_t n = *(const int64_t *)m;
                if (n < f->min || n > f->max)
                        error(p, f->label, "应为 %" PRId64 " 到 %" PRId64 " 之间的整数", f->min,
                              f->max);
                break;
        }
        case FT_ENUM: {
                int v = *(const int *)m;
                if (v < 0 || (size_t)v > f->en->n)
                        error(p, f->label, "取值无效");
                break;
        }
        case FT_OBJ:
                check_object(p, f->sub, m);
                break;
        case FT_ARR:
        case FT_DECS: {
                size_t n = field_count(f, base);
                if (n > SCHEMA_MAX_ITEMS) {
                        error(p, f->label, "数组元素过多（%zu 个），上限 %d 个", n,
                              SCHEMA_MAX_ITEMS);
                        break;
                }
                for (size_t i = 0; f->type == FT_ARR && i < n; i++) {
                        push_index(p, i);
                        check_object(p, f->sub,
                                     *(const char *const *)m + i * f->sub->size);
                        pop(p);
                }
                break;
        }
        default:
                break;
        }
}

static void check_object(struct parser *p, const struct schema *s, const void *base)
{
        for (size_t i = 0; i < s->n_fields; i++) {
                push_key(p, s->fields[i].key);
                check_field(p, &s->fields[i], base);
                pop(p);
        }
}

bool bind_check(const struct schema *s, const void *p, struct diags *errs)
{
        struct parser *ps = xcalloc(1, sizeof(*ps));
        ps->errs = errs;
        size_t before = diags_count(errs);
        check_object(ps, s, p);
        free(ps);
        return diags_count(errs) == before;
}

/* ---- writing ---------------------------------------------------------------- */

static void write_field(struct jsonw *w, const struct field *f, const void *base)
{
        const void *m = field_cptr(f, base);
        switch (f->type) {
        case FT_STR:
        case FT_TEXT:
                jw_str(w, *(const char *const *)m);
                break;
        case FT_DEC:
                jw_dec_string(w, *(const dec_t *)m);
                break;
        case FT_INT:
                jw_int(w, *(const int64_t *)m);
                break;
        case FT_BOOL:
                jw_bool(w, *(const bool *)m);
                break;
        case FT_ENUM:
                jw_str(w, enum_name(f->en, *(const int *)m));
                break;
        case FT_OBJ:
                bind_write(w, f->sub, m);
                break;
        case FT_ARR: {
                size_t n = field_count(f, base);
                const char *items = *(const char *const *)m;
                jw_arr_begin(w);
                for (size_t i = 0; i < n; i++)
                        bind_write(w, f->sub, items + i * f->sub->size);
                jw_arr_end(w);
                break;
        }
        case FT_DECS: {
                size_t n = field_count(f, base);
                const dec_t *items = *(const dec_t *const *)m;
                jw_arr_begin(w);
                for (size_t i = 0; i < n; i++)
                        jw_dec_string(w, items[i]);
                jw_arr_end(w);
                break;
        }
        }
}

void bind_write(struct jsonw *w, const struct schema *s, const void *p)
{
        jw_obj_begin(w);
        for (size_t i = 0; i < s->n_fields; i++) {
                const struct field *f = &s->fields[i];
                if (field_empty(f, p))
                        continue;
                jw_key(w, f->key);
                write_field(w, f, p);
        }
        jw_obj_end(w);
}

/* ---- equality ----------------------------------------------------------------- */

static bool str_equal(const char *a, const char *b)
{
        return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool field_equal(const struct field *f, const void *a, const void *b)
{
        const void *ma = field_cptr(f, a), *mb = field_cptr(f, b);
        switch (f->type) {
        case FT_STR:
        case FT_TEXT:
                return str_equal(*(const char *const *)ma, *(const char *const *)mb);
        case FT_DEC:
                return dec_eq(*(const dec_t *)ma, *(const dec_t *)mb);
        case FT_INT:
                return *(const int64_t *)ma == *(const int64_t *)mb;
        case FT_BOOL:
                return *(const bool *)ma == *(const bool *)mb;
        case FT_ENUM:
                return *(const int *)ma == *(const int *)mb;
        case FT_OBJ:
                return bind_equal(f->sub, ma, mb);
        case FT_ARR:
        case FT_DECS: {
                size_t n = field_count(f, a);
                if (n != field_count(f, b))
                        return false;
                const char *ia = *(const char *const *)ma, *ib = *(const char *const *)mb;
                for (size_t i = 0; i < n; i++) {
                        bool same =
                            f->type == FT_DECS
                                ? dec_eq(((const dec_t *)ia)[i], ((const dec_t *)ib)[i])
                                : bind_equal(f->sub, ia + i * f->sub->size, ib + i * f->sub->size);
                        if (!same)
                                return false;
                }
                return true;
        }
        }
        return false;
}

bool bind_equal(const struct schema *s, const void *a, const void *b)
{
        for (size_t i = 0; i < s->n_fields; i++)
                if (!field_equal(&s->fields[i], a, b))
                        return false;
        return true;
}
