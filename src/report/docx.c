/* DOCX output of the report (see docx.h): the package parts as XML text,
 * the body from the report's blocks, tables from grids, zipped in memory.
 * Every text the report holds is XML-escaped here; the report model has
 * already removed control characters. */
#include "docx.h"

#include "../base/xalloc.h"
#include "../base/zipw.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Page geometry in twentieths of a point (GB/T 9704: A4, 37/35/28/26 mm). */
enum {
        PAGE_W = 11906,
        PAGE_H = 16838,
        MARGIN_TOP = 2098,
        MARGIN_BOTTOM = 1984,
        MARGIN_LEFT = 1588,
        MARGIN_RIGHT = 1474,
        TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT,
};

/* A fixed time for the archive's entries, so that output is reproducible. */
#define DOCX_MTIME ((time_t)1577836800) /* 2020-01-01 */

static const char *const XML_HEAD =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
#define NS_W      "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R      "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PR     "http://schemas.openxmlformats.org/package/2006/relationships"
#define CT_PREFIX "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* ---- XML text ------------------------------------------------------------------ */

static void esc(struct buf *b, const char *s)
{
        for (; *s; s++) {
                switch (*s) {
                case '&':
                        buf_puts(b, "&amp;");
                        break;
                case '<':
                        buf_puts(b, "&lt;");
                        break;
                case '>':
                        buf_puts(b, "&gt;");
                        break;
                case '"':
                        buf_puts(b, "&quot;");
                        break;
                default:
                        buf_putc(b, *s);
                }
        }
}

/* A run of s[0..n) with run properties rpr (may be ""). */
static void run_n(struct buf *b, const char *rpr, const char *s, size_t n)
{
        buf_printf(b, "<w:r>%s<w:t xml:space=\"preserve\">", rpr);
        char *copy = xstrndup(s, n);
        esc(b, copy);
        free(copy);
        buf_puts(b, "</w:t></w:r>");
}

/* A paragraph of style with properties ppr_extra; '\n' in text becomes
 * a line break. */
static void para(struct buf *b, const char *style, const char *ppr_extra, const char *rpr,
                 const char *text)
{
        buf_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>%s</w:pPr>", style, ppr_extra);
        for (const char *p = text; *p;) {
                const char *nl = strchr(p, '\n');
                size_t n = nl ? (size_t)(nl - p) : strlen(p);
                run_n(b, rpr, p, n);
                if (!nl)
                        break;
                buf_puts(b, "<w:r><w:br/></w:r>");
                p = nl + 1;
        }
        buf_puts(b, "</w:p>");
}

/* ---- tables ------------------------------------------------------------------------ */

/* Font size of a table in half-points: as large as 五号 (10.5 pt) while
 * the columns' widths in characters fit the text width, down to 7.5 pt. */
static unsigned table_half_points(const struct grid *g)
{
        unsigned chars = 0;
        for (size_t c = 0; c < g->cols; c++)
                chars += g->widths[c] ? g->widths[c] : 1;
        unsigned hp = (unsigned)(2u * TEXT_W / 20u / (chars ? chars : 1)); /* points × 2 */
        return hp > 21 ? 21 : hp < 15 ? 15 : hp;
}

/* Column widths in twips, proportional to the grid's, summing to TEXT_W. */
static void column_twips(const struct grid *g, unsigned *tw)
{
        unsigned total = 0, used = 0;
        for (size_t c = 0; c < g->cols; c++)
                total += g->widths[c] ? g->widths[c] : 1;
        for (size_t c = 0; c < g->cols; c++) {
                tw[c] = c + 1 == g->cols ? TEXT_W - used
                                         : TEXT_W * (g->widths[c] ? g->widths[c] : 1) / total;
                used += tw[c];
        }
}

/* For every cell, the index of the merge's top-left cell that covers it. */
static size_t *owners(const struct grid *g)
{
        size_t n = g->rows * g->cols;
        size_t *own = xmalloc((n ? n : 1) * sizeof *own);
        for (size_t i = 0; i < n; i++)
                own[i] = i;
        for (size_t r = 0; r < g->rows; r++)
                for (size_t c = 0; c < g->cols; c++) {
                        const struct grid_cell *cell = &g->cells[r * g->cols + c];
                        if (cell->rowspan == 0 || cell->colspan == 0)
                                continue;
                        for (size_t rr = r; rr < r + cell->rowspan && rr < g->rows; rr++)
                                for (size_t cc = c; cc < c + cell->colspan && cc < g->cols; cc++)
                                        own[rr * g->cols + cc] = r * g->cols + c;
                }
        return own;
}

