/* Spreadsheets and reports out, spreadsheets in: a task's tables as an
 * XLSX workbook (also the template a unit fills in), the import of a
 * filled template into the task, the query list as a workbook, and the
 * year's summary workbook of the finance bureau. The same URLs under /api/
 * answer errors as JSON. */
#include "api.h"
#include "layout.h"
#include "ops.h"
#include "pages.h"
#include "query.h"
#include "task_page.h"

#include "../base/fname.h"
#include "../base/zipw.h"
#include "../report/export.h"
#include "../sheet/sheet.h"
#include "../workflow/workflow.h"

#include <stdlib.h>
#include <string.h>

#define XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* The first problem of errs as one sentence, for a failed export. */
static const char *first_problem(struct req *r, const char *what, const struct diags *errs)
{
        return errs->n ? req_printf(r, "%s：%s", what, errs->items[0].msg) : what;
}

/* ---- one task ------------------------------------------------------------------------------ */

/* The file name of task t's export: its unit, year and what it holds. */
static const char *export_name(struct req *r, const struct task *t, const struct export_format *fmt)
{
        return req_printf(r, "%s%lld年度部门整体支出绩效自评%s%s", t->unit_name, (long long)t->year,
                          fmt->format == REPORT_XLSX ? "表" : "报告", fmt->extension);
}

void page_task_export(struct req *r)
{
        const struct export_format *fmt =
            export_format_find(r->n_path_args > 1 ? r->path_args[1] : "");
        if (!fmt) {
                reply_error(r, 404, req_printf(r, "导出格式应为 %s", export_format_names()));
                return;
        }
        struct task_view tv;
        if (!task_view_open_evaluated(r, &tv))
                return;
        struct buf out = BUF_INIT;
        struct diags errs = DIAGS_INIT;
        if (report_write(tv.doc, tv.eval, fmt->format, &out, &errs))
                reply_download(r, fmt->media_type, export_name(r, &tv.task, fmt), out.data,
                               out.len);
        else
                reply_error(r, 500,
                            first_problem(r, req_printf(r, "生成%s失败", fmt->label), &errs));
        buf_free(&out);
        diags_free(&errs);
        task_view_free(&tv);
}

