/* Import of a filled-in tables workbook: the round trip export → import
 * → the same document for every example (also after LibreOffice has
 * re-saved the workbook), edits taking effect, and one test per kind of
 * import error with its exact message; a workbook with any error changes
 * nothing. */
#include "../support/sheet_support.h"

#include "../../src/doc/doc_edit.h"
#include "../../src/sheet/sheet.h"
#include "../../src/sheet/sheet_int.h"
#include "../../src/sheet/xlsx_read.h"
#include "../../src/sheet/xlsx_write.h"

/* ---- helpers --------------------------------------------------------------------------------- */

static void template_of(const struct loaded *l, struct buf *out)
{
        struct diags errs = DIAGS_INIT;
        assert_true(sheet_tables_write(l->doc, l->eval, out, &errs));
        diags_free(&errs);
}

/* Where the template puts the entered cell of path. */
static void where_of(const struct loaded *l, const char *path, char entry[64], char ref[16])
{
        sheet_cell_of(l->doc, l->eval, path, entry, ref);
}

/* Import book into l's document, which must fail with status; returns the
 * diagnostics as lines joined by newlines (caller frees). */
static char *import_errors(const struct loaded *l, const struct buf *book,
                           enum sheet_import_status want)
{
        struct diags errs = DIAGS_INIT;
        enum sheet_import_status st;
        struct doc *d = sheet_import(l->doc, l->eval, book->data, book->len, &errs, &st);
        assert_null(d);
        assert_int_equal(st, want);
        assert_true(errs.n > 0);
        struct buf lines = BUF_INIT;
        for (size_t i = 0; i < errs.n; i++) {
                char *line = diag_line(&errs.items[i]);
                buf_printf(&lines, "%s%s", i ? "\n" : "", line);
                free(line);
        }
        diags_free(&errs);
        return buf_detach(&lines);
}

/* Set the entered cell of path to the cell XML body (attributes after the
 * reference, and content), import, and expect exactly one error line:
 * "<sheet>!<ref>（<label>）：<message>". */
static void expect_cell_error(const char *path, const char *attrs_and_body, const char *sheet,
                              const char *label, const char *message)
{
        struct loaded l;
        load_example(seed_examples[3], &l);
        struct buf book = BUF_INIT;
        template_of(&l, &book);
        char entry[64], ref[16], xml[2048];
        where_of(&l, path, entry, ref);
        snprintf(xml, sizeof xml, "<c r=\"%s\"%s", ref, attrs_and_body);
        set_cell_xml(&book, entry, ref, xml);
        char *got = import_errors(&l, &book, SHEET_IMPORT_INVALID);
        char want[4096];
        snprintf(want, sizeof want, "%s!%s（%s）：%s", sheet, ref, label, message);
        assert_string_equal(got, want);
        free(got);
        buf_free(&book);
        loaded_free(&l);
}

#define A_PATH      "$.self_eval.budget.adjusted"
#define A_LABEL     "全年预算数（A）"
#define NAME_PATH   "$.self_eval.indicators[0].groups[0].items[1].name"
#define STAFF_PATH  "$.basic_data.staffing.authorized"
#define STAFF_LABEL "编制数"

/* ---- round trips ----------------------------------------------------------------------------- */

static void test_round_trip_every_example(void **state)
{
        (void)state;
        for (size_t i = 0; i < 4; i++) {
                struct loaded l;
                load_example(seed_examples[i], &l);
                struct buf book = BUF_INIT;
                template_of(&l, &book);
                struct diags errs = DIAGS_INIT;
                enum sheet_import_status st;
                struct doc *d = sheet_import(l.doc, l.eval, book.data, book.len, &errs, &st);
                if (!d)
                        diags_print(&errs, stderr);
                assert_non_null(d);
                assert_int_equal(st, SHEET_IMPORT_OK);
                assert_int_equal(errs.n, 0);
                assert_true(doc_equal(l.doc, d));
                doc_free(d);
                diags_free(&errs);
                buf_free(&book);
                loaded_free(&l);
        }
}

/* Texts with what XML cannot hold or spreadsheets treat specially —
 * CR LF, tabs, control characters, a literal "_x0041_", spaces at both
 * ends — come back unchanged. */
