/* The home page (待办事项): the tasks that wait for the signed-in user,
 * and for the administrator the administration pages. */
#include "../web.h"
#include "../html/layout.h"
#include "../handlers.h"
#include "../../app/tasks.h"
#include "../html/task_list.h"

void page_home(struct req *r)
{
        const struct user *u = &r->session.user;
        page_begin(r, "待办事项");
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
        struct task *tasks;
        size_t n;
        if (!todo_list(&r->app, &tasks, &n)) {
                page_error(r, "读取待办事项失败，请稍后刷新页面重试");
                page_end(r);
                return;
        }
        html_raw(r, "<h2>等待我处理的自评任务</h2>");
        if (!n)
                html_raw(r, "<p class=\"muted\">暂无待办事项。已提交的任务可在"
                            "<a href=\"/tasks\">绩效自评查询</a>中查看。</p>");
        else
                view_task_table(r, tasks, n, NULL);
        page_end(r);
}
