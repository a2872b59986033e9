/* Attachments of a task: the required files, the edit right, and the
 * upload and delete operations (see files.h). Each write is one
 * transaction holding the file row, the timeline event and the audit
 * entry, so nothing is ever half-written. */
#include "files.h"
#include "filetype.h"

#include "../store/db.h"

#include "../workflow/workflow.h"

#include <sodium.h>
#include <string.h>

static const char *const kinds[][2] = {
    {"self_report", "自评报告"},
    {"project_report", "项目自评报告"},
    {"other", "其他材料"},
};

const char *files_kind_label(const char *kind)
{
        for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
                if (strcmp(kind, kinds[i][0]) == 0)
                        return kinds[i][1];
        return NULL;
}

/* ---- what is required --------------------------------------------------------- */

static bool same(const char *a, const char *b)
{
        return a && b && strcmp(a, b) == 0;
}

/* The latest file of kind (and project) among files[0..n), or NULL. */
static const struct stored_file *latest(const struct stored_file *files, size_t n, const char *kind,
                                        const char *project)
{
        for (size_t i = n; i-- > 0;)
                if (same(files[i].kind, kind) && (!project || same(files[i].project, project)))
                        return &files[i];
        return NULL;
}

size_t files_needed(struct app *a, const struct doc *d, const struct stored_file *files, size_t n,
                    struct file_need **out)
{
        size_t cap = 1 + (d ? d->n_projects : 0), k = 0;
        struct file_need *need = arena_alloc(a->arena, cap * sizeof(*need));
        need[k++] = (struct file_need){"self_report", NULL, latest(files, n, "self_report", NULL)};
        for (size_t i = 0; d && i < d->n_projects; i++) {
                const char *name = d->projects[i].name;
                bool seen = !name || !*name;
                for (size_t j = 1; j < k && !seen; j++)
                        seen = strcmp(need[j].project, name) == 0;
                if (!seen)
                        need[k++] = (struct file_need){"project_report", name,
                                                       latest(files, n, "project_report", name)};
        }
        *out = need;
        return k;
}

bool files_missing(struct app *a, const struct task *t, const struct doc *d, struct buf *why)
{
        struct stored_file *files;
        size_t n;
        if (store_files(a->db, a->arena, t->id, &files, &n) != STORE_OK) {
                buf_puts(why, "附件读取失败，无法确认必传附件是否齐全，请稍后重试。");
                return true;
        }
        struct file_need *need;
        size_t k = files_needed(a, d, files, n, &need), missing = 0;
        for (size_t i = 0; i < k; i++) {
                if (need[i].file)
                        continue;
                buf_puts(why, missing++ ? "；" : "请先上传：");
                if (need[i].project)
                        buf_printf(why, "项目“%s”的项目自评报告", need[i].project);
                else
                        buf_puts(why, "自评报告");
        }
        if (missing)
                buf_puts(why, "。");
        return missing > 0;
}

/* ---- who may change them -------------------------------------------------------- */

static const char *const locked[WF_N_STATUS] = {
    [WF_DRAFT] = "该自评任务正由本单位经办岗填报，只有经办岗可以上传或删除附件",
    [WF_UNIT_REVIEW] = "该自评任务正待本单位审核岗审核，只有审核岗可以上传或删除附件",
    [WF_SUPERVISOR_REVIEW] =
        "该自评任务已送主管部门审核，附件不能再修改；如需修改，请主管部门退回后再改",
    [WF_FINANCE_REVIEW] =
        "该自评任务已送财政绩效经办审核，附件不能再修改；如需修改，请财政绩效经办退回后再改",
    [WF_DONE] = "该自评任务已完成审核，附件不能再修改",
};

const char *files_locked(const struct user *u, const struct task *t)
{
        if (!u)
                return "只有本单位的经办岗或审核岗可以上传或删除附件";
        if (wf_may_edit(u, t))
                return NULL;
        enum wf_status s = wf_status_parse(t->status);
        return s == WF_UNKNOWN ? "该自评任务的状态无法识别，请联系系统管理员" : locked[s];
}

/* ---- writing ---------------------------------------------------------------------- */

