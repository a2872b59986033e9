/* The edit pages of a task: 基础数据表 (/tasks/{id}/basic), 自评表
 * (/tasks/{id}/self), the project list (/tasks/{id}/projects) and each
 * 项目支出表 (/tasks/{id}/projects/{n}) and the 报告正文 (/tasks/{id}/report).
 * Each part is its grids
 * (src/tables) in their form mode, drawn by html_grid(): GET from the
 * loaded document, POST saves what was typed (and a row added, moved or
 * removed) under the task's version through the one save pipeline
 * (src/app/task_change.c). A refused save draws the page from what was
 * typed, with the reason at each field; the computed cells follow the
 * typing through /api/tasks/{id}/preview. */
#include "../web.h"
#include "../handlers.h"
#include "../html/grid_html.h"
#include "../html/task_frame.h"

#include "../../doc/doc_io.h"
#include "../../tables/tables.h"

#include <stdlib.h>
#include <string.h>

enum part { PART_BASIC, PART_SELF, PART_PROJECT, PART_REPORT };

/* The document path of the member of d at p (size bytes), in the arena. */
static const char *member_path(struct req *r, const struct doc *d, const void *p, size_t size)
{
        struct buf b = BUF_INIT;
        doc_path_of(d, p, size, &b, NULL);
        const char *s = arena_strdup(r->arena, buf_str(&b));
        buf_free(&b);
        return s;
}

struct page {
        enum part part;
        size_t project; /* PART_PROJECT: index in the document */
        const char *url;
};

/* The grids of a part of d in their form mode: *n of them. */
static size_t part_grids(struct req *r, const struct page *pg, const struct doc *d,
                         const struct evaluation *e, struct grid ***out)
{
        struct grid **perf = NULL;
        size_t n_perf = 0;
        if (pg->part == PART_BASIC && doc_has_perf(d))
                n_perf = table_perf(r->arena, d, e, TABLE_FORM, &perf);
        struct grid **g = arena_alloc(r->arena, (n_perf + 1) * sizeof(*g));
        switch (pg->part) {
        case PART_BASIC:
                g[0] = table_basic(r->arena, d, e, TABLE_FORM);
                break;
        case PART_SELF:
                g[0] = table_self_eval(r->arena, d, e, TABLE_FORM);
                break;
        case PART_PROJECT:
                g[0] = table_project(r->arena, d, e, pg->project, TABLE_FORM);
                break;
        case PART_REPORT:
                g[0] = table_narrative(r->arena, d, e, TABLE_FORM);
                break;
        }
        for (size_t i = 0; i < n_perf; i++)
                g[1 + i] = perf[i];
        *out = g;
        return 1 + n_perf;
}

/* The findings of this part, listed with links to their rows. */
static void summary(struct req *r, const struct evaluation *e, const struct diags *refused,
                    struct grid **grids, size_t n)
{
        size_t errors = 0, warnings = 0;
        for (size_t i = 0; i < e->n_findings; i++)
                if (*grid_notes_key(r, grids, n, e->findings[i].path)) {
                        errors += e->findings[i].severity == SEV_ERROR;
                        warnings += e->findings[i].severity == SEV_WARNING;
                }
        size_t typed_wrong = refused ? refused->n : 0; /* values refused count as errors */
        errors += typed_wrong;
        char b[DEC_BUFSZ];
        html(r,
             "<div class=\"card summary\" data-summary><p>本表：<span class=\"tag error\">错误 "
             "<span data-count=\"errors\">%zu</span></span> <span class=\"tag warning\">警告 "
             "<span data-count=\"warnings\">%zu</span></span>　整个任务：计算总分 "
             "<strong data-total>%s</strong> <span data-grade>%s</span>，错误 "
             "<span data-count=\"task-errors\">%zu</span> 个%s</p>",
             errors, warnings, dec_fmt(e->self.total, 2, b), e->self.grade,
             e->n_errors + typed_wrong, e->n_errors + typed_wrong ? "（改正后才能送审）" : "");
        if (refused && refused->n) {
                html_raw(r, "<ul class=\"refused\">");
                for (size_t i = 0; i < refused->n; i++)
                        html(r, "<li>%s%s%s</li>", refused->items[i].label,
                             refused->items[i].label ? "：" : "", refused->items[i].msg);
                html_raw(r, "</ul>");
        }
        html_raw(r, "<ol class=\"findings\" data-findings>");
        for (size_t i = 0; i < e->n_findings; i++) {
                const struct finding *f = &e->findings[i];
                const char *key = grid_notes_key(r, grids, n, f->path);
                if (f->severity == SEV_INFO || !*key)
                        continue;
                html(r, "<li><span class=\"tag %s\">%s</span> <a href=\"#%s\">%s</a>：%s</li>",
                     severity_name(f->severity), severity_label(f->severity),
                     grid_anchor(r, key), f->label, f->message);
        }
        html_raw(r, "</ol></div>");
}

