/* The widgets of the task edit pages. Every entered cell is an input whose
 * name is the JSON path of the document member it edits; every computed
 * cell is an <output data-cell="path"> holding the engine's value of the
 * stated figure at that path, which the page script refreshes as the user
 * types (from POST /api/tasks/{id}/preview); engine findings and refused
 * values are shown in a notes box per row (data-notes="key").
 *
 * After a refused save the page is drawn again from what the user typed
 * (the request's form values), so nothing typed is lost. */
#ifndef JX_EDIT_FORM_H
#define JX_EDIT_FORM_H

#include "../../doc/doc.h"
#include "../../engine/engine.h"
#include "../../schema/schema.h"
#include "../../http/html.h"

struct form_ctx {
        struct req *r;
        const struct doc *d;
        const struct evaluation *e;
        const struct diags *input; /* values refused in this request, by path */
        bool editable;             /* inputs; otherwise the values as text */
        bool typed;                /* show the request's typed values, not the document's */
};

/* A decimal input (amounts, weights, scores, rates). */
void fc_dec(struct form_ctx *c, const char *path, dec_t v);
/* A whole number input. */
void fc_int(struct form_ctx *c, const char *path, int64_t v);
/* A one-line text input; a multi-line one. */
void fc_text(struct form_ctx *c, const char *path, const char *v);
void fc_area(struct form_ctx *c, const char *path, const char *v);
/* A row's name, with a placeholder saying what it names. */
void fc_name(struct form_ctx *c, const char *path, const char *v, const char *placeholder);
/* A value with its unit or a text (实际完成值, 年度指标值). */
void fc_measure(struct form_ctx *c, const char *path, const struct measure *m);
/* A choice among an enumeration's labels; blank first. */
void fc_enum(struct form_ctx *c, const char *path, const struct enum_def *en, int v);
/* A yes/no box. */
void fc_check(struct form_ctx *c, const char *path, bool v, const char *label);
/* The computed value of the stated figure at path: places decimals, a %
 * after percentages, a text for grades. */
void fc_computed(struct form_ctx *c, const char *path, int places, bool pct);
/* A button that saves and then changes rows: op "add", "remove", "up" or
 * "down" on the array (add) or element (the others) at path. */
void fc_op(struct form_ctx *c, const char *op, const char *path, const char *text,
           const char *title);
/* The notes of one row: the findings whose key (notes_key) is key. */
void fc_notes(struct form_ctx *c, const char *key);

/* Which notes box a finding at path belongs to: the indicator row
 * ("$.self_eval.indicators[0].groups[1].items[2]"), else the part of the
 * table ("$.self_eval.budget", "$.basic_data.three_public"), else the
 * table. In the request's arena. */
const char *notes_key(struct req *r, const char *path);

/* The anchor id of a notes key (for links from the summary). */
const char *notes_anchor(struct req *r, const char *key);

#endif
