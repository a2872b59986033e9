/* The XLSX reader (src/sheet/xlsx_read.c) on hand-made workbooks: the
 * forms producers write (shared, rich and inline strings, numbers in
 * exponent form, booleans, errors, formulas, cells and rows without
 * references, namespace prefixes, absolute part paths), each limit
 * against hostile files, the rejection of DTDs, entities and broken XML,
 * and the exact reading of number texts. */
#include "../support/sheet_support.h"

#include "../../src/sheet/sheet_int.h"
#include "../../src/sheet/xlsx_read.h"

#define NS   "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define RNS  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define RELS "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\""

static const char workbook[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " NS " " RNS "><sheets>"
    "<sheet name=\"自评表\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"Other\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
static const char rels[] =
    "<Relationships " RELS ">"
    "<Relationship Id=\"rId1\" Type=\"x\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"x\" Target=\"/xl/worksheets/other.xml\"/>"
    "</Relationships>";
static const char strings[] =
    "<sst " NS
    "><si><t>甲_x000D__x000A_乙_x005F_x0041_ _xD83D__xDE00_ _xD83D_ _x0000_ _xZZZZ_</t></si>"
    "<si><r><t>乙</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> 丙</t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>yi</t></rPh></si></sst>";
static const char sheet1[] =
    "<worksheet " NS "><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
    "<c r=\"C1\"><v>716.83</v></c><c r=\"D1\" t=\"n\"><v>1E-07</v></c></row>"
    "<row r=\"3\"><c t=\"b\"><v>1</v></c><c t=\"e\"><v>#N/A</v></c>"
    "<c t=\"inlineStr\"><is><t>内联_x0009_</t></is></c><c t=\"str\"><f>A1</f><v>甲</v></c>"
    "<c><f>1+1</f></c><c s=\"3\"/></row>"
    "<row><c r=\"$B$4\"><v>-2.5</v></c></row>"
    "</sheetData></worksheet>";
/* a producer that prefixes the main namespace */
static const char other[] = "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/"
                            "spreadsheetml/2006/main\"><x:sheetData><x:row r=\"2\">"
                            "<x:c r=\"B2\" t=\"inlineStr\"><x:is><x:t>前缀</x:t></x:is></x:c>"
                            "</x:row></x:sheetData></x:worksheet>";

enum { N_PARTS = 5 };
static const char *const part_names[N_PARTS] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                                "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
                                                "xl/worksheets/other.xml"};

static void book_of(struct buf *out, const char *const contents[N_PARTS])
{
        make_zip(out, part_names, contents, N_PARTS);
}

static void good_book(struct buf *out)
{
        const char *contents[N_PARTS] = {workbook, rels, strings, sheet1, other};
        book_of(out, contents);
}

static void expect_cell(const struct xlsx_sheet *s, const char *ref, enum xlsx_cell_type type,
                        const char *text)
{
        uint32_t row, col;
        assert_true(xlsx_parse_ref(ref, &row, &col));
        const struct xlsx_cell *c = xlsx_cell(s, row, col);
        if (!c)
                fprintf(stderr, "no cell %s\n", ref);
        assert_non_null(c);
        assert_int_equal(c->type, type);
        assert_string_equal(c->text, text);
}

static void test_reads_every_form(void **state)
{
        (void)state;
        struct buf book = BUF_INIT;
        good_book(&book);
        struct diags errs = DIAGS_INIT;
        enum xlsx_status st;
        struct xlsx_book *b = xlsx_read(book.data, book.len, NULL, &st, &errs);
        if (!b)
                diags_print(&errs, stderr);
        assert_non_null(b);
        assert_int_equal(st, XLSX_OK);
        assert_int_equal(b->n_sheets, 2);
        assert_string_equal(b->sheets[0].name, "自评表");
        const struct xlsx_sheet *s = xlsx_sheet(b, "自评表");
        /* escapes decoded; a literal "_x" kept; a lone surrogate, NUL or non-hex as written */
        expect_cell(s, "A1", XLSX_STRING, "甲\r\n乙_x0041_ 😀 _xD83D_ _x0000_ _xZZZZ_");
        expect_cell(s, "B1", XLSX_STRING, "乙 丙"); /* rich runs joined, phonetic run left out */
        expect_cell(s, "C1", XLSX_NUMBER, "716.83");
        expect_cell(s, "D1", XLSX_NUMBER, "1E-07");
        expect_cell(s, "A3", XLSX_BOOL, "1");
        expect_cell(s, "B3", XLSX_ERROR, "#N/A");
        expect_cell(s, "C3", XLSX_STRING, "内联\t");
        expect_cell(s, "D3", XLSX_STRING, "甲");
        assert_true(xlsx_cell(s, 2, 3)->formula);
        const struct xlsx_cell *f = xlsx_cell(s, 2, 4); /* E3: a formula without a value */
        assert_non_null(f);
        assert_true(f->no_value);
        assert_null(xlsx_cell(s, 2, 5));           /* F3: styled, empty */
        expect_cell(s, "B4", XLSX_NUMBER, "-2.5"); /* a row without r follows row 3 */
        assert_int_equal(s->n_cells, 10);
        const struct xlsx_sheet *o = xlsx_sheet(b, "Other");
        expect_cell(o, "B2", XLSX_STRING, "前缀");
        assert_null(xlsx_sheet(b, "自评"));
        xlsx_free(b);
        diags_free(&errs);
        buf_free(&book);
}