/* After a refused save because someone else saved: what they changed,
 * what the user changed, and what saving again keeps. */
static void conflict(struct req *r, const struct task_change *tc, const struct page *pg)
{
        if (!tc->other_version)
                return;
        html(r,
             "<div class=\"card conflict\" id=\"conflict\"><h2>他人在您填写期间保存了第 %lld 版</h2>"
             "<p>下表列出对方和您各自改动的内容。下方表格已是第 %lld 版加上您的改动："
             "您没有改动的地方采用对方的内容，您改动的地方保留您填写的。"
             "核对无误后点“保存”即可；也可<a href=\"%s\" target=\"_blank\" rel=\"noopener\">"
             "在新窗口打开第 %lld 版</a>对照。</p>",
             (long long)tc->other_version, (long long)tc->other_version, pg->url,
             (long long)tc->other_version);
        if (tc->cs && tc->cs->row_op && *tc->cs->row_op)
                html_raw(r, "<p class=\"hint\">您要求的添加、移动或删除行尚未执行（行的位置可能已变），"
                            "请核对后重新操作。</p>");
        if (!tc->n_merged) {
                html_raw(r, "<p class=\"muted\">对方只更改了任务状态，没有修改表中内容。</p></div>");
                return;
        }
        html_raw(r, "<table class=\"changes\"><thead><tr><th>项目</th><th>您打开时</th>"
                    "<th>对方改为</th><th>您改为</th><th>再次保存后</th></tr></thead><tbody>");
        for (size_t i = 0; i < tc->n_merged; i++) {
                const struct merged_change *c = &tc->merged[i];
                bool both = c->theirs && c->mine && strcmp(c->theirs, c->mine) != 0;
                html_raw(r, both ? "<tr class=\"clash\">" : "<tr>");
                html(r, "<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s", c->label,
                     *c->before ? c->before : "（空）", c->theirs ? c->theirs : "（未改）",
                     c->mine ? c->mine : "（未改）", c->mine ? c->mine : c->theirs);
                html_raw(r, both ? " <small class=\"diff\">（以您的为准，覆盖对方的修改）</small>"
                                   "</td></tr>"
                                 : "</td></tr>");
        }
        html_raw(r, "</tbody></table></div>");
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
        case PART_REPORT:
                return req_printf(r, "%lld年度部门整体支出绩效自评报告正文",
                                  (long long)d->fiscal_year);
        }
        return "";
}

/* The row to show after a row operation, as URL parameters and fragment:
 * the new row ("&row=ANCHOR#ANCHOR"), or none (""). */
static const char *after_op(struct req *r, const struct doc *d)
{
        const char *op = req_param(r, "op");
        if (!op || strncmp(op, "add:", 4) != 0)
                return "";
        struct doc_loc loc;
        if (!doc_locate(d, op + 4, &loc, NULL) || loc.field->type != FT_ARR)
                return "";
        size_t n = field_count(loc.field, loc.base);
        const char *anchor =
            grid_anchor(r, req_printf(r, "%s[%zu]", op + 4, n ? n - 1 : 0));
        return req_printf(r, "&row=%s#%s", anchor, anchor);
}

/* The row named by ?row= (an anchor grid_anchor made), or NULL. */
static const char *focus_row(struct req *r)
{
        const char *row = req_param(r, "row");
        if (!row || !*row || strlen(row) > 200)
                return NULL;
        for (const char *p = row; *p; p++)
                if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' ||
                      *p == '-'))
                        return NULL;
        return row;
}

/* What an edit page shows: the task, the document as it is or as the
 * change made it, its evaluation, what was refused and who changed it
 * meanwhile. */
struct shown {
        const struct task *task;
        const struct doc *doc;
        const struct evaluation *eval;
        const struct task_change *tc; /* after a POST, else NULL */
};