/* What the timeline and the audit log say about a file. */
static const char *describe(struct app *a, const char *kind, const char *project, const char *name)
{
        return project ? app_printf(a, "%s（项目“%s”）：%s", files_kind_label(kind), project, name)
                       : app_printf(a, "%s：%s", files_kind_label(kind), name);
}

/* Begin the write transaction and re-check, inside it, that the task
 * still exists and the user may still edit it (it may have been
 * submitted since it was read). False after setting out and rolling
 * back. */
static bool begin_edit(struct app *a, const struct task *t, struct outcome *out)
{
        if (db_begin(a->db, DB_HERE) != DB_OK)
                return app_fail(out, APP_UNAVAILABLE, NULL, app_busy);
        struct task now;
        enum store_rc rc = store_task_get(a->db, a->arena, t->id, false, &now);
        const char *why = rc == STORE_OK ? files_locked(a->actor, &now) : NULL;
        if (rc == STORE_OK && !why)
                return true;
        db_rollback(a->db);
        if (rc == STORE_NOT_FOUND)
                return app_fail(out, APP_NOT_FOUND, NULL, "自评任务不存在或无权查看");
        if (rc != STORE_OK)
                return app_fail(out, APP_UNAVAILABLE, NULL, app_busy);
        return app_fail(out, APP_FORBIDDEN, NULL, why);
}

/* Record the event and the audit entry and commit; false after rolling back. */
static bool finish_edit(struct app *a, const struct task *t, const char *action,
                        const char *audit_action, const char *comment, const char *detail,
                        struct outcome *out)
{
        struct task_event e = {
            .at = a->now, .user_id = app_actor_id(a), .action = action, .comment = comment};
        const char *target =
            app_printf(a, "tasks/%lld/files/%lld", (long long)t->id, (long long)out->id);
        if (store_task_event_add(a->db, t->id, &e) != STORE_OK ||
            app_audit(a, audit_action, target, detail) != STORE_OK)
                return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        if (db_commit(a->db) != DB_OK)
                return app_fail(out, APP_UNAVAILABLE, NULL, app_busy);
        return true;
}

/* The single chosen file, or NULL with *why. */
static const struct upload_file *chosen_file(const struct upload_file *files, size_t n,
                                             const char **why)
{
        *why = n == 0  ? "请选择要上传的文件（表单字段 file）"
               : n > 1 ? "每次只能上传一个文件"
                       : NULL;
        return n == 1 ? files : NULL;
}

static bool has_project(const struct doc *d, const char *name)
{
        for (size_t i = 0; d && i < d->n_projects; i++)
                if (same(d->projects[i].name, name))
                        return true;
        return false;
}

/* Check what was submitted, up to and including the file's type; fills
 * f with everything but the task and the uploader. */
static bool check_upload(struct app *a, const struct doc *d, const char *kind, const char *project,
                         const struct upload_file *files, size_t n_files, struct stored_file *f,
                         struct outcome *out)
{
        if (!files_kind_label(kind))
                return app_fail(out, APP_INVALID, "kind",
                               "请选择附件类别：自评报告（self_report）、项目自评报告"
                               "（project_report）或其他材料（other）");
        f->kind = kind;
        f->project = NULL;
        if (strcmp(kind, "project_report") == 0) {
                if (!d || !d->n_projects)
                        return app_fail(out, APP_INVALID, "project",
                                       "本任务的项目支出表中没有项目，无需上传项目自评报告");
                if (!project)
                        return app_fail(out, APP_INVALID, "project", "上传项目自评报告时须选择所属项目");
                if (!has_project(d, project))
                        return app_fail(
                            out, APP_INVALID, "project",
                            app_printf(a, "项目“%s”不在本任务的项目支出表中，请从列表中选择",
                                       project));
                f->project = project;
        }
        const char *why;
        const struct upload_file *up = chosen_file(files, n_files, &why);
        if (!up)
                return app_fail(out, APP_INVALID, "file", why);
        f->name = filetype_clean_name(a->arena, up->name, &why);
        if (!f->name)
                return app_fail(out, APP_INVALID, "file", why);
        if (up->len > FILES_MAX_BYTES)
                return app_fail(out, APP_TOO_LARGE, "file",
                               app_printf(a,
                                          "“%s” 有 %.1f MB，超过了单个文件 %d MB 的上限，"
                                          "请压缩或拆分后重新上传",
                                          f->name, (double)up->len / (1 << 20),
                                          FILES_MAX_BYTES >> 20));
        const struct filetype *type = filetype_detect(a->arena, f->name, up->data, up->len, &why);
        if (!type)
                return app_fail(out, APP_INVALID, "file", why);
        f->media_type = type->media_type;
        f->size = (int64_t)up->len;
        f->content = up->data;
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(digest, (const unsigned char *)up->data, up->len);
        char *hex = arena_alloc(a->arena, 2 * sizeof digest + 1);
        sodium_bin2hex(hex, 2 * sizeof digest + 1, digest, sizeof digest);
        f->sha256 = hex;
        return true;
}

