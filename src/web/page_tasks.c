/* Task pages: the list of self-evaluation tasks the user may see (GET
 * /tasks) and one task's evaluation, read-only (GET /tasks/{id}); plus the
 * task access helpers the JSON API shares (view_doc.h). */
#include "layout.h"
#include "pages.h"
#include "tasks.h"
#include "view_cache.h"
#include "view_doc.h"

#include "../doc/doc_io.h"

#include <stdlib.h>
#include <string.h>

/* The task statuses, in workflow order (their labels: task_status_label). */
static const char *const statuses[] = {"draft", "unit_review", "supervisor_review",
                                       "finance_review", "done"};

static const char *const not_found = "自评任务不存在或无权查看";

/* ---- task access (view_doc.h) ------------------------------------------------ */

bool task_filter_read(struct req *r, struct task_filter *f)
{
        f->year = 0;
        f->status = NULL;
        const char *year = req_field(r, "year");
        const char *status = req_field(r, "status");
        if (year) {
                if (strlen(year) != 4 || strspn(year, "0123456789") != 4) {
                        reply_error(r, 400, "年度应为四位数字");
                        return false;
                }
                f->year = (year[0] - '0') * 1000 + (year[1] - '0') * 100 + (year[2] - '0') * 10 +
                          (year[3] - '0');
        }
        if (status) {
                for (size_t i = 0; i < sizeof statuses / sizeof statuses[0] && !f->status; i++)
                        if (strcmp(status, statuses[i]) == 0)
                                f->status = statuses[i];
                if (!f->status) {
                        reply_error(r, 400,
                                    "状态应为 draft、unit_review、supervisor_review、"
                                    "finance_review 或 done");
                        return false;
                }
        }
        return true;
}

/* A shipped scheme by name; documents never name files on the server. */
/* what, followed by the first diagnostic in brackets, in the arena. */
static const char *problem(struct req *r, const char *what, const struct diags *errs)
{
        struct buf b = BUF_INIT;
        buf_puts(&b, what);
        if (errs->n) {
                char *line = diag_line(&errs->items[0]);
                buf_printf(&b, "（%s）", line);
                free(line);
        }
        const char *s = arena_strdup(r->arena, buf_str(&b));
        buf_free(&b);
        return s;
}

bool task_view_open(struct req *r, enum task_depth depth, struct task_view *tv)
{
        memset(tv, 0, sizeof(*tv));
        int64_t id = req_arg_id(r, 0);
        enum store_rc rc = id > 0
                               ? store_task_get(r->db, r->arena, id, depth != TASK_ROW, &tv->task)
                               : STORE_NOT_FOUND;
        if (rc == STORE_ERROR) {
                reply_error(r, 500, "读取自评任务失败，请稍后重试");
                return false;
        }
        if (rc != STORE_OK || !scope_has_unit(r->db, &r->scope, tv->task.unit_id)) {
                reply_error(r, 404, not_found);
                return false;
        }
        if (depth == TASK_EVALUATED)
                task_view_evaluate(r, tv);
        return true;
}

void task_view_evaluate(struct req *r, struct task_view *tv)
{
        if (!tv->task.document) {
                enum store_rc rc = store_task_document(r->db, r->arena, tv->task.id,
                                                       tv->task.version, &tv->task.document);
                if (rc != STORE_OK) {
                        tv->problem = rc == STORE_NOT_FOUND
                                          ? "自评任务刚被修改，请刷新页面查看最新内容"
                                          : "读取自评任务失败，请稍后重试";
                        return;
                }
        }
        const char *json = tv->task.document ? tv->task.document : "";
        struct diags errs = DIAGS_INIT;
        tv->doc = doc_parse(json, strlen(json), &errs);
        if (!tv->doc) {
                tv->problem =
                    problem(r, "自评文档无法读取，数据可能已损坏，请联系系统管理员", &errs);
        } else {
                const char *name = tv->doc->scheme ? tv->doc->scheme : "national";
                tv->scheme = scheme_builtin(name);
                if (!tv->scheme)
                        diags_add(&errs, "$.scheme", "评分方案", "“%s”不是系统内置的评分方案",
                                  name);
                if (!tv->scheme)
                        tv->problem = problem(
                            r, "自评文档的评分方案无法载入，无法计算得分，请联系系统管理员", &errs);
                else
                        tv->eval = engine_evaluate(tv->doc, tv->scheme);
        }
        diags_free(&errs);
}