static void test_round_trip_awkward_texts(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[3], &l);
        struct score_table *t = &l.doc->self.table;
        t->goal.achieved = "第一行\r\n第二行\t制表 _x0041_ _x005F_ ";
        t->goal.declared = "  前后空格  ";
        t->indicators[0].groups[0].items[0].deviation = "控制字符\x01？😀";
        struct buf book = BUF_INIT;
        template_of(&l, &book);
        struct diags errs = DIAGS_INIT;
        struct doc *d = sheet_import(l.doc, l.eval, book.data, book.len, &errs, NULL);
        if (!d)
                diags_print(&errs, stderr);
        assert_non_null(d);
        assert_string_equal(d->self.table.goal.achieved, t->goal.achieved);
        assert_string_equal(d->self.table.goal.declared, t->goal.declared);
        assert_string_equal(d->self.table.indicators[0].groups[0].items[0].deviation,
                            "控制字符\x01？😀");
        assert_true(doc_equal(l.doc, d));
        doc_free(d);
        diags_free(&errs);
        buf_free(&book);
        loaded_free(&l);
}

/* A text longer than a cell holds (32,767 characters) is shown cut with
 * a note, and the cut text, left as it is, does not shorten the field. */
static void test_round_trip_text_longer_than_a_cell(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[3], &l);
        struct buf longer = BUF_INIT;
        buf_repeat(&longer, "很长的完成情况", 6000); /* 42,000 characters */
        l.doc->self.table.goal.achieved = longer.data;
        struct buf book = BUF_INIT;
        template_of(&l, &book);
        struct buf sst = BUF_INIT;
        assert_true(zip_entry(&book, "xl/sharedStrings.xml", &sst));
        assert_non_null(strstr(sst.data, "完成情况很长的完……（超出单元格字数上限，已截断）</t>"));
        struct diags errs = DIAGS_INIT;
        struct doc *d = sheet_import(l.doc, l.eval, book.data, book.len, &errs, NULL);
        if (!d)
                diags_print(&errs, stderr);
        assert_non_null(d);
        assert_string_equal(d->self.table.goal.achieved, longer.data);
        assert_true(doc_equal(l.doc, d));
        doc_free(d);
        diags_free(&errs);
        buf_free(&sst);
        buf_free(&book);
        buf_free(&longer);
        loaded_free(&l);
}

/* LibreOffice re-saves the workbook in its own way (its shared strings,
 * styles, explicit cell types, numbers in its shortest form): the import
 * gives the same documents. */
static void test_round_trip_after_libreoffice(void **state)
{
        (void)state;
        if (!office_bin()) {
                fprintf(stderr, "LibreOffice is not installed (make deps installs it): "
                                "re-save round trip skipped\n");
                skip();
        }
        char *in = temp_dir(), *out = temp_dir();
        char paths[4][4200];
        const char *files[4];
        struct loaded l[4];
        for (size_t i = 0; i < 4; i++) {
                load_example(seed_examples[i], &l[i]);
                struct buf book = BUF_INIT;
                template_of(&l[i], &book);
                snprintf(paths[i], sizeof paths[i], "%s/seed-%zu.xlsx", in, i + 1);
                write_bytes(paths[i], book.data, book.len);
                files[i] = paths[i];
                buf_free(&book);
        }
        assert_int_equal(office_convert("xlsx:Calc MS Excel 2007 XML", out, files, 4), 0);
        for (size_t i = 0; i < 4; i++) {
                char path[4200];
                snprintf(path, sizeof path, "%s/seed-%zu.xlsx", out, i + 1);
                size_t len;
                char *data = read_file(path, &len);
                assert_non_null(data);
                struct diags errs = DIAGS_INIT;
                struct doc *d = sheet_import(l[i].doc, l[i].eval, data, len, &errs, NULL);
                if (!d)
                        diags_print(&errs, stderr);
                assert_non_null(d);
                assert_true(doc_equal(l[i].doc, d));
                doc_free(d);
                diags_free(&errs);
                free(data);
                loaded_free(&l[i]);
        }
        rm_rf(in);
        rm_rf(out);
        free(in);
        free(out);
}

/* Edited cells take effect: A corrected to the sum of its parts, a
 * deviation reason written, a blank optional cell clearing its field. */
/* The workbook offers spare 专项资金 rows: one filled becomes a fund of
 * the document, those left blank are dropped; no cell reads "(null)". */
