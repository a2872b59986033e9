/* The tables of one evaluation laid out as grids (grid.h), as the seeds
 * print them: 基础数据表 (seed 004), 部门整体支出绩效自评表, one
 * 项目支出绩效自评表 per project, and the 评价基础数据 (seed 001's raw
 * figures). Every figure shown is the document's entered value or the
 * engine's computed one; a stated figure that differs is kept beside it
 * (CF_DIFF). Entered cells carry CF_INPUT and their document path, so the
 * editor draws inputs there and a spreadsheet of these grids can be read
 * back (src/sheet).
 *
 * Two modes: TABLE_PRINT lays a table out as published (the report annex,
 * the workbooks, the read-only page, the terminal): optional columns
 * only when some row uses them. TABLE_FORM is the form a unit fills in
 * (the edit pages): every column a unit may enter, names editable where
 * the scheme lets users shape the tree, and the rows that can be added,
 * moved and removed marked as such. */
#ifndef JX_TABLES_H
#define JX_TABLES_H

#include "../doc/doc.h"
#include "../engine/engine.h"
#include "grid.h"

enum table_mode {
        TABLE_PRINT = 0,
        TABLE_FORM = 1 << 0,
        TABLE_ALWAYS = 1 << 1, /* a part with no data still laid out (a workbook template) */
};

/* 基础数据表: NULL when the document has no basic data, unless TABLE_FORM
 * or TABLE_ALWAYS. */
struct grid *table_basic(struct arena *a, const struct doc *d, const struct evaluation *e,
                         unsigned mode);
/* 部门整体支出绩效自评表. */
struct grid *table_self_eval(struct arena *a, const struct doc *d, const struct evaluation *e,
                             unsigned mode);
/* 项目支出绩效自评表 of project p (0 ≤ p < d->n_projects). */
struct grid *table_project(struct arena *a, const struct doc *d, const struct evaluation *e,
                           size_t p, unsigned mode);
/* The 报告正文: the narrative sections of the report, one row each, and
 * the unit's own sections. */
struct grid *table_narrative(struct arena *a, const struct doc *d, const struct evaluation *e,
                             unsigned mode);
/* The 评价基础数据 as grids, one per part (政府采购执行情况, 预算调整 …),
 * drawn from the format's descriptors: *n grids in *out. In TABLE_PRINT
 * only the parts that hold data. */
size_t table_perf(struct arena *a, const struct doc *d, const struct evaluation *e,
                  unsigned mode, struct grid ***out);

#endif
