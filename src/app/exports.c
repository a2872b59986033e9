/* Files out of jixiao (see exports.h). */
#include "exports.h"
#include "tasks.h"

#include "../base/fname.h"
#include "../base/zipw.h"
#include "../report/export.h"
#include "../sheet/sheet.h"
#include "../workflow/workflow.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* The first problem of errs as one sentence, for a failed export. */
static bool failed(struct app *a, struct outcome *out, const char *what, const struct diags *errs)
{
        return app_fail(out, APP_FAILED, NULL,
                        errs->n ? app_printf(a, "%s：%s", what, errs->items[0].msg) : what);
}

static const struct export_format *format_of(struct app *a, const char *name, struct outcome *out)
{
        const struct export_format *fmt = export_format_find(name ? name : "");
        if (!fmt)
                app_fail(out, APP_NOT_FOUND, "format",
                         app_printf(a, "导出格式应为 %s", export_format_names()));
        return fmt;
}

const char *export_task_name(struct app *a, const struct task *t, const char *format)
{
        const struct export_format *fmt = export_format_find(format);
        return app_printf(a, "%s%lld年度部门整体支出绩效自评%s%s", t->unit_name,
                          (long long)t->year, fmt && fmt->format == REPORT_XLSX ? "表" : "报告",
                          fmt ? fmt->extension : "");
}

bool export_task(struct app *a, int64_t id, const char *format, struct download *d,
                 struct outcome *out)
{
        const struct export_format *fmt = format_of(a, format, out);
        if (!fmt)
                return false;
        struct task_view tv;
        bool ok = task_open(a, id, TASK_EVALUATED, &tv, out);
        struct diags errs = DIAGS_INIT;
        if (ok && !report_write(tv.doc, tv.eval, fmt->format, &d->data, &errs))
                ok = failed(a, out, app_printf(a, "生成%s失败", fmt->label), &errs);
        if (ok) {
                d->media_type = fmt->media_type;
                d->name = export_task_name(a, &tv.task, fmt->name);
                out->status = APP_OK;
        }
        diags_free(&errs);
        task_view_free(&tv);
        return ok;
}

bool export_task_reports(struct app *a, const struct query_input *in, const char *format,
                         struct download *d, struct outcome *out)
{
        const struct export_format *fmt = format_of(a, format, out);
        struct query_form f;
        struct results found;
        if (!fmt || !query_tasks(a, in, EXPORT_MAX_REPORTS, &f, &found, out))
                return false;
        if (found.total > EXPORT_MAX_REPORTS)
                return app_fail(
                    out, APP_INVALID, NULL,
                    app_printf(a,
                               "查询结果有 %lld 项，一次最多导出 %d 项：请用年度、单位或状态缩小范围",
                               (long long)found.total, EXPORT_MAX_REPORTS));
        struct diags errs = DIAGS_INIT;
        struct zipw *z = zipw_new(&errs);
        for (size_t i = 0; z && i < found.n && !errs.n; i++) {
                const struct task *t = &found.tasks[i];
                struct loaded *l = task_loaded(a, t);
                struct buf file = BUF_INIT;
                if (l && report_write(l->doc, l->eval, fmt->format, &file, &errs))
                        zipw_add(z,
                                 fname_clean(a->arena, app_printf(a, "%s-%s", t->unit_code,
                                                                  export_task_name(a, t, fmt->name))),
                                 file.data, file.len, (time_t)a->now, &errs);
                buf_free(&file);
                loaded_release(l);
        }
        bool ok = z && !errs.n;
        if (ok)
                ok = zipw_finish(z, &d->data, &errs);
        else
                zipw_free(z);
        if (ok) {
                d->media_type = "application/zip";
                d->name = app_printf(a, "绩效自评%s（%zu 项）.zip", fmt->label, found.n);
                out->status = APP_OK;
        } else {
                failed(a, out, "生成压缩文件失败", &errs);
        }
        diags_free(&errs);
        return ok;
}

static const struct sheet_column list_columns[] = {
    {"年度", SHEET_COL_INT, 6},       {"单位编码", SHEET_COL_TEXT, 9},
    {"单位名称", SHEET_COL_TEXT, 24}, {"主管部门", SHEET_COL_TEXT, 20},
    {"状态", SHEET_COL_TEXT, 14},
    {"计算总分", SHEET_COL_SCORE, 9}, {"等级", SHEET_COL_TEXT, 6},
    {"错误", SHEET_COL_INT, 6},       {"警告", SHEET_COL_INT, 6},
    {"更新时间", SHEET_COL_DATE, 16},
};
enum { LIST_COLS = sizeof list_columns / sizeof list_columns[0] };

