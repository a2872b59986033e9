/* Changing a document in place, addressed by JSON path: what the edit
 * pages, the API and spreadsheet import do with the values a user typed,
 * the rows they add, remove or move; and what changed between two
 * versions of a document, for the task timeline and for a refused save. */
#ifndef JX_DOC_EDIT_H
#define JX_DOC_EDIT_H

#include "doc_io.h"

/* Set the member at path from text as a user typed it (never a member
 * flagged FL_FIXED: who, when, the scheme, files); "" (or only
 * spaces) clears it. Decimals may carry thousands separators (1,234.5)
 * and, in percentage fields, a trailing %. A measure or target object
 * ("…actual", "…target") takes a number (its value), a number followed
 * by the unit it is written in ("214.2万元"), or a text (its text value),
 * the other parts cleared. On a bad value appends one diagnostic
 * naming the place and the rule, leaves d unchanged and returns false.
 * Strings are copied into d's arena. */
bool doc_assign(struct doc *d, const char *path, const char *text, struct diags *errs);

/* Apply one row operation as the edit pages and the API name it:
 * "add:<array path>", "remove:<element path>", "up:<element path>" or
 * "down:<element path>", on an array whose rows users change (FL_ROWS).
 * A new row gets its first content: a 一级指标 one 二级 group, a project
 * the 自评表's levels and groups; a removed project's attachments go with
 * it. On refusal appends one diagnostic at path "op" and returns false. */
bool doc_row_op(struct doc *d, const char *op, struct diags *errs);

/* The attachments of project from belong to project to (renamed), or are
 * dropped (to NULL). */
void doc_attachments_follow(struct doc *d, const char *from, const char *to);

/* Append a blank element to the array at path ("…groups[1].items"). */
bool doc_array_append(struct doc *d, const char *path, struct diags *errs);
/* Remove the element at path ("…items[2]"). The report text's statements
 * about it go with it; those about later rows follow their row. */
bool doc_array_remove(struct doc *d, const char *path, struct diags *errs);
/* Move the element at path one place up (delta -1) or down (+1); the
 * statements about the two rows follow them. */
bool doc_array_move(struct doc *d, const char *path, int delta, struct diags *errs);

/* A member whose value differs between two versions. */
struct doc_change {
        const char *path;   /* JSON path in the newer version */
        const char *label;  /* what a user calls it */
        const char *before; /* the older value as text ("" when blank) */
        const char *after;  /* the newer value as text */
};

/* The members that differ between a and b (scalars by path; array
 * elements by position, an added or removed element as one change), in
 * document order, allocated in arena. */
size_t doc_diff(const struct doc *a, const struct doc *b, struct arena *arena,
                struct doc_change **out);

/* A member's value as text for people: decimals in shortest form, enum
 * labels, 是/否, "" when blank. In arena. */
const char *doc_value_text(const struct field *f, const void *member, struct arena *arena);

#endif