void task_view_free(struct task_view *tv)
{
        engine_free(tv->eval);
        doc_free(tv->doc);
        tv->eval = NULL;
        tv->scheme = NULL;
        tv->doc = NULL;
}

/* ---- GET /tasks --------------------------------------------------------------- */

static void filter_form(struct req *r, const struct task_filter *f)
{
        struct year *years;
        size_t n_years = 0;
        if (store_years(r->db, r->arena, &years, &n_years) != STORE_OK)
                n_years = 0;
        html_raw(r, "<form method=\"get\" action=\"/tasks\" class=\"card inline\">"
                    "<label>年度<select name=\"year\"><option value=\"\">全部年度</option>");
        for (size_t i = 0; i < n_years; i++)
                html(r, "<option value=\"%lld\"%s>%lld年度</option>", (long long)years[i].year,
                     years[i].year == f->year ? " selected" : "", (long long)years[i].year);
        html_raw(r, "</select></label><label>状态<select name=\"status\">"
                    "<option value=\"\">全部状态</option>");
        for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
                html(r, "<option value=\"%s\"%s>%s</option>", statuses[i],
                     f->status == statuses[i] ? " selected" : "", task_status_label(statuses[i]));
        html_raw(r, "</select></label><button type=\"submit\">筛选</button></form>");
}

void page_tasks(struct req *r)
{
        struct task_filter f;
        if (!task_filter_read(r, &f))
                return;
        struct task *tasks;
        size_t n;
        if (store_tasks(r->db, r->arena, &r->scope, &f, &tasks, &n) != STORE_OK) {
                reply_error(r, 500, "读取自评任务失败，请稍后重试");
                return;
        }
        page_begin(r, "绩效自评任务");
        filter_form(r, &f);
        if (!n) {
                html_raw(r, "<p class=\"muted\">没有符合条件的自评任务。</p>");
                page_end(r);
                return;
        }
        html_raw(r, "<table><thead><tr><th>年度</th><th>单位编码</th><th>单位名称</th><th>状态</th>"
                    "<th class=\"num\">计算总分</th><th>等级</th><th class=\"num\">错误</th>"
                    "<th class=\"num\">警告</th><th>更新时间</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
                const struct task *t = &tasks[i];
                html(r,
                     "<tr><td>%lld</td><td>%s</td><td><a href=\"/tasks/%lld\">%s</a></td>"
                     "<td>%s</td><td class=\"num\">%s</td><td>%s</td>",
                     (long long)t->year, t->unit_code, (long long)t->id, t->unit_name,
                     task_status_label(t->status), t->total ? t->total : "—",
                     t->grade ? t->grade : "—");
                html_raw(r, t->errors ? "<td class=\"num diff\">" : "<td class=\"num\">");
                html(r, "%lld</td><td class=\"num\">%lld</td><td>%s</td></tr>",
                     (long long)t->errors, (long long)t->warnings, fmt_time(r, t->updated_at));
        }
        html(r, "</tbody></table><p class=\"hint\">共 %zu 项。</p>", n);
        page_end(r);
}

/* ---- GET /tasks/{id} ---------------------------------------------------------- */

/* The evaluation's view, from the cache when this version of the task has
 * been rendered before (view_cache.h), else rendered and remembered. */
static void evaluation(struct req *r, struct task_view *tv)
{
        if (view_cache_get(&tv->task, &r->out))
                return;
        task_view_evaluate(r, tv);
        if (!tv->eval) {
                page_error(r, tv->problem);
                return;
        }
        size_t from = r->out.len;
        view_evaluation(r, tv->doc, tv->eval);
        view_cache_put(&tv->task, r->out.data + from, r->out.len - from);
}

void page_task(struct req *r)
{
        struct task_view tv;
        if (!task_view_open(r, TASK_ROW, &tv)) /* the document only when not cached */
                return;
        const struct task *t = &tv.task;
        struct buf title = BUF_INIT;
        buf_printf(&title, "%s %lld年度部门整体支出绩效自评", t->unit_name, (long long)t->year);
        page_begin(r, buf_str(&title));
        buf_free(&title);
        html(r,
             "<p class=\"hint\"><a href=\"/tasks\">← 全部自评任务</a>　状态：%s　版本 %lld　"
             "更新于 %s</p>",
             task_status_label(t->status), (long long)t->version, fmt_time(r, t->updated_at));
        evaluation(r, &tv);
        page_end(r);
        task_view_free(&tv);
}