static void test_references(void **state)
{
        (void)state;
        uint32_t r, c;
        assert_true(xlsx_parse_ref("XFD1048576", &r, &c));
        assert_int_equal(r, 1048575);
        assert_int_equal(c, 16383);
        assert_true(xlsx_parse_ref("$AA$10", &r, &c));
        assert_int_equal(r, 9);
        assert_int_equal(c, 26);
        assert_false(xlsx_parse_ref("XFE1", &r, &c));
        assert_false(xlsx_parse_ref("A1048577", &r, &c));
        assert_false(xlsx_parse_ref("A0", &r, &c));
        assert_false(xlsx_parse_ref("12", &r, &c));
        assert_false(xlsx_parse_ref("A1B", &r, &c));
        assert_false(xlsx_parse_ref("", &r, &c));
}

/* Read book under lim; expect failure st with exactly message msg. */
static void expect_failure(const struct buf *book, const struct xlsx_limits *lim,
                           enum xlsx_status want, const char *msg)
{
        struct diags errs = DIAGS_INIT;
        enum xlsx_status st;
        struct xlsx_book *b = xlsx_read(book->data, book->len, lim, &st, &errs);
        if (b)
                fprintf(stderr, "read, but expected: %s\n", msg);
        assert_null(b);
        assert_int_equal(st, want);
        assert_int_equal(errs.n, 1);
        if (strcmp(errs.items[0].msg, msg) != 0)
                fprintf(stderr, "got: %s\n", errs.items[0].msg);
        assert_string_equal(errs.items[0].msg, msg);
        assert_string_equal(errs.items[0].path, "XLSX");
        diags_free(&errs);
}

static void test_limits(void **state)
{
        (void)state;
        struct buf book = BUF_INIT;
        good_book(&book);
        struct xlsx_limits lim = xlsx_default_limits;
        lim.max_file = 100;
        char msg[128];
        snprintf(msg, sizeof msg, "文件过大（%zu 字节），上限 100 字节", book.len);
        expect_failure(&book, &lim, XLSX_TOO_LARGE, msg);

        lim = xlsx_default_limits;
        lim.max_entries = 4;
        expect_failure(&book, &lim, XLSX_TOO_LARGE, "压缩包中的文件过多（5 个，上限 4 个）");

        lim = xlsx_default_limits;
        lim.max_total = 1024; /* the archive declares more */
        expect_failure(&book, &lim, XLSX_TOO_LARGE, "工作簿解压后超过 1 KiB 的限制");

        lim = xlsx_default_limits;
        lim.max_part = 400; /* only sheet1.xml (448 bytes) is longer */
        expect_failure(&book, &lim, XLSX_TOO_LARGE,
                       "xl/worksheets/sheet1.xml 解压后超过 400 字节 的限制");

        lim = xlsx_default_limits;
        lim.max_sheets = 1;
        expect_failure(&book, &lim, XLSX_TOO_LARGE,
                       "xl/workbook.xml 第 1 行：工作表过多，超出限制");

        lim = xlsx_default_limits;
        lim.max_strings = 1;
        expect_failure(&book, &lim, XLSX_TOO_LARGE,
                       "xl/sharedStrings.xml 第 1 行：共享字符串过多，超出限制");

        lim = xlsx_default_limits;
        lim.max_cells = 5;
        expect_failure(&book, &lim, XLSX_TOO_LARGE,
                       "xl/worksheets/sheet1.xml 第 1 行：单元格过多，超出限制");

        lim = xlsx_default_limits;
        lim.max_depth = 4; /* sst › si › r › rPr › b is five deep */
        expect_failure(&book, &lim, XLSX_TOO_LARGE,
                       "xl/sharedStrings.xml 第 1 行：XML 嵌套过深，超出限制");
        buf_free(&book);
}