static void test_spare_special_fund_rows(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[3], &l);
        size_t n = l.doc->basic.project_spending.special.n_funds;
        struct buf book = BUF_INIT;
        template_of(&l, &book);
        enum xlsx_status xs;
        struct diags errs = DIAGS_INIT;
        struct xlsx_book *wb = xlsx_read(book.data, book.len, NULL, &xs, &errs);
        assert_non_null(wb);
        for (size_t i = 0; i < wb->n_sheets; i++)
                for (size_t k = 0; k < wb->sheets[i].n_cells; k++)
                        assert_null(strstr(wb->sheets[i].cells[k].text, "(null)"));
        xlsx_free(wb);
        char path[128], entry[64], ref[16], xml[256];
        snprintf(path, sizeof path, "$.basic_data.project_spending.special.funds[%zu].name", n + 1);
        where_of(&l, path, entry, ref); /* the second spare row: the first stays blank */
        snprintf(xml, sizeof xml, "<c r=\"%s\" t=\"inlineStr\"><is><t>消费券专项资金</t></is></c>", ref);
        set_cell_xml(&book, entry, ref, xml);
        snprintf(path, sizeof path, "$.basic_data.project_spending.special.funds[%zu].final",
                 n + 1);
        where_of(&l, path, entry, ref);
        snprintf(xml, sizeof xml, "<c r=\"%s\"><v>12.5</v></c>", ref);
        set_cell_xml(&book, entry, ref, xml);
        struct doc *d = sheet_import(l.doc, l.eval, book.data, book.len, &errs, NULL);
        if (!d)
                diags_print(&errs, stderr);
        assert_non_null(d);
        const struct special_funds *sf = &d->basic.project_spending.special;
        assert_int_equal(sf->n_funds, n + 1);
        assert_string_equal(sf->funds[n].name, "消费券专项资金");
        char tmp[DEC_BUFSZ];
        assert_string_equal(dec_fmt(sf->funds[n].amounts.final, -1, tmp), "12.5");
        /* an untouched template adds nothing */
        struct buf plain = BUF_INIT;
        template_of(&l, &plain);
        struct doc *same = sheet_import(l.doc, l.eval, plain.data, plain.len, &errs, NULL);
        assert_non_null(same);
        assert_int_equal(same->basic.project_spending.special.n_funds, n);
        doc_free(same);
        doc_free(d);
        diags_free(&errs);
        buf_free(&plain);
        buf_free(&book);
        loaded_free(&l);
}

static void test_edits_take_effect(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[3], &l);
        struct buf book = BUF_INIT;
        template_of(&l, &book);
        char entry[64], ref[16], xml[1024];
        where_of(&l, A_PATH, entry, ref);
        snprintf(xml, sizeof xml, "<c r=\"%s\"><v>716.84</v></c>", ref);
        set_cell_xml(&book, entry, ref, xml);
        const char *dev = "$.self_eval.indicators[0].groups[3].items[0].deviation";
        where_of(&l, dev, entry, ref);
        snprintf(xml, sizeof xml, "<c r=\"%s\" t=\"inlineStr\"><is><t>成本控制</t></is></c>", ref);
        set_cell_xml(&book, entry, ref, xml);
        where_of(&l, "$.basic_data.procurement.prior_final", entry, ref);
        snprintf(xml, sizeof xml, "<c r=\"%s\"/>", ref);
        set_cell_xml(&book, entry, ref, xml);
        /* only spaces in a number cell: blank */
        where_of(&l, "$.basic_data.procurement.final", entry, ref);
        snprintf(xml, sizeof xml, "<c r=\"%s\" t=\"inlineStr\"><is><t>  </t></is></c>", ref);
        set_cell_xml(&book, entry, ref, xml);
        /* a number typed as text, with spaces, is read too */
        where_of(&l, "$.self_eval.budget.initial", entry, ref);
        snprintf(xml, sizeof xml, "<c r=\"%s\" t=\"inlineStr\"><is><t> 264.5 </t></is></c>", ref);
        set_cell_xml(&book, entry, ref, xml);

        struct diags errs = DIAGS_INIT;
        struct doc *d = sheet_import(l.doc, l.eval, book.data, book.len, &errs, NULL);
        if (!d)
                diags_print(&errs, stderr);
        assert_non_null(d);
        char tmp[DEC_BUFSZ];
        assert_string_equal(dec_fmt(d->self.table.budget.adjusted, -1, tmp), "716.84");
        assert_string_equal(dec_fmt(d->self.table.budget.initial, -1, tmp), "264.5");
        assert_string_equal(d->self.table.indicators[0].groups[3].items[0].deviation, "成本控制");
        assert_false(dec_is_set(d->basic.procurement.prior_final));
        assert_false(dec_is_set(d->basic.procurement.final));
        /* the blocking split error of seed 004 is gone */
        struct evaluation *e = engine_evaluate(d, l.scheme);
        for (size_t i = 0; i < e->n_findings; i++)
                assert_string_not_equal(e->findings[i].code, "split.income");
        engine_free(e);
        doc_free(d);
        diags_free(&errs);
        buf_free(&book);
        loaded_free(&l);
}

