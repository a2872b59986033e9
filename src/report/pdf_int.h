/* Internal interface between the PDF writer's page flow (pdf.c) and its
 * table layout (pdf_table.c). Units are PDF points, y grows downwards
 * from the top of the page. */
#ifndef JX_PDF_INT_H
#define JX_PDF_INT_H

#include "pdf.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

/* Page geometry (GB/T 9704: A4, margins 37/35/28/26 mm). */
#define PAGE_W       595.276
#define PAGE_H       841.890
#define MARGIN_TOP   104.882
#define MARGIN_BOT   99.213
#define MARGIN_LEFT  79.370
#define MARGIN_RIGHT 73.701
#define TEXT_W       (PAGE_W - MARGIN_LEFT - MARGIN_RIGHT)
#define BODY_TOP     MARGIN_TOP
#define BODY_BOTTOM  (PAGE_H - MARGIN_BOT)
#define LINE_PITCH   28.95 /* 三号 body: 22 lines per page */

/* The one face embedded: WenQuanYi Zen Hei (文泉驿正黑, fonts-wqy-zenhei),
 * whose TrueType outlines go through cairo's TrueType subsetter. Bold text
 * is drawn twice (pdf_draw_lines), so no second face is embedded. Why not
 * Noto CJK (docs/reports.md, "Fonts"): with cairo 1.16 every Noto face is
 * read whole (15-23 MB) and subset by a CFF subsetter that drops some
 * glyphs of Noto Sans CJK SC (如 among them), leaks per PDF, and often
 * embeds all subroutines — 550-630 KB and 37-53 ms a report against
 * 80-150 KB and 12-27 ms with this face. */
#define PDF_FAMILY "WenQuanYi Zen Hei"

/* The roles of the official-document fonts (仿宋 body, 小标宋 title, 黑体
 * and 楷体 headings), all played by PDF_FAMILY; "bold" ones emboldened. */
enum pdf_font {
        FONT_BODY,      /* 16 (三号) */
        FONT_TITLE,     /* 22 (二号), bold */
        FONT_HEADING1,  /* 16, bold */
        FONT_HEADING2,  /* 16, bold */
        FONT_TTITLE,    /* table title: 16, bold */
        FONT_TSUBTITLE, /* 12 */
        FONT_CAPTION,   /* 10.5 */
        FONT_FOOTER,    /* 14 */
        N_FONTS
};

/* Stroke width that emboldens text of size points. */
#define PDF_EMBOLDEN(size) ((size)*0.045)

struct pdf {
        cairo_surface_t *surface;
        cairo_t *cr;
        PangoContext *ctx;
        PangoFontDescription *fonts[N_FONTS];
        double embolden[N_FONTS]; /* stroke width of each role, 0 for regular */
        double y;                 /* top of the next thing to draw */
        int page;                 /* number of the current page, from 1 */
        bool drawn;               /* something is on the current page */
        PangoCoverage *coverage;  /* the characters the report's font has, or NULL */
};

/* A laid-out text of the given font, width (points) and alignment;
 * indent is the first line's indent in points. Free with g_object_unref. */
PangoLayout *pdf_layout(struct pdf *p, const PangoFontDescription *font, const char *text,
                        double width, PangoAlignment align, double indent, bool justify);

/* Finish the current page (page number in the footer) and begin the next. */
void pdf_next_page(struct pdf *p);

/* Make room for h points below p->y, going to the next page when the
 * current one has something on it and h does not fit. */
void pdf_need(struct pdf *p, double h);

/* Draw lines [first, first + count) of layout l, line i with its top at
 * y + (i − first) × pitch, its box of height pitch centred on the line;
 * x is the layout's left edge. With embolden > 0 the glyphs' outlines are
 * also stroked that wide (bold without a bold font). */
void pdf_draw_lines(struct pdf *p, PangoLayout *l, double x, double y, double pitch, int first,
                    int count, double embolden);

/* Draw a grid: title, subtitle and caption, then the table, breaking it
 * across pages with its header rows repeated. */
void pdf_table(struct pdf *p, const struct grid *g);

#endif
