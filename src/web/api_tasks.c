/* Task API: 绩效自评查询 (GET /api/tasks, the criteria of the query page),
 * the to-do list (GET /api/todo), one task with its evaluation, the
 * actions its caller may take and its timeline, its stored document, and
 * the changes: preview, save (under the task's version) and the review
 * actions. The operations are those of the pages (ops_task.c). */
#include "api.h"
#include "pages.h"
#include "query.h"

#include "../engine/engine_report.h"

#include <jansson.h>
#include <string.h>

static void task_list(const struct task *tasks, size_t n, struct jsonw *w)
{
        jw_key(w, "tasks");
        jw_arr_begin(w);
        for (size_t i = 0; i < n; i++)
                api_task(w, &tasks[i]);
        jw_arr_end(w);
}

void api_tasks(struct req *r)
{
        struct query_form f;
        struct results found;
        if (!query_tasks(r, &f, 0, &found))
                return;
        struct task *tasks = found.tasks;
        size_t n = found.n;
        int64_t total = found.total;
        struct jsonw w;
        api_begin(r, 200, &w);
        task_list(tasks, n, &w);
        jw_key(&w, "total");
        jw_int(&w, total);
        jw_key(&w, "page");
        jw_int(&w, f.page);
        jw_key(&w, "page_size");
        jw_int(&w, QUERY_PAGE_SIZE);
        jw_obj_end(&w);
}

void api_todo(struct req *r)
{
        struct task *tasks;
        size_t n;
        if (!todo_list(r, &tasks, &n)) {
                reply_error(r, 503, "读取待办事项失败，请稍后重试");
                return;
        }
        struct jsonw w;
        api_begin(r, 200, &w);
        task_list(tasks, n, &w);
        jw_obj_end(&w);
}

/* What the caller may do with t now. */
static void may(struct req *r, struct jsonw *w, const struct task *t)
{
        const struct user *u = &r->session.user;
        jw_key(w, "may_edit");
        jw_bool(w, wf_may_edit(u, t));
        jw_key(w, "actions");
        jw_arr_begin(w);
        const char *why;
        for (int a = 0; a < WF_N_ACTION; a++)
                if (wf_may(u, t, (enum wf_action)a, &why))
                        jw_str(w, wf_action_name((enum wf_action)a));
        jw_arr_end(w);
}

void api_task_get(struct req *r)
{
        struct task_view tv;
        if (!task_view_open_evaluated(r, &tv))
                return;
        struct jsonw w;
        api_begin(r, 200, &w);
        jw_key(&w, "task");
        api_task(&w, &tv.task);
        may(r, &w, &tv.task);
        jw_key(&w, "evaluation");
        engine_json(&w, tv.eval, true);
        jw_obj_end(&w);
        task_view_free(&tv);
}

void api_task_document(struct req *r)
{
        struct task_view tv;
        if (!task_view_open(r, TASK_DOCUMENT, &tv))
                return;
        if (!tv.task.document) {
                reply_error(r, 500, "自评文档无法读取，数据可能已损坏，请联系系统管理员");
                return;
        }
        reply_json(r, 200);
        buf_puts(&r->out, tv.task.document);
}