/* ---- numbers as typed: one parser for forms, the API and workbooks -----------------------------
 */

static void test_thousands_separators_only_where_they_belong(void **state)
{
        (void)state;
        /* the parser */
        static const struct {
                const char *typed, *value; /* NULL: refused for its grouping */
        } cases[] = {
            {"1,234,567.89", "1234567.89"},
            {"-1,234", "-1234"},
            {"12,345", "12345"},
            {"999,999,999,999", "999999999999"},
            {"1，234，567", "1234567"}, /* full-width commas, as a Chinese keyboard types them */
            {"1234567.89", "1234567.89"},
            {"0.5", "0.5"},
            {"1,2,3", NULL},
            {"1,,000", NULL},
            {"1,000,", NULL},
            {",100", NULL},
            {"1,00", NULL},
            {"1,0000", NULL},
            {"12345,678", NULL},
            {"0,123", NULL},
            {"1.234,5", NULL},
            {"1,234.5,6", NULL},
            {"1,234，567", NULL},
            {"-,100", NULL},
        };
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
                dec_t d;
                enum dec_parse_status st =
                    dec_parse_input(cases[i].typed, strlen(cases[i].typed), 0, &d);
                if (cases[i].value) {
                        char tmp[DEC_BUFSZ];
                        if (st != DEC_OK)
                                fail_msg("“%s” refused (%d)", cases[i].typed, st);
                        assert_string_equal(dec_fmt(d, -1, tmp), cases[i].value);
                } else if (st != DEC_ERR_GROUPING) {
                        fail_msg("“%s”: %d, expected a grouping error", cases[i].typed, st);
                }
        }
        dec_t pct;
        assert_int_equal(dec_parse_input("1,234.5%", 8, DEC_INPUT_PERCENT, &pct), DEC_OK);
        assert_int_equal(dec_parse_input("1,234.5%", 8, 0, &pct), DEC_ERR_SYNTAX);

        /* typed into a form or sent to the API (doc_assign) */
        struct loaded l;
        load_example(seed_examples[3], &l);
        struct diags errs = DIAGS_INIT;
        assert_false(doc_assign(l.doc, A_PATH, "1,2,3", &errs));
        assert_false(doc_assign(l.doc, A_PATH, "1,,000", &errs));
        assert_int_equal(errs.n, 2);
        assert_string_equal(errs.items[0].msg,
                            "“1,2,3”的千位分隔符位置不对：逗号只能三位一组，如 1,234,567.89；"
                            "也可以不写逗号，如 1234567.89");
        assert_true(doc_assign(l.doc, A_PATH, "1,234,567.89", &errs));
        char tmp[DEC_BUFSZ];
        assert_string_equal(dec_fmt(l.doc->self.table.budget.adjusted, -1, tmp), "1234567.89");
        assert_true(doc_assign(l.doc, STAFF_PATH, "1,200", &errs));
        assert_int_equal(l.doc->basic.staffing.authorized, 1200);
        assert_false(doc_assign(l.doc, STAFF_PATH, "1,20", &errs));
        assert_int_equal(errs.n, 3);
        diags_free(&errs);
        loaded_free(&l);

        /* typed as text into a workbook cell */
        expect_cell_error(A_PATH, " t=\"inlineStr\"><is><t>1,2,3</t></is></c>", "自评表", A_LABEL,
                          "千位分隔符位置不对：“1,2,3”，逗号只能三位一组，如 1,234,567.89；"
                          "也可以不写逗号，如 1234567.89");
        load_example(seed_examples[3], &l);
        struct buf book = BUF_INIT;
        template_of(&l, &book);
        char entry[64], ref[16], xml[1024];
        where_of(&l, A_PATH, entry, ref);
        snprintf(xml, sizeof xml, "<c r=\"%s\" t=\"inlineStr\"><is><t>1,716.84</t></is></c>", ref);
        set_cell_xml(&book, entry, ref, xml);
        struct doc *d = sheet_import(l.doc, l.eval, book.data, book.len, &errs, NULL);
        if (!d)
                diags_print(&errs, stderr);
        assert_non_null(d);
        assert_string_equal(dec_fmt(d->self.table.budget.adjusted, -1, tmp), "1716.84");
        doc_free(d);
        diags_free(&errs);
        buf_free(&book);
        loaded_free(&l);
}

