/* Attachments of a task: the required files, the edit right, and the
 * upload and delete operations (see files.h). Each write is one
 * transaction holding the file row, the timeline event and the audit
 * entry, so nothing is ever half-written. */
#include "files.h"
#include "filetype.h"

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

size_t files_needed(struct req *r, const struct doc *d, const struct stored_file *files, size_t n,
                    struct file_need **out)
{
        size_t cap = 1 + (d ? d->n_projects : 0), k = 0;
        struct file_need *need = arena_alloc(r->arena, cap * sizeof(*need));
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

bool files_missing(struct req *r, const struct task *t, const struct doc *d, struct buf *why)
{
        struct stored_file *files;
        size_t n;
        if (store_files(r->db, r->arena, t->id, &files, &n) != STORE_OK) {
                buf_puts(why, "附件读取失败，无法确认必传附件是否齐全，请稍后重试。");
                return true;
        }
        struct file_need *need;
        size_t k = files_needed(r, d, files, n, &need), missing = 0;
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
        if (wf_may_edit(u, t))
                return NULL;
        enum wf_status s = wf_status_parse(t->status);
        return s == WF_UNKNOWN ? "该自评任务的状态无法识别，请联系系统管理员" : locked[s];
}

/* ---- writing ---------------------------------------------------------------------- */

/* What the timeline and the audit log say about a file. */
static const char *describe(struct req *r, const char *kind, const char *project, const char *name)
{
        return project ? req_printf(r, "%s（项目“%s”）：%s", files_kind_label(kind), project, name)
                       : req_printf(r, "%s：%s", files_kind_label(kind), name);
}

static bool abort_with(struct req *r, struct op *out, int status, const char *field,
                       const char *error)
{
        db_rollback(r->db);
        return op_fail(out, status, field, error);
}

/* Begin the write transaction and re-check, inside it, that the task
 * still exists and the user may still edit it (it may have been
 * submitted since it was read). False after setting out and rolling
 * back. */
static bool begin_edit(struct req *r, const struct task *t, struct op *out)
{
        if (db_begin(r->db, DB_HERE) != DB_OK)
                return op_fail(out, 503, NULL, "数据库繁忙，请稍后重试");
        struct task now;
        enum store_rc rc = store_task_get(r->db, r->arena, t->id, false, &now);
        const char *why = rc == STORE_OK ? files_locked(&r->session.user, &now) : NULL;
        if (rc == STORE_OK && !why)
                return true;
        db_rollback(r->db);
        if (rc == STORE_NOT_FOUND)
                return op_fail(out, 404, NULL, "自评任务不存在或无权查看");
        if (rc != STORE_OK)
                return op_fail(out, 503, NULL, "数据库繁忙，请稍后重试");
        return op_fail(out, 403, NULL, why);
}

/* Record the event and the audit entry and commit; false after rolling back. */
static bool finish_edit(struct req *r, const struct task *t, const char *action,
                        const char *audit_action, const char *comment, const char *detail,
                        struct op *out)
{
        struct task_event e = {
            .at = r->now, .user_id = r->session.user.id, .action = action, .comment = comment};
        const char *target =
            req_printf(r, "tasks/%lld/files/%lld", (long long)t->id, (long long)out->id);
        if (store_task_event_add(r->db, t->id, &e) != STORE_OK ||
            req_audit(r, audit_action, target, detail) != STORE_OK)
                return abort_with(r, out, 503, NULL, "数据库繁忙，请稍后重试");
        if (db_commit(r->db) != DB_OK)
                return op_fail(out, 503, NULL, "数据库繁忙，请稍后重试");
        return true;
}

/* The single chosen file of field "file", or NULL with *why. */
static const struct upload *chosen_file(const struct req *r, const char **why)
{
        const struct upload *up = NULL;
        size_t n = 0;
        for (size_t i = 0; i < r->n_uploads; i++)
                if (strcmp(r->uploads[i].field, "file") == 0 && r->uploads[i].filename[0]) {
                        up = up ? up : &r->uploads[i];
                        n++;
                }
        *why = n == 0  ? "请选择要上传的文件（表单字段 file）"
               : n > 1 ? "每次只能上传一个文件"
                       : NULL;
        return n == 1 ? up : NULL;
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
static bool check_upload(struct req *r, const struct doc *d, const char *kind, const char *project,
                         struct stored_file *f, struct op *out)
{
        if (!files_kind_label(kind))
                return op_fail(out, 400, "kind",
                               "请选择附件类别：自评报告（self_report）、项目自评报告"
                               "（project_report）或其他材料（other）");
        f->kind = kind;
        f->project = NULL;
        if (strcmp(kind, "project_report") == 0) {
                if (!d || !d->n_projects)
                        return op_fail(out, 400, "project",
                                       "本任务的项目支出表中没有项目，无需上传项目自评报告");
                if (!project)
                        return op_fail(out, 400, "project", "上传项目自评报告时须选择所属项目");
                if (!has_project(d, project))
                        return op_fail(
                            out, 400, "project",
                            req_printf(r, "项目“%s”不在本任务的项目支出表中，请从列表中选择",
                                       project));
                f->project = project;
        }
        const char *why;
        const struct upload *up = chosen_file(r, &why);
        if (!up)
                return op_fail(out, 400, "file", why);
        f->name = filetype_clean_name(r->arena, up->filename, &why);
        if (!f->name)
                return op_fail(out, 400, "file", why);
        if (up->len > FILES_MAX_BYTES)
                return op_fail(out, 413, "file",
                               req_printf(r,
                                          "“%s” 有 %.1f MB，超过了单个文件 %d MB 的上限，"
                                          "请压缩或拆分后重新上传",
                                          f->name, (double)up->len / (1 << 20),
                                          FILES_MAX_BYTES >> 20));
        const struct filetype *type = filetype_detect(r->arena, f->name, up->data, up->len, &why);
        if (!type)
                return op_fail(out, 400, "file", why);
        f->media_type = type->media_type;
        f->size = (int64_t)up->len;
        f->content = up->data;
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(digest, (const unsigned char *)up->data, up->len);
        char *hex = arena_alloc(r->arena, 2 * sizeof digest + 1);
        sodium_bin2hex(hex, 2 * sizeof digest + 1, digest, sizeof digest);
        f->sha256 = hex;
        return true;
}

bool op_file_upload(struct req *r, const struct task *t, const struct doc *d, const char *kind,
                    const char *project, struct stored_file *stored, struct op *out)
{
        const char *why = files_locked(&r->session.user, t);
        if (why)
                return op_fail(out, 403, NULL, why);
        struct stored_file f = {.task_id = t->id};
        if (!check_upload(r, d, kind, project, &f, out))
                return false;
        f.uploaded_by = r->session.user.id;
        f.uploader = r->session.user.name;
        f.uploaded_at = r->now;
        if (!begin_edit(r, t, out))
                return false;
        /* inside the transaction, so two uploads at once cannot both pass */
        struct stored_file *files;
        size_t n;
        if (store_files(r->db, r->arena, t->id, &files, &n) != STORE_OK)
                return abort_with(r, out, 503, NULL, "数据库繁忙，请稍后重试");
        if (n >= FILES_MAX_PER_TASK)
                return abort_with(r, out, 400, "file",
                                  req_printf(r, "每个自评任务最多 %d 个附件，请先删除不需要的附件",
                                             FILES_MAX_PER_TASK));
        for (size_t i = 0; i < n; i++)
                if (same(files[i].sha256, f.sha256) && same(files[i].kind, f.kind) &&
                    (!f.project || same(files[i].project, f.project)))
                        return abort_with(r, out, 409, "file",
                                          req_printf(r,
                                                     "“%s” 与已上传的 “%s” 内容相同，无需重复上传",
                                                     f.name, files[i].name));
        if (store_file_insert(r->db, &f, &out->id) != STORE_OK)
                return abort_with(r, out, 503, NULL, "数据库繁忙，请稍后重试");
        const char *what = describe(r, f.kind, f.project, f.name);
        const char *detail = req_printf(r, "%s，%lld 字节，%s，SHA-256 %s", what, (long long)f.size,
                                        f.media_type, f.sha256);
        if (!finish_edit(r, t, "upload", "task.upload", what, detail, out))
                return false;
        f.id = out->id;
        f.content = NULL;
        *stored = f;
        out->status = 201;
        return true;
}

bool op_file_delete(struct req *r, const struct task *t, int64_t file_id, struct op *out)
{
        const char *why = files_locked(&r->session.user, t);
        if (why)
                return op_fail(out, 403, NULL, why);
        struct stored_file *files;
        size_t n;
        if (store_files(r->db, r->arena, t->id, &files, &n) != STORE_OK)
                return op_fail(out, 503, NULL, "数据库繁忙，请稍后重试");
        const struct stored_file *f = NULL;
        for (size_t i = 0; i < n && !f; i++)
                if (files[i].id == file_id)
                        f = &files[i];
        if (!f)
                return op_fail(out, 404, NULL, "附件不存在或已被删除");
        if (!begin_edit(r, t, out))
                return false;
        enum store_rc rc = store_file_delete(r->db, t->id, file_id);
        if (rc != STORE_OK)
                return rc == STORE_NOT_FOUND
                           ? abort_with(r, out, 404, NULL, "附件不存在或已被删除")
                           : abort_with(r, out, 503, NULL, "数据库繁忙，请稍后重试");
        out->id = file_id;
        const char *what = describe(r, f->kind, f->project, f->name);
        const char *detail = req_printf(r, "%s，SHA-256 %s", what, f->sha256);
        if (!finish_edit(r, t, "delete_file", "task.delete_file", what, detail, out))
                return false;
        out->status = 200;
        return true;
}