bool app_file_upload(struct app *a, const struct task *t, const struct doc *d, const char *kind,
                     const char *project, const struct upload_file *files, size_t n_files,
                     struct stored_file *stored, struct outcome *out)
{
        const char *why = files_locked(a->actor, t);
        if (why)
                return app_fail(out, APP_FORBIDDEN, NULL, why);
        struct stored_file f = {.task_id = t->id};
        if (!check_upload(a, d, kind, project, files, n_files, &f, out))
                return false;
        f.uploaded_by = app_actor_id(a);
        f.uploader = a->actor->name;
        f.uploaded_at = a->now;
        if (!begin_edit(a, t, out))
                return false;
        /* inside the transaction, so two uploads at once cannot both pass */
        struct stored_file *stored_files;
        size_t n;
        if (store_files(a->db, a->arena, t->id, &stored_files, &n) != STORE_OK)
                return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        if (n >= FILES_MAX_PER_TASK)
                return app_abort(a, out, APP_INVALID, "file",
                                  app_printf(a, "每个自评任务最多 %d 个附件，请先删除不需要的附件",
                                             FILES_MAX_PER_TASK));
        for (size_t i = 0; i < n; i++)
                if (same(stored_files[i].sha256, f.sha256) && same(stored_files[i].kind, f.kind) &&
                    (!f.project || same(stored_files[i].project, f.project)))
                        return app_abort(a, out, APP_CONFLICT, "file",
                                          app_printf(a,
                                                     "“%s” 与已上传的 “%s” 内容相同，无需重复上传",
                                                     f.name, stored_files[i].name));
        if (store_file_insert(a->db, &f, &out->id) != STORE_OK)
                return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        const char *what = describe(a, f.kind, f.project, f.name);
        const char *detail = app_printf(a, "%s，%lld 字节，%s，SHA-256 %s", what, (long long)f.size,
                                        f.media_type, f.sha256);
        if (!finish_edit(a, t, "upload", "task.upload", what, detail, out))
                return false;
        f.id = out->id;
        f.content = NULL;
        *stored = f;
        out->status = APP_CREATED;
        return true;
}

bool app_file_delete(struct app *a, const struct task *t, int64_t file_id, struct outcome *out)
{
        const char *why = files_locked(a->actor, t);
        if (why)
                return app_fail(out, APP_FORBIDDEN, NULL, why);
        struct stored_file *files;
        size_t n;
        if (store_files(a->db, a->arena, t->id, &files, &n) != STORE_OK)
                return app_fail(out, APP_UNAVAILABLE, NULL, app_busy);
        const struct stored_file *f = NULL;
        for (size_t i = 0; i < n && !f; i++)
                if (files[i].id == file_id)
                        f = &files[i];
        if (!f)
                return app_fail(out, APP_NOT_FOUND, NULL, "附件不存在或已被删除");
        if (!begin_edit(a, t, out))
                return false;
        enum store_rc rc = store_file_delete(a->db, t->id, file_id);
        if (rc != STORE_OK)
                return rc == STORE_NOT_FOUND
                           ? app_abort(a, out, APP_NOT_FOUND, NULL, "附件不存在或已被删除")
                           : app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        out->id = file_id;
        const char *what = describe(a, f->kind, f->project, f->name);
        const char *detail = app_printf(a, "%s，SHA-256 %s", what, f->sha256);
        if (!finish_edit(a, t, "delete_file", "task.delete_file", what, detail, out))
                return false;
        out->status = APP_OK;
        return true;
}
