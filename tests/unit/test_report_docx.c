/* The DOCX writer: a well-formed package (read back with libzip, every
 * part parsed with expat), tables with merged cells and repeated header
 * rows, a paragraph in every cell, escaped user text, A4 with the
 * official margins, page numbers, and the same bytes every time. */
#include "../support/reports.h"

#include "../../src/report/docx.h"
#include "../../src/report/report.h"

#include <expat.h>
#include <zip.h>

/* The contents of entry name of the ZIP in data (free it), or NULL. */
static char *zip_entry(const struct buf *data, const char *name)
{
        zip_error_t ze;
        zip_error_init(&ze);
        zip_source_t *src = zip_source_buffer_create(data->data, data->len, 0, &ze);
        assert_non_null(src);
        zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
        assert_non_null(za);
        char *out = NULL;
        zip_stat_t st;
        if (zip_stat(za, name, 0, &st) == 0) {
                zip_file_t *f = zip_fopen(za, name, 0);
                assert_non_null(f);
                out = malloc(st.size + 1);
                assert_int_equal(zip_fread(f, out, st.size), (zip_int64_t)st.size);
                out[st.size] = '\0';
                zip_fclose(f);
        }
        zip_close(za);
        zip_error_fini(&ze);
        return out;
}

/* Structure seen while parsing document.xml. */
struct walk {
        int in_tc;         /* depth of w:tc nesting */
        int tc_paragraphs; /* w:p directly inside the current w:tc */
        size_t cells, empty_cells, tables, header_rows, grid_spans, vmerge_restart, vmerge_continue;
};

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
        struct walk *w = ud;
        if (strcmp(name, "w:tc") == 0) {
                w->in_tc++;
                w->tc_paragraphs = 0;
                w->cells++;
        } else if (strcmp(name, "w:p") == 0 && w->in_tc) {
                w->tc_paragraphs++;
        } else if (strcmp(name, "w:tbl") == 0) {
                w->tables++;
        } else if (strcmp(name, "w:tblHeader") == 0) {
                w->header_rows++;
        } else if (strcmp(name, "w:gridSpan") == 0) {
                w->grid_spans++;
        } else if (strcmp(name, "w:vMerge") == 0) {
                for (size_t i = 0; attrs[i]; i += 2)
                        if (strcmp(attrs[i], "w:val") == 0)
                                strcmp(attrs[i + 1], "restart") == 0 ? w->vmerge_restart++
                                                                     : w->vmerge_continue++;
        }
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
        struct walk *w = ud;
        if (strcmp(name, "w:tc") == 0) {
                w->empty_cells += w->tc_paragraphs == 0;
                w->in_tc--;
        }
}

/* Parse xml; fail the test unless it is well-formed. */
static struct walk parse(const char *xml, const char *what)
{
        struct walk w = {0};
        XML_Parser p = XML_ParserCreate("UTF-8");
        XML_SetUserData(p, &w);
        XML_SetElementHandler(p, on_start, on_end);
        if (XML_Parse(p, xml, (int)strlen(xml), 1) != XML_STATUS_OK)
                fprintf(stderr, "%s: %s at line %lu\n", what, XML_ErrorString(XML_GetErrorCode(p)),
                        (unsigned long)XML_GetCurrentLineNumber(p));
        assert_int_equal(XML_GetErrorCode(p), XML_ERROR_NONE);
        XML_ParserFree(p);
        return w;
}

static void render(struct seed *s, struct buf *out)
{
        struct report *r = report_build(s->doc, s->e);
        struct diags errs = DIAGS_INIT;
        assert_true(docx_render(r, out, &errs));
        assert_int_equal(diags_count(&errs), 0);
        report_free(r);
}

