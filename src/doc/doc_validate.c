/* The structural rules of a document that span more than one field: the
 * format marker, the unit code rule of supervising units, unique indicators
 * and projects, resolvable statements and attachments (see doc_io.h).
 * These make a document unusable; scoring rules live in the engine. */
#include "doc_io.h"

#include "../base/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct checker {
        const struct doc *doc;
        struct diags *errs;
};

static void quoted(struct buf *b, const char *s)
{
        jw_quote(b, s, strlen(s));
}

/* Report a broken rule at path, with the label of the member. */
#define REPORT(c, path, label, ...) diags_add((c)->errs, (path), (label), __VA_ARGS__)

static void check_format(struct checker *c)
{
        const struct doc *d = c->doc;
        if (strcmp(d->format, DOC_FORMAT_NAME) != 0) {
                struct buf q = BUF_INIT;
                quoted(&q, d->format);
                REPORT(c, "$.format", "格式标识", "应为 \"%s\"，实际为 %s", DOC_FORMAT_NAME,
                       buf_str(&q));
                buf_free(&q);
        }
        if (d->version != DOC_FORMAT_VERSION)
                REPORT(c, "$.version", "格式版本", "不支持格式版本 %" PRId64 "，本程序支持版本 %d",
                       d->version, DOC_FORMAT_VERSION);
}

/* A scheme is named, never a path: [a-z0-9_-], 1 to 64 characters. */
static void check_scheme_name(struct checker *c)
{
        const char *s = c->doc->scheme;
        if (s && (!*s || strlen(s) > 64 ||
                  strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(s)))
                REPORT(
                    c, "$.scheme", "评分方案",
                    "评分方案名称只能由小写字母、数字、下划线和连字符组成（如 national），不能是文件路径");
}

static bool is_supervising(const char *code)
{
        return strcmp(code + 3, "001") == 0;
}

static void check_unit(struct checker *c)
{
        const struct unit_info *u = &c->doc->unit;
        if (is_supervising(u->code)) {
                if (u->supervisor.code)
                        REPORT(c, "$.unit.supervisor", "主管部门",
                               "单位 \"%s\" 是主管部门（编码后三位为 001），不应再填写主管部门",
                               u->code);
                return;
        }
        char expect[7];
        memcpy(expect, u->code, 3);
        memcpy(expect + 3, "001", 4);
        if (!u->supervisor.code)
                REPORT(c, "$.unit.supervisor", "主管部门",
                       "单位 \"%s\" 是二级机构，必须填写主管部门（编码应为 \"%s\"）", u->code,
                       expect);
        else if (strcmp(u->supervisor.code, expect) != 0)
                REPORT(c, "$.unit.supervisor.code", "主管部门编码",
                       "主管部门编码应为 \"%s\"（单位编码前三位加 001），实际为 \"%s\"", expect,
                       u->supervisor.code);
}

/* A name seen at a path, for duplicate detection. */
struct seen {
        const char *name;
        char *path;
};

struct seen_set {
        struct seen *v;
        size_t n;
};

/* Path where name was seen before, or NULL after recording it at path. */
static const char *seen_before(struct seen_set *s, const char *name, const char *path)
{
        if (!name || !*name)
                return NULL; /* a blank name is the engine's finding (name.missing), not a duplicate
                              */
        for (size_t i = 0; i < s->n; i++)
                if (strcmp(s->v[i].name, name) == 0)
                        return s->v[i].path;
        s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
        s->v[s->n].name = name;
        s->v[s->n].path = xstrdup(path);
        s->n++;
        return NULL;
}

static void seen_reset(struct seen_set *s)
{
        for (size_t i = 0; i < s->n; i++)
                free(s->v[i].path);
        s->n = 0;
}

static void seen_free(struct seen_set *s)
{
        seen_reset(s);
        free(s->v);
}

static void check_measure(struct checker *c, const char *path, const char *label,
                          const struct measure *m)
{
        if (dec_is_set(m->value) && m->text)
                REPORT(c, path, label, "不能同时填写数值（value）和文字值（text），请只保留一种");
}

static void check_indicator(struct checker *c, const char *path, const struct indicator *ind)
{
        struct buf p = BUF_INIT;
        if (ind->target.op && !dec_is_set(ind->target.m.value)) {
                buf_printf(&p, "%s.target", path);
                REPORT(c, buf_str(&p), "年度指标值", "填写了比较符，但没有填写数值（value）");
        }
        buf_reset(&p);
        buf_printf(&p, "%s.target", path);
        check_measure(c, buf_str(&p), "年度指标值", &ind->target.m);
        buf_reset(&p);
        buf_printf(&p, "%s.midyear", path);
        check_measure(c, buf_str(&p), "年中监控实际完成值", &ind->midyear);
        buf_reset(&p);
        buf_printf(&p, "%s.actual", path);
        check_measure(c, buf_str(&p), "实际完成值", &ind->actual);
        buf_free(&p);
}

/* Unique names among siblings at each level of the tree, unique codes in
 * the whole table. */