/* ---- one test per kind of cell error --------------------------------------------------------- */

static void test_error_text_in_number_cell(void **state)
{
        (void)state;
        expect_cell_error(A_PATH, " t=\"inlineStr\"><is><t>七百</t></is></c>", "自评表", A_LABEL,
                          "应为数字，实际为文字“七百”");
}

static void test_error_boolean_and_error_value(void **state)
{
        (void)state;
        expect_cell_error(A_PATH, " t=\"b\"><v>1</v></c>", "自评表", A_LABEL,
                          "应为数字，实际为逻辑值 TRUE");
        expect_cell_error(A_PATH, " t=\"e\"><v>#DIV/0!</v></c>", "自评表", A_LABEL,
                          "应为数字，实际为错误值 #DIV/0!");
}

static void test_error_formula_without_value(void **state)
{
        (void)state;
        expect_cell_error(A_PATH, "><f>SUM(F7:F10)</f></c>", "自评表", A_LABEL,
                          "公式没有保存计算结果，请在电子表格软件中重新计算后保存");
}

static void test_error_too_many_decimals(void **state)
{
        (void)state;
        expect_cell_error(A_PATH, "><v>716.8312345</v></c>", "自评表", A_LABEL,
                          "小数位数过多：“716.8312345”，最多 6 位小数");
}

static void test_error_out_of_range(void **state)
{
        (void)state;
        expect_cell_error(A_PATH, "><v>1E+15</v></c>", "自评表", A_LABEL,
                          "数值超出范围：“1000000000000000”，整数部分最多 12 位");
}

static void test_error_not_an_integer(void **state)
{
        (void)state;
        expect_cell_error(STAFF_PATH, "><v>17.5</v></c>", "基础数据表", STAFF_LABEL,
                          "应为整数，实际为“17.5”");
        expect_cell_error(STAFF_PATH, "><v>-1</v></c>", "基础数据表", STAFF_LABEL,
                          "应为 0 到 100000000 之间的整数，实际为“-1”");
}

/* A 三级指标 left blank is a draft's business, not an import error: it
 * imports, and the engine reports the row (name.missing), which blocks
 * submission until it is named or removed. */
static void test_blank_indicator_name_imports_and_is_a_finding(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[3], &l);
        struct buf book = BUF_INIT;
        template_of(&l, &book);
        char entry[64], ref[16], xml[256];
        where_of(&l, NAME_PATH, entry, ref);
        snprintf(xml, sizeof xml, "<c r=\"%s\"/>", ref);
        set_cell_xml(&book, entry, ref, xml);
        struct diags errs = DIAGS_INIT;
        enum sheet_import_status st;
        struct doc *d = sheet_import(l.doc, l.eval, book.data, book.len, &errs, &st);
        assert_non_null(d);
        assert_int_equal(st, SHEET_IMPORT_OK);
        assert_null(d->self.table.indicators[0].groups[0].items[1].name);
        struct evaluation *e = engine_evaluate(d, l.scheme);
        bool found = false;
        for (size_t i = 0; i < e->n_findings; i++)
                found |= strcmp(e->findings[i].code, "name.missing") == 0 &&
                         strcmp(e->findings[i].path, NAME_PATH) == 0 &&
                         e->findings[i].severity == SEV_ERROR;
        assert_true(found);
        engine_free(e);
        doc_free(d);
        diags_free(&errs);
        buf_free(&book);
        loaded_free(&l);
}

