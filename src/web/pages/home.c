/* The home page (待办事项): the tasks that wait for the signed-in user —
 * for a reviewer with check boxes, to 送审, 审核通过 or 退回 several at once
 * (POST /tasks/batch, the seed system's 复核) — and for the administrator
 * the administration pages. */
#include "../web.h"
#include "../html/layout.h"
#include "../handlers.h"
#include "../../app/task_change.h"
#include "../html/task_list.h"

#include <stdlib.h>
#include <string.h>

/* The review actions the user may take on tasks[0..n) (bit per action),
 * and in pick which tasks allow any. */
static unsigned batch_actions(const struct user *u, const struct task *tasks, size_t n, bool *pick)
{
        unsigned any = 0;
        for (size_t i = 0; i < n; i++) {
                pick[i] = false;
                for (int a = 0; a < WF_N_ACTION; a++) {
                        const char *why;
                        bool review = (enum wf_action)a == WF_RETURN ||
                                      (enum wf_action)a == WF_APPROVE ||
                                      wf_status_parse(tasks[i].status) != WF_DRAFT;
                        if (review && wf_next(&tasks[i], (enum wf_action)a) != WF_UNKNOWN &&
                            wf_may(u, &tasks[i], (enum wf_action)a, &why)) {
                                any |= 1u << a;
                                pick[i] = true;
                        }
                }
        }
        return any;
}

/* The to-do list; after a batch, its outcome (failed: the refusal of the
 * whole batch; items: what became of each task). */
static void todo_page(struct req *r, int status, const struct outcome *failed,
                      const struct batch_item *items, size_t n_items)
{
        const struct user *u = &r->session.user;
        page_begin(r, "待办事项");
        r->status = status;
        if (u->role == ROLE_ADMIN) {
                html_raw(
                    r,
                    "<div class=\"card\"><p>系统管理：</p><ul>"
                    "<li><a href=\"/units\">预算单位</a>：新增单位、修改名称、停用</li>"
                    "<li><a href=\"/users\">用户管理</a>：开设账号、重置密码、停用</li>"
                    "<li><a href=\"/years\">年度与任务</a>：设置年度、导入绩效目标、下达自评任务</li>"
                    "<li><a href=\"/audit\">审计日志</a></li></ul></div>");
                page_end(r);
                return;
        }
        bool at_box = failed && failed->field && strcmp(failed->field, "comment") == 0;
        if (failed && !at_box)
                page_error(r, failed->error);
        else if (!failed && n_items)
                page_notice(r, req_printf(r, "已处理 %zu 个任务。", n_items));
        if (n_items) {
                html_raw(r, "<table class=\"batch\"><thead><tr><th>单位</th><th>结果</th></tr></thead>"
                            "<tbody>");
                for (size_t i = 0; i < n_items; i++)
                        html(r, "<tr><td><a href=\"/tasks/%lld\">%s</a></td><td>%s</td></tr>",
                             (long long)items[i].id, items[i].unit ? items[i].unit : "（任务）",
                             items[i].out.status == APP_OK ? "已处理" : items[i].out.error);
                html_raw(r, "</tbody></table>");
        }
        struct task *tasks;
        size_t n;
        if (!todo_list(&r->app, &tasks, &n)) {
                page_error(r, "读取待办事项失败，请稍后刷新页面重试");
                page_end(r);
                return;
        }
        html_raw(r, "<h2>等待我处理的自评任务</h2>");
        if (!n) {
                html_raw(r, "<p class=\"muted\">暂无待办事项。已提交的任务可在"
                            "<a href=\"/tasks\">绩效自评查询</a>中查看。</p>");
                page_end(r);
                return;
        }
        bool *pick = arena_alloc(r->arena, n * sizeof *pick);
        unsigned actions = batch_actions(r->app.actor, tasks, n, pick);
        if (!actions) {
                view_task_table(r, tasks, n, NULL, NULL);
                page_end(r);
                return;
        }
        html_raw(r, "<form method=\"post\" action=\"/tasks/batch\" class=\"batch\">");
        form_csrf(r);
        view_task_table(r, tasks, n, NULL, pick);
        html(r, "<div class=\"card\"><label for=\"batch-comment\">审核意见（退回时必填，"
                "对所勾选的每个任务都记入办理记录）</label><textarea id=\"batch-comment\" "
                "name=\"comment\" rows=\"2\" maxlength=\"2000\"");
        if (at_box)
                html_raw(r, " class=\"invalid\" aria-invalid=\"true\"");
        html(r, ">%s</textarea>", failed ? req_field(r, "comment") : "");
        if (at_box)
                html(r, "<small class=\"field-error\" role=\"alert\">%s</small>", failed->error);
        html_raw(r, "<div class=\"buttons\">");
        for (int a = 0; a < WF_N_ACTION; a++)
                if (actions & 1u << a) {
                        html(r, "<button type=\"submit\" name=\"action\" value=\"%s\"",
                             wf_action_name((enum wf_action)a));
                        if ((enum wf_action)a == WF_RETURN)
                                html_raw(r, " class=\"danger\" data-confirm=\"确认退回勾选的任务？\"");
                        html(r, ">勾选的任务：%s</button>", wf_action_label((enum wf_action)a));
                }
        html_raw(r, "</div><p class=\"hint\">先勾选任务，再选择操作；有错误或缺少附件的任务不能送审或审核通过，"
                    "会在结果中说明原因，其余照常处理。</p></div></form>");
        page_end(r);
}

void page_home(struct req *r)
{
        todo_page(r, 200, NULL, NULL, 0);
}

/* The checked tasks of the form ("id:version" each). */
static size_t checked(struct req *r, struct batch_item **out)
{
        struct batch_item *items = arena_alloc(r->arena, (r->n_form + 1) * sizeof *items);
        size_t n = 0;
        for (size_t i = 0; i < r->n_form; i++) {
                const char *v = r->form[i].value, *colon = strchr(v, ':');
                if (strcmp(r->form[i].name, "task") != 0 || !colon)
                        continue;
                items[n].id = atoll(v);
                items[n].version = colon + 1;
                items[n].unit = NULL;
                n++;
        }
        *out = items;
        return n;
}

void page_tasks_batch(struct req *r)
{
        struct batch_item *items;
        size_t n = checked(r, &items);
        int a = wf_action_parse(req_field(r, "action"));
        struct outcome out = {0};
        if (a < 0) {
                app_fail(&out, APP_INVALID, "action", "请选择送审、审核通过或退回");
                n = 0;
        } else if (!task_transition_batch(&r->app, items, n, (enum wf_action)a,
                                          req_field(r, "comment"), &out) &&
                   !out.count && out.field) {
                n = 0; /* refused as a whole: nothing was done */
        }
        if (out.status == APP_OK)
                todo_page(r, 200, NULL, items, n);
        else
                todo_page(r, web_status(out.status), &out, items, n);
}