static void edit_page(struct req *r, const struct shown *s, const struct page *pg, int status,
                      const char *notice, const char *error)
{
        const struct task *t = s->task;
        bool editable = wf_may_edit(r->app.actor, t);
        bool typed = s->tc != NULL;
        static const enum task_tab tabs[] = {[PART_BASIC] = TAB_BASIC,
                                             [PART_SELF] = TAB_SELF,
                                             [PART_PROJECT] = TAB_PROJECTS,
                                             [PART_REPORT] = TAB_REPORT};
        task_page_begin(r, t, tabs[pg->part]);
        r->status = status;
        if (notice)
                page_notice(r, notice);
        if (error)
                page_error(r, error);
        if (!editable)
                page_notice(r, "该任务当前不在您的填报或审核环节，以下内容只读。");
        if (s->tc)
                conflict(r, s->tc, pg);
        html(r, "<h2>%s</h2>", part_title(r, pg, s->doc));
        struct grid **grids;
        size_t n = part_grids(r, pg, s->doc, s->eval, &grids);
        const struct diags *refused = s->tc ? &s->tc->input : NULL;
        summary(r, s->eval, refused, grids, n);
        html(r,
             "<form method=\"post\" action=\"%s\" class=\"edit-form\" "
             "data-preview=\"/api/tasks/%lld/preview\"",
             pg->url, (long long)t->id);
        if (focus_row(r)) /* the new row, for the page script to focus */
                html(r, " data-focus=\"%s\"", focus_row(r));
        html_raw(r, ">");
        form_csrf(r);
        /* the version the form shows: after a conflict the current one */
        const char *version = typed && !s->tc->rebased_from ? req_field(r, "version") : NULL;
        html(r, "<input type=\"hidden\" name=\"version\" value=\"%s\">",
             version ? version : req_printf(r, "%lld", (long long)t->version));
        /* Enter in a field saves (the form's first button), never a row button */
        if (editable)
                html_raw(r, "<button type=\"submit\" class=\"default-submit\" tabindex=\"-1\" "
                            "aria-hidden=\"true\">保存</button>");
        struct grid_view v = {.editable = editable,
                              .typed = typed,
                              .refused = refused,
                              .e = s->eval,
                              .notes = true,
                              .d = s->doc};
        if (s->tc && s->tc->rebased_from) { /* typed shown only where carried over */
                v.typed_only = s->tc->kept;
                v.n_typed_only = s->tc->n_kept;
        }
        for (size_t i = 0; i < n; i++) {
                if (i && grids[i]->title)
                        html(r, "<h3>%s</h3>", grids[i]->title);
                html_grid(r, grids[i], &v);
        }
        if (editable) {
                html_raw(r, "<div class=\"savebar\"><button type=\"submit\">保存</button>");
                if (pg->part == PART_PROJECT)
                        html(
                            r,
                            "<button type=\"submit\" name=\"op\" value=\"remove:%s\" "
                            "class=\"secondary\" formnovalidate data-confirm=\"确认删除这个项目及其自评表？\">"
                            "删除这个项目</button>",
                            grids[0]->key);
                html_raw(r,
                         "<span class=\"hint\" data-status>计算列随填写自动更新；保存后才会记录。"
                         "</span></div>");
        }
        html_raw(r, "</form>");
        page_end(r);
}

static bool project_exists(struct req *r, const struct page *pg, const struct doc *d)
{
        if (pg->part != PART_PROJECT || pg->project < d->n_projects)
                return true;
        reply_error(r, 404, "该项目不存在（可能已被删除），请从项目支出表列表重新打开");
        return false;
}

static void show(struct req *r, const struct page *pg)
{
        struct task_view tv;
        if (!web_task_open(r, TASK_EVALUATED, &tv))
                return;
        if (project_exists(r, pg, tv.doc)) {
                struct shown s = {&tv.task, tv.doc, tv.eval, NULL};
                edit_page(r, &s, pg, 200, req_param(r, "saved") ? "已保存。" : NULL, NULL);
        }
        task_view_free(&tv);
}

