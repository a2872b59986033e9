/* Page: the audit log (/audit), for the administrator: the newest entries
 * first, 200 a page, older pages by ?before=<id>. The log is append-only;
 * this page only reads it. */
#include "../web.h"
#include "../../app/lists.h"
#include "../html/layout.h"
#include "../handlers.h"

#include <stdlib.h>
#include <string.h>

enum { AUDIT_PAGE = 200 };

/* Chinese names of the actions recorded (test_http_admin checks that
 * every action jixiao records has one). */
static const struct {
        const char *action;
        const char *label;
} action_labels[] = {
    {"goals.import", "导入绩效目标"},
    {"login", "登录"},
    {"login.failed", "登录失败"},
    {"login.throttled", "登录受限"},
    {"logout", "退出"},
    {"password.change", "修改密码"},
    {"password.failed", "修改密码失败"},
    {"task.approve", "审核通过"},
    {"task.create", "建立自评任务"},
    {"task.delete_file", "删除文件"},
    {"task.return", "退回"},
    {"task.save", "保存自评任务"},
    {"task.submit", "送审"},
    {"task.upload", "上传文件"},
    {"unit.create", "新增单位"},
    {"unit.disable", "停用单位"},
    {"unit.enable", "启用单位"},
    {"unit.update", "修改单位"},
    {"user.create", "开设账号"},
    {"user.disable", "停用账号"},
    {"user.enable", "启用账号"},
    {"user.reset", "重置密码"},
    {"user.update", "修改账号"},
    {"year.create", "设置年度"},
    {"year.issue", "下达自评任务"},
};

static const char *action_label(const char *action)
{
        if (!action)
                return "";
        for (size_t i = 0; i < sizeof action_labels / sizeof action_labels[0]; i++)
                if (strcmp(action_labels[i].action, action) == 0)
                        return action_labels[i].label;
        return "其他操作";
}

void page_audit(struct req *r)
{
        struct outcome rd = {0};
        const char *before_s = req_param(r, "before");
        int64_t before = 0;
        if (before_s && *before_s) {
                if (strlen(before_s) > 15 || strspn(before_s, "0123456789") != strlen(before_s) ||
                    (before = strtoll(before_s, NULL, 10)) <= 0) {
                        reply_error(r, 400, "参数 before 应为正整数（审计记录编号）");
                        return;
                }
        }
        struct audit_entry *e;
        size_t n;
        if (!app_audit_entries(&r->app, before, AUDIT_PAGE + 1, &e, &n, &rd)) {
                reply_error(r, 503, "读取审计日志失败，请稍后重试");
                return;
        }
        bool more = n > AUDIT_PAGE;
        if (more)
                n = AUDIT_PAGE;
        page_begin(r, "审计日志");
        html_raw(r, "<p class=\"hint\">登录、账号、单位、年度、任务等操作均记入审计日志，"
                    "日志只增不改。时间为北京时间。</p>");
        if (before)
                html_raw(r, "<p><a href=\"/audit\">回到最新记录</a></p>");
        if (!n) {
                html_raw(r, "<p class=\"muted\">没有记录。</p>");
                page_end(r);
                return;
        }
        html_raw(r, "<table><thead><tr><th class=\"num\">编号</th><th>时间</th><th>操作人</th>"
                    "<th>地址</th><th>操作</th><th>对象</th><th>说明</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++)
                html(r,
                     "<tr><td class=\"num\">%lld</td><td>%s</td><td>%s</td><td>%s</td>"
                     "<td>%s</td><td>%s</td><td>%s</td></tr>",
                     (long long)e[i].id, fmt_time(r, e[i].at), e[i].actor, e[i].ip,
                     action_label(e[i].action), e[i].target, e[i].detail);
        html_raw(r, "</tbody></table>");
        if (more)
                html(r, "<p><a href=\"/audit?before=%lld\">更早的记录</a></p>",
                     (long long)e[n - 1].id);
        page_end(r);
}