static void cell_xml(struct buf *b, const struct grid *g, const struct grid_cell *cell,
                     const unsigned *tw, size_t col, unsigned span, const char *vmerge, unsigned hp,
                     bool body_of_merge)
{
        unsigned width = 0;
        for (size_t c = col; c < col + span && c < g->cols; c++)
                width += tw[c];
        buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%u\" w:type=\"dxa\"/>", width);
        if (span > 1)
                buf_printf(b, "<w:gridSpan w:val=\"%u\"/>", span);
        if (vmerge)
                buf_printf(b, "<w:vMerge w:val=\"%s\"/>", vmerge);
        if (cell->flags & CF_HEADER)
                buf_puts(b, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/>");
        buf_puts(b, "<w:vAlign w:val=\"center\"/></w:tcPr>");
        const char *jc = (cell->flags & (CF_HEADER | CF_CENTER)) ? "center"
                         : cell->kind == CELL_NUMBER             ? "right"
                                                                 : "left";
        char rpr[160];
        snprintf(rpr, sizeof rpr, "<w:rPr>%s<w:sz w:val=\"%u\"/><w:szCs w:val=\"%u\"/></w:rPr>",
                 cell->flags & (CF_HEADER | CF_BOLD) ? "<w:b/><w:bCs/>" : "", hp, hp);
        char ppr[64];
        snprintf(ppr, sizeof ppr, "<w:jc w:val=\"%s\"/>", jc);
        char tmp[64];
        const char *text = body_of_merge ? "" : report_cell_text(cell, tmp);
        /* every cell holds at least one paragraph; a '\n' starts another */
        const char *p = text;
        do {
                const char *nl = strchr(p, '\n');
                size_t n = nl ? (size_t)(nl - p) : strlen(p);
                buf_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>%s</w:pPr>", ppr);
                if (n)
                        run_n(b, rpr, p, n);
                buf_puts(b, "</w:p>");
                p = nl ? nl + 1 : p + n;
        } while (*p);
        buf_puts(b, "</w:tc>");
}

