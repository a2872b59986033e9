/* The seed tables of one evaluation laid out as grids (grid.h), as the
 * seeds print them: 基础数据表 (seed 004), 部门整体支出绩效自评表 and one
 * 项目支出绩效自评表 per project. Every figure shown is the document's
 * entered value or the engine's computed one (never a stated total);
 * entered cells carry CF_INPUT and their document path, so a spreadsheet
 * of these grids can be read back (src/sheet). */
#ifndef JX_TABLES_H
#define JX_TABLES_H

#include "../doc/doc.h"
#include "../engine/engine.h"
#include "grid.h"

/* 基础数据表; NULL when the document has no basic data. */
struct grid *table_basic(struct arena *a, const struct doc *d, const struct evaluation *e);
/* 基础数据表 also when the document has no basic data: the form a unit
 * fills in (the spreadsheet template of a new task). */
struct grid *table_basic_form(struct arena *a, const struct doc *d, const struct evaluation *e);
/* 部门整体支出绩效自评表. */
struct grid *table_self_eval(struct arena *a, const struct doc *d, const struct evaluation *e);
/* 项目支出绩效自评表 of project p (0 ≤ p < d->n_projects). */
struct grid *table_project(struct arena *a, const struct doc *d, const struct evaluation *e,
                           size_t p);

#endif
