/* The search box and page links of a long list (预算单位, 用户管理): the
 * box keeps what was typed and says what is wrong with it; the pager
 * says how many were found and links the pages before and after. */
#ifndef JX_LIST_NAV_H
#define JX_LIST_NAV_H

#include "../../app/lists.h"
#include "../../http/http.h"

/* A GET form to action with the search box (label, placeholder); failed:
 * a refused search, said under the box. */
void list_search(struct req *r, const char *action, const char *label, const char *placeholder,
                 const struct list_input *in, const struct outcome *failed);
/* "共 N 个" and the links to the neighbouring pages of action, keeping
 * the search. */
void list_pager(struct req *r, const char *action, const struct list_input *in,
                const struct list_found *f, const char *counted);

#endif
