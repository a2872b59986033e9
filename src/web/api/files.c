/* Attachment API: a task's files with the required-files checklist (GET
 * /api/tasks/{id}/files), upload (POST, multipart/form-data), download
 * (GET …/files/{fid}, the bytes as the page serves them) and delete
 * (POST …/files/{fid}/delete). The same operations as the 文件 page
 * (src/app/files.c); access as on the task API (task_open). */
#include "../web.h"
#include "../../app/lists.h"
#include "json.h"
#include "../../app/files.h"
#include "../handlers.h"
#include "../html/evaluation.h"

static void api_file(struct jsonw *w, const struct stored_file *f)
{
        jw_obj_begin(w);
        jw_key(w, "id");
        jw_int(w, f->id);
        jw_key(w, "kind");
        jw_str(w, f->kind);
        jw_key(w, "kind_label");
        jw_str(w, files_kind_label(f->kind));
        jw_key(w, "project");
        jw_str(w, f->project);
        jw_key(w, "name");
        jw_str(w, f->name);
        jw_key(w, "media_type");
        jw_str(w, f->media_type);
        jw_key(w, "size");
        jw_int(w, f->size);
        jw_key(w, "sha256");
        jw_str(w, f->sha256);
        jw_key(w, "uploaded_by");
        jw_str(w, f->uploader);
        jw_key(w, "uploaded_at");
        jw_int(w, f->uploaded_at);
        jw_obj_end(w);
}

void api_files(struct req *r)
{
        struct outcome rd = {0};
        struct task_view tv;
        if (!web_task_open(r, TASK_EVALUATED, &tv))
                return;
        struct stored_file *files;
        size_t n;
        if (!app_task_files(&r->app, &tv.task, &files, &n, &rd)) {
                reply_error(r, 500, "读取附件失败，请稍后重试");
                task_view_free(&tv);
                return;
        }
        struct file_need *need;
        size_t k = files_needed(&r->app, tv.doc, files, n, &need);
        struct buf missing = BUF_INIT;
        bool lacking = files_missing(&r->app, &tv.task, tv.doc, &missing);
        const char *locked = files_locked(r->authed ? &r->session.user : NULL, &tv.task);
        struct jsonw w;
        api_begin(r, 200, &w);
        jw_key(&w, "files");
        jw_arr_begin(&w);
        for (size_t i = 0; i < n; i++)
                api_file(&w, &files[i]);
        jw_arr_end(&w);
        jw_key(&w, "required");
        jw_arr_begin(&w);
        for (size_t i = 0; i < k; i++) {
                jw_obj_begin(&w);
                jw_key(&w, "kind");
                jw_str(&w, need[i].kind);
                jw_key(&w, "project");
                jw_str(&w, need[i].project);
                jw_key(&w, "file_id");
                if (need[i].file)
                        jw_int(&w, need[i].file->id);
                else
                        jw_null(&w);
                jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_key(&w, "missing");
        jw_str(&w, lacking ? buf_str(&missing) : NULL);
        jw_key(&w, "may_edit");
        jw_bool(&w, !locked);
        jw_key(&w, "locked_reason");
        jw_str(&w, locked);
        jw_obj_end(&w);
        buf_free(&missing);
        task_view_free(&tv);
}

void api_file_upload(struct req *r)
{
        struct task_view tv;
        if (!web_task_open(r, TASK_EVALUATED, &tv))
                return;
        struct stored_file stored;
        struct outcome out = {0};
        struct upload_file *files;
        size_t n = web_uploads(r, &files);
        if (app_file_upload(&r->app, &tv.task, tv.doc, req_field(r, "kind"),
                            req_field(r, "project"), files, n, &stored, &out)) {
                struct jsonw w;
                api_begin(r, 201, &w);
                jw_key(&w, "file");
                api_file(&w, &stored);
                jw_obj_end(&w);
        } else {
                api_fail(r, &out);
        }
        task_view_free(&tv);
}

void api_file_download(struct req *r)
{
        page_file_download(r);
}

void api_file_delete(struct req *r)
{
        struct task_view tv;
        if (!web_task_open(r, TASK_ROW, &tv))
                return;
        struct outcome out = {0};
        if (app_file_delete(&r->app, &tv.task, req_arg_id(r, 1), &out))
                api_ok(r);
        else
                api_fail(r, &out);
        task_view_free(&tv);
}
