/* The read-only HTML view of an evaluated self-evaluation document (the
 * 绩效监控查询 of the seed system), laid out like the seed tables, and what
 * the task pages and the task API share: reading a task the user may see.
 *
 * view_doc.c renders the evaluation (header, 自评表, 项目支出表, report text,
 * attachments, findings); view_data.c renders the 基础数据表 and the
 * 评价基础数据; page_tasks.c holds the task access helpers. */
#ifndef JX_VIEW_DOC_H
#define JX_VIEW_DOC_H

#include "../../doc/doc.h"
#include "../../engine/engine.h"
#include "../../http/http.h"
#include "../../app/tasks.h"

/* Append to r->out the HTML of evaluation e of document d (e->doc == d),
 * read-only: computed figures beside stated ones, differences marked with
 * class "diff", every rule explained, then the findings. All text is
 * escaped. Memory: r->arena, r->out and one scratch buffer it frees. */
void view_evaluation(struct req *r, const struct doc *d, const struct evaluation *e);

/* ---- shared by view_doc.c and view_data.c ------------------------------------ */

/* Table cells (<td class="num">…</td>) of a value; blank when absent:
 * an amount with two decimals and thousands separators, a percentage
 * with two decimals ("98.91%"), a number as written, a count. */
void view_money_td(struct req *r, dec_t v);
void view_pct_td(struct req *r, dec_t v);
void view_num_td(struct req *r, dec_t v);
void view_count_td(struct req *r, int64_t n);
/* Text with its line breaks kept: <p> per line, or <br> between lines. */
void view_paragraphs(struct req *r, const char *text);
void view_lines(struct req *r, const char *text);
/* The name of a money unit, 万元 when unset. */
const char *view_money_unit(enum money_unit u);

/* The 基础数据表 (seed 004's 附件1-1) and the 评价基础数据 (seed 001's
 * tables), each only when the document holds any of it (view_data.c). */
void view_basic_data(struct req *r, const struct doc *d);
void view_perf_data(struct req *r, const struct doc *d);

/* The list filter of the query string: year (four digits) and status (a
 * task status name). Answers 400 and returns false when either is
 * malformed; absent or empty parameters do not filter. */
bool task_filter_read(struct req *r, struct task_filter *f);

#endif