static void test_deep_nesting_default_limit(void **state)
{
        (void)state;
        struct buf deep = BUF_INIT, book = BUF_INIT;
        buf_puts(&deep, "<worksheet " NS "><sheetData>");
        for (int i = 0; i < 100; i++)
                buf_puts(&deep, "<x>");
        for (int i = 0; i < 100; i++)
                buf_puts(&deep, "</x>");
        buf_puts(&deep, "</sheetData></worksheet>");
        const char *contents[N_PARTS] = {workbook, rels, strings, deep.data, other};
        book_of(&book, contents);
        expect_failure(&book, NULL, XLSX_TOO_LARGE,
                       "xl/worksheets/sheet1.xml 第 1 行：XML 嵌套过深，超出限制");
        buf_free(&deep);
        buf_free(&book);
}

/* A sheet part replaced by bad, with the expected message. */
static void expect_bad_sheet(const char *bad, enum xlsx_status want, const char *msg)
{
        struct buf book = BUF_INIT;
        const char *contents[N_PARTS] = {workbook, rels, strings, bad, other};
        book_of(&book, contents);
        expect_failure(&book, NULL, want, msg);
        buf_free(&book);
}

static void test_hostile_and_broken_xml(void **state)
{
        (void)state;
        expect_bad_sheet("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                         "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
                         "<worksheet " NS "><sheetData/></worksheet>",
                         XLSX_MALFORMED,
                         "xl/worksheets/sheet1.xml 第 1 行：不允许文档类型声明（DTD）");
        expect_bad_sheet("<worksheet " NS "><sheetData><row>", XLSX_MALFORMED,
                         "xl/worksheets/sheet1.xml 第 1 行 XML 格式错误：no element found");
        expect_bad_sheet("<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v>"
                         "</c></row></sheetData></worksheet>",
                         XLSX_MALFORMED, "xl/worksheets/sheet1.xml 第 1 行：共享字符串编号无效");
        expect_bad_sheet("<worksheet " NS "><sheetData><row r=\"1\"><c r=\"1A\"><v>7</v>"
                         "</c></row></sheetData></worksheet>",
                         XLSX_MALFORMED, "xl/worksheets/sheet1.xml 第 1 行：单元格引用无效");
        expect_bad_sheet("<worksheet " NS "><sheetData><row r=\"0\"/></sheetData></worksheet>",
                         XLSX_MALFORMED, "xl/worksheets/sheet1.xml 第 1 行：行号无效");
        expect_bad_sheet("<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"q\"><v>7</v>"
                         "</c></row></sheetData></worksheet>",
                         XLSX_MALFORMED, "xl/worksheets/sheet1.xml 第 1 行：单元格类型无效");
        expect_bad_sheet("<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c>"
                         "<c r=\"A1\"><v>2</v></c></row></sheetData></worksheet>",
                         XLSX_MALFORMED, "工作表“自评表”中有重复的单元格");
}

static void test_missing_parts(void **state)
{
        (void)state;
        struct buf book = BUF_INIT;
        good_book(&book);
        zip_remove(&book, "xl/worksheets/other.xml");
        expect_failure(&book, NULL, XLSX_MALFORMED, "缺少 xl/worksheets/other.xml");
        good_book(&book);
        zip_remove(&book, "xl/_rels/workbook.xml.rels");
        expect_failure(&book, NULL, XLSX_MALFORMED, "缺少 xl/_rels/workbook.xml.rels");
        const char *no_target = "<Relationships " RELS "><Relationship Id=\"rId1\" Type=\"x\" "
                                "Target=\"worksheets/sheet1.xml\"/></Relationships>";
        const char *contents[N_PARTS] = {workbook, no_target, strings, sheet1, other};
        book_of(&book, contents);
        expect_failure(&book, NULL, XLSX_MALFORMED, "找不到工作表“Other”的内容");
        /* without shared strings the string cells cannot be read */
        good_book(&book);
        zip_remove(&book, "xl/sharedStrings.xml");
        expect_failure(&book, NULL, XLSX_MALFORMED,
                       "xl/worksheets/sheet1.xml 第 1 行：共享字符串编号无效");
        buf_free(&book);
}

/* ---- number texts ---------------------------------------------------------------------------- */

static void expect_number(const char *text, const char *want)
{
        struct buf out = BUF_INIT;
        assert_int_equal(sheet_number_text(text, &out), SHEET_NUM_OK);
        if (strcmp(buf_str(&out), want) != 0)
                fprintf(stderr, "%s → %s, want %s\n", text, buf_str(&out), want);
        assert_string_equal(buf_str(&out), want);
        buf_free(&out);
}

