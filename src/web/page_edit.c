/* The edit pages of a task: 基础数据表 (/tasks/{id}/basic), 自评表
 * (/tasks/{id}/self), the project list (/tasks/{id}/projects) and each
 * 项目支出表 (/tasks/{id}/projects/{n}). GET draws the part; POST saves
 * what was typed (and a row added, moved or removed) under the task's
 * version, or with preview=1 only draws the part again from what was
 * typed — the page script uses that to keep computed cells current.
 * A refused save draws the page from what was typed, with the reason. */
#include "edit.h"
#include "ops.h"
#include "pages.h"
#include "task_page.h"

#include <stdlib.h>
#include <string.h>

enum part { PART_BASIC, PART_SELF, PART_PROJECT };

struct page {
        enum part part;
        size_t project; /* PART_PROJECT: index in the document */
        const char *url;
        const char *prefix; /* the document paths of the part */
};

/* The findings of this part, listed with links to their rows. */
static void summary(struct form_ctx *c, const struct page *pg)
{
        struct req *r = c->r;
        const struct evaluation *e = c->e;
        size_t errors = 0, warnings = 0, plen = strlen(pg->prefix);
        for (size_t i = 0; i < e->n_findings; i++)
                if (strncmp(e->findings[i].path, pg->prefix, plen) == 0) {
                        errors += e->findings[i].severity == SEV_ERROR;
                        warnings += e->findings[i].severity == SEV_WARNING;
                }
        html(
            r,
            "<div class=\"card summary\" data-summary><p>本表：<span class=\"tag error\">错误 %zu</span> "
            "<span class=\"tag warning\">警告 %zu</span>　整个任务：计算总分 <strong>",
            errors, warnings);
        char b[DEC_BUFSZ];
        html(r, "%s</strong> %s，错误 %zu 个", dec_fmt(e->self.total, 2, b), e->self.grade,
             e->n_errors);
        html_raw(r, e->n_errors ? "（改正后才能送审）</p>" : "</p>");
        if (c->input && c->input->n) {
                html_raw(r, "<ul class=\"refused\">");
                for (size_t i = 0; i < c->input->n; i++)
                        html(r, "<li>%s%s%s</li>", c->input->items[i].label,
                             c->input->items[i].label ? "：" : "", c->input->items[i].msg);
                html_raw(r, "</ul>");
        }
        if (errors + warnings) {
                html_raw(r, "<ol class=\"findings\">");
                for (size_t i = 0; i < e->n_findings; i++) {
                        const struct finding *f = &e->findings[i];
                        if (f->severity == SEV_INFO || strncmp(f->path, pg->prefix, plen) != 0)
                                continue;
                        html(r,
                             "<li><span class=\"tag %s\">%s</span> <a href=\"#%s\">%s</a>：%s</li>",
                             severity_name(f->severity), severity_label(f->severity),
                             notes_anchor(r, notes_key(r, f->path)), f->label, f->message);
                }
                html_raw(r, "</ol>");
        }
        html_raw(r, "</div>");
}

/* After a refused save because someone else saved: what they changed. */
static void conflict(struct req *r, const struct task_change *tc, const struct page *pg)
{
        if (!tc->other_version)
                return;
        html(
            r,
            "<div class=\"card conflict\"><h2>对方的修改（第 %lld 版）</h2><p>下表是您打开页面后他人保存的修改。"
            "您填写的内容仍在下方的表中，尚未保存；核对后可直接再次保存（以您填写的为准），"
            "或<a href=\"%s\" target=\"_blank\" rel=\"noopener\">在新窗口打开对方保存的版本</a>对照。</p>",
            (long long)tc->other_version, pg->url);
        if (!tc->n_other) {
                html_raw(r,
                         "<p class=\"muted\">对方只更改了任务状态，没有修改表中内容。</p></div>");
                return;
        }
        html_raw(r,
                 "<table class=\"changes\"><thead><tr><th>项目</th><th>原值</th><th>对方改为</th>"
                 "<th>您填写的</th></tr></thead><tbody>");
        for (size_t i = 0; i < tc->n_other; i++) {
                const struct doc_change *c = &tc->other[i];
                const char *mine = req_param(r, c->path);
                html(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", c->label,
                     c->before, c->after, mine ? mine : "（本页未填写）");
        }
        html_raw(r, "</tbody></table></div>");
}

static void draw_part(struct form_ctx *c, const struct page *pg)
{
        const struct evaluation *e = c->e;
        switch (pg->part) {
        case PART_BASIC:
                edit_basic(c);
                if (doc_has_perf(c->d)) {
                        html_raw(c->r, "<h2>评价基础数据</h2>");
                        edit_perf(c);
                }
                break;
        case PART_SELF:
                edit_score_table(c, "$.self_eval", &c->d->self.table, &e->self,
                                 e->scheme->n_tree > 0);
                break;
        case PART_PROJECT:
                edit_project_head(c, pg->project);
                edit_score_table(c, pg->prefix, &c->d->projects[pg->project].table,
                                 &e->projects[pg->project], false);
                break;
        }
}

