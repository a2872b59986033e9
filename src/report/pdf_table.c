/* Tables in the PDF (see pdf_int.h): a grid is measured once — column
 * positions from its relative widths, every cell laid out by pango, row
 * heights from the tallest cell, merged cells' extra height given to
 * their last row — and then drawn in segments of rows that fit on a page.
 * Rows tied together by a vertical merge move to the next page together
 * when they take less than a third of a page (else they fill the page and
 * the merged cell's text is shown again on the next); the header rows are
 * repeated on every page the table continues on; a single row taller than
 * a page is split between its lines. */
#include "pdf_int.h"

#include "../base/xalloc.h"

#include <string.h>

struct tcell {
        PangoLayout *layout; /* top-left cells only */
        int lines;
        bool bold; /* header and emphasised cells, emboldened */
};

struct tlayout {
        const struct grid *g;
        double pitch, padh, padv;
        double *colx; /* cols + 1 positions */
        double *rowh; /* per row */
        size_t *block_end;
        unsigned max_rowspan;
        struct tcell *cells; /* rows × cols */
        PangoFontDescription *font;
        double embolden;
};

static const struct grid_cell *cell_at(const struct grid *g, size_t r, size_t c)
{
        return &g->cells[r * g->cols + c];
}

/* ---- measuring -------------------------------------------------------------------- */

/* Font size: as large as 五号 (10.5 pt) while the grid's widths (in
 * characters) fit the text width, down to 7.5 pt; the same rule as the
 * DOCX writer's. */
static double font_size(const struct grid *g)
{
        double chars = 0;
        for (size_t c = 0; c < g->cols; c++)
                chars += g->widths[c] ? g->widths[c] : 1;
        double half = (double)(int)(2 * TEXT_W / (chars > 0 ? chars : 1)); /* whole half-points */
        return (half > 21 ? 21 : half < 15 ? 15 : half) / 2;
}

static PangoFontDescription *font(const char *family, double size)
{
        PangoFontDescription *d = pango_font_description_new();
        pango_font_description_set_family(d, family);
        pango_font_description_set_size(d, (int)(size * PANGO_SCALE));
        return d;
}

static double span_width(const struct tlayout *t, size_t col, unsigned span)
{
        size_t end = col + span <= t->g->cols ? col + span : t->g->cols;
        return t->colx[end] - t->colx[col];
}

static double rows_height(const struct tlayout *t, size_t from, size_t to)
{
        double h = 0;
        for (size_t r = from; r <= to && r < t->g->rows; r++)
                h += t->rowh[r];
        return h;
}

static void measure(struct pdf *p, struct tlayout *t)
{
        const struct grid *g = t->g;
        double size = font_size(g);
        t->pitch = size * 1.45;
        t->padh = 2.85;
        t->padv = 2.5;
        t->font = font(PDF_FAMILY, size);
        t->embolden = PDF_EMBOLDEN(size);

        double total = 0;
        for (size_t c = 0; c < g->cols; c++)
                total += g->widths[c] ? g->widths[c] : 1;
        t->colx = xmalloc((g->cols + 1) * sizeof *t->colx);
        t->colx[0] = MARGIN_LEFT;
        for (size_t c = 0; c < g->cols; c++)
                t->colx[c + 1] = t->colx[c] + TEXT_W * (g->widths[c] ? g->widths[c] : 1) / total;

        t->cells = xcalloc(g->rows * g->cols + 1, sizeof *t->cells);
        t->rowh = xmalloc((g->rows + 1) * sizeof *t->rowh);
        double min_h = t->pitch + 2 * t->padv;
        for (size_t r = 0; r < g->rows; r++)
                t->rowh[r] = min_h;
        for (int pass = 0; pass < 2; pass++) /* single-row cells first, then merges */
                for (size_t r = 0; r < g->rows; r++)
                        for (size_t c = 0; c < g->cols; c++) {
                                const struct grid_cell *cell = cell_at(g, r, c);
                                if (cell->rowspan == 0 || cell->colspan == 0 ||
                                    (pass == 0) != (cell->rowspan == 1))
                                        continue;
                                struct tcell *tc = &t->cells[r * g->cols + c];
                                char tmp[64];
                                const char *text = report_cell_text(cell, tmp);
                                PangoAlignment align =
                                    cell->flags & (CF_HEADER | CF_CENTER) ? PANGO_ALIGN_CENTER
                                    : cell->kind == CELL_NUMBER           ? PANGO_ALIGN_RIGHT
                                                                          : PANGO_ALIGN_LEFT;
                                tc->bold = cell->flags & (CF_HEADER | CF_BOLD);
                                tc->layout = pdf_layout(
                                    p, t->font, text, span_width(t, c, cell->colspan) - 2 * t->padh,
                                    align, 0, false);
                                tc->lines = text[0] ? pango_layout_get_line_count(tc->layout) : 0;
                                double need = (tc->lines ? tc->lines : 1) * t->pitch + 2 * t->padv;
                                size_t last = r + cell->rowspan - 1 < g->rows
                                                  ? r + cell->rowspan - 1
                                                  : g->rows - 1;
                                double have = rows_height(t, r, last);
                                if (need > have)
                                        t->rowh[last] += need - have;
                        }

        /* rows tied by vertical merges form blocks that stay together */
        t->block_end = xmalloc((g->rows + 1) * sizeof *t->block_end);
        for (size_t r = 0; r < g->rows;) {
                size_t end = r;
                for (size_t k = r; k <= end; k++)
                        for (size_t c = 0; c < g->cols; c++) {
                                const struct grid_cell *cell = cell_at(g, k, c);
                                if (cell->rowspan > 1 && k + cell->rowspan - 1 > end)
                                        end = k + cell->rowspan - 1 < g->rows
                                                  ? k + cell->rowspan - 1
                                                  : g->rows - 1;
                        }
                for (size_t k = r; k <= end; k++)
                        t->block_end[k] = end;
                r = end + 1;
        }
        t->max_rowspan = 1;
        for (size_t i = 0; i < g->rows * g->cols; i++)
                if (g->cells[i].rowspan > t->max_rowspan)
                        t->max_rowspan = g->cells[i].rowspan;
}