static void test_number_texts(void **state)
{
        (void)state;
        expect_number("716.83", "716.83");
        expect_number("8562.370000000001", "8562.37"); /* what %.16G makes of 8562.37 */
        expect_number("0.30000000000000004", "0.3");   /* 0.1 + 0.2 saved by Excel */
        expect_number("94.54000000000001", "94.54");
        expect_number("1E-07", "0.0000001");
        expect_number("1E-007", "0.0000001"); /* LibreOffice's exponent */
        expect_number("1.5E+3", "1500");
        expect_number("-2.50", "-2.5");
        expect_number("100", "100");
        expect_number("0", "0");
        expect_number("-0.0", "0");
        expect_number("007.10", "7.1");
        expect_number("0.9891", "0.9891");
        expect_number("999999999999999.9", "1000000000000000"); /* 15 digits, rounded up */
        expect_number("123456789012345678", "123456789012346000");
        expect_number("1E-50", "0.00000000000000000000000000000000000000001");
        struct buf out = BUF_INIT;
        assert_int_equal(sheet_number_text("1E+45", &out), SHEET_NUM_RANGE);
        assert_int_equal(sheet_number_text("abc", &out), SHEET_NUM_SYNTAX);
        assert_int_equal(sheet_number_text("1,5", &out), SHEET_NUM_SYNTAX);
        assert_int_equal(sheet_number_text("1e", &out), SHEET_NUM_SYNTAX);
        assert_int_equal(sheet_number_text("", &out), SHEET_NUM_SYNTAX);
        assert_int_equal(sheet_number_text(".", &out), SHEET_NUM_SYNTAX);
        buf_free(&out);
}

/* ---- mutations -------------------------------------------------------------------------- */

static uint64_t rng = 88172645463325252u;

static uint64_t next(void)
{
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        return rng;
}

/* Damage text in a few random places: flip, delete, insert markup. */
static void mutate(struct buf *text)
{
        static const char inserts[] = "<>\"&=/_x0;9E-.";
        int n = 1 + (int)(next() % 4);
        for (int i = 0; i < n && text->len > 1; i++) {
                size_t at = next() % text->len;
                switch (next() % 3) {
                case 0:
                        text->data[at] = (char)(next() & 0xff);
                        break;
                case 1:
                        memmove(text->data + at, text->data + at + 1, text->len - at - 1);
                        text->len--;
                        text->data[text->len] = '\0';
                        break;
                default: {
                        char c = inserts[next() % (sizeof inserts - 1)];
                        buf_putc(text, ' ');
                        memmove(text->data + at + 1, text->data + at, text->len - at - 1);
                        text->data[at] = c;
                }
                }
        }
}

/* Damaged parts never crash the reader (run it under the sanitizers):
 * it reads a workbook or reports exactly one problem. */
static void test_mutated_parts_never_crash(void **state)
{
        (void)state;
        const char *originals[N_PARTS] = {workbook, rels, strings, sheet1, other};
        struct buf book = BUF_INIT, part = BUF_INIT;
        size_t read = 0, refused = 0;
        for (int round = 0; round < 200; round++) {
                size_t which = next() % N_PARTS;
                buf_reset(&part);
                buf_puts(&part, originals[which]);
                mutate(&part);
                const char *contents[N_PARTS];
                for (size_t i = 0; i < N_PARTS; i++)
                        contents[i] = i == which ? part.data : originals[i];
                book_of(&book, contents);
                struct diags errs = DIAGS_INIT;
                struct xlsx_book *b = xlsx_read(book.data, book.len, NULL, NULL, &errs);
                if (b) {
                        read++;
                        assert_int_equal(errs.n, 0);
                } else {
                        refused++;
                        assert_int_equal(errs.n, 1);
                }
                xlsx_free(b);
                diags_free(&errs);
        }
        assert_true(read > 0 && refused > 0);
        /* damaged archive bytes */
        good_book(&book);
        for (int round = 0; round < 200; round++) {
                struct buf copy = BUF_INIT;
                buf_append(&copy, book.data, book.len);
                for (int k = 0; k < 3; k++)
                        copy.data[next() % copy.len] = (char)(next() & 0xff);
                struct diags errs = DIAGS_INIT;
                xlsx_free(xlsx_read(copy.data, copy.len, NULL, NULL, &errs));
                diags_free(&errs);
                buf_free(&copy);
        }
        buf_free(&part);
        buf_free(&book);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_reads_every_form),
            cmocka_unit_test(test_references),
            cmocka_unit_test(test_limits),
            cmocka_unit_test(test_deep_nesting_default_limit),
            cmocka_unit_test(test_hostile_and_broken_xml),
            cmocka_unit_test(test_missing_parts),
            cmocka_unit_test(test_number_texts),
            cmocka_unit_test(test_mutated_parts_never_crash),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
