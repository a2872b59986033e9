/* The save pipeline of a task's document (see task_change.h): open, apply
 * a change set on a copy, check it in memory, score it once, and store it
 * under the version the user started from. */
#include "task_change.h"

#include "../base/jsonw.h"
#include "../doc/doc_io.h"
#include "../sheet/sheet.h"

#include <string.h>

enum { MAX_LOGGED_CHANGES = 300 };

bool task_change_open(struct app *a, int64_t id, struct task_change *tc, struct outcome *out)
{
        memset(tc, 0, sizeof(*tc));
        if (!task_open(a, id, TASK_ROW, &tc->tv, out))
                return false;
        /* the document as stored: the one loaded for readers when there is
         * one, else parsed here (not evaluated: the change is scored) */
        struct loaded *l = task_load(a, &tc->tv.task, LOAD_NO_EVAL, out);
        if (!l)
                return false;
        tc->tv.loaded = l;
        tc->tv.doc = tc->base = l->doc;
        tc->tv.scheme = l->scheme;
        tc->tv.eval = l->eval;
        return true;
}

/* The document as it will be kept: checked by the parser's rules, the
 * engine's figures written in, scored. */
static void settle(struct task_change *tc)
{
        doc_check(tc->doc, &tc->input);
        tc->eval = engine_settle(tc->doc, tc->tv.scheme);
}

/* Projects whose name the change set renamed take their attachments (in
 * the document now, in the store when saved). */
static void follow_renames(struct app *a, struct task_change *tc)
{
        const struct doc *b = tc->base;
        struct doc *d = tc->doc;
        tc->renamed = arena_alloc(a->arena, 2 * (b->n_projects + 1) * sizeof(*tc->renamed));
        for (size_t i = 0; i < b->n_projects && i < d->n_projects; i++) {
                const char *was = b->projects[i].name, *now = d->projects[i].name;
                if (!was || !now || strcmp(was, now) == 0)
                        continue;
                doc_attachments_follow(d, was, now);
                tc->renamed[tc->n_renamed++] = arena_strdup(a->arena, was);
                tc->renamed[tc->n_renamed++] = arena_strdup(a->arena, now);
        }
}

void task_change_apply(struct app *a, struct task_change *tc, const struct change_set *cs)
{
        tc->doc = doc_clone(tc->base);
        tc->cs = cs;
        tc->via = cs->via;
        for (size_t i = 0; i < cs->n_values; i++)
                doc_assign(tc->doc, cs->values[i].path, cs->values[i].text, &tc->input);
        follow_renames(a, tc);
        if (cs->row_op && *cs->row_op)
                doc_row_op(tc->doc, cs->row_op, &tc->input);
        settle(tc);
}

struct doc *task_import_workbook(const struct doc *base, const struct scheme *s, const void *data,
                                 size_t len, struct diags *errs, bool *unusable,
                                 struct evaluation **eval)
{
        struct evaluation *e = engine_evaluate(base, s);
        enum sheet_import_status status;
        struct doc *d = sheet_import(base, e, data, len, errs, &status);
        engine_free(e);
        *unusable = status == SHEET_IMPORT_UNUSABLE;
        *eval = d ? engine_settle(d, s) : NULL;
        return d;
}

bool task_change_import(struct app *a, struct task_change *tc, const void *data, size_t len,
                        struct outcome *out)
{
        (void)a;
        bool unusable;
        tc->via = "导入 Excel 表格";
        tc->doc = task_import_workbook(tc->base, tc->tv.scheme, data, len, &tc->input, &unusable,
                                       &tc->eval);
        if (!tc->doc) { /* refused: the page shows why; nothing is saved */
                tc->doc = doc_clone(tc->base);
                settle(tc);
        }
        if (unusable)
                return app_fail(out, APP_INVALID, "file",
                                tc->input.n ? tc->input.items[0].msg : "无法读取");
        return true;
}

void task_change_free(struct task_change *tc)
{
        engine_free(tc->eval);
        doc_free(tc->doc);
        doc_free(tc->rebased_from);
        loaded_release(tc->saved);
        task_view_free(&tc->tv);
        diags_free(&tc->input);
        tc->eval = NULL;
        tc->doc = NULL;
        tc->rebased_from = NULL;
        tc->saved = NULL;
}

