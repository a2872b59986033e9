/* Downloads and the workbook import (pages and /api/ alike): a task's
 * report or tables, the query's reports in one ZIP, the query list, the
 * year's summary, and a filled template read back into a task. The work
 * is in src/app (exports.c, task_change.c); errors are an error page, or
 * JSON under /api/. */
#include "../web.h"
#include "../api/json.h"
#include "../handlers.h"
#include "../html/layout.h"
#include "../html/task_frame.h"

static const char *path_arg(const struct req *r, size_t i)
{
        return r->n_path_args > i ? r->path_args[i] : "";
}

void page_task_export(struct req *r)
{
        struct download d = {BUF_INIT, NULL, NULL};
        struct outcome out = {0};
        if (export_task(&r->app, req_arg_id(r, 0), path_arg(r, 1), &d, &out))
                reply_export(r, &d);
        else
                reply_failure(r, &out);
}

void page_tasks_reports(struct req *r)
{
        struct query_input in;
        web_query_input(r, &in);
        struct download d = {BUF_INIT, NULL, NULL};
        struct outcome out = {0};
        if (export_task_reports(&r->app, &in, path_arg(r, 0), &d, &out))
                reply_export(r, &d);
        else
                reply_failure(r, &out);
}

void page_tasks_export(struct req *r)
{
        struct query_input in;
        web_query_input(r, &in);
        struct download d = {BUF_INIT, NULL, NULL};
        struct outcome out = {0};
        if (export_task_list(&r->app, &in, &d, &out))
                reply_export(r, &d);
        else
                reply_failure(r, &out);
}

void page_year_summary(struct req *r)
{
        struct download d = {BUF_INIT, NULL, NULL};
        struct outcome out = {0};
        if (export_year_summary(&r->app, path_arg(r, 0), &d, &out))
                reply_export(r, &d);
        else
                reply_failure(r, &out);
}

/* The refused cells of an import, on the task's frame. */
static void import_page(struct req *r, const struct task_change *tc, const struct outcome *out)
{
        task_page_begin(r, &tc->tv.task, TAB_OVERVIEW);
        r->status = web_status(out->status);
        page_error(r, out->error);
        if (tc->input.n) {
                html_raw(
                    r,
                    "<div class=\"card\"><p>以下单元格有误，整个文件未导入，任务内容没有任何改动。"
                    "请在 Excel 中改正后重新上传：</p><ol class=\"refused\">");
                for (size_t i = 0; i < tc->input.n; i++)
                        html(r, "<li><strong>%s</strong>%s%s%s：%s</li>", tc->input.items[i].path,
                             tc->input.items[i].label ? "（" : "", tc->input.items[i].label,
                             tc->input.items[i].label ? "）" : "", tc->input.items[i].msg);
                if (tc->input.dropped)
                        html(r, "<li>……另有 %zu 处</li>", tc->input.dropped);
                html_raw(r, "</ol></div>");
        }
        html(r, "<p><a href=\"/tasks/%lld\">返回任务概况</a></p>", (long long)tc->tv.task.id);
        page_end(r);
}

void page_task_import(struct req *r)
{
        struct task_change tc;
        if (!web_change_open(r, &tc))
                return;
        struct upload_file *files;
        size_t n = web_uploads(r, &files);
        struct outcome out = {0};
        if (!n)
                app_fail(&out, APP_INVALID, "file",
                         "请选择要导入的 Excel 文件（.xlsx，先下载本任务的模板填写）");
        else if (!task_change_import(&r->app, &tc, files[0].data, files[0].len, &out))
                out.error = req_printf(r, "“%s”不是可以导入的 Excel 工作簿：%s", files[0].name,
                                       out.error);
        else if (task_change_save(&r->app, &tc, req_field(r, "version"), &out)) {
                if (req_is_api(r)) {
                        struct jsonw w;
                        api_begin(r, 200, &w);
                        jw_key(&w, "version");
                        jw_int(&w, out.id);
                        jw_obj_end(&w);
                } else {
                        reply_redirect(
                            r, req_printf(r, "/tasks/%lld?done=import", (long long)tc.tv.task.id));
                }
                task_change_free(&tc);
                return;
        }
        if (req_is_api(r))
                api_fail(r, &out);
        else
                import_page(r, &tc, &out);
        task_change_free(&tc);
}
