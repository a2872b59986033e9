/* The frame of every HTML page: head, navigation for the user's post,
 * flash message, and the end of the page. */
#ifndef JX_LAYOUT_H
#define JX_LAYOUT_H

#include "../../http/html.h"

/* Begin an HTML page (status 200) titled title. */
void page_begin(struct req *r, const char *title);
void page_end(struct req *r);

/* A hidden CSRF field for a form of this request's session. */
void form_csrf(struct req *r);

/* An error box listing a message (escaped). */
void page_error(struct req *r, const char *message);
/* A notice box (escaped). */
void page_notice(struct req *r, const char *message);

/* Date and time of a Unix time, as 2026-11-22 18:05 (UTC+8), in the arena. */
const char *fmt_time(struct req *r, int64_t t);

#endif
