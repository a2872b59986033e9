/* Task pages: 绩效自评查询 (GET /tasks: every task the user may see, by
 * year, unit, status, grade, score and findings, sortable and paged) and
 * a task's 概况与审核 (GET /tasks/{id}: where it stands, the review
 * actions of whoever holds it, its findings and timeline, and the whole
 * evaluation read-only), with the review actions (POST
 * /tasks/{id}/transition). */
#include "../web.h"
#include "../../app/lists.h"
#include "../html/layout.h"
#include "../handlers.h"
#include "../../app/query.h"
#include "../html/task_frame.h"
#include "../html/view_cache.h"
#include "../html/evaluation.h"
#include "../html/task_list.h"

#include <string.h>

/* ---- GET /tasks ---------------------------------------------------------------- */

/* The message under a criterion the query refused. */
static void criterion_error(struct req *r, const struct outcome *failed, const char *name)
{
        if (failed && failed->field && strcmp(failed->field, name) == 0)
                html(r, "<small class=\"field-error\" role=\"alert\">%s</small>", failed->error);
}

/* aria-invalid and its class for a refused criterion. */
static const char *invalid(const struct outcome *failed, const char *name)
{
        return failed && failed->field && strcmp(failed->field, name) == 0
                   ? " class=\"invalid\" aria-invalid=\"true\""
                   : "";
}

static void text_criterion(struct req *r, const struct outcome *failed, const char *label,
                           const char *name, const char *value, const char *attrs)
{
        html(r, "<label>%s<input name=\"%s\" value=\"%s\"", label, name, value);
        html_raw(r, attrs);
        html_raw(r, invalid(failed, name));
        html_raw(r, ">");
        criterion_error(r, failed, name);
        html_raw(r, "</label>");
}

static void query_form(struct req *r, const struct query_form *f, const struct outcome *failed)
{
        struct outcome rd = {0};
        struct year *years;
        size_t n_years = 0;
        if (!app_years(&r->app, &years, &n_years, &rd))
                n_years = 0;
        html_raw(r, "<form method=\"get\" action=\"/tasks\" class=\"card inline query\">"
                    "<label>年度<select name=\"year\"");
        html_raw(r, invalid(failed, "year"));
        html_raw(r, "><option value=\"\">全部年度</option>");
        for (size_t i = 0; i < n_years; i++)
                html(r, "<option value=\"%lld\"%s>%lld年度</option>", (long long)years[i].year,
                     years[i].year == f->q.year ? " selected" : "", (long long)years[i].year);
        html_raw(r, "</select>");
        criterion_error(r, failed, "year");
        html_raw(r, "</label>");
        text_criterion(r, failed, "单位", "unit", f->typed.unit, " placeholder=\"编码或名称\"");
        struct unit *sup;
        size_t n_sup = 0;
        if (!app_supervising_units(&r->app, &sup, &n_sup, &rd))
                n_sup = 0;
        if (n_sup > 1) { /* a unit of one department has nothing to choose */
                html_raw(r, "<label>主管部门<select name=\"supervisor\"");
                html_raw(r, invalid(failed, "supervisor"));
                html_raw(r, "><option value=\"\">全部主管部门</option>");
                for (size_t i = 0; i < n_sup; i++)
                        html(r, "<option value=\"%s\"%s>%s %s</option>", sup[i].code,
                             f->typed.supervisor && strcmp(f->typed.supervisor, sup[i].code) == 0
                                 ? " selected"
                                 : "",
                             sup[i].code, sup[i].name);
                html_raw(r, "</select>");
                criterion_error(r, failed, "supervisor");
                html_raw(r, "</label>");
        }
        html_raw(r, "<label>状态<select name=\"status\"");
        html_raw(r, invalid(failed, "status"));
        html_raw(r, "><option value=\"\">全部状态</option>");
        for (int s = 0; s < WF_N_STATUS; s++)
                html(r, "<option value=\"%s\"%s>%s</option>", wf_status_name((enum wf_status)s),
                     f->typed.status && strcmp(f->typed.status, wf_status_name((enum wf_status)s)) == 0
                         ? " selected"
                         : "",
                     wf_status_label((enum wf_status)s));
        html(r, "<option value=\"returned\"%s>已退回（任何环节）</option>",
             f->typed.status && strcmp(f->typed.status, "returned") == 0 ? " selected" : "");
        html_raw(r, "</select>");
        criterion_error(r, failed, "status");
        html_raw(r, "</label><label>等级<select name=\"grade\"");
        html_raw(r, invalid(failed, "grade"));
        html_raw(r, "><option value=\"\">全部等级</option>");
        for (const char *const *g = query_grade_names(); *g; g++)
                html(r, "<option%s>%s</option>",
                     f->typed.grade && strcmp(f->typed.grade, *g) == 0 ? " selected" : "", *g);
        html_raw(r, "</select>");
        criterion_error(r, failed, "grade");
        html_raw(r, "</label>");
        text_criterion(r, failed, "总分从", "min", f->typed.min,
                       " size=\"5\" inputmode=\"decimal\"");
        text_criterion(r, failed, "到", "max", f->typed.max, " size=\"5\" inputmode=\"decimal\"");
        text_criterion(r, failed, "发现问题不少于", "findings", f->typed.findings,
                       " size=\"4\" inputmode=\"numeric\"");
        html_raw(r, "<button type=\"submit\">查询</button>"
                    "<a class=\"button secondary\" href=\"/tasks\">清除条件</a></form>");
        static const char *const in_form[] = {"year", "unit", "supervisor", "status",
                                              "grade", "min", "max",       "findings"};
        bool at_criterion = false;
        for (size_t i = 0; failed && failed->field && i < sizeof in_form / sizeof *in_form; i++)
                at_criterion |= strcmp(failed->field, in_form[i]) == 0;
        if (failed && !at_criterion)
                page_error(r, failed->error); /* sort, order, page: not in the form */
}