bool export_task_list(struct app *a, const struct query_input *in, struct download *d,
                      struct outcome *out)
{
        struct query_form f;
        struct results found;
        if (!query_tasks(a, in, EXPORT_MAX_ROWS, &f, &found, out))
                return false;
        size_t n = found.n;
        const char **cells = arena_alloc(a->arena, (n * LIST_COLS + 1) * sizeof(*cells));
        for (size_t i = 0; i < n; i++) {
                const struct task *t = &found.tasks[i];
                const char **row = cells + i * LIST_COLS;
                row[0] = app_printf(a, "%lld", (long long)t->year);
                row[1] = t->unit_code;
                row[2] = t->unit_name;
                row[3] = t->supervisor_name;
                row[4] = wf_task_label(t);
                row[5] = wf_unfilled(t) ? NULL : t->total; /* 未填报 in 等级 */
                row[6] = wf_unfilled(t) ? "未填报" : t->grade;
                row[7] = app_printf(a, "%lld", (long long)t->errors);
                row[8] = app_printf(a, "%lld", (long long)t->warnings);
                row[9] = app_time_text(a->arena, t->updated_at);
        }
        struct sheet_list list = {
            "绩效自评任务列表",
            app_printf(a, "%s共 %lld 项%s",
                       f.q.year ? app_printf(a, "%lld 年度，", (long long)f.q.year) : "",
                       (long long)found.total,
                       found.total > (int64_t)n ? app_printf(a, "（导出前 %zu 项）", n) : ""),
            list_columns,
            LIST_COLS,
            cells,
            n};
        struct diags errs = DIAGS_INIT;
        bool ok = sheet_list_write(&list, &d->data, &errs);
        if (ok) {
                d->media_type = XLSX;
                d->name = "绩效自评任务列表.xlsx";
                out->status = APP_OK;
        } else {
                failed(a, out, "生成 Excel 文件失败", &errs);
        }
        diags_free(&errs);
        return ok;
}

/* A unit's row of the summary: its task's document evaluated (the stated
 * total and execution rate are not kept in the list); a task nobody has
 * filled in yet is 未填报, without figures. */
static void summary_row(struct app *a, const struct task *t, struct sheet_summary_row *row)
{
        *row = (struct sheet_summary_row){.unit_code = t->unit_code,
                                          .unit_name = t->unit_name,
                                          .supervisor = t->supervisor_name,
                                          .status = wf_task_label(t),
                                          .total = DEC_NONE,
                                          .stated_total = DEC_NONE,
                                          .grade = t->grade,
                                          .exec_rate_pct = DEC_NONE,
                                          .errors = (size_t)t->errors,
                                          .warnings = (size_t)t->warnings,
                                          .unfilled = wf_unfilled(t)};
        if (row->unfilled) {
                row->grade = NULL;
                return;
        }
        struct loaded *l = task_loaded(a, t);
        if (l) {
                const struct evaluation *e = l->eval;
                row->total = e->self.total;
                row->stated_total = l->doc->self.table.stated_total;
                row->exec_rate_pct = e->self.exec_rate_pct;
                row->errors = e->n_errors;
                row->warnings = e->n_warnings;
                row->grade = e->self.grade ? arena_strdup(a->arena, e->self.grade) : NULL;
                row->scheme = l->scheme->name ? scheme_builtin(l->scheme->name) : NULL;
        }
        loaded_release(l);
}

bool export_year_summary(struct app *a, const char *y, struct download *d, struct outcome *out)
{
        int64_t year = y && strlen(y) == 4 && strspn(y, "0123456789") == 4 ? atoll(y) : 0;
        struct year info;
        if (!year || store_year_get(a->db, a->arena, year, &info) != STORE_OK)
                return app_fail(out, APP_NOT_FOUND, "year", "该年度不存在");
        struct task_query q = {.year = year,
                               .min_centi = INT64_MIN,
                               .max_centi = INT64_MAX,
                               .sort = SORT_UNIT,
                               .limit = EXPORT_MAX_ROWS};
        struct task *tasks;
        size_t n;
        int64_t total;
        if (store_task_query(a->db, a->arena, &a->scope, &q, &tasks, &n, &total) != STORE_OK)
                return app_fail(out, APP_UNAVAILABLE, NULL, "读取自评任务失败，请稍后重试");
        struct sheet_summary_row *rows = arena_alloc(a->arena, (n + 1) * sizeof(*rows));
        for (size_t i = 0; i < n; i++)
                summary_row(a, &tasks[i], &rows[i]);
        struct diags errs = DIAGS_INIT;
        bool ok = sheet_summary_write(year, NULL, rows, n, &d->data, &errs);
        if (ok) {
                d->media_type = XLSX;
                d->name = app_printf(a, "%lld年度部门整体支出绩效自评汇总表.xlsx", (long long)year);
                out->status = APP_OK;
        } else {
                failed(a, out, "生成 Excel 文件失败", &errs);
        }
        diags_free(&errs);
        return ok;
}
