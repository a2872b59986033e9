/* Page: a task's attachments (/tasks/{id}/files, 文件管理). Everyone who
 * may see the task sees the required-files checklist and the uploaded
 * files and downloads them; the holder of a draft or of a task in unit
 * review also uploads and deletes. Plain forms: works without
 * JavaScript. The writes are app_file_upload/app_file_delete (src/app/files.c). */
#include "../web.h"
#include "../../app/lists.h"
#include "../../app/files.h"
#include "../../app/filetype.h"
#include "../html/layout.h"
#include "../html/task_frame.h"
#include "../handlers.h"
#include "../../app/tasks.h"
#include "../html/evaluation.h"

#include <string.h>

/* What was submitted, shown again after a failed upload. */
struct files_form {
        const char *kind;
        const char *project;
};

/* 532 字节, 12.5 KB, 3.2 MB. */
static const char *size_text(struct req *r, int64_t n)
{
        if (n < 1024)
                return req_printf(r, "%lld 字节", (long long)n);
        if (n < 1024 * 1024)
                return req_printf(r, "%.1f KB", (double)n / 1024);
        return req_printf(r, "%.1f MB", (double)n / (1024 * 1024));
}

static const char *type_label(const char *media_type)
{
        const struct filetype *t = filetype_by_media(media_type);
        return t ? t->label : media_type;
}

/* The notice of a redirect after a successful post (?ok=…&file=…). */
static const char *done_notice(struct req *r, const struct stored_file *files, size_t n)
{
        const char *ok = req_param(r, "ok");
        if (!ok)
                return NULL;
        if (strcmp(ok, "deleted") == 0)
                return "已删除附件。";
        if (strcmp(ok, "uploaded") != 0)
                return NULL;
        const char *id = req_param(r, "file");
        for (size_t i = 0; id && i < n; i++)
                if (strcmp(req_printf(r, "%lld", (long long)files[i].id), id) == 0)
                        return req_printf(r, "已上传 “%s”（%s，%s）。", files[i].name,
                                          type_label(files[i].media_type),
                                          size_text(r, files[i].size));
        return "已上传附件。";
}

static void checklist(struct req *r, const struct task *t, const struct doc *d,
                      const struct stored_file *files, size_t n)
{
        struct file_need *need;
        size_t k = files_needed(&r->app, d, files, n, &need), missing = 0;
        html_raw(r, "<h2 id=\"required\">必传附件</h2><table><thead><tr><th>附件</th><th>状态</th>"
                    "<th>文件</th></tr></thead><tbody>");
        for (size_t i = 0; i < k; i++) {
                const struct file_need *w = &need[i];
                if (w->project)
                        html(r, "<tr><td>项目“%s”的项目自评报告</td>", w->project);
                else
                        html_raw(r, "<tr><td>自评报告（部门整体）</td>");
                if (w->file)
                        html(r,
                             "<td><span class=\"tag ok\">已上传</span></td>"
                             "<td><a href=\"/tasks/%lld/files/%lld\">%s</a></td></tr>",
                             (long long)t->id, (long long)w->file->id, w->file->name);
                else
                        html_raw(r, "<td><span class=\"tag error\">未上传</span></td>"
                                    "<td class=\"muted\">—</td></tr>");
                missing += !w->file;
        }
        html_raw(r, "</tbody></table>");
        if (missing)
                html(r, "<p class=\"hint\">送审前须上传全部必传附件，还缺 %zu 项。</p>", missing);
        else
                html_raw(r, "<p class=\"hint\">必传附件已齐全。</p>");
}

static void file_table(struct req *r, const struct task *t, const struct stored_file *files,
                       size_t n, bool may_edit)
{
        html_raw(r, "<h2 id=\"files\">已上传的附件</h2>");
        if (!n) {
                html_raw(r, "<p class=\"muted\">尚未上传附件。</p>");
                return;
        }
        html_raw(r, "<table><thead><tr><th>类别</th><th>所属项目</th><th>文件名</th>"
                    "<th class=\"num\">大小</th><th>类型</th><th>上传人</th>"
                    "<th>上传时间</th>");
        if (may_edit)
                html_raw(r, "<th>操作</th>");
        html_raw(r, "</tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
                const struct stored_file *f = &files[i];
                html(r,
                     "<tr id=\"file-%lld\"><td>%s</td><td>%s</td>"
                     "<td><a href=\"/tasks/%lld/files/%lld\" title=\"校验码（SHA-256）：%s\">%s</a>"
                     "</td><td class=\"num\">%s</td><td>%s</td><td>%s</td><td>%s</td>",
                     (long long)f->id, files_kind_label(f->kind), f->project ? f->project : "—",
                     (long long)t->id, (long long)f->id, f->sha256, f->name,
                     size_text(r, f->size), type_label(f->media_type),
                     f->uploader ? f->uploader : "—", fmt_time(r, f->uploaded_at));
                if (may_edit) {
                        html(r,
                             "<td><form method=\"post\" action=\"/tasks/%lld/files/%lld/delete\" "
                             "data-confirm=\"确定删除附件“%s”吗？\">",
                             (long long)t->id, (long long)f->id, f->name);
                        form_csrf(r);
                        html_raw(r, "<button type=\"submit\" class=\"secondary\">删除</button>"
                                    "</form></td>");
                }
                html_raw(r, "</tr>");
        }
        html_raw(r, "</tbody></table>");
}

