/* The part editors of a task's edit pages. Each draws its part of the
 * document, laid out like the seed tables, as inputs (entered cells) and
 * computed outputs inside the page's single <form> (edit_form.h). */
#ifndef JX_EDIT_H
#define JX_EDIT_H

#include "widgets.h"

/* A scored table — the 自评表 (prefix "$.self_eval") or a 项目支出表
 * ("$.projects[i]") — scored as ts: 年度预算申请 with its splits, 年度总体
 * 目标, the indicator tree (rows added, moved and removed unless the scheme
 * fixes the tree), 总分 and 等级. */
void edit_score_table(struct form_ctx *c, const char *prefix, const struct score_table *st,
                      const struct table_score *ts, bool fixed_tree);
/* A project's own fields: 项目名称, 编码, 类别, 项目自评报告. */
void edit_project_head(struct form_ctx *c, size_t p);
/* The 基础数据表 (seed 004's 附件1-1). */
void edit_basic(struct form_ctx *c);
/* The 评价基础数据 (seed 001's raw figures), field by field. */
void edit_perf(struct form_ctx *c);

#endif