static void test_error_text_too_long(void **state)
{
        (void)state;
        char body[1200];
        memset(body, 0, sizeof body);
        strcpy(body, " t=\"inlineStr\"><is><t>");
        memset(body + strlen(body), 'x', 1001);
        strcat(body, "</t></is></c>");
        expect_cell_error(NAME_PATH, body, "自评表", "三级指标",
                          "文字过长（1001 字节），最多 1000 字节");
}

/* A rule of the document format broken by the edit (two indicators of
 * one name under one group) is reported at the cell it is about. */
static void test_error_document_rule(void **state)
{
        (void)state;
        expect_cell_error(NAME_PATH, " t=\"inlineStr\"><is><t>农贸市改造</t></is></c>", "自评表",
                          "三级指标",
                          "三级指标 \"农贸市改造\" 在同一二级指标下重复（已见于 "
                          "$.self_eval.indicators[0].groups[0].items[0]）");
}

/* ---- sheets and layout ----------------------------------------------------------------------- */

/* Replace from by to in the workbook part (asserts from is there). */
static void edit_part(struct buf *book, const char *entry, const char *from, const char *to)
{
        struct buf part = BUF_INIT, edited = BUF_INIT;
        assert_true(zip_entry(book, entry, &part));
        const char *at = strstr(part.data, from);
        assert_non_null(at);
        buf_append(&edited, part.data, (size_t)(at - part.data));
        buf_puts(&edited, to);
        buf_puts(&edited, at + strlen(from));
        zip_put(book, entry, edited.data, edited.len);
        buf_free(&part);
        buf_free(&edited);
}

static void test_error_missing_and_unknown_sheet(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[3], &l);
        struct buf book = BUF_INIT;
        template_of(&l, &book);
        edit_part(&book, "xl/workbook.xml", "name=\"基础数据表\"", "name=\"Sheet1\"");
        char *got = import_errors(&l, &book, SHEET_IMPORT_INVALID);
        assert_string_equal(got,
                            "基础数据表：缺少工作表“基础数据表”：请上传由本任务模板填写的工作簿，"
                            "不要删除或改名工作表\n"
                            "Sheet1：工作表“Sheet1”不属于本任务的模板：请删除该工作表，"
                            "或在模板的工作表中填写");
        free(got);
        buf_free(&book);
        loaded_free(&l);
}

/* The 自评表 written with an empty row inserted before 总分. */
static void book_with_inserted_row(const struct loaded *l, struct buf *out, size_t *total_row)
{
        struct arena *a = arena_new();
        struct sheet_plan *plan;
        struct doc *tpl = sheet_template(l->doc);
        size_t n = sheet_tables_plan(a, tpl, l->eval, &plan);
        const struct grid *g = plan[1].grid;
        size_t at = g->rows - 2; /* 总分 */
        assert_string_equal(grid_at(g, at, 0)->text, "总分");
        struct grid *h = grid_new(a, g->rows + 1, g->cols);
        *h = (struct grid){g->title,  g->subtitle,    g->caption,  g->rows + 1, g->cols,
                           h->cells,  g->widths,      g->header_rows, h->row_info, g->key};
        for (size_t r = 0; r < g->rows; r++)
                memcpy(&h->cells[(r < at ? r : r + 1) * g->cols], &g->cells[r * g->cols],
                       g->cols * sizeof *g->cells);
        plan[1].grid = h;
        struct sheet_frame fr;
        sheet_frame(g, &fr);
        *total_row = fr.top + at;
        struct xw w;
        struct diags errs = DIAGS_INIT;
        assert_true(xw_open(&w, &errs));
        for (size_t i = 0; i < n; i++)
                assert_true(xw_grid_sheet(&w, plan[i].name, plan[i].grid, &errs));
        assert_true(xw_close(&w, out, &errs));
        diags_free(&errs);
        arena_free(a);
        doc_free(tpl);
}

static const char advice[] = "只能修改浅黄色的填报单元格，不要插入或删除行列、改动表头和标签，"
                             "也不要在表格之外填写；请重新下载模板后填写";