static void option(struct req *r, const char *value, const char *label, const char *selected)
{
        html(r, "<option value=\"%s\"%s>%s</option>", value,
             selected && strcmp(selected, value) == 0 ? " selected" : "", label);
}

static void upload_form(struct req *r, const struct task *t, const struct doc *d,
                        const struct files_form *form)
{
        size_t n_projects = d ? d->n_projects : 0;
        html(r,
             "<h2 id=\"upload\">上传附件</h2><form method=\"post\" action=\"/tasks/%lld/files\" "
             "enctype=\"multipart/form-data\" class=\"card\">",
             (long long)t->id);
        form_csrf(r);
        html_raw(r, "<label>类别<select name=\"kind\" required>");
        option(r, "self_report", "自评报告", form->kind);
        if (n_projects)
                option(r, "project_report", "项目自评报告", form->kind);
        option(r, "other", "其他材料", form->kind);
        html_raw(r, "</select></label>");
        if (n_projects) {
                html_raw(r, "<label>所属项目（仅项目自评报告）<select name=\"project\">"
                            "<option value=\"\">—</option>");
                for (size_t i = 0; i < n_projects; i++)
                        if (d->projects[i].name && *d->projects[i].name)
                                option(r, d->projects[i].name, d->projects[i].name, form->project);
                html_raw(r, "</select></label>");
        }
        html(r,
             "<label>文件<input type=\"file\" name=\"file\" required "
             "accept=\".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg\"></label>"
             "<p class=\"hint\">%s，单个文件不超过 %d MB。系统按文件内容检查类型，"
             "扩展名须与内容一致；文件名最长 %d 个字符。</p>"
             "<button type=\"submit\">上传</button></form>",
             filetype_accepted, FILES_MAX_BYTES >> 20, FILETYPE_NAME_MAX);
}

static void files_page(struct req *r, const struct task_view *tv, int status, const char *error,
                       const struct files_form *form)
{
        struct outcome rd = {0};
        const struct task *t = &tv->task;
        struct stored_file *files;
        size_t n;
        if (!app_task_files(&r->app, t, &files, &n, &rd)) {
                reply_error(r, 500, "读取附件失败，请稍后重试");
                return;
        }
        const char *notice = status == 200 ? done_notice(r, files, n) : NULL;
        const char *locked = files_locked(r->authed ? &r->session.user : NULL, t);
        task_page_begin(r, t, TAB_FILES);
        r->status = status;
        if (notice)
                page_notice(r, notice);
        if (error)
                page_error(r, error);
        html_raw(r, "<p class=\"hint\">部门整体的自评报告为必传附件；有项目支出的，"
                    "每个项目须上传项目自评报告。</p>");
        checklist(r, t, tv->doc, files, n);
        file_table(r, t, files, n, !locked);
        if (!locked)
                upload_form(r, t, tv->doc, form);
        else
                html(r, "<p class=\"hint\">%s。</p>", locked);
        page_end(r);
}

void page_files(struct req *r)
{
        struct task_view tv;
        if (!web_task_open(r, TASK_EVALUATED, &tv))
                return;
        struct files_form form = {0};
        files_page(r, &tv, 200, NULL, &form);
        task_view_free(&tv);
}

void page_file_upload(struct req *r)
{
        struct task_view tv;
        if (!web_task_open(r, TASK_EVALUATED, &tv))
                return;
        struct files_form form = {.kind = req_field(r, "kind"), .project = req_field(r, "project")};
        struct stored_file stored;
        struct outcome out = {0};
        struct upload_file *files;
        size_t n = web_uploads(r, &files);
        if (app_file_upload(&r->app, &tv.task, tv.doc, form.kind, form.project, files, n, &stored,
                            &out))
                reply_redirect(r, req_printf(r, "/tasks/%lld/files?ok=uploaded&file=%lld#file-%lld",
                                             (long long)tv.task.id, (long long)out.id,
                                             (long long)out.id));
        else
                files_page(r, &tv, web_status(out.status), out.error, &form);
        task_view_free(&tv);
}

void page_file_delete(struct req *r)
{
        struct task_view tv;
        if (!web_task_open(r, TASK_EVALUATED, &tv))
                return;
        struct outcome out = {0};
        struct files_form form = {0};
        if (app_file_delete(&r->app, &tv.task, req_arg_id(r, 1), &out))
                reply_redirect(
                    r, req_printf(r, "/tasks/%lld/files?ok=deleted#files", (long long)tv.task.id));
        else
                files_page(r, &tv, web_status(out.status), out.error, &form);
        task_view_free(&tv);
}

void page_file_download(struct req *r)
{
        struct task_view tv;
        if (!web_task_open(r, TASK_ROW, &tv))
                return;
        struct stored_file f;
        struct outcome out = {0};
        if (app_task_file(&r->app, &tv.task, req_arg_id(r, 1), &f, &out))
                reply_download(r, f.media_type, f.name, f.content, (size_t)f.size);
        else
                reply_failure(r, &out);
        task_view_free(&tv);
}