static void release(struct tlayout *t)
{
        for (size_t i = 0; i < t->g->rows * t->g->cols; i++)
                if (t->cells[i].layout)
                        g_object_unref(t->cells[i].layout);
        pango_font_description_free(t->font);
        free(t->cells);
        free(t->rowh);
        free(t->colx);
        free(t->block_end);
}

/* ---- drawing ------------------------------------------------------------------------- */

/* One cell's box (x, y, w, h): shading, border and its text from line
 * first on, as much as fits, centred vertically when all of it shows and
 * the row is not split over pages (split). */
static void draw_cell(struct pdf *p, const struct tlayout *t, const struct grid_cell *cell,
                      const struct tcell *tc, double x, double y, double w, double h, int first,
                      bool text, bool split)
{
        cairo_t *cr = p->cr;
        if (cell->flags & CF_HEADER) {
                cairo_set_source_rgb(cr, 0.95, 0.95, 0.95);
                cairo_rectangle(cr, x, y, w, h);
                cairo_fill(cr);
                cairo_set_source_rgb(cr, 0, 0, 0);
        }
        cairo_set_line_width(cr, 0.5);
        cairo_rectangle(cr, x, y, w, h);
        cairo_stroke(cr);
        if (!text || !tc->layout || tc->lines <= first)
                return;
        int room = (int)((h - 2 * t->padv + 0.01) / t->pitch);
        int count = tc->lines - first < room ? tc->lines - first : room;
        if (count < 1)
                count = 1;
        double top = !split && count == tc->lines ? y + (h - count * t->pitch) / 2 : y + t->padv;
        cairo_save(cr);
        cairo_rectangle(cr, x, y, w, h);
        cairo_clip(cr);
        pdf_draw_lines(p, tc->layout, x + t->padh, top, t->pitch, first, count,
                       tc->bold ? t->embolden : 0);
        cairo_restore(cr);
}

/* Rows from … to (inclusive) with their top at p->y: every cell whose
 * rows meet them, with its text — a merged cell that continues from the
 * previous page shows its text again. */
static void draw_rows(struct pdf *p, const struct tlayout *t, size_t from, size_t to)
{
        const struct grid *g = t->g;
        double y0 = p->y;
        size_t start = from >= t->max_rowspan ? from - t->max_rowspan + 1 : 0;
        for (size_t r = start; r <= to; r++)
                for (size_t c = 0; c < g->cols; c++) {
                        const struct grid_cell *cell = cell_at(g, r, c);
                        if (cell->rowspan == 0 || cell->colspan == 0)
                                continue;
                        size_t last = r + cell->rowspan - 1;
                        if (last < from)
                                continue;
                        size_t fr = r > from ? r : from, lr = last < to ? last : to;
                        double y = y0 + (fr > from ? rows_height(t, from, fr - 1) : 0);
                        double h = rows_height(t, fr, lr);
                        draw_cell(p, t, cell, &t->cells[r * g->cols + c], t->colx[c], y,
                                  span_width(t, c, cell->colspan), h, 0, true, false);
                }
        p->y = y0 + rows_height(t, from, to);
        p->drawn = true;
}