static void test_error_rows_inserted(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[3], &l);
        struct buf book = BUF_INIT;
        size_t row;
        book_with_inserted_row(&l, &book, &row);
        char *got = import_errors(&l, &book, SHEET_IMPORT_INVALID);
        char want[2048];
        snprintf(want, sizeof want, "自评表!A%zu：与模板不符：此处应为“总分”，实际为“”。%s",
                 row + 1, advice);
        assert_string_equal(got, want);
        free(got);
        buf_free(&book);
        loaded_free(&l);
}

static void test_error_label_changed_or_cell_outside(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[3], &l);
        struct buf book = BUF_INIT;
        template_of(&l, &book);
        char entry[64], ref[16], xml[512];
        where_of(&l, A_PATH, entry, ref); /* F6: 年度资金总额 is in B6 */
        const char *row = ref + 1;
        char label_ref[16], out_ref[16];
        snprintf(label_ref, sizeof label_ref, "B%s", row);
        snprintf(out_ref, sizeof out_ref, "M%s", row);
        snprintf(xml, sizeof xml, "<c r=\"%s\" t=\"inlineStr\"><is><t>资金总额</t></is></c>",
                 label_ref);
        set_cell_xml(&book, entry, label_ref, xml);
        char *got = import_errors(&l, &book, SHEET_IMPORT_INVALID);
        char want[2048];
        snprintf(want, sizeof want,
                 "自评表!%s：与模板不符：此处应为“年度资金总额”，实际为“资金总额”。%s", label_ref,
                 advice);
        assert_string_equal(got, want);
        free(got);

        buf_reset(&book);
        template_of(&l, &book);
        snprintf(xml, sizeof xml, "<c r=\"%s\" t=\"inlineStr\"><is><t>备注</t></is></c>", out_ref);
        set_cell_xml(&book, entry, out_ref, xml);
        got = import_errors(&l, &book, SHEET_IMPORT_INVALID);
        snprintf(want, sizeof want, "自评表!%s：与模板不符：此处应为空，实际为“备注”。%s", out_ref,
                 advice);
        assert_string_equal(got, want);
        free(got);
        buf_free(&book);
        loaded_free(&l);
}

/* ---- unusable files -------------------------------------------------------------------------- */

static void test_error_not_xlsx(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[3], &l);
        struct buf book = BUF_INIT;
        buf_puts(&book, "单位名称,全年预算数\n绥宁县商务局,716.83\n");
        char *got = import_errors(&l, &book, SHEET_IMPORT_UNUSABLE);
        assert_true(strncmp(got, "XLSX：文件不是 XLSX 工作簿（无法作为 ZIP 压缩包打开：", 64) == 0);
        free(got);
        const char *names[] = {"word/document.xml"};
        const char *contents[] = {"<w:document/>"};
        make_zip(&book, names, contents, 1);
        got = import_errors(&l, &book, SHEET_IMPORT_UNUSABLE);
        assert_string_equal(got, "XLSX：文件不是 XLSX 工作簿：压缩包中没有 xl/workbook.xml");
        free(got);
        buf_free(&book);
        loaded_free(&l);
}

static void test_error_over_the_limits(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[3], &l);
        struct buf book = BUF_INIT;
        buf_reserve(&book, 21u << 20);
        memset(book.data, 'P', 21u << 20);
        book.len = 21u << 20;
        book.data[book.len] = '\0';
        char *got = import_errors(&l, &book, SHEET_IMPORT_UNUSABLE);
        assert_string_equal(got, "XLSX：文件过大（22020096 字节），上限 20 MiB");
        free(got);
        /* a small archive that inflates past the limit (a "zip bomb") */
        buf_reset(&book);
        template_of(&l, &book);
        size_t big = 101u << 20;
        char *spaces = malloc(big);
        memset(spaces, ' ', big);
        zip_put(&book, "xl/media/padding.bin", spaces, big);
        free(spaces);
        assert_true(book.len < (1u << 20));
        got = import_errors(&l, &book, SHEET_IMPORT_UNUSABLE);
        assert_string_equal(got, "XLSX：工作簿解压后超过 100 MiB 的限制");
        free(got);
        buf_free(&book);
        loaded_free(&l);
}