static const char *part_title(struct req *r, const struct page *pg, const struct doc *d)
{
        switch (pg->part) {
        case PART_BASIC:
                return req_printf(r, "%lld年度部门整体支出绩效评价基础数据表",
                                  (long long)d->fiscal_year);
        case PART_SELF:
                return req_printf(r, "%lld年度部门整体支出绩效自评表", (long long)d->fiscal_year);
        case PART_PROJECT: {
                const char *name = d->projects[pg->project].name;
                return req_printf(r, "项目支出绩效自评表 %zu：%s", pg->project + 1,
                                  name && *name ? name : "（未填写项目名称）");
        }
        }
        return "";
}

static void edit_page(struct req *r, struct task_change *tc, const struct page *pg, int status,
                      const char *notice, const char *error, bool typed)
{
        const struct task *t = &tc->tv.task;
        bool editable = wf_may_edit(&r->session.user, t);
        task_page_begin(r, t,
                        pg->part == PART_BASIC  ? TAB_BASIC
                        : pg->part == PART_SELF ? TAB_SELF
                                                : TAB_PROJECTS);
        r->status = status;
        if (notice)
                page_notice(r, notice);
        if (error)
                page_error(r, error);
        if (!editable)
                page_notice(r, "该任务当前不在您的填报或审核环节，以下内容只读。");
        struct form_ctx c = {r, tc->tv.doc, tc->tv.eval, &tc->input, editable, typed};
        conflict(r, tc, pg);
        html(r, "<h2>%s</h2>", part_title(r, pg, tc->tv.doc));
        summary(&c, pg);
        html(r, "<form method=\"post\" action=\"%s\" class=\"edit-form\" data-preview=\"%s\">",
             pg->url, pg->url);
        form_csrf(r);
        html(r, "<input type=\"hidden\" name=\"version\" value=\"%s\">",
             typed && req_field(r, "version") ? req_field(r, "version")
                                              : req_printf(r, "%lld", (long long)t->version));
        draw_part(&c, pg);
        if (editable) {
                html_raw(r, "<div class=\"savebar\"><button type=\"submit\">保存</button>");
                if (pg->part == PART_PROJECT)
                        html(
                            r,
                            "<button type=\"submit\" name=\"op\" value=\"remove:%s\" "
                            "class=\"secondary\" formnovalidate data-confirm=\"确认删除这个项目及其自评表？\">"
                            "删除这个项目</button>",
                            pg->prefix);
                html_raw(r,
                         "<span class=\"hint\" data-status>计算列随填写自动更新；保存后才会记录。"
                         "</span></div>");
        }
        html_raw(r, "</form>");
        page_end(r);
}

/* The anchor to show after a row operation: the new row, or none. */
static const char *after_op(struct req *r, const struct doc *d)
{
        const char *op = req_param(r, "op");
        if (!op || strncmp(op, "add:", 4) != 0)
                return "";
        struct doc_loc loc;
        if (!doc_locate(d, op + 4, &loc, NULL) || loc.field->type != FT_ARR)
                return "";
        size_t n = field_count(loc.field, loc.base);
        return req_printf(r, "#%s",
                          notes_anchor(r, req_printf(r, "%s[%zu]", op + 4, n ? n - 1 : 0)));
}

/* GET or POST of a part. */
static void handle(struct req *r, struct page *pg)
{
        struct task_change tc;
        if (!task_change_open(r, &tc))
                return;
        bool post = strcmp(r->method, "POST") == 0;
        bool preview = post && req_param(r, "preview");
        if (pg->part == PART_PROJECT && pg->project >= tc.tv.doc->n_projects) {
                reply_error(r, 404, "该项目不存在（可能已被删除），请从项目支出表列表重新打开");
                task_change_free(&tc);
                return;
        }
        struct op out = {0};
        if (preview && !op_task_may_edit(r, &tc.tv.task, &out)) { /* only the holder */
                reply_error(r, out.status, out.error);
                task_change_free(&tc);
                return;
        }
        task_change_apply(r, &tc, post && !preview);
        if (!post || preview) {
                edit_page(r, &tc, pg, 200, !post && req_param(r, "saved") ? "已保存。" : NULL, NULL,
                          preview);
                task_change_free(&tc);
                return;
        }
        if (!op_task_save(r, &tc, req_field(r, "version"), &out)) {
                edit_page(r, &tc, pg, out.status, NULL, out.error, true);
                task_change_free(&tc);
                return;
        }
        const char *op = req_param(r, "op");
        if (pg->part == PART_PROJECT && op && strncmp(op, "remove:", 7) == 0 &&
            strcmp(op + 7, pg->prefix) == 0)
                reply_redirect(
                    r, req_printf(r, "/tasks/%lld/projects?saved=1", (long long)tc.tv.task.id));
        else
                reply_redirect(r, req_printf(r, "%s?saved=1%s", pg->url, after_op(r, tc.tv.doc)));
        task_change_free(&tc);
}