static void save(struct req *r, const struct page *pg)
{
        struct task_change tc;
        if (!web_change_open(r, &tc))
                return;
        if (!project_exists(r, pg, tc.base)) {
                task_change_free(&tc);
                return;
        }
        struct change_set cs;
        web_change_set(r, &cs);
        task_change_apply(&r->app, &tc, &cs);
        struct outcome out = {0};
        if (!task_change_save(&r->app, &tc, req_field(r, "version"), &out)) {
                struct shown s = {&tc.tv.task, tc.doc, tc.eval, &tc};
                struct page now = *pg;
                if (pg->part == PART_PROJECT && pg->project >= tc.doc->n_projects)
                        now.project = tc.base->n_projects ? 0 : now.project;
                edit_page(r, &s, &now, web_status(out.status), NULL, out.error);
                task_change_free(&tc);
                return;
        }
        const char *op = req_param(r, "op");
        if (pg->part == PART_PROJECT && op &&
            strcmp(op, req_printf(r, "remove:%s",
                                  member_path(r, tc.base, &tc.base->projects[pg->project],
                                              sizeof *tc.base->projects))) == 0)
                reply_redirect(
                    r, req_printf(r, "/tasks/%lld/projects?saved=1", (long long)tc.tv.task.id));
        else
                reply_redirect(r,
                               req_printf(r, "%s?saved=1%s", pg->url, after_op(r, tc.saved->doc)));
        task_change_free(&tc);
}

static void handle(struct req *r, struct page *pg)
{
        if (strcmp(r->method, "POST") == 0)
                save(r, pg);
        else
                show(r, pg);
}

void page_edit_basic(struct req *r)
{
        struct page pg = {PART_BASIC, 0,
                          req_printf(r, "/tasks/%lld/basic", (long long)req_arg_id(r, 0))};
        handle(r, &pg);
}

void page_edit_self(struct req *r)
{
        struct page pg = {PART_SELF, 0,
                          req_printf(r, "/tasks/%lld/self", (long long)req_arg_id(r, 0))};
        handle(r, &pg);
}

void page_edit_report(struct req *r)
{
        struct page pg = {PART_REPORT, 0,
                          req_printf(r, "/tasks/%lld/report", (long long)req_arg_id(r, 0))};
        handle(r, &pg);
}

void page_edit_project(struct req *r)
{
        int64_t n = req_arg_id(r, 1);
        if (n < 1) {
                reply_error(r, 404, "该项目不存在，请从项目支出表列表重新打开");
                return;
        }
        struct page pg = {PART_PROJECT, (size_t)n - 1,
                          req_printf(r, "/tasks/%lld/projects/%lld", (long long)req_arg_id(r, 0),
                                     (long long)n)};
        handle(r, &pg);
}

/* ---- the project list ------------------------------------------------------------------ */

static void project_list(struct req *r, const struct task *t, const struct doc *d,
                         const struct evaluation *e, int status, const char *error)
{
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
                        const char *prefix = e->projects[i].path;
                        for (size_t k = 0; k < e->n_findings; k++)
                                errors += e->findings[k].severity == SEV_ERROR &&
                                          strncmp(e->findings[k].path, prefix, strlen(prefix)) == 0 &&
                                          e->findings[k].path[strlen(prefix)] == '.';
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
        if (wf_may_edit(r->app.actor, t)) {
                html(r, "<form method=\"post\" action=\"/tasks/%lld/projects\" class=\"card\">",
                     (long long)t->id);
                form_csrf(r);
                html(r,
                     "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
                     "<button type=\"submit\" name=\"op\" value=\"add:%s\">＋ 新增项目</button>"
                     "</form>",
                     (long long)t->version, member_path(r, d, &d->projects, sizeof d->projects));
        }
        page_end(r);
}

void page_projects(struct req *r)
{
        if (strcmp(r->method, "POST") != 0) {
                struct task_view tv;
                if (!web_task_open(r, TASK_EVALUATED, &tv))
                        return;
                project_list(r, &tv.task, tv.doc, tv.eval, 200, NULL);
                task_view_free(&tv);
                return;
        }
        struct task_change tc;
        if (!web_change_open(r, &tc))
                return;
        struct change_set cs;
        web_change_set(r, &cs);
        task_change_apply(&r->app, &tc, &cs);
        struct outcome out = {0};
        if (task_change_save(&r->app, &tc, req_field(r, "version"), &out))
                /* a new project: fill it in on its own page */
                reply_redirect(r, req_printf(r, "/tasks/%lld/projects/%zu",
                                             (long long)tc.tv.task.id, tc.saved->doc->n_projects));
        else
                project_list(r, &tc.tv.task, tc.doc, tc.eval, web_status(out.status), out.error);
        task_change_free(&tc);
}
