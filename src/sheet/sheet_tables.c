/* The tables workbook of one evaluation (sheet_tables_write, sheet.h):
 * one sheet per table of sheet_tables_plan() of the template
 * (sheet_template: spare rows to fill), each drawn by the grid writer. */
#include "sheet.h"
#include "sheet_int.h"
#include "xlsx_write.h"

bool sheet_tables_write(const struct doc *d, const struct evaluation *e, struct buf *out,
                        struct diags *errs)
{
        struct arena *a = arena_new();
        struct doc *t = sheet_template(d); /* with spare rows to fill */
        struct sheet_plan *plan;
        size_t n = sheet_tables_plan(a, t, e, &plan);
        struct xw w;
        bool ok = xw_open(&w, errs);
        if (ok) {
                for (size_t i = 0; i < n && ok; i++)
                        ok = xw_grid_sheet(&w, plan[i].name, plan[i].grid, errs);
                ok = xw_close(&w, ok ? out : NULL, errs) && ok;
        }
        arena_free(a);
        doc_free(t);
        return ok;
}
