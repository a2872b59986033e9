/* Authorization: which posts may take which actions. This table is the
 * matrix of docs/security.md; routes use these masks, and handlers
 * further limit every resource to the user's scope (their unit, or a
 * supervising unit's department, or all units for the finance bureau and
 * the administrator). */
#ifndef JX_AUTHZ_H
#define JX_AUTHZ_H

#include "../http/http.h"

#define POSTS_UNIT (ROLE_BIT(ROLE_PREPARER) | ROLE_BIT(ROLE_REVIEWER))
#define POSTS_ALL  (POSTS_UNIT | ROLE_BIT(ROLE_FINANCE) | ROLE_BIT(ROLE_ADMIN))

#define CAN_VIEW_UNITS   POSTS_ALL /* units in scope */
#define CAN_MANAGE_UNITS ROLE_BIT(ROLE_ADMIN)
#define CAN_MANAGE_USERS ROLE_BIT(ROLE_ADMIN) /* list, create, change, disable, reset */
#define CAN_MANAGE_YEARS ROLE_BIT(ROLE_ADMIN) /* fiscal years, declared goals, issuing tasks */
#define CAN_VIEW_TASKS   POSTS_ALL            /* tasks in scope, read-only */
/* Filling in a task: the unit's posts, and only while they hold it
 * (wf_may_edit in src/workflow/workflow.h). */
#define CAN_EDIT_TASKS POSTS_UNIT
/* 送审, 审核通过, 退回: the unit's posts, a supervising unit's 审核岗, the
 * finance bureau — each only where it holds the task (wf_may). */
#define CAN_REVIEW_TASKS (POSTS_UNIT | ROLE_BIT(ROLE_FINANCE))
/* The year's summary workbook of the whole jurisdiction. */
#define CAN_VIEW_SUMMARY (ROLE_BIT(ROLE_FINANCE) | ROLE_BIT(ROLE_ADMIN))
#define CAN_VIEW_AUDIT   ROLE_BIT(ROLE_ADMIN)

#endif
