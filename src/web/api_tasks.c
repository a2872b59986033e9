/* Task API: the tasks the user may see (GET /api/tasks), one task with its
 * evaluation (GET /api/tasks/{id}) and its stored document as it is (GET
 * /api/tasks/{id}/document). Access and filters as on the task pages
 * (task_view_open, task_filter_read in view_doc.h). */
#include "api.h"
#include "pages.h"
#include "view_doc.h"

#include "../engine/engine_report.h"

void api_tasks(struct req *r)
{
        struct task_filter f;
        if (!task_filter_read(r, &f))
                return;
        struct task *tasks;
        size_t n;
        if (store_tasks(r->db, r->arena, &r->scope, &f, &tasks, &n) != STORE_OK) {
                reply_error(r, 500, "读取自评任务失败，请稍后重试");
                return;
        }
        struct jsonw w;
        api_begin(r, 200, &w);
        jw_key(&w, "tasks");
        jw_arr_begin(&w);
        for (size_t i = 0; i < n; i++)
                api_task(&w, &tasks[i]);
        jw_arr_end(&w);
        jw_obj_end(&w);
}

void api_task_get(struct req *r)
{
        struct task_view tv;
        if (!task_view_open(r, TASK_EVALUATED, &tv))
                return;
        if (!tv.eval) {
                reply_error(r, 500, tv.problem);
                task_view_free(&tv);
                return;
        }
        struct jsonw w;
        api_begin(r, 200, &w);
        jw_key(&w, "task");
        api_task(&w, &tv.task);
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
