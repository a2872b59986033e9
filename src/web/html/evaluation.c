/* The read-only HTML view of an evaluation (see evaluation.h): the header
 * with computed and stated totals, the 自评表, every 项目支出表, the
 * 基础数据表 and the 评价基础数据 — each its grid in print mode drawn by
 * html_grid(), computed figures with the stated ones beside where they
 * differ and every score's rule under its indicator — then the report
 * text, statements, attachments and the findings. */
#include "evaluation.h"

#include "grid_html.h"
#include "layout.h"

#include "../../doc/doc_io.h"
#include "../../tables/tables.h"

#include <string.h>

/* Every line of text, escaped: each wrapped in open…sep when open is given,
 * else joined by sep; blank lines are dropped from paragraphs. */
static void each_line(struct req *r, const char *text, const char *open, const char *sep)
{
        bool first = true;
        for (const char *p = text; p && *p;) {
                const char *nl = strchr(p, '\n');
                size_t n = nl ? (size_t)(nl - p) : strlen(p);
                if (n && p[n - 1] == '\r')
                        n--;
                if (n || !open) {
                        if (open)
                                html_raw(r, open);
                        else if (!first)
                                html_raw(r, sep);
                        html(r, "%.*s", (int)n, p);
                        if (open)
                                html_raw(r, sep);
                        first = false;
                }
                p = nl ? nl + 1 : p + n;
        }
}

void view_paragraphs(struct req *r, const char *text)
{
        each_line(r, text, "<p>", "</p>");
}

void view_lines(struct req *r, const char *text)
{
        each_line(r, text, NULL, "<br>");
}

/* "计算 100.00　表列 96.00", the stated one marked when it differs. */
static void text_pair(struct req *r, const char *computed, const char *stated)
{
        bool diff = computed && stated && strcmp(computed, stated) != 0;
        html(r, "计算 <strong>%s</strong>　表列 ", computed ? computed : "—");
        html_raw(r, diff ? "<span class=\"diff\" title=\"与计算值不一致\">" : "<span>");
        html(r, "%s</span>", stated ? stated : "—");
}

/* ---- header ------------------------------------------------------------------- */

static void header(struct req *r, const struct doc *d, const struct evaluation *e)
{
        int places = (int)e->scheme->places;
        char a[DEC_BUFSZ], b[DEC_BUFSZ];
        const struct score_table *st = &d->self.table;
        html_raw(r, "<div class=\"card\"><table><tbody>");
        html(r, "<tr><th>预算单位</th><td>%s（%s）</td></tr>", d->unit.name, d->unit.code);
        if (d->unit.supervisor.code)
                html(r, "<tr><th>主管部门</th><td>%s（%s）</td></tr>", d->unit.supervisor.name,
                     d->unit.supervisor.code);
        html(r, "<tr><th>年度</th><td>%lld年度</td></tr>", (long long)d->fiscal_year);
        html(r, "<tr><th>评分方案</th><td>%s（%s）</td></tr>", e->scheme->title, e->scheme->name);
        html_raw(r, "<tr><th>总分</th><td>");
        text_pair(r, dec_fmt(e->self.total, places, a),
                  dec_is_set(st->stated_total) ? dec_fmt(st->stated_total, places, b) : NULL);
        html_raw(r, "</td></tr><tr><th>评价等级</th><td>");
        text_pair(r, e->self.grade, st->stated_grade);
        size_t infos = e->n_findings - e->n_errors - e->n_warnings;
        html(
            r,
            "</td></tr><tr><th>审核发现</th><td><a href=\"#findings\">"
            "<span class=\"tag error\">错误 %zu</span> <span class=\"tag warning\">警告 %zu</span> "
            "<span class=\"tag info\">提示 %zu</span></a></td></tr></tbody></table></div>",
            e->n_errors, e->n_warnings, infos);
}

/* ---- text, statements, attachments, findings ------------------------------------------- */

static void narrative(struct req *r, const struct narrative *n)
{
        const struct schema *s = schema_field(&schema_doc, "narrative")->sub;
        html_raw(r, "<h2 id=\"report\">报告正文</h2><div class=\"card\">");
        for (size_t i = 0; i < s->n_fields; i++) {
                const struct field *f = &s->fields[i];
                if (f->type != FT_TEXT || field_empty(f, n))
                        continue;
                html(r, "<h3>%s</h3>", f->label);
                view_paragraphs(r, *(const char *const *)field_cptr(f, n));
        }
        for (size_t i = 0; i < n->n_other; i++) {
                html(r, "<h3>%s</h3>", n->other[i].title && *n->other[i].title ? n->other[i].title : "（未注明）");
                view_paragraphs(r, n->other[i].text);
        }
        html_raw(r, "</div>");
}