/* Several errors are all listed, and the document is left as it was. */
static void test_errors_change_nothing(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[3], &l);
        struct buf before = BUF_INIT;
        doc_write(l.doc, &before);
        struct buf book = BUF_INIT;
        template_of(&l, &book);
        char entry[64], ref[16], xml[512];
        where_of(&l, A_PATH, entry, ref);
        snprintf(xml, sizeof xml, "<c r=\"%s\" t=\"inlineStr\"><is><t>abc</t></is></c>", ref);
        set_cell_xml(&book, entry, ref, xml);
        where_of(&l, "$.self_eval.budget.initial", entry, ref);
        snprintf(xml, sizeof xml, "<c r=\"%s\"><v>1.1234567</v></c>", ref);
        set_cell_xml(&book, entry, ref, xml);
        where_of(&l, STAFF_PATH, entry, ref);
        snprintf(xml, sizeof xml, "<c r=\"%s\"><v>30</v></c>", ref); /* a valid edit */
        set_cell_xml(&book, entry, ref, xml);
        char *got = import_errors(&l, &book, SHEET_IMPORT_INVALID);
        size_t lines = 1;
        for (const char *p = got; *p; p++)
                lines += *p == '\n';
        assert_int_equal(lines, 2);
        free(got);
        struct buf after = BUF_INIT;
        doc_write(l.doc, &after);
        assert_string_equal(before.data, after.data);
        buf_free(&before);
        buf_free(&after);
        buf_free(&book);
        loaded_free(&l);
}

/* A template whose sheet XML is damaged at random is imported or refused
 * with errors — never a crash, never a document with errors. */
static void test_damaged_templates(void **state)
{
        (void)state;
        struct loaded l;
        load_example(seed_examples[3], &l);
        struct buf book = BUF_INIT, sheet = BUF_INIT;
        template_of(&l, &book);
        assert_true(zip_entry(&book, "xl/worksheets/sheet2.xml", &sheet));
        uint64_t rng = 0x9E3779B97F4A7C15u;
        for (int round = 0; round < 60; round++) {
                struct buf part = BUF_INIT, copy = BUF_INIT;
                buf_append(&part, sheet.data, sheet.len);
                for (int k = 0; k < 3; k++) {
                        rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
                        size_t at = rng % part.len;
                        part.data[at] = "<>\"&0.9E-x_/"[rng % 13];
                }
                buf_append(&copy, book.data, book.len);
                zip_put(&copy, "xl/worksheets/sheet2.xml", part.data, part.len);
                struct diags errs = DIAGS_INIT;
                enum sheet_import_status st;
                struct doc *d = sheet_import(l.doc, l.eval, copy.data, copy.len, &errs, &st);
                assert_true(d ? errs.n == 0 && st == SHEET_IMPORT_OK : errs.n > 0);
                doc_free(d);
                diags_free(&errs);
                buf_free(&part);
                buf_free(&copy);
        }
        buf_free(&sheet);
        buf_free(&book);
        loaded_free(&l);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_round_trip_every_example),
            cmocka_unit_test(test_round_trip_awkward_texts),
            cmocka_unit_test(test_round_trip_text_longer_than_a_cell),
            cmocka_unit_test(test_round_trip_after_libreoffice),
            cmocka_unit_test(test_edits_take_effect),
            cmocka_unit_test(test_spare_special_fund_rows),
            cmocka_unit_test(test_error_text_in_number_cell),
            cmocka_unit_test(test_error_boolean_and_error_value),
            cmocka_unit_test(test_error_formula_without_value),
            cmocka_unit_test(test_error_too_many_decimals),
            cmocka_unit_test(test_error_out_of_range),
            cmocka_unit_test(test_error_not_an_integer),
            cmocka_unit_test(test_blank_indicator_name_imports_and_is_a_finding),
            cmocka_unit_test(test_error_text_too_long),
            cmocka_unit_test(test_error_document_rule),
            cmocka_unit_test(test_error_missing_and_unknown_sheet),
            cmocka_unit_test(test_error_rows_inserted),
            cmocka_unit_test(test_error_label_changed_or_cell_outside),
            cmocka_unit_test(test_error_not_xlsx),
            cmocka_unit_test(test_error_over_the_limits),
            cmocka_unit_test(test_errors_change_nothing),
            cmocka_unit_test(test_damaged_templates),
            cmocka_unit_test(test_thousands_separators_only_where_they_belong),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
