/* Changing self-evaluation tasks (see ops.h): saving what a user typed in
 * the edit pages or sent to the API, under the optimistic version, and
 * moving a task along the review chain. Each write is one transaction
 * with its timeline event and audit entry. */
#include "files.h"
#include "ops.h"

#include "../base/jsonw.h"
#include "../sheet/sheet.h"

#include <string.h>

enum { MAX_COMMENT = 2000, MAX_LOGGED_CHANGES = 300 };

/* Members a user never sets by path: who, when, which scheme, and what
 * other pages manage. */
static const char *const fixed_prefixes[] = {"$.format",      "$.version", "$.unit",
                                             "$.fiscal_year", "$.scheme",  "$.attachments",
                                             "$.statements"};

/* Arrays whose rows a user adds, removes and moves. */
static const char *const row_arrays[] = {"indicators", "groups",    "items",     "projects",
                                         "funds",      "buildings", "by_income", "by_expenditure",
                                         "main_tasks", "other"};

static bool fixed(const char *path)
{
        for (size_t i = 0; i < sizeof fixed_prefixes / sizeof *fixed_prefixes; i++) {
                size_t n = strlen(fixed_prefixes[i]);
                if (strncmp(path, fixed_prefixes[i], n) == 0 && (path[n] == '\0' || path[n] == '.'))
                        return true;
        }
        return false;
}

bool task_change_open(struct req *r, struct task_change *tc)
{
        memset(tc, 0, sizeof(*tc));
        if (!task_view_open(r, TASK_DOCUMENT, &tc->tv))
                return false;
        tc->stored = tc->tv.task.document;
        if (!task_view_parse(r, &tc->tv)) {
                reply_error(r, 500, tc->tv.problem);
                task_view_free(&tc->tv);
                return false;
        }
        return true;
}

/* The array named by an op's path may have rows changed by users. */
static bool row_array(struct doc *d, const char *path, bool element)
{
        struct doc_loc loc;
        if (!doc_locate(d, path, &loc, NULL) || loc.field->type != FT_ARR ||
            loc.element != element || fixed(path))
                return false;
        for (size_t i = 0; i < sizeof row_arrays / sizeof *row_arrays; i++)
                if (strcmp(loc.field->key, row_arrays[i]) == 0)
                        return true;
        return false;
}

/* Attachments named by project follow the project: renamed with it,
 * dropped with it (to NULL). */
static void attachments_follow(struct doc *d, const char *from, const char *to)
{
        size_t k = 0;
        for (size_t i = 0; i < d->n_attachments; i++) {
                struct attachment *a = &d->attachments[i];
                if (a->project && strcmp(a->project, from) == 0) {
                        if (!to)
                                continue;
                        a->project = to;
                }
                d->attachments[k++] = *a;
        }
        d->n_attachments = k;
}

/* A new row's first content: a level gets one group (so indicators can be
 * added under it); a project gets the 自评表's levels and groups. */
static void new_row(struct doc *d, const char *path)
{
        struct doc_loc loc;
        if (!doc_locate(d, path, &loc, NULL))
                return;
        size_t n = field_count(loc.field, loc.base);
        if (strcmp(loc.field->key, "indicators") == 0) {
                struct ind_level *l = &(*(struct ind_level **)loc.ptr)[n - 1];
                l->n_groups = 1;
                l->groups = arena_alloc(d->arena, sizeof(*l->groups));
                *l->groups = (struct ind_group){NULL, DEC_NONE, DEC_NONE, NULL, 0};
        } else if (strcmp(loc.field->key, "projects") == 0) {
                struct score_table *to = &d->projects[n - 1].table;
                const struct score_table *from = &d->self.table;
                to->n_indicators = from->n_indicators;
                to->indicators =
                    arena_alloc(d->arena, (from->n_indicators + 1) * sizeof(*to->indicators));
                for (size_t i = 0; i < from->n_indicators; i++) {
                        const struct ind_level *fl = &from->indicators[i];
                        struct ind_level *l = &to->indicators[i];
                        *l = (struct ind_level){fl->name, DEC_NONE, DEC_NONE, NULL, fl->n_groups};
                        l->groups = arena_alloc(d->arena, (fl->n_groups + 1) * sizeof(*l->groups));
                        for (size_t j = 0; j < fl->n_groups; j++)
                                l->groups[j] = (struct ind_group){fl->groups[j].name, DEC_NONE,
                                                                  DEC_NONE, NULL, 0};
                }
                to->budget.weight = from->budget.weight;
        }
}

