/* A grid (src/tables/grid.h) as an HTML table: the read-only page draws
 * its texts, the editor draws an input in every entered cell (the widget
 * chosen by the descriptor of the member it edits, named by its document
 * path), an <output data-cell> in every computed cell (kept current from
 * the preview's JSON), the buttons that add, move and remove rows, and
 * under each row the findings about it. All text is escaped. */
#ifndef JX_GRID_HTML_H
#define JX_GRID_HTML_H

#include "../../engine/engine.h"
#include "../../http/http.h"
#include "../../tables/grid.h"

struct grid_view {
        bool editable;               /* inputs and row buttons */
        bool typed;                  /* inputs show what the request typed, where it has them */
        const char *const *typed_only; /* when not NULL: ... only at these n_typed_only paths */
        size_t n_typed_only;
        const struct diags *refused; /* values refused in this request, by path */
        const struct evaluation *e;  /* with notes: the findings under their rows */
        bool notes;
        const struct doc *d;         /* the document (labels of inputs for screen readers) */
};

/* Append the table of g to r->out. */
void html_grid(struct req *r, const struct grid *g, const struct grid_view *v);

/* The row of the grids a finding at path belongs to: the longest element
 * path of a row that is a prefix of path, else the grid's key; "" when no
 * grid of the n shows it. In the request's arena. */
const char *grid_notes_key(struct req *r, struct grid *const *grids, size_t n, const char *path);
/* The anchor id of a notes key (for links from the summary). */
const char *grid_anchor(struct req *r, const char *key);

#endif