static void table_xml(struct buf *b, const struct grid *g)
{
        if (g->title)
                para(b, "TableTitle", "", "", g->title);
        if (g->subtitle)
                para(b, "TableSubtitle", "", "", g->subtitle);
        if (g->caption)
                para(b, "TableCaption", "", "", g->caption);
        if (!g->rows || !g->cols)
                return;
        unsigned *tw = xmalloc(g->cols * sizeof *tw);
        column_twips(g, tw);
        unsigned hp = table_half_points(g);
        size_t *own = owners(g);
        buf_puts(b, "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:jc w:val=\"center\"/>"
                    "<w:tblBorders>");
        static const char *const edges[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
        for (size_t i = 0; i < 6; i++)
                buf_printf(b,
                           "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
                           edges[i]);
        buf_puts(b, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>"
                    "<w:top w:w=\"29\" w:type=\"dxa\"/><w:left w:w=\"57\" w:type=\"dxa\"/>"
                    "<w:bottom w:w=\"29\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/>"
                    "</w:tblCellMar><w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>");
        for (size_t c = 0; c < g->cols; c++)
                buf_printf(b, "<w:gridCol w:w=\"%u\"/>", tw[c]);
        buf_puts(b, "</w:tblGrid>");
        for (size_t r = 0; r < g->rows; r++) {
                buf_puts(b, "<w:tr>");
                if (r < g->header_rows)
                        buf_puts(b, "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
                for (size_t c = 0; c < g->cols;) {
                        size_t i = r * g->cols + c;
                        const struct grid_cell *top = &g->cells[own[i]];
                        size_t top_row = own[i] / g->cols, top_col = own[i] % g->cols;
                        unsigned span = top->colspan ? top->colspan : 1;
                        if (top_col != c) { /* inside a merge begun to the left: no cell */
                                c++;
                                continue;
                        }
                        if (top_row == r)
                                cell_xml(b, g, top, tw, c, span,
                                         top->rowspan > 1 ? "restart" : NULL, hp, false);
                        else
                                cell_xml(b, g, top, tw, c, span, "continue", hp, true);
                        c += span;
                }
                buf_puts(b, "</w:tr>");
        }
        buf_puts(b, "</w:tbl>");
        para(b, "AfterTable", "", "", "");
        free(own);
        free(tw);
}

/* ---- the parts --------------------------------------------------------------------- */

static void document_xml(struct buf *b, const struct report *r)
{
        buf_puts(b, XML_HEAD);
        buf_puts(b, "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:body>");
        for (size_t i = 0; i < r->n_blocks; i++) {
                const struct rblock *k = &r->blocks[i];
                switch (k->kind) {
                case RB_TITLE:
                        para(b, "Title", "", "", k->text);
                        break;
                case RB_HEADING1:
                        para(b, "Heading1", "", "", k->text);
                        break;
                case RB_HEADING2:
                        para(b, "Heading2", "", "", k->text);
                        break;
                case RB_PARA:
                        para(b, "BodyText", "", "", k->text);
                        break;
                case RB_LINE:
                        para(b, "BodyNoIndent", "", "", k->text);
                        break;
                case RB_ANNEX:
                        para(b, "AnnexLabel", "<w:pageBreakBefore/>", "", k->text);
                        break;
                case RB_TABLE:
                        table_xml(b, k->grid);
                        break;
                }
        }
        buf_printf(b,
                   "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>"
                   "<w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar w:top=\"%d\" w:right=\"%d\" "
                   "w:bottom=\"%d\" w:left=\"%d\" w:header=\"851\" w:footer=\"1134\" "
                   "w:gutter=\"0\"/><w:pgNumType w:start=\"1\"/></w:sectPr>",
                   PAGE_W, PAGE_H, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT);
        buf_puts(b, "</w:body></w:document>");
}

/* Run properties naming a Chinese font for East Asian text. */
#define FONTS(east)                                                                                \
        "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "                       \
        "w:cs=\"Times New Roman\" w:eastAsia=\"" east "\"/>"
#define SIZE(hp) "<w:sz w:val=\"" #hp "\"/><w:szCs w:val=\"" #hp "\"/>"
/* Body lines exactly 28.95 pt apart: 22 lines of 三号 text per page. */
#define EXACT "<w:spacing w:line=\"579\" w:lineRule=\"exact\"/>"

static const char *const STYLES_XML =
    "<w:styles xmlns:w=\"" NS_W "\">"
    "<w:docDefaults><w:rPrDefault><w:rPr>" FONTS("仿宋_GB2312") SIZE(
        32) "<w:kern w:val=\"2\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>"
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/>"
            "<w:jc w:val=\"both\"/>" EXACT "</w:pPr></w:pPrDefault></w:docDefaults>"
            /* 正文 */
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
            "<w:qFormat/></w:style>"
            "<w:style w:type=\"paragraph\" w:styleId=\"BodyText\"><w:name w:val=\"Body Text\"/>"
            "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:ind w:firstLineChars=\"200\" "
            "w:firstLine=\"640\"/></w:pPr></w:style>"
            "<w:style w:type=\"paragraph\" w:styleId=\"BodyNoIndent\"><w:name w:val=\"Body Text No "
            "Indent\"/><w:basedOn w:val=\"Normal\"/></w:style>"
            /* 标题：方正小标宋简体 二号 */
            "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
            "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr><w:jc "
            "w:val=\"center\"/><w:spacing w:before=\"0\" w:after=\"579\" w:line=\"700\" "
            "w:lineRule=\"exact\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr>" FONTS("方正小标宋简体") SIZE(
                44) "</w:rPr></w:style>"
                    /* 一级标题：黑体 三号；二级标题：楷体_GB2312 三号 */
                    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
                    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr>"
                    "<w:keepNext/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:outlineLvl "
                    "w:val=\"0\"/></w:pPr><w:rPr>" FONTS(
                        "黑体") "</w:rPr></w:style>"
                                "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
                                "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr>"
                                "<w:keepNext/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:outlineLvl "
                                "w:val=\"1\"/></w:pPr><w:rPr>" FONTS(
                                    "楷体_GB2312") "</w:rPr></w:style>"
                                                   /* 附件标注：黑体 三号，顶格 */
                                                   "<w:style w:type=\"paragraph\" w:styleId=\"AnnexLabel\"><w:name w:val=\"Annex Label\"/>"
                                                   "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"TableTitle\"/><w:pPr><w:keepNext/></w:pPr>"
                                                   "<w:rPr>" FONTS(
                                                       "黑体") "</w:rPr></w:style>"
                                                               /* 表格标题、副标题、表头说明 */
                                                               "<w:style w:type=\"paragraph\" w:styleId=\"TableTitle\"><w:name w:val=\"Table Title\"/>"
                                                               "<w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:jc w:val=\"center\"/><w:spacing "
                                                               "w:before=\"120\" w:after=\"60\" w:line=\"360\" w:lineRule=\"auto\"/></w:pPr><w:rPr>" FONTS(
                                                                   "方正小标宋简体")
                                                                   SIZE(
                                                                       32) "</w:rPr></w:style>"
                                                                           "<w:style w:type=\"paragraph\" w:styleId=\"TableSubtitle\"><w:name w:val=\"Table "
                                                                           "Subtitle\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:jc w:val=\"center\"/>"
                                                                           "<w:spacing w:after=\"60\" w:line=\"300\" w:lineRule=\"auto\"/></w:pPr><w:rPr>" FONTS(
                                                                               "楷体_GB2312")
                                                                               SIZE(
                                                                                   24) "</w:rPr></w:style>"
                                                                                       "<w:style w:type=\"paragraph\" w:styleId=\"TableCaption\"><w:name w:val=\"Table "
                                                                                       "Caption\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:jc w:val=\"left\"/>"
                                                                                       "<w:spacing w:after=\"60\" w:line=\"300\" w:lineRule=\"auto\"/></w:pPr><w:rPr>" FONTS(
                                                                                           "宋体")
                                                                                           SIZE(
                                                                                               21) "</w:rPr></w:style>"
                                                                                                   /* 表格文字：宋体，单倍行距 */
                                                                                                   "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/>"
                                                                                                   "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" "
                                                                                                   "w:lineRule=\"auto\"/></w:pPr><w:rPr>" FONTS(
                                                                                                       "宋体")
                                                                                                       SIZE(
                                                                                                           21) "</w:rPr></w:style>"
                                                                                                               "<w:style w:type=\"paragraph\" w:styleId=\"AfterTable\"><w:name w:val=\"After Table\"/>"
                                                                                                               "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" "
                                                                                                               "w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr>" SIZE(
                                                                                                                   16) "</w:rPr></w:style>"
                                                                                                                       "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/>"
                                                                                                                       "<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/><w:spacing w:line=\"240\" "
                                                                                                                       "w:lineRule=\"auto\"/></w:pPr><w:rPr>" FONTS(
                                                                                                                           "宋体")
                                                                                                                           SIZE(
                                                                                                                               28) "</w:rPr></w:style>"
                                                                                                                                   "</w:styles>";

/* Fonts named by the styles, with the names Word and WPS fall back to. */
static const char *const FONT_TABLE_XML =
    "<w:fonts xmlns:w=\"" NS_W "\">"
    "<w:font w:name=\"Times New Roman\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/>"
    "<w:pitch w:val=\"variable\"/></w:font>"
    "<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/><w:charset w:val=\"86\"/>"
    "<w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>"
    "<w:font w:name=\"黑体\"><w:altName w:val=\"SimHei\"/><w:charset w:val=\"86\"/>"
    "<w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>"
    "<w:font w:name=\"楷体_GB2312\"><w:altName w:val=\"楷体\"/><w:charset w:val=\"86\"/>"
    "<w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>"
    "<w:font w:name=\"宋体\"><w:altName w:val=\"SimSun\"/><w:charset w:val=\"86\"/>"
    "<w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/></w:font>"
    "<w:font w:name=\"方正小标宋简体\"><w:altName w:val=\"宋体\"/><w:charset w:val=\"86\"/>"
    "<w:family w:val=\"script\"/><w:pitch w:val=\"variable\"/></w:font>"
    "</w:fonts>";

/* "— 1 —" centred in the footer (GB/T 9704 puts it outside; centred reads well). */
static const char *const FOOTER_XML =
    "<w:ftr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/>"
    "</w:pPr><w:r><w:t xml:space=\"preserve\">— </w:t></w:r><w:r><w:fldChar "
    "w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE "
    "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t>"
    "</w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\"> —"
    "</w:t></w:r></w:p></w:ftr>";

static const char *const SETTINGS_XML =
    "<w:settings xmlns:w=\"" NS_W "\"><w:defaultTabStop w:val=\"420\"/>"
    "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
    "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>";

static const char *const CONTENT_TYPES_XML =
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"" CT_PREFIX "document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"" CT_PREFIX "styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"" CT_PREFIX "settings+xml\"/>"
    "<Override PartName=\"/word/fontTable.xml\" ContentType=\"" CT_PREFIX "fontTable+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"" CT_PREFIX "footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

static const char *const PACKAGE_RELS_XML =
    "<Relationships xmlns=\"" NS_PR "\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_R "/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
    "core-properties\" Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" NS_R "/extended-properties\" "
    "Target=\"docProps/app.xml\"/></Relationships>";

static const char *const DOCUMENT_RELS_XML =
    "<Relationships xmlns=\"" NS_PR "\">"
    "<Relationship Id=\"rIdStyles\" Type=\"" NS_R "/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rIdSettings\" Type=\"" NS_R "/settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rIdFonts\" Type=\"" NS_R "/fontTable\" Target=\"fontTable.xml\"/>"
    "<Relationship Id=\"rIdFooter1\" Type=\"" NS_R "/footer\" Target=\"footer1.xml\"/>"
    "</Relationships>";

static void core_xml(struct buf *b, const struct report *r)
{
        buf_puts(b, XML_HEAD);
        buf_puts(b, "<cp:coreProperties "
                    "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
                    "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
        esc(b, r->title ? r->title : "");
        buf_puts(b, "</dc:title><dc:subject>");
        esc(b, r->subject ? r->subject : "");
        buf_puts(b, "</dc:subject><dc:creator>");
        esc(b, r->author ? r->author : "");
        buf_puts(b, "</dc:creator><dc:language>zh-CN</dc:language></cp:coreProperties>");
}

static const char *const APP_XML =
    "<Properties "
    "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
    "<Application>jixiao</Application></Properties>";

/* ---- the archive ---------------------------------------------------------------------- */

enum { N_PARTS = 9 };

struct part {
        const char *name;
        struct buf data;
};

/* Zip parts[0..n) into out. */
static bool zip_parts(struct part *parts, size_t n, struct buf *out, struct diags *errs)
{
        struct zipw *z = zipw_new(errs);
        bool ok = z != NULL;
        for (size_t i = 0; i < n && ok; i++)
                ok = zipw_add(z, parts[i].name, parts[i].data.data, parts[i].data.len, DOCX_MTIME,
                              errs);
        if (!ok) {
                zipw_free(z);
                return false;
        }
        return zipw_finish(z, out, errs);
}

bool docx_render(const struct report *r, struct buf *out, struct diags *errs)
{
        struct part parts[N_PARTS] = {
            {"[Content_Types].xml", BUF_INIT}, {"_rels/.rels", BUF_INIT},
            {"docProps/core.xml", BUF_INIT},   {"docProps/app.xml", BUF_INIT},
            {"word/document.xml", BUF_INIT},   {"word/_rels/document.xml.rels", BUF_INIT},
            {"word/styles.xml", BUF_INIT},     {"word/settings.xml", BUF_INIT},
            {"word/fontTable.xml", BUF_INIT},
        };
        const char *fixed[N_PARTS] = {
            CONTENT_TYPES_XML, PACKAGE_RELS_XML, NULL,         APP_XML,       NULL,
            DOCUMENT_RELS_XML, STYLES_XML,       SETTINGS_XML, FONT_TABLE_XML};
        for (size_t i = 0; i < N_PARTS; i++)
                if (fixed[i]) {
                        buf_puts(&parts[i].data, XML_HEAD);
                        buf_puts(&parts[i].data, fixed[i]);
                }
        core_xml(&parts[2].data, r);
        document_xml(&parts[4].data, r);
        struct part footer = {"word/footer1.xml", BUF_INIT};
        buf_puts(&footer.data, XML_HEAD);
        buf_puts(&footer.data, FOOTER_XML);

        struct part all[N_PARTS + 1];
        memcpy(all, parts, sizeof parts);
        all[N_PARTS] = footer;
        size_t before = out->len;
        bool ok = zip_parts(all, N_PARTS + 1, out, errs);
        if (!ok)
                buf_truncate(out, before);
        for (size_t i = 0; i < N_PARTS + 1; i++)
                buf_free(&all[i].data);
        return ok;
}
