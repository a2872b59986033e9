/* TEMPORARY: placeholders for the task handlers while they are written; this
 * file is deleted when the real handlers land. */
#include "pages.h"

void page_tasks(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void page_task(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void api_tasks(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void api_task_get(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void api_task_document(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}