/* The changes a user made, as the timeline's JSON; *n becomes their
 * number. Figures the engine computes are left out. */
static const char *changes_json(struct app *a, const struct doc_change *c, size_t *n)
{
        struct buf b = BUF_INIT;
        struct jsonw w;
        jw_init(&w, &b, false);
        jw_arr_begin(&w);
        size_t kept = 0;
        for (size_t i = 0; i < *n; i++) {
                if (doc_path_is_stated(c[i].path) || kept++ >= MAX_LOGGED_CHANGES)
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
        const char *s = arena_strdup(a->arena, buf_str(&b));
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

/* True when path is the member at prefix or lies inside it. */
static bool within(const char *path, const char *prefix)
{
        size_t n = strlen(prefix);
        return strncmp(path, prefix, n) == 0 &&
               (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

static const struct doc_change *change_at(const struct doc_change *c, size_t n, const char *path)
{
        for (size_t i = 0; i < n; i++)
                if (strcmp(c[i].path, path) == 0)
                        return &c[i];
        return NULL;
}

/* What saving again makes of each member the other saves or the user
 * changed (figures the engine computes left out). */
static void merge_rows(struct app *a, struct task_change *tc, const struct doc_change *mine,
                       size_t n_mine)
{
        tc->merged = arena_alloc(a->arena, (tc->n_other + n_mine + 1) * sizeof(*tc->merged));
        for (size_t i = 0; i < tc->n_other; i++) {
                const struct doc_change *c = &tc->other[i];
                if (doc_path_is_stated(c->path))
                        continue;
                const struct doc_change *m = change_at(mine, n_mine, c->path);
                tc->merged[tc->n_merged++] =
                    (struct merged_change){c->label, c->before, c->after, m ? m->after : NULL};
        }
        for (size_t i = 0; i < n_mine; i++)
                if (!change_at(tc->other, tc->n_other, mine[i].path))
                        tc->merged[tc->n_merged++] = (struct merged_change){
                            mine[i].label, mine[i].before, NULL, mine[i].after};
}

/* Carry the user's change set over onto the other's document is (taken):
 * of the typed values, only those that changed something in the version
 * the user opened (was; when no longer kept, those that change is) are
 * applied, so that saving again overwrites nothing the user left alone.
 * The row operation is not carried: its row may have moved. */
static void rebase(struct app *a, struct task_change *tc, const struct doc *was, struct doc *is)
{
        const struct change_set *cs = tc->cs;
        const struct doc *from = was ? was : is;
        struct doc *m = doc_clone(from);
        struct diags scratch = DIAGS_INIT;
        for (size_t i = 0; i < cs->n_values; i++)
                doc_assign(m, cs->values[i].path, cs->values[i].text, &scratch);
        struct doc_change *mine = NULL;
        size_t n_mine = doc_diff(from, m, a->arena, &mine);
        doc_free(m);
        diags_free(&scratch);

        engine_free(tc->eval);
        doc_free(tc->doc);
        diags_free(&tc->input);
        tc->input = (struct diags)DIAGS_INIT;
        tc->base = tc->rebased_from = is;
        tc->doc = doc_clone(is);
        tc->kept = arena_alloc(a->arena, (cs->n_values + 1) * sizeof(*tc->kept));
        tc->n_kept = 0;
        for (size_t i = 0; i < cs->n_values; i++) {
                bool changed = false;
                for (size_t k = 0; k < n_mine && !changed; k++)
                        changed = within(mine[k].path, cs->values[i].path);
                if (!changed)
                        continue;
                doc_assign(tc->doc, cs->values[i].path, cs->values[i].text, &tc->input);
                tc->kept[tc->n_kept++] = cs->values[i].path;
        }
        tc->n_renamed = 0;
        follow_renames(a, tc);
        settle(tc);
        merge_rows(a, tc, mine, n_mine);
}

/* After a conflict: what the saves since base_version changed, the
 * version they made, and the change set carried over onto it. */
static void explain_conflict(struct app *a, struct task_change *tc, int64_t base_version)
{
        const char *base = NULL;
        store_task_version(a->db, a->arena, tc->tv.task.id, base_version, &base);
        struct task now;
        if (store_task_get(a->db, a->arena, tc->tv.task.id, true, &now) != STORE_OK)
                return;
        tc->other_version = now.version;
        struct doc *was = stored_doc(base), *is = stored_doc(now.document);
        if (was && is)
                tc->n_other = doc_diff(was, is, a->arena, &tc->other);
        if (is && tc->cs) {
                tc->tv.task = now;
                rebase(a, tc, was, is);
                is = NULL;
        }
        doc_free(was);
        doc_free(is);
}

/* Refused because the task moved on from version v: what changed, and
 * the change carried over when it can be. */
static bool conflict(struct app *a, struct task_change *tc, int64_t v, struct outcome *out)
{
        explain_conflict(a, tc, v);
        const char *then =
            tc->rebased_from
                ? app_printf(a, "您改动的 %zu 处已保留并放到第 %lld 版上（见下表），尚未保存；"
                                "核对后再次保存即可。",
                             tc->n_kept, (long long)tc->other_version)
                : "请打开最新的版本后重新操作。";
        return app_fail(out, APP_CONFLICT, "version",
                        app_printf(a, "未保存：您打开的是第 %lld 版，其间他人已保存到第 %lld 版。%s",
                                   (long long)v, (long long)tc->other_version, then));
}

static const char *actor_label(struct app *a)
{
        const struct user *u = a->actor;
        return app_printf(a, "%s（%s）", u->name, role_label(u->role));
}

bool task_may_edit(struct app *a, const struct task *t, struct outcome *out)
{
        const struct user *u = a->actor;
        const char *why = NULL;
        if (u && wf_may_edit(u, t))
                return true;
        if (u)
                wf_may(u, t, WF_SUBMIT, &why);
        return app_fail(out, APP_FORBIDDEN, NULL,
                        app_printf(a, "您现在不能修改该自评任务：%s",
                                   why ? why : "只有经办岗填报中或本单位审核中的任务可以修改"));
}

bool task_change_save(struct app *a, struct task_change *tc, const char *version,
                      struct outcome *out)
{
        const struct user *u = a->actor;
        struct task *t = &tc->tv.task;
        if (!task_may_edit(a, t, out))
                return false;
        int64_t v;
        if (!app_version(version, &v, out))
                return false;
        if (tc->input.n)
                return app_fail(out, APP_INVALID, tc->input.items[0].path,
                                app_printf(a, "有 %zu 处填写有误，请按提示改正后再保存（未保存）",
                                           diags_count(&tc->input)));
        if (v != t->version)
                return conflict(a, tc, v, out);
        struct doc_change *changes = NULL;
        size_t n = doc_diff(tc->base, tc->doc, a->arena, &changes);
        struct task next = *t;
        task_set_document(a, tc->doc, tc->eval, &next);
        next.entered = true; /* no longer 未填报 */
        db_begin(a->db, DB_HERE);
        enum store_rc rc = store_task_update(a->db, t->id, v, &next, u->id, a->now);
        if (rc == STORE_CONFLICT) {
                db_rollback(a->db);
                return conflict(a, tc, v, out);
        }
        if (rc != STORE_OK)
                return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        const char *logged = changes_json(a, changes, &n);
        struct task_event ev = {.at = a->now,
                                .user_id = u->id,
                                .action = "save",
                                .from_status = t->status,
                                .to_status = t->status,
                                .comment =
                                    app_printf(a, "%s修改 %zu 处", tc->via ? tc->via : "", n),
                                .changes = logged};
        if (store_task_event_add(a->db, t->id, &ev) != STORE_OK)
                return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        for (size_t i = 0; i + 1 < tc->n_renamed; i += 2)
                if (store_files_rename_project(a->db, t->id, tc->renamed[i], tc->renamed[i + 1]) !=
                    STORE_OK)
                        return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        app_audit(a, "task.save", app_printf(a, "%lld", (long long)t->id),
                  app_printf(a, "%s 修改 %zu 处，第 %lld 版", actor_label(a), n, (long long)v + 1));
        out->id = v + 1;
        if (!app_commit(a, out, APP_OK))
                return false;
        /* the stored document stays loaded for whoever reads it next */
        tc->saved = loaded_adopt(tc->doc, tc->tv.scheme, tc->eval, NULL, 0, NULL);
        tc->doc = NULL;
        tc->eval = NULL;
        loaded_remember(tc->saved, t->id, out->id);
        return true;
}
