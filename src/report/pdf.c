/* PDF output of the report (see pdf.h): the page flow of titles, headings
 * and paragraphs, page numbers and the outline; tables are in
 * pdf_table.c. Text is laid out by pango (CJK line breaking, justification,
 * font fallback) and drawn line by line at a fixed pitch so that a
 * paragraph can continue on the next page. */
#include "pdf_int.h"

#include "../base/utf8.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- fonts ----------------------------------------------------------------------- */

static const struct {
        double size;
        bool bold;
} roles[N_FONTS] = {
    [FONT_BODY] = {16, false},      [FONT_TITLE] = {22, true},   [FONT_HEADING1] = {16, true},
    [FONT_HEADING2] = {16, true},   [FONT_TTITLE] = {16, true},  [FONT_TSUBTITLE] = {12, false},
    [FONT_CAPTION] = {10.5, false}, [FONT_FOOTER] = {14, false},
};

/* True when fontconfig resolves the family of desc to itself (the CJK
 * fonts are installed); otherwise pango would fall back to a font that
 * may lack Chinese glyphs. */
static bool font_present(struct pdf *p, const PangoFontDescription *desc)
{
        PangoFont *font = pango_context_load_font(p->ctx, desc);
        if (!font)
                return false;
        PangoFontDescription *got = pango_font_describe(font);
        const char *want = pango_font_description_get_family(desc);
        const char *family = pango_font_description_get_family(got);
        bool ok = family && want && strcmp(family, want) == 0;
        pango_font_description_free(got);
        g_object_unref(font);
        return ok;
}

/* ---- layout ----------------------------------------------------------------------- */

/* Glyphs come from the report's font only, never from a fallback font:
 * a character WenQuanYi Zen Hei lacks (half-width katakana, rare CJK
 * extensions) would otherwise be drawn from Noto Sans CJK, a CID-keyed CFF
 * face, and cairo 1.16 leaks 768 bytes for each such face embedded in a
 * PDF (docs/reports.md, "Memory checks"): any user could make the server
 * leak by typing one and exporting again and again. Such a character is
 * replaced by □ (which the font has), and fallback is off besides. */
static const char *covered(struct pdf *p, const char *text, struct buf *b)
{
        if (!p->coverage)
                return text;
        size_t n = strlen(text);
        bool changed = false;
        for (size_t i = 0; i < n;) {
                uint32_t cp;
                size_t k = utf8_decode(text + i, n - i, &cp);
                bool keep =
                    cp < 0x80 || pango_coverage_get(p->coverage, (int)cp) != PANGO_COVERAGE_NONE;
                if (keep)
                        buf_append(b, text + i, k);
                else
                        buf_puts(b, "\u25a1");
                changed |= !keep;
                i += k;
        }
        return changed ? buf_str(b) : text;
}

/* The characters the body font has: asking the font costs as much as a
 * short report, so each thread asks once (the font map is the thread's,
 * and so is the answer, released when the thread ends). */
static pthread_key_t coverage_key;

static void coverage_release(void *coverage)
{
        pango_coverage_unref(coverage);
}

/* The thread that ends the process does not end as a thread. */
static void coverage_release_at_exit(void)
{
        PangoCoverage *coverage = pthread_getspecific(coverage_key);
        if (coverage) {
                pthread_setspecific(coverage_key, NULL);
                coverage_release(coverage);
        }
}

static void coverage_key_make(void)
{
        pthread_key_create(&coverage_key, coverage_release);
        atexit(coverage_release_at_exit);
}

static PangoCoverage *body_coverage(struct pdf *p)
{
        static pthread_once_t once = PTHREAD_ONCE_INIT;
        pthread_once(&once, coverage_key_make);
        PangoCoverage *coverage = pthread_getspecific(coverage_key);
        if (!coverage) {
                PangoFont *body = pango_context_load_font(p->ctx, p->fonts[FONT_BODY]);
                coverage = body ? pango_font_get_coverage(body, pango_language_get_default()) : NULL;
                if (body)
                        g_object_unref(body);
                pthread_setspecific(coverage_key, coverage);
        }
        return coverage;
}

