/* The task list table and the query links (see task_list.h). */
#include "task_list.h"

#include "layout.h"

#include "../../workflow/workflow.h"

#include <stdio.h>
#include <string.h>

const char *query_link(struct req *r, const struct query_form *f, const char *sort,
                       const char *order, int64_t page)
{
        struct buf b = BUF_INIT;
        buf_putc(&b, '?');
        url_param(&b, "year", f->typed.year);
        url_param(&b, "unit", f->typed.unit);
        url_param(&b, "supervisor", f->typed.supervisor);
        url_param(&b, "status", f->typed.status);
        url_param(&b, "grade", f->typed.grade);
        url_param(&b, "min", f->typed.min);
        url_param(&b, "max", f->typed.max);
        url_param(&b, "findings", f->typed.findings);
        url_param(&b, "sort", sort ? sort : f->typed.sort);
        url_param(&b, "order", order ? order : f->typed.order);
        if (page > 1) {
                char n[24];
                snprintf(n, sizeof n, "%lld", (long long)page);
                url_param(&b, "page", n);
        }
        const char *s = arena_strdup(r->arena, buf_str(&b));
        buf_free(&b);
        return s;
}


static const struct {
        enum task_sort key;
        const char *label;
        bool num;
} columns[] = {
    {SORT_YEAR, "年度", false},     {SORT_UNIT, "单位", false},        {SORT_N, "主管部门", false},
    {SORT_STATUS, "状态", false},
    {SORT_TOTAL, "计算总分", true}, {SORT_GRADE, "等级", false},       {SORT_ERRORS, "错误", true},
    {SORT_WARNINGS, "警告", true},  {SORT_UPDATED, "更新时间", false},
};

static void head(struct req *r, const struct query_form *f, bool pick)
{
        html_raw(r, "<table class=\"tasks\"><thead><tr>");
        if (pick)
                html_raw(r, "<th><input type=\"checkbox\" data-check-all aria-label=\"全选\"></th>");
        for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++) {
                html_raw(r, columns[i].num ? "<th class=\"num\">" : "<th>");
                if (!f || columns[i].key == SORT_N) { /* SORT_N: not a sort key */
                        html(r, "%s</th>", columns[i].label);
                        continue;
                }
                bool current = f->q.sort == columns[i].key;
                const char *order = current && !f->q.desc ? "desc" : "asc";
                const char *link = query_link(r, f, query_sort_names[columns[i].key], order, 1);
                html(r, "<a href=\"/tasks%s\"%s>%s%s</a></th>", link,
                     current ? " aria-current=\"true\"" : "", columns[i].label,
                     current ? (f->q.desc ? " ▼" : " ▲") : "");
        }
        html_raw(r, "</tr></thead><tbody>");
}

void view_task_table(struct req *r, const struct task *tasks, size_t n, const struct query_form *f,
                     const bool *pick)
{
        head(r, f, pick != NULL);
        for (size_t i = 0; i < n; i++) {
                const struct task *t = &tasks[i];
                html_raw(r, "<tr>");
                if (pick && pick[i])
                        html(r,
                             "<td><input type=\"checkbox\" name=\"task\" value=\"%lld:%lld\" "
                             "aria-label=\"选择 %s %s\"></td>",
                             (long long)t->id, (long long)t->version, t->unit_code, t->unit_name);
                else if (pick)
                        html_raw(r, "<td></td>");
                bool unfilled = wf_unfilled(t); /* 未填报, not "0.00 差" */
                html(r,
                     "<td>%lld</td><td><a href=\"/tasks/%lld\">%s %s</a></td><td>%s</td><td>%s</td>"
                     "<td class=\"num\">%s</td><td>%s</td>",
                     (long long)t->year, (long long)t->id, t->unit_code, t->unit_name,
                     t->supervisor_name ? t->supervisor_name : "—", wf_task_label(t),
                     unfilled ? "未填报" : t->total ? t->total : "—",
                     unfilled || !t->grade ? "—" : t->grade);
                html_raw(r, t->errors ? "<td class=\"num diff\">" : "<td class=\"num\">");
                html(r, "%lld</td><td class=\"num\">%lld</td><td>%s</td></tr>",
                     (long long)t->errors, (long long)t->warnings, fmt_time(r, t->updated_at));
        }
        html_raw(r, "</tbody></table>");
}
