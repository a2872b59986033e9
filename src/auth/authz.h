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
#define CAN_EDIT_TASKS   POSTS_UNIT /* only unit posts ever edit; the workflow decides when */
#define CAN_VIEW_AUDIT   ROLE_BIT(ROLE_ADMIN)

#endif