static void apply_row_op(struct req *r, struct task_change *tc)
{
        const char *op = req_param(r, "op");
        if (!op || !*op)
                return;
        static const char *const names[] = {"add:", "remove:", "up:", "down:"};
        size_t k = 0;
        while (k < 4 && strncmp(op, names[k], strlen(names[k])) != 0)
                k++;
        const char *path = k < 4 ? op + strlen(names[k]) : "";
        struct doc *d = tc->tv.doc;
        if (k == 4 || !row_array(d, path, k != 0)) {
                diags_add(&tc->input, "op", NULL,
                          "无法进行这一行操作（表中没有这一行或不能增删），请刷新页面");
                return;
        }
        struct doc_loc loc;
        if (k == 1 && doc_locate(d, path, &loc, NULL) && strcmp(loc.field->key, "projects") == 0 &&
            ((struct project *)loc.ptr)->name)
                attachments_follow(d, ((struct project *)loc.ptr)->name, NULL);
        if (k == 0 && doc_array_append(d, path, &tc->input))
                new_row(d, path);
        else if (k == 1)
                doc_array_remove(d, path, &tc->input);
        else
                doc_array_move(d, path, k == 2 ? -1 : +1, &tc->input);
}

/* After the typed values: projects whose name changed take their
 * attachments (in the document now, in the store when saved). */
static void follow_renames(struct req *r, struct task_change *tc, const char *const *before,
                           size_t n)
{
        struct doc *d = tc->tv.doc;
        tc->renamed = arena_alloc(r->arena, 2 * (n + 1) * sizeof(*tc->renamed));
        for (size_t i = 0; i < n && i < d->n_projects; i++) {
                const char *now = d->projects[i].name;
                if (!before[i] || !now || strcmp(before[i], now) == 0)
                        continue;
                attachments_follow(d, before[i], now);
                tc->renamed[tc->n_renamed++] = before[i];
                tc->renamed[tc->n_renamed++] = now;
        }
}

static void settle(struct task_change *tc);

void task_change_apply(struct req *r, struct task_change *tc, bool rows)
{
        struct doc *d = tc->tv.doc;
        const char **names = arena_alloc(r->arena, (d->n_projects + 1) * sizeof(*names));
        size_t n_names = d->n_projects;
        for (size_t i = 0; i < n_names; i++)
                names[i] = d->projects[i].name;
        for (size_t i = 0; i < r->n_form; i++) {
                const char *path = r->form[i].name;
                if (path[0] != '$')
                        continue; /* csrf, version, op … */
                if (fixed(path))
                        diags_add(&tc->input, path, NULL, "这一项不能在此修改");
                else
                        doc_assign(d, path, r->form[i].value, &tc->input);
        }
        follow_renames(r, tc, names, n_names);
        if (rows)
                apply_row_op(r, tc);
        settle(tc);
}

/* The document as it will be kept: checked to read back, the engine's
 * figures written in, evaluated. */
static void settle(struct task_change *tc)
{
        struct doc *d = tc->tv.doc;
        /* never keep a document that could not be read back */
        struct buf json = BUF_INIT;
        doc_write(d, &json);
        struct diags errs = DIAGS_INIT;
        struct doc *again = doc_parse(json.data, json.len, &errs);
        for (size_t i = 0; !again && i < errs.n; i++)
                diags_add(&tc->input, errs.items[i].path, errs.items[i].label, "%s",
                          errs.items[i].msg);
        doc_free(again);
        diags_free(&errs);
        buf_free(&json);
        struct evaluation *e = engine_evaluate_with(d, tc->tv.scheme, ENGINE_RECORD_CELLS);
        engine_adopt(d, e);
        engine_free(e);
        tc->tv.eval = engine_evaluate_with(d, tc->tv.scheme, ENGINE_RECORD_CELLS);
}

bool task_change_import(struct task_change *tc, const void *data, size_t len)
{
        struct evaluation *e = engine_evaluate(tc->tv.doc, tc->tv.scheme);
        enum sheet_import_status status;
        struct doc *d = sheet_import(tc->tv.doc, e, data, len, &tc->input, &status);
        engine_free(e);
        tc->via = "导入 Excel 表格";
        if (d) {
                doc_free(tc->tv.doc);
                tc->tv.doc = d;
        }
        settle(tc);
        return status != SHEET_IMPORT_UNUSABLE;
}

void task_change_free(struct task_change *tc)
{
        task_view_free(&tc->tv);
        diags_free(&tc->input);
}

/* A member whose value the engine computes (written back by engine_adopt). */
static bool computed_member(const char *path)
{
        const char *key = strrchr(path, '.');
        return key && strncmp(key, ".stated_", 8) == 0;
}

/* The changes a user made, as the timeline's JSON; *n becomes their
 * number. Figures the engine computes are left out. */