static void pager(struct req *r, const struct query_form *f, int64_t total)
{
        int64_t pages = (total + QUERY_PAGE_SIZE - 1) / QUERY_PAGE_SIZE;
        html(r, "<p class=\"hint pager\">共 %lld 项", (long long)total);
        if (pages > 1) {
                html(r, "，第 %lld / %lld 页　", (long long)f->page, (long long)pages);
                if (f->page > 1)
                        html(r, "<a href=\"/tasks%s\">上一页</a>　",
                             query_link(r, f, NULL, NULL, f->page - 1));
                if (f->page < pages)
                        html(r, "<a href=\"/tasks%s\">下一页</a>",
                             query_link(r, f, NULL, NULL, f->page + 1));
        }
        html_raw(r, "</p>");
}

void page_tasks(struct req *r)
{
        struct query_input in;
        struct query_form f;
        struct results found = {0};
        struct outcome out = {0};
        web_query_input(r, &in);
        bool ok = query_tasks(&r->app, &in, 0, &f, &found, &out);
        struct task *tasks = found.tasks;
        size_t n = found.n;
        int64_t total = found.total;
        page_begin(r, "绩效自评查询");
        if (!ok) { /* the criteria as typed, with what is wrong at the criterion */
                r->status = web_status(out.status);
                f.typed = in;
                query_form(r, &f, &out);
                page_end(r);
                return;
        }
        query_form(r, &f, NULL);
        const char *q = query_link(r, &f, NULL, NULL, 1);
        html(r,
             "<p class=\"hint\">导出查询结果：<a href=\"/tasks.xlsx%s\">列表（Excel）</a>　"
             "<a href=\"/tasks/reports.pdf%s\">自评报告（PDF，压缩包）</a>　"
             "<a href=\"/tasks/reports.docx%s\">自评报告（Word，压缩包）</a>",
             q, q, q);
        if (f.q.year &&
            (r->session.user.role == ROLE_FINANCE || r->session.user.role == ROLE_ADMIN))
                html(r, "　<a href=\"/years/%lld/summary.xlsx\">导出 %lld 年度汇总表（Excel）</a>",
                     (long long)f.q.year, (long long)f.q.year);
        html_raw(r, "</p>");
        if (!total)
                html_raw(r, "<p class=\"muted\">没有符合条件的自评任务。</p>");
        else
                view_task_table(r, tasks, n, &f, NULL);
        pager(r, &f, total);
        page_end(r);
}