void api_task_events(struct req *r)
{
        struct task_view tv;
        if (!task_view_open(r, TASK_ROW, &tv))
                return;
        struct task_event *ev;
        size_t n;
        if (store_task_events(r->db, r->arena, tv.task.id, &ev, &n) != STORE_OK) {
                reply_error(r, 503, "读取办理记录失败，请稍后重试");
                return;
        }
        struct jsonw w;
        api_begin(r, 200, &w);
        jw_key(&w, "events");
        jw_arr_begin(&w);
        for (size_t i = 0; i < n; i++) {
                jw_obj_begin(&w);
                jw_key(&w, "at");
                jw_int(&w, ev[i].at);
                jw_key(&w, "user");
                jw_str(&w, ev[i].user);
                jw_key(&w, "action");
                jw_str(&w, ev[i].action);
                jw_key(&w, "from_status");
                jw_str(&w, ev[i].from_status);
                jw_key(&w, "to_status");
                jw_str(&w, ev[i].to_status);
                jw_key(&w, "comment");
                jw_str(&w, ev[i].comment);
                jw_key(&w, "changes");
                if (ev[i].changes)
                        jw_raw(&w, ev[i].changes); /* stored as JSON by ops_task.c */
                else
                        jw_null(&w);
                jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_obj_end(&w);
}

/* ---- changes -------------------------------------------------------------------------- */

/* A JSON body's document fields must be strings (decimals as "412.49"),
 * never JSON numbers that would pass through binary floating point. */
static bool fields_are_strings(struct req *r)
{
        const char *type = req_header(r, "Content-Type");
        if (!type || strncmp(type, "application/json", 16) != 0)
                return true;
        json_t *root = json_loadb(r->body, r->body_len, 0, NULL);
        const char *key;
        json_t *v;
        const char *bad = NULL;
        json_object_foreach(root, key, v)
        {
                if (key[0] == '$' && !json_is_string(v) && !bad)
                        bad = arena_strdup(r->arena, key);
        }
        json_decref(root);
        if (bad)
                reply_error(
                    r, 400,
                    req_printf(r, "%s：值须为字符串，金额和分数写成 \"412.49\" 这样的字符串", bad));
        return !bad;
}

static void refused(struct jsonw *w, const struct diags *input)
{
        jw_key(w, "refused");
        jw_arr_begin(w);
        for (size_t i = 0; i < input->n; i++) {
                jw_obj_begin(w);
                jw_key(w, "path");
                jw_str(w, input->items[i].path);
                jw_key(w, "label");
                jw_str(w, input->items[i].label);
                jw_key(w, "message");
                jw_str(w, input->items[i].msg);
                jw_obj_end(w);
        }
        jw_arr_end(w);
}

/* The computed cells and findings of an evaluation with cells. */
static void computed(struct jsonw *w, const struct evaluation *e)
{
        jw_key(w, "total");
        jw_dec_number(w, e->self.total, 2);
        jw_key(w, "grade");
        jw_str(w, e->self.grade);
        jw_key(w, "cells");
        jw_obj_begin(w);
        for (size_t i = 0; i < e->n_cells; i++) {
                const struct cell_value *c = &e->cells[i];
                bool later = false; /* a cell recorded twice: the last value counts */
                for (size_t k = i + 1; k < e->n_cells && !later; k++)
                        later = strcmp(e->cells[k].path, c->path) == 0;
                if (later)
                        continue;
                jw_key(w, c->path);
                if (c->text)
                        jw_str(w, c->text);
                else if (dec_is_set(c->value))
                        jw_dec_string(w, c->value);
                else
                        jw_null(w);
        }
        jw_obj_end(w);
        jw_key(w, "findings");
        jw_arr_begin(w);
        for (size_t i = 0; i < e->n_findings; i++)
                engine_json_finding(w, &e->findings[i]);
        jw_arr_end(w);
}

void api_task_preview(struct req *r)
{
        if (!fields_are_strings(r))
                return;
        struct task_change tc;
        if (!task_change_open(r, &tc))
                return;
        struct op out = {0};
        if (!op_task_may_edit(r, &tc.tv.task, &out)) { /* only the holder, as for saving */
                api_fail(r, &out);
                task_change_free(&tc);
                return;
        }
        task_change_apply(r, &tc, true);
        struct jsonw w;
        api_begin(r, 200, &w);
        refused(&w, &tc.input);
        computed(&w, tc.tv.eval);
        jw_obj_end(&w);
        task_change_free(&tc);
}

void api_task_save(struct req *r)
{
        if (!fields_are_strings(r))
                return;
        struct task_change tc;
        if (!task_change_open(r, &tc))
                return;
        task_change_apply(r, &tc, true);
        struct op out = {0};
        struct jsonw w;
        if (!op_task_save(r, &tc, req_field(r, "version"), &out)) {
                api_begin(r, out.status, &w);
                jw_key(&w, "error");
                jw_str(&w, out.error);
                refused(&w, &tc.input);
                if (out.status == 409) {
                        jw_key(&w, "version");
                        jw_int(&w, tc.other_version);
                        jw_key(&w, "changes");
                        jw_arr_begin(&w);
                        for (size_t i = 0; i < tc.n_other; i++) {
                                jw_obj_begin(&w);
                                jw_key(&w, "path");
                                jw_str(&w, tc.other[i].path);
                                jw_key(&w, "label");
                                jw_str(&w, tc.other[i].label);
                                jw_key(&w, "before");
                                jw_str(&w, tc.other[i].before);
                                jw_key(&w, "after");
                                jw_str(&w, tc.other[i].after);
                                jw_obj_end(&w);
                        }
                        jw_arr_end(&w);
                }
        } else {
                api_begin(r, 200, &w);
                jw_key(&w, "version");
                jw_int(&w, out.id);
                jw_key(&w, "errors");
                jw_int(&w, (int64_t)tc.tv.eval->n_errors);
                jw_key(&w, "warnings");
                jw_int(&w, (int64_t)tc.tv.eval->n_warnings);
                computed(&w, tc.tv.eval);
        }
        jw_obj_end(&w);
        task_change_free(&tc);
}

void api_task_transition(struct req *r)
{
        struct task_view tv;
        if (!task_view_open(r, TASK_EVALUATED, &tv))
                return;
        int a = wf_action_parse(req_field(r, "action"));
        struct op out = {0};
        if (a < 0)
                op_fail(&out, 400, "action",
                        "action 应为 submit（送审）、approve（审核通过）或 return（退回）");
        else if (op_task_transition(r, &tv, (enum wf_action)a, req_field(r, "comment"),
                                    req_field(r, "version"), &out)) {
                struct jsonw w;
                api_begin(r, 200, &w);
                jw_key(&w, "status");
                jw_str(&w, wf_status_name(wf_next(&tv.task, (enum wf_action)a)));
                jw_key(&w, "version");
                jw_int(&w, out.id);
                jw_obj_end(&w);
                task_view_free(&tv);
                return;
        }
        api_fail(r, &out);
        task_view_free(&tv);
}