static const char *changes_json(struct req *r, const struct doc_change *c, size_t *n)
{
        struct buf b = BUF_INIT;
        struct jsonw w;
        jw_init(&w, &b, false);
        jw_arr_begin(&w);
        size_t kept = 0;
        for (size_t i = 0; i < *n; i++) {
                if (computed_member(c[i].path) || kept++ >= MAX_LOGGED_CHANGES)
                        continue;
                jw_obj_begin(&w);
                jw_key(&w, "path");
                jw_str(&w, c[i].path);
                jw_key(&w, "label");
                jw_str(&w, c[i].label);
                jw_key(&w, "before");
                jw_str(&w, c[i].before);
                jw_key(&w, "after");
                jw_str(&w, c[i].after);
                jw_obj_end(&w);
        }
        jw_arr_end(&w);
        const char *s = arena_strdup(r->arena, buf_str(&b));
        buf_free(&b);
        *n = kept;
        return s;
}

/* A document kept in the store, parsed, or NULL. */
static struct doc *stored_doc(const char *json)
{
        struct diags errs = DIAGS_INIT;
        struct doc *d = json ? doc_parse(json, strlen(json), &errs) : NULL;
        diags_free(&errs);
        return d;
}

/* After a 409: what the saves since base_version changed. */
static void explain_conflict(struct req *r, struct task_change *tc, int64_t base_version)
{
        const char *base = NULL;
        store_task_version(r->db, r->arena, tc->tv.task.id, base_version, &base);
        struct task now;
        if (store_task_get(r->db, r->arena, tc->tv.task.id, true, &now) != STORE_OK)
                return;
        tc->other_version = now.version;
        struct doc *a = stored_doc(base), *b = stored_doc(now.document);
        if (a && b)
                tc->n_other = doc_diff(a, b, r->arena, &tc->other);
        doc_free(a);
        doc_free(b);
}

static const char *user_label(struct req *r)
{
        const struct user *u = &r->session.user;
        return req_printf(r, "%s（%s）", u->name, role_label(u->role));
}

bool op_task_may_edit(struct req *r, const struct task *t, struct op *out)
{
        const struct user *u = &r->session.user;
        const char *why = NULL;
        if (wf_may_edit(u, t))
                return true;
        wf_may(u, t, WF_SUBMIT, &why);
        return op_fail(out, 403, NULL,
                       req_printf(r, "您现在不能修改该自评任务：%s",
                                  why ? why : "只有经办岗填报中或本单位审核中的任务可以修改"));
}

bool op_task_save(struct req *r, struct task_change *tc, const char *version, struct op *out)
{
        const struct user *u = &r->session.user;
        struct task *t = &tc->tv.task;
        if (!op_task_may_edit(r, t, out))
                return false;
        int64_t v;
        if (!op_version(version, &v, out))
                return false;
        if (tc->input.n)
                return op_fail(out, 400, tc->input.items[0].path,
                               req_printf(r, "有 %zu 处填写有误，请按提示改正后再保存（未保存）",
                                          diags_count(&tc->input)));
        if (v != t->version) {
                explain_conflict(r, tc, v);
                return op_fail(
                    out, 409, "version",
                    req_printf(
                        r,
                        "保存失败：该任务已被他人修改（您打开的是第 %lld 版，现在是第 %lld 版）。"
                        "您填写的内容保留在下方，尚未保存；请对照对方的修改后再保存。",
                        (long long)v, (long long)tc->other_version));
        }
        struct doc *before = stored_doc(tc->stored);
        struct doc_change *changes = NULL;
        size_t n = before ? doc_diff(before, tc->tv.doc, r->arena, &changes) : 0;
        doc_free(before);
        struct task next = *t;
        task_set_document(r, tc->tv.doc, tc->tv.scheme, &next);
        db_begin(r->db, DB_HERE);
        enum store_rc rc = store_task_update(r->db, t->id, v, &next, u->id, r->now);
        if (rc == STORE_CONFLICT) {
                db_rollback(r->db);
                explain_conflict(r, tc, v);
                return op_fail(out, 409, "version",
                               req_printf(r,
                                          "保存失败：该任务刚被他人修改（现在是第 %lld 版）。"
                                          "您填写的内容保留在下方，尚未保存。",
                                          (long long)tc->other_version));
        }
        if (rc != STORE_OK)
                return op_abort(r, out, 503, NULL, "数据库繁忙，请稍后重试");
        const char *logged = changes_json(r, changes, &n);
        struct task_event ev = {.at = r->now,
                                .user_id = u->id,
                                .action = "save",
                                .from_status = t->status,
                                .to_status = t->status,
                                .comment =
                                    req_printf(r, "%s修改 %zu 处", tc->via ? tc->via : "", n),
                                .changes = logged};
        if (store_task_event_add(r->db, t->id, &ev) != STORE_OK)
                return op_abort(r, out, 503, NULL, "数据库繁忙，请稍后重试");
        for (size_t i = 0; i + 1 < tc->n_renamed; i += 2)
                if (store_files_rename_project(r->db, t->id, tc->renamed[i], tc->renamed[i + 1]) !=
                    STORE_OK)
                        return op_abort(r, out, 503, NULL, "数据库繁忙，请稍后重试");
        req_audit(r, "task.save", req_printf(r, "%lld", (long long)t->id),
                  req_printf(r, "%s 修改 %zu 处，第 %lld 版", user_label(r), n, (long long)v + 1));
        out->id = v + 1;
        return op_commit(r, out, 200);
}