/* ---- GET /tasks/{id} ---------------------------------------------------------------- */

/* Who the task waits for, in words. */
static const char *waiting_for(const struct task *t)
{
        switch (wf_status_parse(t->status)) {
        case WF_DRAFT:
                return "本单位经办岗填报";
        case WF_UNIT_REVIEW:
                return "本单位审核岗审核";
        case WF_SUPERVISOR_REVIEW:
                return "主管部门审核岗审核";
        case WF_FINANCE_REVIEW:
                return "财政绩效经办审核";
        default:
                return NULL;
        }
}

/* The review actions for the user who holds the task; after a refused
 * action, what was typed and what is wrong (at the box when it is the
 * comment). */
static void actions(struct req *r, const struct task_view *tv, const struct outcome *failed)
{
        const struct user *u = r->app.actor;
        const struct task *t = &tv->task;
        if (!wf_holds(u, t))
                return;
        const char *why;
        bool may[WF_N_ACTION];
        for (int a = 0; a < WF_N_ACTION; a++)
                may[a] = wf_next(t, (enum wf_action)a) != WF_UNKNOWN &&
                         wf_may(u, t, (enum wf_action)a, &why);
        /* the preparer only sends; a reviewer may also return, with a reason */
        bool reviews = may[WF_RETURN] || may[WF_APPROVE];
        html(r,
             "<form method=\"post\" action=\"/tasks/%lld/transition\" class=\"card actions\">"
             "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
             (long long)t->id, (long long)t->version);
        form_csrf(r);
        bool bad = failed && failed->field && strcmp(failed->field, "comment") == 0;
        html(r, "<label for=\"comment\">%s</label><textarea id=\"comment\" name=\"comment\" "
                "rows=\"3\" maxlength=\"2000\"",
             reviews ? "审核意见（退回时必填，写明需要改正的内容）" : "送审说明（选填）");
        if (bad)
                html_raw(r, " class=\"invalid\" aria-invalid=\"true\" aria-describedby=\"comment-error\"");
        html(r, ">%s</textarea>", failed && req_field(r, "comment") ? req_field(r, "comment") : "");
        if (bad)
                html(r, "<small class=\"field-error\" id=\"comment-error\" role=\"alert\">%s</small>",
                     failed->error);
        html_raw(r, "<div class=\"buttons\">");
        for (int a = 0; a < WF_N_ACTION; a++) {
                if (!may[a])
                        continue;
                const char *attrs =
                    a == WF_RETURN
                        ? " class=\"danger\" data-confirm=\"确认退回？任务将回到经办岗修改，"
                          "退回意见会显示在任务顶部。\""
                    : a == WF_APPROVE
                        ? " data-confirm=\"确认审核通过？通过后任务即告完成。\""
                        : "";
                html(r, "<button type=\"submit\" name=\"action\" value=\"%s\"",
                     wf_action_name((enum wf_action)a));
                html_raw(r, attrs);
                html(r, ">%s</button>", wf_action_label((enum wf_action)a));
        }
        html_raw(r, "</div>");
        if (t->errors)
                html(
                    r,
                    "<p class=\"hint\">尚有 <a href=\"#findings\">%lld 个错误</a>，改正后才能送审或审核通过。</p>",
                    (long long)t->errors);
        html_raw(r, "</form>");
}

/* The evaluation's view, from the cache when this version of the task has
 * been rendered before (view_cache.h), else rendered and remembered. */
static void evaluation(struct req *r, struct task_view *tv)
{
        if (view_cache_get(&tv->task, &r->out))
                return;
        struct outcome out = {0};
        if (!task_view_evaluate(&r->app, tv, &out)) {
                page_error(r, out.error);
                return;
        }
        size_t from = r->out.len;
        view_evaluation(r, tv->doc, tv->eval);
        view_cache_put(&tv->task, r->out.data + from, r->out.len - from);
}

/* Downloads of the task, and the import of a filled template for the
 * one who may edit it. */
