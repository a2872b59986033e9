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

/* The CJK families of fonts-noto-cjk: serif for 仿宋/宋体/楷体/小标宋
 * roles, sans for 黑体. */
#define PDF_SERIF "Noto Serif CJK SC"
#define PDF_SANS  "Noto Sans CJK SC"

enum pdf_font {
        FONT_BODY,      /* 仿宋 role: Noto Serif CJK SC 16 */
        FONT_TITLE,     /* 小标宋 role: Noto Serif CJK SC Bold 22 */
        FONT_HEADING1,  /* 黑体 role: Noto Sans CJK SC Bold 16 */
        FONT_HEADING2,  /* 楷体 role: Noto Serif CJK SC Bold 16 */
        FONT_TTITLE,    /* table title: Noto Serif CJK SC Bold 16 */
        FONT_TSUBTITLE, /* Noto Serif CJK SC 12 */
        FONT_CAPTION,   /* Noto Serif CJK SC 10.5 */
        FONT_FOOTER,    /* Noto Serif CJK SC 14 */
        N_FONTS
};

struct pdf {
        cairo_surface_t *surface;
        cairo_t *cr;
        PangoContext *ctx;
        PangoFontDescription *fonts[N_FONTS];
        double y;   /* top of the next thing to draw */
        int page;   /* number of the current page, from 1 */
        bool drawn; /* something is on the current page */
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
 * x is the layout's left edge. */
void pdf_draw_lines(struct pdf *p, PangoLayout *l, double x, double y, double pitch, int first,
                    int count);

/* Draw a grid: title, subtitle and caption, then the table, breaking it
 * across pages with its header rows repeated. */
void pdf_table(struct pdf *p, const struct grid *g);

#endif
