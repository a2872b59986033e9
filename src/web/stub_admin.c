/* TEMPORARY: placeholders for the administration handlers while they are written; this
 * file is deleted when the real handlers land. */
#include "pages.h"

void page_units(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void page_unit_create(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void page_unit_update(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void page_users(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void page_user_create(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void page_user_update(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void page_user_reset(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void page_years(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void page_year_create(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void page_year_issue(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void page_goals_import(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void page_audit(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void api_units(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void api_unit_create(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void api_unit_update(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void api_users(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void api_user_create(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void api_user_update(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void api_user_reset(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void api_years(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void api_year_create(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void api_year_issue(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void api_goals_import(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}

void api_audit(struct req *r)
{
        reply_error(r, 501, "此功能尚未完成");
}
