/* The home page: what waits for the signed-in user. */
#include "layout.h"
#include "pages.h"
#include "tasks.h"

#include <string.h>

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
        }
        struct task *tasks;
        size_t n;
        if (store_tasks(r->db, r->arena, &r->scope, NULL, &tasks, &n) != STORE_OK) {
                page_error(r, "读取任务失败，请稍后重试");
                page_end(r);
                return;
        }
        html_raw(r, "<h2>我可以查看的自评任务</h2>");
        if (!n) {
                html_raw(r, "<p class=\"muted\">暂无自评任务。</p>");
        } else {
                html_raw(
                    r,
                    "<table><thead><tr><th>年度</th><th>单位编码</th><th>单位名称</th><th>状态</th>"
                    "<th class=\"num\">计算总分</th><th>等级</th><th class=\"num\">错误</th></tr></thead><tbody>");
                for (size_t i = 0; i < n; i++)
                        html(
                            r,
                            "<tr><td>%lld</td><td>%s</td><td><a href=\"/tasks/%lld\">%s</a></td><td>%s</td>"
                            "<td class=\"num\">%s</td><td>%s</td><td class=\"num\">%lld</td></tr>",
                            (long long)tasks[i].year, tasks[i].unit_code, (long long)tasks[i].id,
                            tasks[i].unit_name, task_status_label(tasks[i].status),
                            tasks[i].total ? tasks[i].total : "—",
                            tasks[i].grade ? tasks[i].grade : "—", (long long)tasks[i].errors);
                html_raw(r, "</tbody></table>");
        }
        page_end(r);
}