static void exports(struct req *r, const struct task *t)
{
        html(
            r,
            "<div class=\"card exports\"><p><strong>导出自评报告</strong>　"
            "<a href=\"/tasks/%lld/export.pdf\">PDF</a>　<a href=\"/tasks/%lld/export.docx\">Word</a>"
            "　　<strong>导出表格</strong>　<a href=\"/tasks/%lld/export.xlsx\">"
            "Excel（基础数据表、自评表、项目支出表）</a></p>",
            (long long)t->id, (long long)t->id, (long long)t->id);
        if (wf_may_edit(&r->session.user, t)) {
                html(
                    r,
                    "<form method=\"post\" action=\"/tasks/%lld/import\" enctype=\"multipart/form-data\" "
                    "class=\"inline\"><input type=\"hidden\" name=\"version\" value=\"%lld\">",
                    (long long)t->id, (long long)t->version);
                form_csrf(r);
                html_raw(
                    r,
                    "<label>导入填好的 Excel 表格<input type=\"file\" name=\"file\" accept=\".xlsx\" "
                    "required></label><button type=\"submit\" class=\"secondary\">导入</button></form>"
                    "<p class=\"hint\">以上方导出的 Excel 表格为模板，在黄色单元格中填写后上传；"
                    "有任何单元格不符合规则时整个文件不导入，并逐一列出单元格和原因。</p>");
        }
        html_raw(r, "</div>");
}

static void overview(struct req *r, struct task_view *tv, int status, const char *notice,
                     const struct outcome *failed)
{
        const char *error = failed ? failed->error : NULL;
        const struct task *t = &tv->task;
        task_page_begin(r, t, TAB_OVERVIEW);
        r->status = status;
        if (notice)
                page_notice(r, notice);
        if (error)
                page_error(r, error);
        const char *waits = waiting_for(t);
        html(r, "<div class=\"card\"><p>当前环节：<strong>%s</strong>%s%s%s</p>",
             wf_task_label(t), waits ? "（等待" : "", waits,
             waits ? "）" : "");
        if (wf_may_edit(&r->session.user, t))
                html(
                    r,
                    "<p>您可以填写本任务：<a href=\"/tasks/%lld/basic\">基础数据表</a> · "
                    "<a href=\"/tasks/%lld/self\">自评表</a> · <a href=\"/tasks/%lld/projects\">"
                    "项目支出表</a> · <a href=\"/tasks/%lld/files\">文件</a>，填写完成后在下方送审。</p>",
                    (long long)t->id, (long long)t->id, (long long)t->id, (long long)t->id);
        html_raw(r, "</div>");
        actions(r, tv, failed);
        exports(r, t);
        task_timeline(r, t); /* the reviewers' comments before the tables */
        evaluation(r, tv);
        page_end(r);
}

void page_task(struct req *r)
{
        struct task_view tv;
        if (!web_task_open(r, TASK_ROW, &tv)) /* the document only when not cached */
                return;
        const char *done = req_param(r, "done");
        const char *notice = NULL;
        if (done && strcmp(done, "import") == 0)
                notice = "已导入 Excel 表格。";
        else if (done && wf_action_parse(done) >= 0)
                notice =
                    req_printf(r, "已%s。", wf_action_label((enum wf_action)wf_action_parse(done)));
        overview(r, &tv, 200, notice, NULL);
        task_view_free(&tv);
}

/* ---- POST /tasks/{id}/transition ------------------------------------------------------ */

void page_task_transition(struct req *r)
{
        struct task_view tv;
        if (!web_task_open(r, TASK_EVALUATED, &tv))
                return;
        int a = wf_action_parse(req_field(r, "action"));
        struct outcome out = {0};
        if (a < 0)
                app_fail(&out, APP_INVALID, "action", "请选择送审、审核通过或退回");
        else if (task_transition(&r->app, &tv, (enum wf_action)a, req_field(r, "comment"),
                                 req_field(r, "version"), &out)) {
                reply_redirect(r, req_printf(r, "/tasks/%lld?done=%s", (long long)tv.task.id,
                                             wf_action_name((enum wf_action)a)));
                task_view_free(&tv);
                return;
        }
        overview(r, &tv, web_status(out.status), NULL, &out);
        task_view_free(&tv);
}
