/* Changing documents by path and comparing versions (see doc_edit.h). */
#include "doc_edit.h"

#include "../base/vec.h"

#include <stdint.h>
#include <string.h>

/* ---- typed text ------------------------------------------------------------------ */

/* text without surrounding white space (ASCII and the ideographic space). */
static const char *trim(const char *text, size_t *n)
{
        const char *s = text, *e = text + strlen(text);
        for (;;) {
                if (s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
                        s++;
                else if (e - s >= 3 && memcmp(s, "\u3000", 3) == 0)
                        s += 3;
                else
                        break;
        }
        for (;;) {
                if (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
                        e--;
                else if (e - s >= 3 && memcmp(e - 3, "\u3000", 3) == 0)
                        e -= 3;
                else
                        break;
        }
        *n = (size_t)(e - s);
        return s;
}

static bool ends_with(const char *s, const char *suffix)
{
        size_t n = strlen(s), k = strlen(suffix);
        return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* A decimal as typed (dec_parse_input: thousands grouped by three, or not
 * at all), a trailing % allowed when pct. Returns the parse status; *out
 * set on DEC_OK. */
static enum dec_parse_status typed_dec(const char *s, size_t n, bool pct, dec_t *out)
{
        return dec_parse_input(s, n, pct ? DEC_INPUT_PERCENT : 0, out);
}

static bool dec_error(struct diags *errs, const char *path, const char *label,
                      enum dec_parse_status st, const char *s, size_t n)
{
        int shown = n > 40 ? 40 : (int)n;
        switch (st) {
        case DEC_OK:
                return true;
        case DEC_ERR_EMPTY:
        case DEC_ERR_SYNTAX:
                diags_add(errs, path, label, "“%.*s”不是数字：请填写数字，如 412.49（不带单位）",
                          shown, s);
                break;
        case DEC_ERR_PRECISION:
                diags_add(errs, path, label, "“%.*s”小数位数过多：最多 %d 位小数", shown, s,
                          DEC_DIGITS);
                break;
        case DEC_ERR_RANGE:
                diags_add(errs, path, label, "“%.*s”超出范围：整数部分最多 %d 位", shown, s,
                          DEC_MAX_INT_DIGITS);
                break;
        case DEC_ERR_GROUPING:
                diags_add(errs, path, label,
                          "“%.*s”的千位分隔符位置不对：逗号只能三位一组，如 1,234,567.89；"
                          "也可以不写逗号，如 1234567.89",
                          shown, s);
                break;
        }
        return false;
}

/* A short or long text: length limit, and for unit codes the code rule. */
static bool typed_string(const struct field *f, const char *s, size_t n, const char *path,
                         const char *label, struct diags *errs)
{
        size_t limit = f->type == FT_TEXT ? SCHEMA_MAX_TEXT : SCHEMA_MAX_STR;
        if (n > limit) {
                diags_add(errs, path, label, "内容过长（%zu 字节）：最多 %zu 字节", n, limit);
                return false;
        }
        if (f->flags & FL_UNIT_CODE) {
                bool ok = n == 6;
                for (size_t i = 0; ok && i < 6; i++)
                        ok = s[i] >= '0' && s[i] <= '9';
                if (!ok) {
                        diags_add(errs, path, label, "单位编码应为 6 位数字");
                        return false;
                }
        }
        for (size_t i = 0; f->type == FT_STR && i < n; i++)
                if (s[i] == '\n' || s[i] == '\r') {
                        diags_add(errs, path, label, "不能换行：这一项只填一行文字");
                        return false;
                }
        return true;
}

/* An enumeration by its JSON name or its Chinese label. */
static bool typed_enum(const struct field *f, const char *s, size_t n, int *out, const char *path,
                       const char *label, struct diags *errs)
{
        for (size_t i = 0; i < f->en->n; i++)
                if ((strlen(f->en->names[i]) == n && memcmp(s, f->en->names[i], n) == 0) ||
                    (f->en->labels && strlen(f->en->labels[i]) == n &&
                     memcmp(s, f->en->labels[i], n) == 0)) {
                        *out = (int)i + 1;
                        return true;
                }
        struct buf list = BUF_INIT;
        for (size_t i = 0; i < f->en->n; i++)
                buf_printf(&list, "%s%s", i ? "、" : "",
                           f->en->labels ? f->en->labels[i] : f->en->names[i]);
        diags_add(errs, path, label, "“%.*s”无效：应为 %s 之一", n > 40 ? 40 : (int)n, s,
                  buf_str(&list));
        buf_free(&list);
        return false;
}

static bool typed_int(const struct field *f, const char *s, size_t n, int64_t *out,
                      const char *path, const char *label, struct diags *errs)
{
        dec_t d;
        enum dec_parse_status st = dec_parse_input(s, n, 0, &d);
        if (st == DEC_ERR_GROUPING)
                return dec_error(errs, path, label, st, s, n);
        int64_t v = st == DEC_OK && dec_places(d) == 0 ? dec_trunc_int(d) : INT64_MIN;
        bool ok = v != INT64_MIN;
        if (!ok || v < f->min || v > f->max) {
                diags_add(errs, path, label, "“%.*s”无效：应为 %lld 到 %lld 之间的整数",
                          n > 40 ? 40 : (int)n, s, (long long)f->min, (long long)f->max);
                return false;
        }
        *out = v;
        return true;
}

static bool typed_bool(const char *s, size_t n, bool *out, const char *path, const char *label,
                       struct diags *errs)
{
        static const char *const yes[] = {"1", "true", "on", "是"}, *const no[] = {"0", "false",
                                                                                   "off", "否"};
        for (size_t i = 0; i < 4; i++) {
                if (strlen(yes[i]) == n && memcmp(s, yes[i], n) == 0)
                        return *out = true;
                if (strlen(no[i]) == n && memcmp(s, no[i], n) == 0)
                        return !(*out = false);
        }
        diags_add(errs, path, label, "应为“是”或“否”");
        return false;
}

/* Set the scalar member f at m from s[0..n) (n == 0 clears it). */
static bool assign_scalar(struct doc *d, const struct field *f, void *m, const char *s, size_t n,
                          const char *path, const char *label, struct diags *errs)
{
        switch (f->type) {
        case FT_STR:
        case FT_TEXT:
                if (!typed_string(f, s, n, path, label, errs))
                        return false;
                *(const char **)m = n ? arena_strndup(d->arena, s, n) : NULL;
                return true;
        case FT_DEC: {
                dec_t v = DEC_NONE;
                if (n && !dec_error(errs, path, label,
                                    typed_dec(s, n, ends_with(f->key, "_pct"), &v), s, n))
                        return false;
                if (dec_is_set(v) && dec_is_neg(v) && !(f->flags & FL_SIGNED)) {
                        diags_add(errs, path, label, "“%.*s”不能是负数：%s应为 0 或正数",
                                  n > 40 ? 40 : (int)n, s, f->label);
                        return false;
                }
                *(dec_t *)m = v;
                return true;
        }
        case FT_INT: {
                int64_t v = SCHEMA_INT_NONE;
                if (n && !typed_int(f, s, n, &v, path, label, errs))
                        return false;
                *(int64_t *)m = v;
                return true;
        }
        case FT_ENUM: {
                int v = 0;
                if (n && !typed_enum(f, s, n, &v, path, label, errs))
                        return false;
                *(int *)m = v;
                return true;
        }
        case FT_BOOL: {
                bool v = false;
                if (n && !typed_bool(s, n, &v, path, label, errs))
                        return false;
                *(bool *)m = v;
                return true;
        }
        default:
                diags_add(errs, path, label, "这一项不能直接填写");
                return false;
        }
}

/* The length of the number that starts s[0..n) ("214.2" of "214.2万元"). */
static size_t number_prefix(const char *s, size_t n)
{
        size_t k = 0;
        while (k < n && ((s[k] >= '0' && s[k] <= '9') || s[k] == '.' || s[k] == ',' ||
                         (k == 0 && s[k] == '-')))
                k++;
        return k;
}

/* The comparator a target may start with, as printed in published tables
 * ("≥", ">=", "大于等于", "不低于" …): its value and length, or 0. */
static int leading_comparator(const char *s, size_t n, size_t *len)
{
        static const struct {
                const char *text;
                enum cmp_op op;
        } words[] = {
            {"≥", CMP_GE},        {">=", CMP_GE},       {"＞＝", CMP_GE},     {"大于等于", CMP_GE},
            {"不低于", CMP_GE},   {"不少于", CMP_GE},   {"≤", CMP_LE},        {"<=", CMP_LE},
            {"＜＝", CMP_LE},     {"小于等于", CMP_LE}, {"不高于", CMP_LE},   {"不超过", CMP_LE},
            {"不多于", CMP_LE},   {"＞", CMP_GT},       {">", CMP_GT},        {"大于", CMP_GT},
            {"高于", CMP_GT},     {"＜", CMP_LT},       {"<", CMP_LT},        {"小于", CMP_LT},
            {"低于", CMP_LT},     {"＝", CMP_EQ},       {"=", CMP_EQ},        {"等于", CMP_EQ},
        };
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
                size_t k = strlen(words[i].text);
                if (k <= n && memcmp(s, words[i].text, k) == 0) {
                        *len = k;
                        return (int)words[i].op;
                }
        }
        *len = 0;
        return CMP_UNSET;
}

/* A measure or target: a number goes to its value ("214.2万元": the value
 * and, after it, the unit it is written in), anything else to its text.
 * A target may start with its comparator ("≥95%", "不低于 90%"). */
static bool assign_measure(struct doc *d, const struct doc_loc *loc, const char *s, size_t n,
                           const char *path, const char *label, struct diags *errs)
{
        const struct field *value = schema_field(loc->schema, "value");
        const struct field *text = schema_field(loc->schema, "text");
        const struct field *unit = schema_field(loc->schema, "unit");
        const struct field *opf = schema_field(loc->schema, "op");
        dec_t *v = field_ptr(value, loc->ptr);
        const char **t = field_ptr(text, loc->ptr);
        const char **u = unit ? field_ptr(unit, loc->ptr) : NULL;
        int *op = opf ? field_ptr(opf, loc->ptr) : NULL;
        const char *whole = s;
        size_t whole_n = n, skip;
        int cmp = op ? leading_comparator(s, n, &skip) : CMP_UNSET;
        if (cmp) { /* the number after the comparator (spaces allowed between) */
                s = trim(arena_strndup(d->arena, s + skip, n - skip), &n);
        }
        /* full-width digits and points as a Chinese input method types them
         * (０．８５万元); a text target is kept as typed (whole) */
        char *folded = arena_alloc(d->arena, n + 1);
        size_t folded_n = dec_fold_fullwidth(s, n, folded, n + 1);
        if (folded_n != SIZE_MAX) {
                s = folded;
                n = folded_n;
        }
        dec_t number;
        size_t k = number_prefix(s, n), rest;
        const char *after = trim(arena_strndup(d->arena, s + k, n - k), &rest);
        enum dec_parse_status st = n && k ? typed_dec(s, k, false, &number) : DEC_ERR_EMPTY;
        if (st == DEC_ERR_GROUPING) /* "1,2,3" is no number, and no text meant as one */
                return dec_error(errs, path, label, st, s, n);
        if (st == DEC_OK && (rest == 0 || u) && rest <= 30) {
                *v = number;
                *t = NULL;
                if (u)
                        *u = rest ? arena_strndup(d->arena, after, rest) : NULL;
                if (op)
                        *op = cmp;
                return true;
        }
        if (!typed_string(text, whole, whole_n, path, label, errs))
                return false;
        *v = DEC_NONE;
        *t = whole_n ? arena_strndup(d->arena, whole, whole_n) : NULL;
        if (u)
                *u = NULL;
        if (op)
                *op = CMP_UNSET;
        return true;
}

static bool is_measure(const struct schema *s)
{
        const struct field *v = s ? schema_field(s, "value") : NULL;
        const struct field *t = s ? schema_field(s, "text") : NULL;
        return v && t && v->type == FT_DEC && t->type == FT_STR;
}

bool doc_assign(struct doc *d, const char *path, const char *text, struct diags *errs)
{
        struct doc_loc loc;
        struct buf label = BUF_INIT;
        bool ok = false;
        if (!doc_locate(d, path, &loc, &label)) {
                diags_add(errs, path, NULL, "表中没有这一项（可能已被删除），请刷新页面");
        } else if (loc.path_flags & FL_FIXED) {
                diags_add(errs, path, buf_str(&label), "这一项不能在此修改");
        } else {
                size_t n;
                const char *s = trim(text, &n);
                if (loc.element || loc.field->type == FT_ARR || loc.field->type == FT_DECS)
                        diags_add(errs, path, buf_str(&label), "这一项不能直接填写");
                else if (loc.field->type == FT_OBJ)
                        ok = is_measure(loc.schema)
                                 ? assign_measure(d, &loc, s, n, path, buf_str(&label), errs)
                                 : (diags_add(errs, path, buf_str(&label), "这一项不能直接填写"),
                                    false);
                else
                        ok =
                            assign_scalar(d, loc.field, loc.ptr, s, n, path, buf_str(&label), errs);
        }
        buf_free(&label);
        if (ok)
                doc_note_sections(d);
        return ok;
}

/* ---- rows ------------------------------------------------------------------------ */

/* The statements of the report text name cells by path; when rows move,
 * they follow their row: "<array>[from]…" becomes "<array>[to]…", or the
 * statement is dropped with its row (to == SIZE_MAX). */
static void statements_follow(struct doc *d, const char *array, size_t from, size_t to)
{
        char prefix[600];
        int n = snprintf(prefix, sizeof prefix, "%s[%zu]", array, from);
        if (n < 0 || (size_t)n >= sizeof prefix)
                return;
        size_t k = 0;
        for (size_t i = 0; i < d->n_statements; i++) {
                struct statement *s = &d->statements[i];
                const char *ref = s->refers_to;
                if (ref && strncmp(ref, prefix, (size_t)n) == 0 &&
                    (ref[n] == '\0' || ref[n] == '.' || ref[n] == '[')) {
                        if (to == SIZE_MAX)
                                continue;
                        struct buf b = BUF_INIT;
                        buf_printf(&b, "%s[%zu]%s", array, to, ref + n);
                        s->refers_to = arena_strdup(d->arena, buf_str(&b));
                        buf_free(&b);
                }
                d->statements[k++] = *s;
        }
        d->n_statements = k;
}

/* The array member named by path (no index), or NULL with a diagnostic. */
static bool locate_array(struct doc *d, const char *path, bool element, struct doc_loc *loc,
                         struct diags *errs)
{
        if (!doc_locate(d, path, loc, NULL) || loc->field->type != FT_ARR ||
            loc->element != element) {
                diags_add(errs, path, NULL, "表中没有这一行（可能已被删除），请刷新页面");
                return false;
        }
        if (!(loc->field->flags & FL_ROWS) || (loc->path_flags & FL_FIXED)) {
                diags_add(errs, path, loc->field->label, "这一部分的行不能在此增删或移动");
                return false;
        }
        return true;
}

bool doc_array_append(struct doc *d, const char *path, struct diags *errs)
{
        struct doc_loc loc;
        if (!locate_array(d, path, false, &loc, errs))
                return false;
        const struct field *f = loc.field;
        size_t n = field_count(f, loc.base), size = f->sub->size;
        size_t max = f->max > 0 ? (size_t)f->max : SCHEMA_MAX_ITEMS;
        if (n >= max) {
                diags_add(errs, path, f->label, "行数已达上限 %zu 行，不能再添加", max);
                return false;
        }
        char *rows = arena_alloc(d->arena, (n + 1) * size);
        if (n)
                memcpy(rows, *(char **)loc.ptr, n * size);
        schema_init(f->sub, rows + n * size);
        *(char **)loc.ptr = rows;
        *(size_t *)((char *)loc.base + f->count_off) = n + 1;
        doc_note_sections(d); /* a blank row makes its section one the document has */
        return true;
}

bool doc_array_remove(struct doc *d, const char *path, struct diags *errs)
{
        struct doc_loc loc;
        if (!locate_array(d, path, true, &loc, errs))
                return false;
        const struct field *f = loc.field;
        size_t *count = (size_t *)((char *)loc.base + f->count_off), size = f->sub->size;
        char *rows = *(char **)field_ptr(f, loc.base);
        memmove(rows + loc.index * size, rows + (loc.index + 1) * size,
                (*count - loc.index - 1) * size);
        (*count)--;
        const char *array = arena_strndup(d->arena, path, strrchr(path, '[') - path);
        statements_follow(d, array, loc.index, SIZE_MAX);
        for (size_t i = loc.index; i < *count; i++)
                statements_follow(d, array, i + 1, i);
        doc_note_sections(d);
        return true;
}

bool doc_array_move(struct doc *d, const char *path, int delta, struct diags *errs)
{
        struct doc_loc loc;
        if (!locate_array(d, path, true, &loc, errs))
                return false;
        const struct field *f = loc.field;
        size_t count = field_count(f, loc.base), size = f->sub->size;
        if ((delta < 0 && loc.index == 0) || (delta > 0 && loc.index + 1 >= count))
                return true; /* already first or last */
        char *rows = *(char **)field_ptr(f, loc.base);
        char *a = rows + loc.index * size, *b = delta < 0 ? a - size : a + size;
        char *tmp = arena_alloc(d->arena, size);
        memcpy(tmp, a, size);
        memcpy(a, b, size);
        memcpy(b, tmp, size);
        /* swap the statements of the two rows, by way of an unused index */
        const char *array = arena_strndup(d->arena, path, strrchr(path, '[') - path);
        size_t other = delta < 0 ? loc.index - 1 : loc.index + 1;
        statements_follow(d, array, loc.index, count);
        statements_follow(d, array, other, loc.index);
        statements_follow(d, array, count, other);
        return true;
}

/* ---- row operations as users ask for them ------------------------------------------- */

/* A new row's first content: a 一级 level gets one 二级 group (so that
 * indicators can be added under it); a project gets the 自评表's levels
 * and groups and its execution weight. */
static void seed_row(struct doc *d, const struct doc_loc *loc)
{
        size_t n = field_count(loc->field, loc->base);
        if (loc->field->sub == &schema_ind_level) {
                struct ind_level *l = &(*(struct ind_level **)loc->ptr)[n - 1];
                l->n_groups = 1;
                l->groups = arena_alloc(d->arena, sizeof(*l->groups));
                schema_init(&schema_ind_group, l->groups);
        } else if (loc->field->sub == &schema_project) {
                struct score_table *to = &d->projects[n - 1].table;
                const struct score_table *from = &d->self.table;
                to->n_indicators = from->n_indicators;
                to->indicators =
                    arena_alloc(d->arena, (from->n_indicators + 1) * sizeof(*to->indicators));
                for (size_t i = 0; i < from->n_indicators; i++) {
                        const struct ind_level *fl = &from->indicators[i];
                        struct ind_level *l = &to->indicators[i];
                        schema_init(&schema_ind_level, l);
                        l->name = fl->name;
                        l->n_groups = fl->n_groups;
                        l->groups = arena_alloc(d->arena, (fl->n_groups + 1) * sizeof(*l->groups));
                        for (size_t j = 0; j < fl->n_groups; j++) {
                                schema_init(&schema_ind_group, &l->groups[j]);
                                l->groups[j].name = fl->groups[j].name;
                        }
                }
                to->budget.weight = from->budget.weight;
        }
}

void doc_attachments_follow(struct doc *d, const char *from, const char *to)
{
        size_t k = 0;
        for (size_t i = 0; i < d->n_attachments; i++) {
                struct attachment *a = &d->attachments[i];
                if (a->project && strcmp(a->project, from) == 0) {
                        if (!to)
                                continue;
                        a->project = to;
                }
                d->attachments[k++] = *a;
        }
        d->n_attachments = k;
}

bool doc_row_op(struct doc *d, const char *op, struct diags *errs)
{
        static const char *const names[] = {"add:", "remove:", "up:", "down:"};
        size_t k = 0;
        while (k < 4 && strncmp(op, names[k], strlen(names[k])) != 0)
                k++;
        struct doc_loc loc;
        const char *path = k < 4 ? op + strlen(names[k]) : "";
        struct diags ignored = DIAGS_INIT;
        bool ok = k < 4 && locate_array(d, path, k != 0, &loc, &ignored);
        diags_free(&ignored);
        if (!ok) {
                diags_add(errs, "op", NULL,
                          "无法进行这一行操作（表中没有这一行或不能增删），请刷新页面");
                return false;
        }
        switch (k) {
        case 0:
                if (!doc_array_append(d, path, errs))
                        return false;
                doc_locate(d, path, &loc, NULL); /* the array moved */
                seed_row(d, &loc);
                return true;
        case 1:
                if (loc.field->sub == &schema_project && ((struct project *)loc.ptr)->name)
                        doc_attachments_follow(d, ((struct project *)loc.ptr)->name, NULL);
                return doc_array_remove(d, path, errs);
        default:
                return doc_array_move(d, path, k == 2 ? -1 : +1, errs);
        }
}

/* ---- versions ---------------------------------------------------------------------- */

const char *doc_value_text(const struct field *f, const void *m, struct arena *a)
{
        char b[DEC_BUFSZ];
        switch (f->type) {
        case FT_STR:
        case FT_TEXT: {
                const char *s = *(const char *const *)m;
                return s ? s : "";
        }
        case FT_DEC:
                return arena_strdup(a, dec_fmt(*(const dec_t *)m, -1, b));
        case FT_INT: {
                int64_t v = *(const int64_t *)m;
                if (v == SCHEMA_INT_NONE)
                        return "";
                snprintf(b, sizeof b, "%lld", (long long)v);
                return arena_strdup(a, b);
        }
        case FT_BOOL:
                return *(const bool *)m ? "是" : "";
        case FT_ENUM: {
                int v = *(const int *)m;
                const char *l = v ? enum_label(f->en, v) : NULL;
                return l ? l : v ? enum_name(f->en, v) : "";
        }
        case FT_DECS: {
                struct buf t = BUF_INIT;
                const dec_t *v = *(const dec_t *const *)m;
                size_t n = *(const size_t *)((const char *)m - f->off + f->count_off);
                for (size_t i = 0; i < n; i++)
                        buf_printf(&t, "%s%s", i ? "、" : "", dec_fmt(v[i], -1, b));
                const char *s = arena_strdup(a, buf_str(&t));
                buf_free(&t);
                return s;
        }
        default:
                return "";
        }
}

struct differ {
        struct arena *arena;
        struct vec changes;
        struct buf path, label;
};

static void add_change(struct differ *df, const char *before, const char *after)
{
        struct doc_change *c = vec_push(&df->changes);
        c->path = arena_strdup(df->arena, buf_str(&df->path));
        c->label = arena_strdup(df->arena, buf_str(&df->label));
        c->before = arena_strdup(df->arena, before); /* the documents may go first */
        c->after = arena_strdup(df->arena, after);
}

static const char *row_text(const struct field *f, const void *e, size_t i, struct arena *a)
{
        struct buf t = BUF_INIT;
        doc_element_label(f, e, i, &t);
        const char *r = arena_strdup(a, buf_str(&t));
        buf_free(&t);
        return r;
}

static void diff_struct(struct differ *df, const struct schema *s, const void *a, const void *b);

static void diff_field(struct differ *df, const struct field *f, const void *a, const void *b)
{
        size_t path_len = df->path.len, label_len = df->label.len;
        buf_printf(&df->path, ".%s", f->key);
        if (df->label.len)
                buf_puts(&df->label, " › ");
        const void *ma = field_cptr(f, a), *mb = field_cptr(f, b);
        if (f->type == FT_OBJ) {
                buf_puts(&df->label, f->label);
                diff_struct(df, f->sub, ma, mb);
        } else if (f->type == FT_ARR) {
                size_t na = field_count(f, a), nb = field_count(f, b), size = f->sub->size;
                const char *ea = *(const char *const *)ma, *eb = *(const char *const *)mb;
                size_t p = df->path.len, l = df->label.len;
                for (size_t i = 0; i < (na > nb ? na : nb); i++) {
                        buf_printf(&df->path, "[%zu]", i);
                        if (i < na && i < nb) {
                                buf_puts(&df->label, row_text(f, eb + i * size, i, df->arena));
                                diff_struct(df, f->sub, ea + i * size, eb + i * size);
                        } else {
                                buf_puts(&df->label, f->label);
                                add_change(df,
                                           i < na ? row_text(f, ea + i * size, i, df->arena) : "",
                                           i < nb ? row_text(f, eb + i * size, i, df->arena) : "");
                        }
                        buf_truncate(&df->path, p);
                        buf_truncate(&df->label, l);
                }
        } else {
                buf_puts(&df->label, f->label);
                const char *ta = doc_value_text(f, ma, df->arena);
                const char *tb = doc_value_text(f, mb, df->arena);
                if (strcmp(ta, tb) != 0)
                        add_change(df, ta, tb);
        }
        buf_truncate(&df->path, path_len);
        buf_truncate(&df->label, label_len);
}

static void diff_struct(struct differ *df, const struct schema *s, const void *a, const void *b)
{
        for (size_t i = 0; i < s->n_fields; i++)
                diff_field(df, &s->fields[i], a, b);
}

size_t doc_diff(const struct doc *a, const struct doc *b, struct arena *arena,
                struct doc_change **out)
{
        struct differ df = {arena, VEC_INIT(struct doc_change), BUF_INIT, BUF_INIT};
        buf_puts(&df.path, "$");
        diff_struct(&df, &schema_doc, a, b);
        buf_free(&df.path);
        buf_free(&df.label);
        size_t n;
        *out = vec_finish(&df.changes, arena, &n);
        return n;
}