static void check_table(struct checker *c, const char *table_path, const struct score_table *t)
{
        struct seen_set levels = {0}, groups = {0}, items = {0}, codes = {0};
        struct buf p = BUF_INIT;
        for (size_t i = 0; i < t->n_indicators; i++) {
                const struct ind_level *l = &t->indicators[i];
                buf_reset(&p);
                buf_printf(&p, "%s.indicators[%zu]", table_path, i);
                const char *prev = seen_before(&levels, l->name, buf_str(&p));
                if (prev)
                        REPORT(c, buf_str(&p), "一级指标", "一级指标 \"%s\" 重复（已见于 %s）",
                               l->name, prev);
                seen_reset(&groups);
                for (size_t j = 0; j < l->n_groups; j++) {
                        const struct ind_group *g = &l->groups[j];
                        buf_reset(&p);
                        buf_printf(&p, "%s.indicators[%zu].groups[%zu]", table_path, i, j);
                        prev = seen_before(&groups, g->name, buf_str(&p));
                        if (prev)
                                REPORT(c, buf_str(&p), "二级指标",
                                       "二级指标 \"%s\" 在同一一级指标下重复（已见于 %s）", g->name,
                                       prev);
                        seen_reset(&items);
                        for (size_t k = 0; k < g->n_items; k++) {
                                const struct indicator *ind = &g->items[k];
                                buf_reset(&p);
                                buf_printf(&p, "%s.indicators[%zu].groups[%zu].items[%zu]",
                                           table_path, i, j, k);
                                prev = seen_before(&items, ind->name, buf_str(&p));
                                if (prev)
                                        REPORT(c, buf_str(&p), "三级指标",
                                               "三级指标 \"%s\" 在同一二级指标下重复（已见于 %s）",
                                               ind->name, prev);
                                if (ind->code &&
                                    (prev = seen_before(&codes, ind->code, buf_str(&p))))
                                        REPORT(c, buf_str(&p), "指标编码",
                                               "指标编码 \"%s\" 重复（已见于 %s）", ind->code,
                                               prev);
                                check_indicator(c, buf_str(&p), ind);
                        }
                }
        }
        buf_free(&p);
        seen_free(&levels);
        seen_free(&groups);
        seen_free(&items);
        seen_free(&codes);
}

static void check_tables(struct checker *c)
{
        const struct doc *d = c->doc;
        check_table(c, "$.self_eval", &d->self.table);
        struct seen_set names = {0};
        struct buf p = BUF_INIT;
        for (size_t i = 0; i < d->n_projects; i++) {
                buf_reset(&p);
                buf_printf(&p, "$.projects[%zu]", i);
                const char *prev = seen_before(&names, d->projects[i].name, buf_str(&p));
                if (prev)
                        REPORT(c, buf_str(&p), "项目名称", "项目 \"%s\" 重复（已见于 %s）",
                               d->projects[i].name, prev);
                check_table(c, buf_str(&p), &d->projects[i].table);
        }
        buf_free(&p);
        seen_free(&names);
}

static void check_quarters(struct checker *c)
{
        size_t n = c->doc->perf.quarterly.n_quarters;
        if (n > 4)
                REPORT(c, "$.performance_data.quarterly.quarters", "各季度",
                       "最多 4 个季度，实际为 %zu 个", n);
}

static void check_statements(struct checker *c)
{
        const struct doc *d = c->doc;
        struct buf p = BUF_INIT;
        for (size_t i = 0; i < d->n_statements; i++) {
                const struct statement *s = &d->statements[i];
                struct doc_ref ref;
                buf_reset(&p);
                buf_printf(&p, "$.statements[%zu]", i);
                if (!dec_is_set(s->value) && !s->value_text)
                        REPORT(c, buf_str(&p), "文中表述",
                               "须填写文中数值（value）或文中文字（value_text）");
                buf_puts(&p, ".refers_to");
                if (!doc_resolve(d, s->refers_to, &ref))
                        REPORT(c, buf_str(&p), "所指数据",
                               "路径 \"%s\" 不指向本文档中的数据项（例：$.self_eval.stated_total）",
                               s->refers_to);
        }
        buf_free(&p);
}

static bool is_sha256(const char *s)
{
        size_t n = strlen(s);
        if (n != 64)
                return false;
        return strspn(s, "0123456789abcdef") == 64;
}

static bool has_project(const struct doc *d, const char *name)
{
        for (size_t i = 0; i < d->n_projects; i++)
                if (d->projects[i].name && strcmp(d->projects[i].name, name) == 0)
                        return true;
        return false;
}

static void check_attachments(struct checker *c)
{
        const struct doc *d = c->doc;
        struct buf p = BUF_INIT;
        for (size_t i = 0; i < d->n_attachments; i++) {
                const struct attachment *a = &d->attachments[i];
                buf_reset(&p);
                buf_printf(&p, "$.attachments[%zu].project", i);
                if (a->project && !has_project(d, a->project))
                        REPORT(c, buf_str(&p), "所属项目", "项目 \"%s\" 不在项目支出表中",
                               a->project);
                else if (a->kind == ATTACH_PROJECT_REPORT && !a->project)
                        REPORT(c, buf_str(&p), "所属项目", "项目自评报告须注明所属项目");
                buf_reset(&p);
                buf_printf(&p, "$.attachments[%zu].sha256", i);
                if (a->sha256 && !is_sha256(a->sha256))
                        REPORT(c, buf_str(&p), "SHA-256", "应为 64 位小写十六进制数字");
        }
        buf_free(&p);
}

bool doc_validate(const struct doc *d, struct diags *errs)
{
        struct checker c = {d, errs};
        size_t before = diags_count(errs);
        check_format(&c);
        check_scheme_name(&c);
        check_unit(&c);
        check_tables(&c);
        check_quarters(&c);
        check_statements(&c);
        check_attachments(&c);
        return diags_count(errs) == before;
}