void page_edit_basic(struct req *r)
{
        struct page pg = {PART_BASIC, 0,
                          req_printf(r, "/tasks/%lld/basic", (long long)req_arg_id(r, 0)),
                          "$.basic_data"};
        handle(r, &pg);
}

void page_edit_self(struct req *r)
{
        struct page pg = {PART_SELF, 0,
                          req_printf(r, "/tasks/%lld/self", (long long)req_arg_id(r, 0)),
                          "$.self_eval"};
        handle(r, &pg);
}

void page_edit_project(struct req *r)
{
        int64_t n = req_arg_id(r, 1);
        if (n < 1) {
                reply_error(r, 404, "该项目不存在，请从项目支出表列表重新打开");
                return;
        }
        struct page pg = {
            PART_PROJECT, (size_t)n - 1,
            req_printf(r, "/tasks/%lld/projects/%lld", (long long)req_arg_id(r, 0), (long long)n),
            req_printf(r, "$.projects[%lld]", (long long)n - 1)};
        handle(r, &pg);
}

/* ---- the project list ------------------------------------------------------------------ */

static void project_list(struct req *r, struct task_change *tc, int status, const char *error)
{
        const struct task *t = &tc->tv.task;
        const struct doc *d = tc->tv.doc;
        const struct evaluation *e = tc->tv.eval;
        task_page_begin(r, t, TAB_PROJECTS);
        r->status = status;
        if (error)
                page_error(r, error);
        else if (req_param(r, "saved"))
                page_notice(r, "已保存。");
        html_raw(r, "<p class=\"hint\">每个专项项目一张项目支出绩效自评表，各自按 100 分计分。"
                    "项目没有出现在列表中时，可新增项目。</p>");
        if (!d->n_projects) {
                html_raw(r, "<p class=\"muted\">本任务还没有项目支出表。</p>");
        } else {
                html_raw(r, "<table class=\"tasks\"><thead><tr><th>序号</th><th>项目名称</th>"
                            "<th>项目类别</th><th class=\"num\">计算总分</th><th>等级</th>"
                            "<th class=\"num\">错误</th></tr></thead><tbody>");
                for (size_t i = 0; i < d->n_projects; i++) {
                        const struct project *p = &d->projects[i];
                        size_t errors = 0;
                        const char *prefix = req_printf(r, "$.projects[%zu].", i);
                        for (size_t k = 0; k < e->n_findings; k++)
                                errors += e->findings[k].severity == SEV_ERROR &&
                                          strncmp(e->findings[k].path, prefix, strlen(prefix)) == 0;
                        char b[DEC_BUFSZ];
                        html(
                            r,
                            "<tr><td>%zu</td><td><a href=\"/tasks/%lld/projects/%zu\">%s</a></td>"
                            "<td>%s</td><td class=\"num\">%s</td><td>%s</td><td class=\"num\">%zu</td></tr>",
                            i + 1, (long long)t->id, i + 1,
                            p->name && *p->name ? p->name : "（未填写项目名称）", p->category,
                            dec_fmt(e->projects[i].total, 2, b), e->projects[i].grade, errors);
                }
                html_raw(r, "</tbody></table>");
        }
        if (wf_may_edit(&r->session.user, t)) {
                html(r, "<form method=\"post\" action=\"/tasks/%lld/projects\" class=\"card\">",
                     (long long)t->id);
                form_csrf(r);
                html(
                    r,
                    "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
                    "<button type=\"submit\" name=\"op\" value=\"add:$.projects\">＋ 新增项目</button>"
                    "</form>",
                    (long long)t->version);
        }
        page_end(r);
}

void page_projects(struct req *r)
{
        struct task_change tc;
        if (!task_change_open(r, &tc))
                return;
        bool post = strcmp(r->method, "POST") == 0;
        task_change_apply(r, &tc, post);
        struct op out = {0};
        if (post && op_task_save(r, &tc, req_field(r, "version"), &out)) {
                /* a new project: fill it in on its own page */
                reply_redirect(r, req_printf(r, "/tasks/%lld/projects/%zu",
                                             (long long)tc.tv.task.id, tc.tv.doc->n_projects));
        } else {
                project_list(r, &tc, post ? out.status : 200, post ? out.error : NULL);
        }
        task_change_free(&tc);
}