PangoLayout *pdf_layout(struct pdf *p, const PangoFontDescription *font, const char *text,
                        double width, PangoAlignment align, double indent, bool justify)
{
        PangoLayout *l = pango_layout_new(p->ctx);
        PangoAttrList *attrs = pango_attr_list_new();
        pango_attr_list_insert(attrs, pango_attr_fallback_new(FALSE));
        pango_layout_set_attributes(l, attrs);
        pango_attr_list_unref(attrs);
        pango_layout_set_font_description(l, font);
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(l, align);
        pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
        pango_layout_set_justify(l, justify);
        struct buf b = BUF_INIT;
        pango_layout_set_text(l, covered(p, text, &b), -1);
        buf_free(&b);
        return l;
}

void pdf_draw_lines(struct pdf *p, PangoLayout *l, double x, double y, double pitch, int first,
                    int count, double embolden)
{
        PangoLayoutIter *it = pango_layout_get_iter(l);
        int i = 0;
        do {
                if (i >= first + count)
                        break;
                if (i >= first) {
                        PangoRectangle logical;
                        pango_layout_iter_get_line_extents(it, NULL, &logical);
                        double height = (double)logical.height / PANGO_SCALE;
                        double ascent =
                            (double)(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
                        double top = y + (i - first) * pitch + (pitch - height) / 2;
                        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
                        double lx = x + (double)logical.x / PANGO_SCALE;
                        cairo_move_to(p->cr, lx, top + ascent);
                        pango_cairo_show_layout_line(p->cr, line);
                        if (embolden > 0) { /* the line again, a hair to the right */
                                cairo_move_to(p->cr, lx + embolden, top + ascent);
                                pango_cairo_show_layout_line(p->cr, line);
                        }
                }
                i++;
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
}

/* ---- pages ------------------------------------------------------------------------------ */

static void footer(struct pdf *p)
{
        char num[48];
        snprintf(num, sizeof num, "— %d —", p->page);
        PangoLayout *l =
            pdf_layout(p, p->fonts[FONT_FOOTER], num, TEXT_W, PANGO_ALIGN_CENTER, 0, false);
        pdf_draw_lines(p, l, MARGIN_LEFT, BODY_BOTTOM + 14, 24, 0, 1, 0);
        g_object_unref(l);
}

void pdf_next_page(struct pdf *p)
{
        footer(p);
        cairo_show_page(p->cr);
        p->page++;
        p->y = BODY_TOP;
        p->drawn = false;
}

void pdf_need(struct pdf *p, double h)
{
        if (p->drawn && p->y + h > BODY_BOTTOM + 0.01)
                pdf_next_page(p);
}

/* A paragraph that may continue over pages; keep lines of the next block
 * (headings) are asked for by the caller through pdf_need. */
static void flow(struct pdf *p, PangoLayout *l, double x, double pitch, double embolden)
{
        int n = pango_layout_get_line_count(l);
        for (int i = 0; i < n;) {
                pdf_need(p, pitch);
                int fit = (int)((BODY_BOTTOM + 0.01 - p->y) / pitch);
                if (fit < 1)
                        fit = 1;
                if (fit > n - i)
                        fit = n - i;
                pdf_draw_lines(p, l, x, p->y, pitch, i, fit, embolden);
                p->y += fit * pitch;
                p->drawn = true;
                i += fit;
        }
}

static void text_block(struct pdf *p, enum pdf_font f, const char *text, PangoAlignment align,
                       double indent, bool justify, double pitch)
{
        PangoLayout *l = pdf_layout(p, p->fonts[f], text, TEXT_W, align, indent, justify);
        flow(p, l, MARGIN_LEFT, pitch, p->embolden[f]);
        g_object_unref(l);
}

static void outline(struct pdf *p, const char *text, double y)
{
        char link[96];
        snprintf(link, sizeof link, "page=%d pos=[%.1f %.1f]", p->page, MARGIN_LEFT, y);
        cairo_pdf_surface_add_outline(p->surface, CAIRO_PDF_OUTLINE_ROOT, text, link, 0);
}

static void block(struct pdf *p, const struct rblock *k)
{
        const double indent = 2 * 16; /* two characters of 三号 */
        switch (k->kind) {
        case RB_TITLE:
                p->y += LINE_PITCH / 2;
                text_block(p, FONT_TITLE, k->text, PANGO_ALIGN_CENTER, 0, false, 36);
                p->y += LINE_PITCH;
                break;
        case RB_HEADING1:
                pdf_need(p, 3 * LINE_PITCH); /* never last on a page */
                outline(p, k->text, p->y);
                text_block(p, FONT_HEADING1, k->text, PANGO_ALIGN_LEFT, indent, false, LINE_PITCH);
                break;
        case RB_HEADING2:
                pdf_need(p, 3 * LINE_PITCH);
                text_block(p, FONT_HEADING2, k->text, PANGO_ALIGN_LEFT, indent, false, LINE_PITCH);
                break;
        case RB_PARA:
                text_block(p, FONT_BODY, k->text, PANGO_ALIGN_LEFT, indent, false, LINE_PITCH);
                break;
        case RB_LINE:
                text_block(p, FONT_BODY, k->text, PANGO_ALIGN_LEFT, 0, false, LINE_PITCH);
                break;
        case RB_ANNEX:
                if (p->drawn)
                        pdf_next_page(p);
                outline(p, k->text, p->y);
                text_block(p, FONT_HEADING1, k->text, PANGO_ALIGN_LEFT, 0, false, LINE_PITCH);
                break;
        case RB_TABLE:
                pdf_table(p, k->grid);
                break;
        }
}

/* ---- the document --------------------------------------------------------------------------- */

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
        buf_append(closure, data, len);
        return CAIRO_STATUS_SUCCESS;
}

static void set_metadata(cairo_surface_t *s, const struct report *r)
{
        if (r->title)
                cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, r->title);
        if (r->author)
                cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, r->author);
        if (r->subject)
                cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, r->subject);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "jixiao");
}