static void statements(struct req *r, const struct doc *d)
{
        char b[DEC_BUFSZ];
        html_raw(r, "<h2 id=\"statements\">文中表述的数据</h2><table><thead><tr><th>所在章节</th>"
                    "<th>原文</th><th>所指数据</th><th class=\"num\">文中数值</th></tr></thead>"
                    "<tbody>");
        for (size_t i = 0; i < d->n_statements; i++) {
                const struct statement *s = &d->statements[i];
                struct doc_ref ref;
                html(r, "<tr><td>%s</td><td>%s</td><td>", s->where, s->text);
                if (doc_resolve(d, s->refers_to, &ref))
                        html(r, "%s<br>", ref.field->label);
                html(r, "</td><td class=\"num\">%s</td></tr>",
                     s->value_text ? s->value_text : dec_fmt(s->value, -1, b));
        }
        html_raw(r, "</tbody></table>");
}

static void attachments(struct req *r, const struct doc *d)
{
        html_raw(r, "<h2 id=\"attachments\">附件</h2><table><thead><tr><th>类型</th><th>文件名</th>"
                    "<th>所属项目</th><th class=\"num\">大小（字节）</th></tr></thead><tbody>");
        for (size_t i = 0; i < d->n_attachments; i++) {
                const struct attachment *a = &d->attachments[i];
                html(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%lld</td></tr>",
                     enum_label(&enum_attach_kind, a->kind), a->name, a->project,
                     (long long)a->size);
        }
        html_raw(r, "</tbody></table>");
}

/* A finding's value: its text, or its number with its places. */
static const char *finding_value(const char *text, dec_t v, int places, char b[DEC_BUFSZ])
{
        return text ? text : dec_is_set(v) ? dec_fmt(v, places, b) : NULL;
}

static void findings(struct req *r, const struct evaluation *e)
{
        html_raw(r, "<h2 id=\"findings\">审核发现</h2>");
        if (!e->n_findings) {
                html_raw(r, "<p class=\"muted\">没有发现问题。</p>");
                return;
        }
        html_raw(r, "<ol class=\"findings\">");
        for (size_t i = 0; i < e->n_findings; i++) {
                const struct finding *f = &e->findings[i];
                char a[DEC_BUFSZ], b[DEC_BUFSZ];
                const char *stated = finding_value(f->stated_text, f->stated, f->places, a);
                const char *computed = finding_value(f->computed_text, f->computed, f->places, b);
                html(r, "<li><span class=\"tag %s\">%s</span> <strong>%s</strong><br>%s",
                     severity_name(f->severity), severity_label(f->severity), f->label, f->message);
                html_raw(r, "<div class=\"where\">");
                if (f->rule)
                        html(r, "规则：%s　", f->rule);
                if (stated || computed)
                        html(r, "表列：%s　计算：%s", stated ? stated : "—",
                             computed ? computed : "—");
                html_raw(r, "</div></li>");
        }
        html_raw(r, "</ol>");
}

/* ---- the whole view ------------------------------------------------------------------------- */

static bool part_empty(const struct doc *d, const char *key)
{
        return field_empty(schema_field(&schema_doc, key), d);
}

void view_evaluation(struct req *r, const struct doc *d, const struct evaluation *e)
{
        struct grid_view v = {.d = d};
        header(r, d, e);
        html_raw(r, "<p class=\"hint\">目录：<a href=\"#self\">自评表</a>");
        if (d->n_projects)
                html_raw(r, " · <a href=\"#project-1\">项目支出表</a>");
        if (doc_has_basic(d))
                html_raw(r, " · <a href=\"#basic\">基础数据表</a>");
        if (doc_has_perf(d))
                html_raw(r, " · <a href=\"#perf\">评价基础数据</a>");
        if (!part_empty(d, "narrative"))
                html_raw(r, " · <a href=\"#report\">报告正文</a>");
        html_raw(r, " · <a href=\"#findings\">审核发现</a></p>");

        html(r, "<h2 id=\"self\">%lld年度部门整体支出绩效自评表</h2>", (long long)d->fiscal_year);
        html_grid(r, table_self_eval(r->arena, d, e, TABLE_PRINT), &v);
        for (size_t i = 0; i < d->n_projects && i < e->n_projects; i++) {
                const struct project *p = &d->projects[i];
                html(r, "<h2 id=\"project-%zu\">项目支出表 %zu：%s</h2>", i + 1, i + 1, p->name);
                html_grid(r, table_project(r->arena, d, e, i, TABLE_PRINT), &v);
                if (p->report) {
                        html_raw(r, "<h3>项目自评报告</h3><div class=\"card\">");
                        view_paragraphs(r, p->report);
                        html_raw(r, "</div>");
                }
        }
        if (doc_has_basic(d)) {
                html_raw(r, "<h2 id=\"basic\">基础数据表</h2>");
                html_grid(r, table_basic(r->arena, d, e, TABLE_PRINT), &v);
        }
        if (doc_has_perf(d)) {
                html_raw(r, "<h2 id=\"perf\">评价基础数据</h2>");
                struct grid **perf;
                size_t n = table_perf(r->arena, d, e, TABLE_PRINT, &perf);
                for (size_t i = 0; i < n; i++) {
                        html(r, "<h3>%s</h3>", perf[i]->title);
                        html_grid(r, perf[i], &v);
                }
        }
        if (!part_empty(d, "narrative"))
                narrative(r, &d->narrative);
        if (d->n_statements)
                statements(r, d);
        if (d->n_attachments)
                attachments(r, d);
        findings(r, e);
}
