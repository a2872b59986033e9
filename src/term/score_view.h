/* Terminal views of an evaluation ("jixiao score", "jixiao check"). */
#ifndef JX_SCORE_VIEW_H
#define JX_SCORE_VIEW_H

#include "../base/buf.h"
#include "../engine/engine.h"

#include <stddef.h>

/* The scored tables — computed score beside the stated one, with the rule
 * and inputs of each — then totals, grades and the number of findings. */
void view_score(const struct evaluation *e, size_t width, struct buf *out);

/* The findings, errors first, each with code, label, path, message, rule,
 * stated and computed values. */
void view_findings(const struct evaluation *e, struct buf *out);

#endif