/* The refused cells of an import, on the task's frame. */
static void import_page(struct req *r, const struct task_change *tc, int status, const char *error)
{
        task_page_begin(r, &tc->tv.task, TAB_OVERVIEW);
        r->status = status;
        page_error(r, error);
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
        if (!task_change_open(r, &tc))
                return;
        const struct upload *up = NULL;
        for (size_t i = 0; i < r->n_uploads && !up; i++)
                if (strcmp(r->uploads[i].field, "file") == 0 && r->uploads[i].filename[0])
                        up = &r->uploads[i];
        struct op out = {0};
        if (!up)
                op_fail(&out, 400, "file",
                        "请选择要导入的 Excel 文件（.xlsx，先下载本任务的模板填写）");
        else if (!task_change_import(&tc, up->data, up->len))
                op_fail(&out, 400, "file",
                        req_printf(r, "“%s”不是可以导入的 Excel 工作簿：%s", up->filename,
                                   tc.input.n ? tc.input.items[0].msg : "无法读取"));
        else if (op_task_save(r, &tc, req_field(r, "version"), &out)) {
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
                import_page(r, &tc, out.status, out.error);
        task_change_free(&tc);
}

/* ---- lists ------------------------------------------------------------------------------------
 */

enum { EXPORT_MAX_ROWS = 10000 };

static const struct sheet_column list_columns[] = {
    {"年度", SHEET_COL_INT, 6},       {"单位编码", SHEET_COL_TEXT, 9},
    {"单位名称", SHEET_COL_TEXT, 24}, {"状态", SHEET_COL_TEXT, 14},
    {"计算总分", SHEET_COL_SCORE, 9}, {"等级", SHEET_COL_TEXT, 6},
    {"错误", SHEET_COL_INT, 6},       {"警告", SHEET_COL_INT, 6},
    {"更新时间", SHEET_COL_DATE, 16},
};
enum { LIST_COLS = sizeof list_columns / sizeof list_columns[0] };

void page_tasks_export(struct req *r)
{
        struct query_form f;
        struct results found;
        if (!query_tasks(r, &f, EXPORT_MAX_ROWS, &found))
                return;
        struct task *tasks = found.tasks;
        size_t n = found.n;
        int64_t total = found.total;
        const char **cells = arena_alloc(r->arena, (n * LIST_COLS + 1) * sizeof(*cells));
        for (size_t i = 0; i < n; i++) {
                const struct task *t = &tasks[i];
                const char **row = cells + i * LIST_COLS;
                row[0] = req_printf(r, "%lld", (long long)t->year);
                row[1] = t->unit_code;
                row[2] = t->unit_name;
                row[3] = wf_status_label(wf_status_parse(t->status));
                row[4] = t->total;
                row[5] = t->grade;
                row[6] = req_printf(r, "%lld", (long long)t->errors);
                row[7] = req_printf(r, "%lld", (long long)t->warnings);
                row[8] = fmt_time(r, t->updated_at);
        }
        struct sheet_list list = {
            "绩效自评任务列表",
            req_printf(r, "%s共 %lld 项%s",
                       f.q.year ? req_printf(r, "%lld 年度，", (long long)f.q.year) : "",
                       (long long)total,
                       total > (int64_t)n ? req_printf(r, "（导出前 %zu 项）", n) : ""),
            list_columns,
            LIST_COLS,
            cells,
            n};
        struct buf out = BUF_INIT;
        struct diags errs = DIAGS_INIT;
        if (sheet_list_write(&list, &out, &errs))
                reply_download(r, XLSX, "绩效自评任务列表.xlsx", out.data, out.len);
        else
                reply_error(r, 500, first_problem(r, "生成 Excel 文件失败", &errs));
        buf_free(&out);
        diags_free(&errs);
}

/* ---- many reports at once --------------------------------------------------------------- */

enum { EXPORT_MAX_REPORTS = 200 };

/* The stored document of t evaluated, or NULL (t skipped). */
static struct evaluation *evaluated(struct req *r, const struct task *t, struct doc **d)
{
        const char *json = NULL;
        *d = NULL;
        if (store_task_version(r->db, r->arena, t->id, t->version, &json) != STORE_OK || !json)
                return NULL;
        struct diags errs = DIAGS_INIT;
        *d = doc_parse(json, strlen(json), &errs);
        diags_free(&errs);
        const struct scheme *s =
            *d ? scheme_builtin((*d)->scheme ? (*d)->scheme : "national") : NULL;
        return s ? engine_evaluate(*d, s) : NULL;
}

/* GET /tasks/reports.{format}?<query>: the reports (or workbooks) of the
 * tasks the query finds, at most EXPORT_MAX_REPORTS, in one ZIP file. */
void page_tasks_reports(struct req *r)
{
        const struct export_format *fmt = export_format_find(r->n_path_args ? r->path_args[0] : "");
        if (!fmt) {
                reply_error(r, 404, req_printf(r, "导出格式应为 %s", export_format_names()));
                return;
        }
        struct query_form f;
        struct results found;
        if (!query_tasks(r, &f, EXPORT_MAX_REPORTS, &found))
                return;
        struct task *tasks = found.tasks;
        size_t n = found.n;
        int64_t total = found.total;
        if (total > EXPORT_MAX_REPORTS) {
                reply_error(
                    r, 400,
                    req_printf(
                        r, "查询结果有 %lld 项，一次最多导出 %d 项：请用年度、单位或状态缩小范围",
                        (long long)total, EXPORT_MAX_REPORTS));
                return;
        }
        struct diags errs = DIAGS_INIT;
        struct zipw *z = zipw_new(&errs);
        for (size_t i = 0; z && i < n && !errs.n; i++) {
                struct doc *d;
                struct evaluation *e = evaluated(r, &tasks[i], &d);
                struct buf file = BUF_INIT;
                if (e && report_write(d, e, fmt->format, &file, &errs))
                        zipw_add(z,
                                 fname_clean(r->arena, req_printf(r, "%s-%s", tasks[i].unit_code,
                                                                  export_name(r, &tasks[i], fmt))),
                                 file.data, file.len, (time_t)r->now, &errs);
                buf_free(&file);
                engine_free(e);
                doc_free(d);
        }
        struct buf out = BUF_INIT;
        bool ok = z && !errs.n;
        if (ok)
                ok = zipw_finish(z, &out, &errs);
        else
                zipw_free(z);
        if (ok)
                reply_download(r, "application/zip",
                               req_printf(r, "绩效自评%s（%zu 项）.zip", fmt->label, n), out.data,
                               out.len);
        else
                reply_error(r, 500, first_problem(r, "生成压缩文件失败", &errs));
        buf_free(&out);
        diags_free(&errs);
}

/* ---- the year's summary --------------------------------------------------------------------- */

/* A unit's row: its task's document evaluated again (the stated total and
 * execution rate are not cached in the list). */
static void summary_row(struct req *r, const struct task *t, struct sheet_summary_row *row)
{
        *row = (struct sheet_summary_row){t->unit_code,
                                          t->unit_name,
                                          NULL,
                                          wf_status_label(wf_status_parse(t->status)),
                                          DEC_NONE,
                                          DEC_NONE,
                                          t->grade,
                                          DEC_NONE,
                                          (size_t)t->errors,
                                          (size_t)t->warnings};
        struct doc *d;
        struct evaluation *e = evaluated(r, t, &d);
        if (e) {
                row->total = e->self.total;
                row->stated_total = d->self.table.stated_total;
                row->exec_rate_pct = e->self.exec_rate_pct;
                row->errors = e->n_errors;
                row->warnings = e->n_warnings;
                row->grade = e->self.grade ? arena_strdup(r->arena, e->self.grade) : NULL;
                if (d->unit.supervisor.name)
                        row->supervisor = arena_strdup(r->arena, d->unit.supervisor.name);
        }
        engine_free(e);
        doc_free(d);
}

void page_year_summary(struct req *r)
{
        const char *y = r->n_path_args ? r->path_args[0] : "";
        int64_t year = strlen(y) == 4 && strspn(y, "0123456789") == 4 ? atoll(y) : 0;
        struct year info;
        if (!year || store_year_get(r->db, r->arena, year, &info) != STORE_OK) {
                reply_error(r, 404, "该年度不存在");
                return;
        }
        struct task_query q = {.year = year,
                               .min_centi = INT64_MIN,
                               .max_centi = INT64_MAX,
                               .sort = SORT_UNIT,
                               .limit = EXPORT_MAX_ROWS};
        struct task *tasks;
        size_t n;
        int64_t total;
        if (store_task_query(r->db, r->arena, &r->scope, &q, &tasks, &n, &total) != STORE_OK) {
                reply_error(r, 503, "读取自评任务失败，请稍后重试");
                return;
        }
        struct sheet_summary_row *rows = arena_alloc(r->arena, (n + 1) * sizeof(*rows));
        for (size_t i = 0; i < n; i++)
                summary_row(r, &tasks[i], &rows[i]);
        struct buf out = BUF_INIT;
        struct diags errs = DIAGS_INIT;
        if (sheet_summary_write(year, NULL, rows, n, &out, &errs))
                reply_download(
                    r, XLSX,
                    req_printf(r, "%lld年度部门整体支出绩效自评汇总表.xlsx", (long long)year),
                    out.data, out.len);
        else
                reply_error(r, 500, first_problem(r, "生成 Excel 文件失败", &errs));
        buf_free(&out);
        diags_free(&errs);
}