/* A pango context for cairo at 72 dpi (font sizes are points), with
 * unhinted metrics and unrounded positions, as print output wants. */
static PangoContext *print_context(cairo_t *cr)
{
        PangoContext *ctx = pango_cairo_create_context(cr);
        pango_cairo_context_set_resolution(ctx, 72.0);
        cairo_font_options_t *fo = cairo_font_options_create();
        cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
        pango_cairo_context_set_font_options(ctx, fo);
        cairo_font_options_destroy(fo);
        pango_context_set_round_glyph_positions(ctx, FALSE);
        return ctx;
}

bool pdf_render(const struct report *r, struct buf *out, struct diags *errs)
{
        struct buf doc = BUF_INIT;
        struct pdf p = {.page = 1, .y = BODY_TOP};
        p.surface = cairo_pdf_surface_create_for_stream(write_out, &doc, PAGE_W, PAGE_H);
        p.cr = cairo_create(p.surface);
        p.ctx = print_context(p.cr);
        for (int f = 0; f < N_FONTS; f++) {
                p.fonts[f] = pango_font_description_new();
                pango_font_description_set_family(p.fonts[f], PDF_FAMILY);
                pango_font_description_set_size(p.fonts[f], (int)(roles[f].size * PANGO_SCALE));
                p.embolden[f] = roles[f].bold ? PDF_EMBOLDEN(roles[f].size) : 0;
        }
        static _Thread_local bool fonts_found; /* once found, fonts stay installed */
        bool ok = true;
        if (!fonts_found && !(fonts_found = font_present(&p, p.fonts[FONT_BODY]))) {
                diags_add(errs, "", NULL,
                          "生成 PDF 失败：未找到中文字体 %s（请安装 Debian 软件包 "
                          "fonts-wqy-zenhei）",
                          PDF_FAMILY);
                ok = false;
        }
        if (ok) {
                p.coverage = body_coverage(&p);
                set_metadata(p.surface, r);
                cairo_set_source_rgb(p.cr, 0, 0, 0);
                for (size_t i = 0; i < r->n_blocks; i++)
                        block(&p, &r->blocks[i]);
                footer(&p);
                cairo_show_page(p.cr);
        }
        for (int f = 0; f < N_FONTS; f++)
                pango_font_description_free(p.fonts[f]);
        g_object_unref(p.ctx);
        cairo_destroy(p.cr);
        cairo_surface_finish(p.surface);
        cairo_status_t st = cairo_surface_status(p.surface);
        cairo_surface_destroy(p.surface);
        if (ok && st != CAIRO_STATUS_SUCCESS) {
                diags_add(errs, "", NULL, "生成 PDF 失败：%s", cairo_status_to_string(st));
                ok = false;
        }
        if (ok)
                buf_append(out, doc.data ? doc.data : "", doc.len);
        buf_free(&doc);
        return ok;
}

void pdf_shutdown(void)
{
        pango_cairo_font_map_set_default(NULL);
        cairo_debug_reset_static_data();
}
