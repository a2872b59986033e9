/* The review chain of a task (see task_change.h): 送审, 审核通过 and 退回,
 * each only for the post that holds the task, under the version the
 * actor saw, and forward only when nothing blocks it. */
#include "files.h"
#include "task_change.h"

#include <string.h>

enum { MAX_COMMENT = 2000 };

static const char *actor_label(struct app *a)
{
        const struct user *u = a->actor;
        return app_printf(a, "%s（%s）", u->name, role_label(u->role));
}

/* Why t cannot go forward, or NULL: a supervising unit's own task waits
 * for its department first (DOMAIN.md), then blocking errors, then the
 * required files. */
static const char *blocked(struct app *a, const struct task_view *tv, enum wf_action act)
{
        const struct task *t = &tv->task;
        if (act == WF_SUBMIT && wf_status_parse(t->status) == WF_DRAFT &&
            unit_is_supervising(t->unit_code)) {
                int64_t open = 0;
                const char *first = NULL;
                char prefix[4];
                memcpy(prefix, t->unit_code, 3);
                prefix[3] = '\0';
                if (store_department_open(a->db, a->arena, prefix, t->year, &open, &first) !=
                    STORE_OK)
                        return app_busy;
                if (open)
                        return app_printf(a,
                                          "本部门尚有 %lld 个二级机构的自评任务未完成审核（如%s），"
                                          "主管部门须待二级机构全部完成后才能送审本单位的自评",
                                          (long long)open, first);
        }
        const struct evaluation *e = tv->eval;
        if (e->n_errors) {
                const struct finding *f = &e->findings[0]; /* errors sort first */
                return app_printf(a, "还有 %zu 个错误须改正后才能%s，例如：%s：%s", e->n_errors,
                                  wf_action_label(act), f->label, f->message);
        }
        struct buf missing = BUF_INIT;
        if (files_missing(a, t, tv->doc, &missing)) {
                const char *why =
                    app_printf(a, "附件不全，不能%s。%s", wf_action_label(act), buf_str(&missing));
                buf_free(&missing);
                return why;
        }
        buf_free(&missing);
        return NULL;
}

bool task_transition_batch(struct app *a, struct batch_item *items, size_t n, enum wf_action act,
                           const char *comment, struct outcome *out)
{
        if (!n)
                return app_fail(out, APP_INVALID, "task", "请先勾选要处理的自评任务");
        if (act == WF_RETURN && (!comment || !*comment))
                return app_fail(out, APP_INVALID, "comment",
                                "批量退回时须填写退回意见，说明需要改正的内容（未处理任何任务）");
        size_t done = 0;
        for (size_t i = 0; i < n; i++) {
                struct batch_item *it = &items[i];
                struct task_view tv;
                it->out = (struct outcome){0};
                if (task_open(a, it->id, TASK_EVALUATED, &tv, &it->out)) {
                        it->unit = app_printf(a, "%s %s", tv.task.unit_code, tv.task.unit_name);
                        done += task_transition(a, &tv, act, comment, it->version, &it->out);
                }
                task_view_free(&tv);
        }
        out->count = done;
        if (done < n)
                return app_fail(out, APP_BLOCKED, NULL,
                                app_printf(a, "已%s %zu 个任务，%zu 个未能处理（原因见下表）",
                                           wf_action_label(act), done, n - done));
        out->status = APP_OK;
        return true;
}

bool task_transition(struct app *a, struct task_view *tv, enum wf_action act, const char *comment,
                     const char *version, struct outcome *out)
{
        const struct user *u = a->actor;
        struct task *t = &tv->task;
        const char *why = "请先登录";
        if (!u || !wf_may(u, t, act, &why))
                return app_fail(out, APP_FORBIDDEN, "action", why);
        int64_t v;
        if (!app_version(version, &v, out))
                return false;
        if (v != t->version)
                return app_fail(
                    out, APP_CONFLICT, "version",
                    app_printf(a,
                               "该任务已被他人更新（您看到的是第 %lld 版，现在是第 %lld 版），"
                               "请刷新页面查看后再%s",
                               (long long)v, (long long)t->version, wf_action_label(act)));
        if (comment && strlen(comment) > MAX_COMMENT)
                return app_fail(out, APP_INVALID, "comment", "意见过长：最多 2000 个字节");
        if (act == WF_RETURN && (!comment || !*comment))
                return app_fail(out, APP_INVALID, "comment", "退回时须填写退回意见，说明需要改正的内容");
        if (act != WF_RETURN && (why = blocked(a, tv, act)))
                return app_fail(out, APP_BLOCKED, NULL, why);
        if (!t->document && /* the status changes, the document stays */
            store_task_version(a->db, a->arena, t->id, t->version, &t->document) != STORE_OK)
                return app_fail(out, APP_UNAVAILABLE, NULL, app_busy);
        enum wf_status to = wf_next(t, act);
        struct task next = *t;
        next.status = wf_status_name(to);
        next.returned = act == WF_RETURN; /* 已退回 until it is sent up again */
        db_begin(a->db, DB_HERE);
        enum store_rc rc = store_task_update(a->db, t->id, v, &next, u->id, a->now);
        if (rc == STORE_CONFLICT)
                return app_abort(a, out, APP_CONFLICT, "version",
                                "该任务刚被他人更新，请刷新页面查看后再操作");
        if (rc != STORE_OK)
                return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        struct task_event ev = {.at = a->now,
                                .user_id = u->id,
                                .action = wf_action_name(act),
                                .from_status = t->status,
                                .to_status = next.status,
                                .comment = comment};
        if (store_task_event_add(a->db, t->id, &ev) != STORE_OK)
                return app_abort(a, out, APP_UNAVAILABLE, NULL, app_busy);
        app_audit(a, app_printf(a, "task.%s", wf_action_name(act)),
                  app_printf(a, "%lld", (long long)t->id),
                  app_printf(a, "%s：%s → %s%s%s", actor_label(a),
                             wf_status_label(wf_status_parse(t->status)), wf_status_label(to),
                             comment ? "；意见：" : "", comment ? comment : ""));
        out->id = v + 1;
        return app_commit(a, out, APP_OK);
}