static void test_packages_are_well_formed(void **state)
{
        (void)state;
        static const char *const parts[] = {"[Content_Types].xml", "_rels/.rels",
                                            "docProps/core.xml",   "docProps/app.xml",
                                            "word/document.xml",   "word/_rels/document.xml.rels",
                                            "word/styles.xml",     "word/settings.xml",
                                            "word/fontTable.xml",  "word/footer1.xml"};
        for (size_t i = 0; i < 4; i++) {
                struct seed s = seed_load(i);
                struct buf out = BUF_INIT;
                render(&s, &out);
                assert_true(out.len > 4 && memcmp(out.data, "PK\x03\x04", 4) == 0);
                char name[64];
                snprintf(name, sizeof name, "report-seed-%03zu.docx", i + 1);
                save_file(artifact_path(name), &out);
                for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
                        char *xml = zip_entry(&out, parts[k]);
                        assert_non_null(xml);
                        parse(xml, parts[k]);
                        free(xml);
                }
                char *doc = zip_entry(&out, "word/document.xml");
                struct walk w = parse(doc, "document.xml");
                assert_true(w.tables >= 2); /* section tables and the annex */
                assert_true(w.cells > 20);
                assert_int_equal(w.empty_cells, 0); /* every cell has a paragraph */
                assert_true(w.header_rows >=
                            1); /* long tables repeat their heads; the 基础数据表 is a form */
                assert_true(w.grid_spans > 0); /* 预算执行率 and 总分 span columns */
                /* A4 and the margins of GB/T 9704; the footer's page field */
                assert_non_null(strstr(doc, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
                assert_non_null(strstr(doc, "w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" "
                                            "w:left=\"1588\""));
                char *footer = zip_entry(&out, "word/footer1.xml");
                assert_non_null(strstr(footer, "<w:instrText xml:space=\"preserve\"> PAGE "));
                free(footer);
                char *styles = zip_entry(&out, "word/styles.xml");
                assert_non_null(strstr(styles, "w:eastAsia=\"仿宋_GB2312\""));
                assert_non_null(strstr(styles, "w:eastAsia=\"黑体\""));
                free(styles);
                free(doc);
                buf_free(&out);
                seed_free(&s);
        }
}

/* Seed 004's three-level indicators: levels merged down with vMerge. */
static void test_vertical_merges(void **state)
{
        (void)state;
        struct seed s = seed_load(3);
        struct buf out = BUF_INIT;
        render(&s, &out);
        char *doc = zip_entry(&out, "word/document.xml");
        struct walk w = parse(doc, "document.xml");
        assert_true(w.vmerge_restart >= 4);
        assert_true(w.vmerge_continue >= w.vmerge_restart);
        assert_non_null(strstr(doc, "<w:t xml:space=\"preserve\">产出指标</w:t>"));
        free(doc);
        buf_free(&out);
        seed_free(&s);
}

static void test_user_text_is_escaped(void **state)
{
        (void)state;
        struct seed s = seed_load(3);
        s.doc->narrative.problems = "A<B & C>D \"E\" ]]> &amp; \x02";
        s.doc->unit.name = "绥宁县<商务局>&";
        struct buf out = BUF_INIT;
        render(&s, &out);
        char *doc = zip_entry(&out, "word/document.xml");
        parse(doc, "document.xml");
        assert_non_null(strstr(doc, "A&lt;B &amp; C&gt;D &quot;E&quot; ]]&gt; &amp;amp;"));
        assert_non_null(strstr(doc, "绥宁县&lt;商务局&gt;&amp;"));
        char *core = zip_entry(&out, "docProps/core.xml");
        parse(core, "core.xml");
        free(core);
        free(doc);
        buf_free(&out);
        seed_free(&s);
}

static void test_same_bytes_every_time(void **state)
{
        (void)state;
        struct seed s = seed_load(0);
        struct buf a = BUF_INIT, b = BUF_INIT;
        render(&s, &a);
        render(&s, &b);
        assert_int_equal(a.len, b.len);
        assert_memory_equal(a.data, b.data, a.len);
        buf_free(&a);
        buf_free(&b);
        seed_free(&s);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_packages_are_well_formed),
            cmocka_unit_test(test_vertical_merges),
            cmocka_unit_test(test_user_text_is_escaped),
            cmocka_unit_test(test_same_bytes_every_time),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