/* A row taller than a page: its cells' lines continue on the next pages. */
static void draw_tall_row(struct pdf *p, const struct tlayout *t, size_t r, size_t header_end,
                          bool has_header)
{
        const struct grid *g = t->g;
        int most = 0;
        for (size_t c = 0; c < g->cols; c++)
                if (t->cells[r * g->cols + c].lines > most)
                        most = t->cells[r * g->cols + c].lines;
        for (int first = 0; first < most;) {
                int room = (int)((BODY_BOTTOM - p->y - 2 * t->padv) / t->pitch);
                if (room < 1)
                        room = 1;
                int count = most - first < room ? most - first : room;
                double h = count * t->pitch + 2 * t->padv;
                for (size_t c = 0; c < g->cols; c++) {
                        const struct grid_cell *cell = cell_at(g, r, c);
                        if (cell->rowspan == 0 || cell->colspan == 0)
                                continue;
                        draw_cell(p, t, cell, &t->cells[r * g->cols + c], t->colx[c], p->y,
                                  span_width(t, c, cell->colspan), h, first, true, true);
                }
                p->y += h;
                p->drawn = true;
                first += count;
                if (first < most) {
                        pdf_next_page(p);
                        if (has_header)
                                draw_rows(p, t, 0, header_end);
                }
        }
}

static double titles_height(const struct grid *g)
{
        return (g->title ? 26 : 0) + (g->subtitle ? 20 : 0) + (g->caption ? 18 : 0);
}

static void draw_titles(struct pdf *p, const struct grid *g)
{
        const struct {
                const char *text;
                enum pdf_font font;
                PangoAlignment align;
                double pitch;
        } lines[] = {{g->title, FONT_TTITLE, PANGO_ALIGN_CENTER, 26},
                     {g->subtitle, FONT_TSUBTITLE, PANGO_ALIGN_CENTER, 20},
                     {g->caption, FONT_CAPTION, PANGO_ALIGN_LEFT, 18}};
        for (size_t i = 0; i < 3; i++) {
                if (!lines[i].text)
                        continue;
                PangoLayout *l = pdf_layout(p, p->fonts[lines[i].font], lines[i].text, TEXT_W,
                                            lines[i].align, 0, false);
                int n = pango_layout_get_line_count(l);
                pdf_draw_lines(p, l, MARGIN_LEFT, p->y, lines[i].pitch, 0, n,
                               p->embolden[lines[i].font]);
                p->y += n * lines[i].pitch;
                p->drawn = true;
                g_object_unref(l);
        }
}

void pdf_table(struct pdf *p, const struct grid *g)
{
        struct tlayout t = {.g = g};
        if (!g->rows || !g->cols) {
                pdf_need(p, titles_height(g));
                draw_titles(p, g);
                return;
        }
        measure(p, &t);
        bool has_header = g->header_rows > 0 && g->header_rows <= g->rows;
        size_t header_end = has_header ? t.block_end[g->header_rows - 1] : 0;
        double header_h = has_header ? rows_height(&t, 0, header_end) : 0;
        size_t r = has_header ? header_end + 1 : 0;
        double page_room = BODY_BOTTOM - BODY_TOP - header_h;

        /* the titles, the header and the first rows go together */
        double first = r < g->rows ? rows_height(&t, r, t.block_end[r]) : 0;
        if (first > page_room - titles_height(g))
                first = r < g->rows ? t.rowh[r] : 0;
        pdf_need(p, titles_height(g) + header_h + first + 6);
        draw_titles(p, g);
        p->y += 4;
        if (has_header)
                draw_rows(p, &t, 0, header_end);
        bool fresh = true; /* nothing but the header on this page yet */
        while (r < g->rows) {
                size_t end = t.block_end[r];
                double room = BODY_BOTTOM + 0.01 - p->y;
                double h = rows_height(&t, r, end);
                if (h <= room) {
                        draw_rows(p, &t, r, end);
                        r = end + 1;
                        fresh = false;
                        continue;
                }
                /* a small block moves to the next page whole; a large one (a
                 * first-level indicator merged down many rows) fills this page */
                if (!fresh && h <= page_room / 3) {
                        pdf_next_page(p);
                        if (has_header)
                                draw_rows(p, &t, 0, header_end);
                        fresh = true;
                        continue;
                }
                size_t k = r; /* as many rows of the block as fit here */
                double used = 0;
                while (k <= end && used + t.rowh[k] <= room)
                        used += t.rowh[k++];
                if (k == r && !fresh) {
                        pdf_next_page(p);
                        if (has_header)
                                draw_rows(p, &t, 0, header_end);
                        fresh = true;
                        continue;
                }
                if (k == r) {
                        draw_tall_row(p, &t, r, header_end, has_header);
                        r++;
                } else {
                        draw_rows(p, &t, r, k - 1);
                        r = k;
                }
                fresh = false;
                if (r < g->rows) {
                        pdf_next_page(p);
                        if (has_header)
                                draw_rows(p, &t, 0, header_end);
                        fresh = true;
                }
        }
        p->y += 8; /* space below the table */
        release(&t);
}
