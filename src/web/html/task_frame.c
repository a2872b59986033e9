/* The frame of a task's pages and its timeline (see task_frame.h). */
#include "task_frame.h"

#include "../../app/lists.h"

#include "../../workflow/workflow.h"

#include <jansson.h>
#include <string.h>

static const struct {
        const char *path; /* after /tasks/{id} */
        const char *label;
} tabs[] = {
    [TAB_OVERVIEW] = {"", "概况与审核"}, [TAB_BASIC] = {"/basic", "基础数据表"},
    [TAB_SELF] = {"/self", "自评表"},    [TAB_PROJECTS] = {"/projects", "项目支出表"},
    [TAB_REPORT] = {"/report", "报告正文"}, [TAB_FILES] = {"/files", "文件"},
};

static bool is_transition(const struct task_event *e)
{
        return e->from_status && e->to_status && strcmp(e->from_status, e->to_status) != 0;
}

/* The return the task is answering, if its last step was one: who
 * returned it, when, and why, at the top of every page of the task. */
static void returned_banner(struct req *r, const struct task *t)
{
        struct outcome rd = {0};
        struct task_event *ev;
        size_t n;
        if (!app_task_events(&r->app, t, &ev, &n, &rd))
                return;
        const struct task_event *last = NULL;
        for (size_t i = 0; i < n; i++)
                if (is_transition(&ev[i]))
                        last = &ev[i];
        if (!last || strcmp(last->action, "return") != 0)
                return;
        html(r,
             "<div class=\"card returned\" role=\"status\"><p><strong>已退回</strong>　%s于 %s "
             "退回，意见：</p><p class=\"comment\">%s</p><p class=\"hint\">请按意见修改后重新送审。"
             "</p></div>",
             last->user, fmt_time(r, last->at), last->comment);
}

void task_page_begin(struct req *r, const struct task *t, enum task_tab tab)
{
        const char *title = req_printf(r, "%s %lld年度部门整体支出绩效自评 · %s", t->unit_name,
                                       (long long)t->year, tabs[tab].label);
        page_begin(r, title);
        html(
            r,
            "<p class=\"hint\"><a href=\"/tasks\">← 绩效自评查询</a>　单位编码 %s　状态：<strong>%s"
            "</strong>　第 %lld 版　更新于 %s</p><nav class=\"tabs\" aria-label=\"任务各部分\">",
            t->unit_code, wf_task_label(t), (long long)t->version, fmt_time(r, t->updated_at));
        for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++)
                html(r,
                     i == (size_t)tab ? "<a href=\"/tasks/%lld%s\" aria-current=\"page\">%s</a>"
                                      : "<a href=\"/tasks/%lld%s\">%s</a>",
                     (long long)t->id, tabs[i].path, tabs[i].label);
        html_raw(r, "</nav>");
        returned_banner(r, t);
}

static const char *action_label(const char *action)
{
        static const char *const labels[][2] = {
            {"save", "保存修改"}, {"submit", "送审"},     {"approve", "审核通过"},
            {"return", "退回"},   {"upload", "上传文件"}, {"delete_file", "删除文件"},
        };
        for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
                if (strcmp(action, labels[i][0]) == 0)
                        return labels[i][1];
        return action;
}

/* The changes of a save, from their JSON, as a folded table. */
static void changes(struct req *r, const char *json)
{
        json_t *root = json ? json_loads(json, 0, NULL) : NULL;
        size_t n = json_is_array(root) ? json_array_size(root) : 0;
        if (n) {
                html(r,
                     "<details><summary>查看 %zu 处修改</summary><table class=\"changes\">"
                     "<thead><tr><th>项目</th><th>原值</th><th>新值</th></tr></thead><tbody>",
                     n);
                for (size_t i = 0; i < n; i++) {
                        json_t *c = json_array_get(root, i);
                        html(r, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>",
                             json_string_value(json_object_get(c, "label")),
                             json_string_value(json_object_get(c, "before")),
                             json_string_value(json_object_get(c, "after")));
                }
                html_raw(r, "</tbody></table></details>");
        }
        json_decref(root);
}

/* A run of work between two steps of the chain (saves, files) as one
 * entry: how many of each, by whom, each one under a fold. */
static void work_run(struct req *r, const struct task_event *ev, size_t n)
{
        size_t saves = 0, uploads = 0, deletions = 0;
        for (size_t i = 0; i < n; i++) {
                saves += strcmp(ev[i].action, "save") == 0;
                uploads += strcmp(ev[i].action, "upload") == 0;
                deletions += strcmp(ev[i].action, "delete_file") == 0;
        }
        html(r, "<li class=\"event work\"><div class=\"when\">%s</div><div>",
             fmt_time(r, ev[n - 1].at));
        const char *what[3];
        size_t k = 0;
        if (saves)
                what[k++] = req_printf(r, "保存修改 %zu 次", saves);
        if (uploads)
                what[k++] = req_printf(r, "上传文件 %zu 个", uploads);
        if (deletions)
                what[k++] = req_printf(r, "删除文件 %zu 个", deletions);
        for (size_t i = 0; i < k; i++)
                html(r, "%s<strong>%s</strong>", i ? "，" : "", what[i]);
        html(r, "<details><summary>逐次查看（%s 起）</summary><ol class=\"runs\">",
             fmt_time(r, ev[0].at));
        for (size_t i = 0; i < n; i++) {
                const struct task_event *e = &ev[i];
                html(r, "<li><span class=\"muted\">%s</span> %s %s", fmt_time(r, e->at),
                     action_label(e->action), e->user);
                if (e->comment && *e->comment)
                        html(r, "：%s", e->comment);
                changes(r, e->changes);
                html_raw(r, "</li>");
        }
        html_raw(r, "</ol></details></div></li>");
}

void task_timeline(struct req *r, const struct task *t)
{
        struct outcome rd = {0};
        struct task_event *ev;
        size_t n;
        html_raw(r, "<h2 id=\"timeline\">办理记录</h2>");
        if (!app_task_events(&r->app, t, &ev, &n, &rd)) {
                page_error(r, "读取办理记录失败，请稍后刷新页面重试");
                return;
        }
        if (!n) {
                html_raw(r, "<p class=\"muted\">尚无办理记录。</p>");
                return;
        }
        /* the steps of the chain each an entry; the work between two steps one entry */
        html_raw(r, "<ol class=\"timeline\">");
        for (size_t i = 0; i < n;) {
                const struct task_event *e = &ev[i];
                if (!is_transition(e)) {
                        size_t k = i;
                        while (k < n && !is_transition(&ev[k]))
                                k++;
                        work_run(r, ev + i, k - i);
                        i = k;
                        continue;
                }
                html(r,
                     "<li class=\"event %s\"><div class=\"when\">%s</div><div><strong>%s</strong> "
                     "%s<span class=\"muted\">　%s → %s</span>",
                     e->action, fmt_time(r, e->at), action_label(e->action), e->user,
                     wf_status_label(wf_status_parse(e->from_status)),
                     wf_status_label(wf_status_parse(e->to_status)));
                if (e->comment && *e->comment)
                        html(r, "<p class=\"comment\">%s</p>", e->comment);
                html_raw(r, "</div></li>");
                i++;
        }
        html_raw(r, "</ol>");
}
