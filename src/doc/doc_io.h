/* Reading, writing, comparing and addressing self-evaluation documents. */
#ifndef JX_DOC_IO_H
#define JX_DOC_IO_H

#include "doc.h"
#include "doc_schema.h"

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/jsonw.h"
#include "../base/utf8.h"

#include <inttypes.h>

#define DOC_MAX_FILE (64 << 20) /* bytes */

/* Parse the JSON text[0..len) into a new document. On any error returns
 * NULL and appends to errs one diagnostic per problem, each naming the
 * JSON path, what was found and what was expected; nothing is leaked. The
 * caller frees the result with doc_free(). */
struct doc *doc_parse(const char *text, size_t len, struct diags *errs);

/* How many documents doc_parse() has parsed in this process (for tests
 * that count the work of an operation). */
unsigned long doc_parse_count(void);

/* doc_parse() on the contents of a file (at most DOC_MAX_FILE bytes). */
struct doc *doc_load_file(const char *path, struct diags *errs);

/* Apply the rules that span fields (format and version, the unit code
 * rule of the supervising unit, duplicate indicators and projects,
 * statement references, attachment projects). Appends to errs and returns
 * true when the document passes. doc_parse() calls it. */
bool doc_validate(const struct doc *d, struct diags *errs);

/* Check a document held in memory (changed by doc_assign and the row
 * operations) by every rule doc_parse() applies to its text — the
 * members' limits and required fields, then doc_validate() — so that what
 * is stored always reads back. Appends to errs; true when it passes. */
bool doc_check(const struct doc *d, struct diags *errs);

/* Append the canonical JSON form of d to out: keys in format order, empty
 * values omitted, decimals as shortest exact strings, two-space indent. */
void doc_write(const struct doc *d, struct buf *out);

/* True if a and b hold the same data. */
bool doc_equal(const struct doc *a, const struct doc *b);

/* A place in a document named by a JSON path (doc_path.c). */
struct doc_loc {
        const struct field *field;   /* the member the path names last */
        void *base;                  /* the struct holding that member */
        bool element;                /* the path ends with [i]: an element of the array field */
        size_t index;                /* its index */
        void *ptr;                   /* address of the member, or of the element */
        const struct schema *schema; /* the struct at ptr (objects and elements), else NULL */
        unsigned path_flags;         /* FL_* of every member along the path, or-ed */
};

/* Locate path ("$.self_eval.indicators[0].groups[1]",
 * "$.projects[2].name", "$.projects") in d: a member of any type, or an
 * element of an array. With label, appends what a user calls the place,
 * e.g. "自评表 › 产出指标 › 数量指标 › 培训人次 › 实际完成值". False if the path
 * is malformed, names no member or indexes past an array. */
bool doc_locate(const struct doc *d, const char *path, struct doc_loc *out, struct buf *label);

/* Append what a user calls element i (at elem) of the array member f:
 * its name when it has one, else "<array label>第 n 项". */
void doc_element_label(const struct field *f, const void *elem, size_t i, struct buf *label);

/* A member of a document located by path. */
struct doc_ref {
        const struct field *field; /* its descriptor */
        const void *ptr;           /* its address inside the document */
};

/* Resolve a path such as "$.self_eval.budget.executed" or
 * "$.projects[0].stated_total" to a scalar member (string, decimal,
 * integer, boolean or enumeration). Returns false if the path is malformed,
 * names no member, indexes past an array or ends on an object or array. */
bool doc_resolve(const struct doc *d, const char *path, struct doc_ref *out);

/* Append the JSON path of the member of d that starts at member and is
 * size bytes long ("$.basic_data.project_spending.special.funds[0].final"
 * for &d->basic.project_spending.special.funds[0].amounts.final): a
 * scalar, an object, an array member, or an element of an array. Paths
 * are derived from the descriptors, so code names members by their C
 * expression and never spells a path. *field (may be NULL) becomes the
 * member's descriptor (for an element, its array's). False when no member
 * of d is there. */
bool doc_path_of(const struct doc *d, const void *member, size_t size, struct buf *out,
                 const struct field **field);

#endif
