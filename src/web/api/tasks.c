/* Task API: 绩效自评查询 (GET /api/tasks, the criteria of the query page),
 * the to-do list (GET /api/todo), one task with its evaluation, the
 * actions its caller may take and its timeline, its stored document, and
 * the changes: preview, save (under the task's version) and the review
 * actions. The operations are those of the pages (src/app). */
#include "../web.h"
#include "../../app/lists.h"
#include "json.h"
#include "../handlers.h"
#include "../../app/query.h"

#include "../../engine/engine_report.h"
#include "../../tables/tables.h"
#include "../html/grid_html.h"

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
        struct query_input in;
        struct query_form f;
        struct results found;
        struct outcome out = {0};
        web_query_input(r, &in);
        if (!query_tasks(&r->app, &in, 0, &f, &found, &out)) {
                api_fail(r, &out);
                return;
        }
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
        if (!todo_list(&r->app, &tasks, &n)) {
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
        const struct user *u = r->app.actor;
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
        if (!web_task_open(r, TASK_EVALUATED, &tv))
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
        if (!web_task_open(r, TASK_DOCUMENT, &tv))
                return;
        reply_json(r, 200);
        buf_puts(&r->out, tv.task.document);
}

void api_task_events(struct req *r)
{
        struct outcome rd = {0};
        struct task_view tv;
        if (!web_task_open(r, TASK_ROW, &tv))
                return;
        struct task_event *ev;
        size_t n;
        if (!app_task_events(&r->app, &tv.task, &ev, &n, &rd)) {
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
                        jw_raw(&w, ev[i].changes); /* stored as JSON by the save */
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

/* Every grid of the task's form: the tables of every part. */
static size_t form_grids(struct req *r, const struct doc *d, const struct evaluation *e,
                         struct grid ***out)
{
        struct grid **perf;
        size_t n_perf = table_perf(r->arena, d, e, TABLE_FORM, &perf);
        struct grid **g = arena_alloc(r->arena, (2 + d->n_projects + n_perf) * sizeof(*g));
        size_t n = 0;
        g[n++] = table_basic(r->arena, d, e, TABLE_FORM);
        g[n++] = table_self_eval(r->arena, d, e, TABLE_FORM);
        for (size_t i = 0; i < d->n_projects; i++)
                g[n++] = table_project(r->arena, d, e, i, TABLE_FORM);
        for (size_t i = 0; i < n_perf; i++)
                g[n++] = perf[i];
        *out = g;
        return n;
}

/* What the edit pages show of an evaluation, for their live cells: every
 * computed cell of the form by its key (data-cell) as shown, with the
 * stated figure when it differs; the findings with the row they are
 * noted under (data-notes); the totals. */
static void computed(struct req *r, struct jsonw *w, const struct doc *d,
                     const struct evaluation *e)
{
        struct grid **grids;
        size_t n = form_grids(r, d, e, &grids);
        jw_key(w, "total");
        jw_dec_number(w, e->self.total, 2);
        jw_key(w, "grade");
        jw_str(w, e->self.grade);
        jw_key(w, "errors");
        jw_int(w, (int64_t)e->n_errors);
        jw_key(w, "warnings");
        jw_int(w, (int64_t)e->n_warnings);
        jw_key(w, "cells");
        jw_obj_begin(w);
        for (size_t k = 0; k < n; k++)
                for (size_t i = 0; i < grids[k]->rows * grids[k]->cols; i++) {
                        const struct grid_cell *c = &grids[k]->cells[i];
                        if (!(c->flags & CF_COMPUTED) || !c->key || !c->rowspan)
                                continue;
                        jw_key(w, c->key);
                        jw_obj_begin(w);
                        jw_key(w, "text");
                        jw_str(w, grid_cell_shown(r->arena, c));
                        jw_key(w, "stated");
                        jw_str(w, c->flags & CF_DIFF ? c->stated_text : NULL);
                        jw_obj_end(w);
                }
        jw_obj_end(w);
        jw_key(w, "findings");
        jw_arr_begin(w);
        for (size_t i = 0; i < e->n_findings; i++) {
                const struct finding *f = &e->findings[i];
                jw_obj_begin(w);
                jw_key(w, "severity");
                jw_str(w, severity_name(f->severity));
                jw_key(w, "severity_label");
                jw_str(w, severity_label(f->severity));
                jw_key(w, "code");
                jw_str(w, f->code);
                jw_key(w, "path");
                jw_str(w, f->path);
                jw_key(w, "label");
                jw_str(w, f->label);
                jw_key(w, "message");
                jw_str(w, f->message);
                const char *key = grid_notes_key(r, grids, n, f->path);
                jw_key(w, "row");
                jw_str(w, *key ? key : NULL);
                jw_key(w, "anchor");
                jw_str(w, *key ? grid_anchor(r, key) : NULL);
                jw_obj_end(w);
        }
        jw_arr_end(w);
}

void api_task_preview(struct req *r)
{
        if (!fields_are_strings(r))
                return;
        struct task_change tc;
        if (!web_change_open(r, &tc))
                return;
        struct outcome out = {0};
        if (!task_may_edit(&r->app, &tc.tv.task, &out)) { /* only the holder, as for saving */
                api_fail(r, &out);
                task_change_free(&tc);
                return;
        }
        struct change_set cs;
        web_change_set(r, &cs);
        task_change_apply(&r->app, &tc, &cs);
        struct jsonw w;
        api_begin(r, 200, &w);
        refused(&w, &tc.input);
        computed(r, &w, tc.doc, tc.eval);
        jw_obj_end(&w);
        task_change_free(&tc);
}

void api_task_save(struct req *r)
{
        if (!fields_are_strings(r))
                return;
        struct task_change tc;
        if (!web_change_open(r, &tc))
                return;
        struct change_set cs;
        web_change_set(r, &cs);
        task_change_apply(&r->app, &tc, &cs);
        struct outcome out = {0};
        struct jsonw w;
        if (!task_change_save(&r->app, &tc, req_field(r, "version"), &out)) {
                api_begin(r, web_status(out.status), &w);
                jw_key(&w, "error");
                jw_str(&w, out.error);
                refused(&w, &tc.input);
                if (out.status == APP_CONFLICT) {
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
                computed(r, &w, tc.saved->doc, tc.saved->eval);
        }
        jw_obj_end(&w);
        task_change_free(&tc);
}

void api_task_transition(struct req *r)
{
        struct task_view tv;
        if (!web_task_open(r, TASK_EVALUATED, &tv))
                return;
        int a = wf_action_parse(req_field(r, "action"));
        struct outcome out = {0};
        if (a < 0)
                app_fail(&out, APP_INVALID, "action",
                         "action 应为 submit（送审）、approve（审核通过）或 return（退回）");
        else if (task_transition(&r->app, &tv, (enum wf_action)a, req_field(r, "comment"),
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
