/* The figures the engine derives from a document's primary data
 * (评价基础数据: 政府采购执行率, 编外人员控制率, …), for renderers that
 * state them — the report's sentences — so that they use the engine's
 * inputs and formulas rather than their own. */
#ifndef JX_DERIVED_H
#define JX_DERIVED_H

#include "../doc/doc.h"
#include "scheme.h"

#include <stdbool.h>

/* The exact ratio num / den of figure id over d's primary data (sums of
 * a table's rows, or its stated total row when it has no rows), as the
 * engine's rules use it. Returns false when an input is missing or den is
 * not positive. For FIG_TASKS_UNFINISHED den is 1. */
bool engine_figure(const struct doc *d, enum figure_id id, dec_t *num, dec_t *den);

#endif