/* ---- the review chain --------------------------------------------------------------- */

/* Why t cannot go forward, or NULL: a supervising unit's own task waits
 * for its department first (DOMAIN.md), then blocking errors, then the
 * required files. */
static const char *blocked(struct req *r, const struct task_view *tv, enum wf_action a)
{
        const struct task *t = &tv->task;
        if (a == WF_SUBMIT && wf_status_parse(t->status) == WF_DRAFT &&
            unit_is_supervising(t->unit_code)) {
                int64_t open = 0;
                const char *first = NULL;
                char prefix[4];
                memcpy(prefix, t->unit_code, 3);
                prefix[3] = '\0';
                if (store_department_open(r->db, r->arena, prefix, t->year, &open, &first) !=
                    STORE_OK)
                        return "数据库繁忙，请稍后重试";
                if (open)
                        return req_printf(r,
                                          "本部门尚有 %lld 个二级机构的自评任务未完成审核（如%s），"
                                          "主管部门须待二级机构全部完成后才能送审本单位的自评",
                                          (long long)open, first);
        }
        const struct evaluation *e = tv->eval;
        if (!e)
                return tv->problem;
        if (e->n_errors) {
                const struct finding *f = &e->findings[0]; /* errors sort first */
                return req_printf(r, "还有 %zu 个错误须改正后才能%s，例如：%s：%s", e->n_errors,
                                  wf_action_label(a), f->label, f->message);
        }
        struct buf missing = BUF_INIT;
        if (files_missing(r, t, tv->doc, &missing)) {
                const char *why =
                    req_printf(r, "附件不全，不能%s。%s", wf_action_label(a), buf_str(&missing));
                buf_free(&missing);
                return why;
        }
        buf_free(&missing);
        return NULL;
}

bool op_task_transition(struct req *r, struct task_view *tv, enum wf_action a, const char *comment,
                        const char *version, struct op *out)
{
        const struct user *u = &r->session.user;
        struct task *t = &tv->task;
        const char *why;
        if (!wf_may(u, t, a, &why))
                return op_fail(out, 403, "action", why);
        int64_t v;
        if (!op_version(version, &v, out))
                return false;
        if (v != t->version)
                return op_fail(
                    out, 409, "version",
                    req_printf(r,
                               "该任务已被他人更新（您看到的是第 %lld 版，现在是第 %lld 版），"
                               "请刷新页面查看后再%s",
                               (long long)v, (long long)t->version, wf_action_label(a)));
        if (comment && strlen(comment) > MAX_COMMENT)
                return op_fail(out, 400, "comment", "意见过长：最多 2000 个字节");
        if (a == WF_RETURN && (!comment || !*comment))
                return op_fail(out, 400, "comment", "退回时须填写退回意见，说明需要改正的内容");
        if (a != WF_RETURN && (why = blocked(r, tv, a)))
                return op_fail(out, 422, NULL, why);
        enum wf_status to = wf_next(t, a);
        struct task next = *t;
        next.status = wf_status_name(to);
        db_begin(r->db, DB_HERE);
        enum store_rc rc = store_task_update(r->db, t->id, v, &next, u->id, r->now);
        if (rc == STORE_CONFLICT)
                return op_abort(r, out, 409, "version",
                                "该任务刚被他人更新，请刷新页面查看后再操作");
        if (rc != STORE_OK)
                return op_abort(r, out, 503, NULL, "数据库繁忙，请稍后重试");
        struct task_event ev = {.at = r->now,
                                .user_id = u->id,
                                .action = wf_action_name(a),
                                .from_status = t->status,
                                .to_status = next.status,
                                .comment = comment};
        if (store_task_event_add(r->db, t->id, &ev) != STORE_OK)
                return op_abort(r, out, 503, NULL, "数据库繁忙，请稍后重试");
        req_audit(r, req_printf(r, "task.%s", wf_action_name(a)),
                  req_printf(r, "%lld", (long long)t->id),
                  req_printf(r, "%s：%s → %s%s%s", user_label(r),
                             wf_status_label(wf_status_parse(t->status)), wf_status_label(to),
                             comment ? "；意见：" : "", comment ? comment : ""));
        out->id = v + 1;
        return op_commit(r, out, 200);
}
