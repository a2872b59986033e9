/* XLSX output: the tables workbook of every example, a query list and
 * the year's summary — their parts (sheet names, exact numbers, merged
 * cells, number formats, unlocked entered cells, protection, A4 print
 * setup with repeated rows) and, through LibreOffice headless, their PDF
 * text holding the expected figures. The files are left in
 * build/artifacts/xlsx for people to look at. */
#include "../support/sheet_support.h"

#include "../../src/sheet/sheet.h"
#include "../../src/sheet/sheet_int.h"
#include "../../src/sheet/xlsx_read.h"

static const char *const names[4] = {"seed-001", "seed-002", "seed-003", "seed-004"};

static void tables_book(size_t i, struct buf *out)
{
        struct loaded l;
        load_example(seed_examples[i], &l);
        struct diags errs = DIAGS_INIT;
        bool ok = sheet_tables_write(l.doc, l.eval, out, &errs);
        if (!ok)
                diags_print(&errs, stderr);
        assert_true(ok);
        assert_int_equal(errs.n, 0);
        diags_free(&errs);
        loaded_free(&l);
}

static void assert_contains(const char *text, const char *want, const char *where)
{
        if (!strstr(text, want))
                fprintf(stderr, "%s: \"%s\" missing\n", where, want);
        assert_non_null(strstr(text, want));
}

/* The value of a cell as the importer reads it: a number's text as the
 * decimal it stands for (libxlsxwriter writes 16 digits: 8562.370000000001). */
static const char *value_of(const struct xlsx_cell *c, struct buf *tmp)
{
        buf_reset(tmp);
        if (c->type == XLSX_NUMBER && sheet_number_text(c->text, tmp) == SHEET_NUM_OK)
                return buf_str(tmp);
        return c->text;
}

/* A cell holding exactly text (a number: that decimal) somewhere on sheet s. */
static const struct xlsx_cell *cell_with(const struct xlsx_sheet *s, enum xlsx_cell_type type,
                                         const char *text)
{
        struct buf tmp = BUF_INIT;
        const struct xlsx_cell *found = NULL;
        for (size_t i = 0; i < s->n_cells && !found; i++)
                if (s->cells[i].type == type && strcmp(value_of(&s->cells[i], &tmp), text) == 0)
                        found = &s->cells[i];
        buf_free(&tmp);
        return found;
}

/* The value of cell (row, col) of s, as value_of(). */
static void value_at(const struct xlsx_sheet *s, uint32_t row, uint32_t col, const char *want)
{
        const struct xlsx_cell *c = xlsx_cell(s, row, col);
        assert_non_null(c);
        struct buf tmp = BUF_INIT;
        assert_string_equal(value_of(c, &tmp), want);
        buf_free(&tmp);
}

static void test_tables_workbook_parts(void **state)
{
        (void)state;
        struct buf book = BUF_INIT, part = BUF_INIT;
        tables_book(3, &book);
        assert_true(book.len > 4 && memcmp(book.data, "PK", 2) == 0);
        assert_true(zip_entry(&book, "xl/workbook.xml", &part));
        assert_contains(part.data, "name=\"基础数据表\"", "workbook");
        assert_contains(part.data, "name=\"自评表\"", "workbook");
        assert_contains(part.data, "name=\"绥宁县商务局2024年度项目支出\"", "workbook");
        assert_contains(part.data, "_xlnm.Print_Titles", "workbook");
        buf_reset(&part);
        assert_true(zip_entry(&book, "xl/worksheets/sheet2.xml", &part));
        assert_contains(part.data, "<v>716.83</v>", "自评表");
        assert_contains(part.data, "<mergeCell ref=\"A5:A14\"/>", "自评表"); /* 年度预算申请 */
        assert_contains(part.data, "paperSize=\"9\"", "自评表");
        assert_contains(part.data, "orientation=\"landscape\"", "自评表");
        assert_contains(part.data, "fitToPage=\"1\"", "自评表");
        assert_contains(part.data, "<sheetProtection", "自评表");
        buf_reset(&part);
        assert_true(zip_entry(&book, "xl/styles.xml", &part));
        assert_contains(part.data, "formatCode=\"0.00%\"", "styles");
        assert_contains(part.data, "formatCode=\"0.0&quot;万元&quot;\"", "styles");
        assert_contains(part.data, "formatCode=\"0.00\"", "styles");
        assert_contains(part.data, "locked=\"0\"", "styles");
        assert_contains(part.data, "FFFFF2CC", "styles"); /* entered: pale yellow */
        assert_contains(part.data, "FFDDEBF7", "styles"); /* computed: pale blue */

        /* read back: exact numbers, percentages as fractions */
        struct diags errs = DIAGS_INIT;
        struct xlsx_book *b = xlsx_read(book.data, book.len, NULL, NULL, &errs);
        assert_non_null(b);
        assert_int_equal(b->n_sheets, 3);
        const struct xlsx_sheet *s = xlsx_sheet(b, "自评表");
        assert_non_null(s);
        assert_non_null(cell_with(s, XLSX_NUMBER, "716.84"));
        assert_non_null(cell_with(s, XLSX_NUMBER, "264.01"));
        assert_non_null(cell_with(s, XLSX_NUMBER, "1")); /* 100.00% */
        assert_non_null(cell_with(s, XLSX_STRING, "部门整体支出绩效自评表"));
        const struct xlsx_sheet *basic = xlsx_sheet(b, "基础数据表");
        assert_non_null(cell_with(basic, XLSX_NUMBER, "0.85"));
        assert_non_null(cell_with(basic, XLSX_NUMBER, "8562.37"));
        xlsx_free(b);
        diags_free(&errs);
        buf_free(&part);
        buf_free(&book);
}

/* Seed 003's execution rate 98.91% is written as the exact fraction. */
static void test_percent_and_long_numbers(void **state)
{
        (void)state;
        struct buf book = BUF_INIT;
        tables_book(2, &book);
        struct xlsx_book *b = xlsx_read(book.data, book.len, NULL, NULL, NULL);
        assert_non_null(b);
        const struct xlsx_sheet *s = xlsx_sheet(b, "自评表");
        assert_non_null(cell_with(s, XLSX_NUMBER, "0.9891"));
        assert_non_null(cell_with(s, XLSX_NUMBER, "79.14"));
        xlsx_free(b);
        buf_free(&book);

        /* a figure a double cannot carry is written as text, exactly */
        struct loaded l;
        load_example(seed_examples[3], &l);
        dec_parse("123456789012.123456", 19, &l.doc->self.table.budget.initial);
        struct diags errs = DIAGS_INIT;
        struct buf out = BUF_INIT;
        assert_true(sheet_tables_write(l.doc, l.eval, &out, &errs));
        b = xlsx_read(out.data, out.len, NULL, NULL, NULL);
        assert_non_null(cell_with(xlsx_sheet(b, "自评表"), XLSX_STRING, "123456789012.123456"));
        xlsx_free(b);
        buf_free(&out);
        diags_free(&errs);
        loaded_free(&l);
}

static const struct sheet_column list_cols[] = {
    {"单位名称", SHEET_COL_TEXT, 0},    {"年度", SHEET_COL_INT, 0},
    {"全年执行数", SHEET_COL_MONEY, 0}, {"执行率", SHEET_COL_PERCENT, 0},
    {"总分", SHEET_COL_SCORE, 0},       {"提交时间", SHEET_COL_DATE, 0},
};

static const char *const list_cells[] = {
    "绥宁县商务局",
    "2024",
    "716.83",
    "100",
    "100",
    "2025-03-15 14:30",
    "乌鲁木齐高新区（新市区）商务局",
    "2023",
    "407.98",
    "98.91",
    "79.14",
    "2024-02-01",
    "未填报单位",
    NULL,
    "",
    "abc",
    NULL,
    "不是日期",
};

static void list_book(struct buf *out)
{
        struct sheet_list l = {"自评任务列表", "2024 年度，共 3 项", list_cols, 6, list_cells, 3};
        struct diags errs = DIAGS_INIT;
        assert_true(sheet_list_write(&l, out, &errs));
        diags_free(&errs);
}

/* The four seeds' rows and a fifth unit nobody has filled in. */
static void summary_book(struct buf *out)
{
        struct sheet_summary_row rows[5];
        struct loaded l[4];
        static const char *const states[] = {"已完成", "审核中（主管部门）", "已完成", "填报中"};
        for (size_t i = 0; i < 4; i++) {
                load_example(seed_examples[i], &l[i]);
                const struct evaluation *e = l[i].eval;
                rows[i] = (struct sheet_summary_row){
                    .unit_code = l[i].doc->unit.code,
                    .unit_name = l[i].doc->unit.name,
                    .supervisor = l[i].doc->unit.supervisor.name,
                    .status = states[i],
                    .total = e->self.total,
                    .stated_total = l[i].doc->self.table.stated_total,
                    .grade = e->self.grade,
                    .exec_rate_pct = e->self.has_execution ? e->self.exec_rate_pct : DEC_NONE,
                    .errors = e->n_errors,
                    .warnings = e->n_warnings,
                    .scheme = l[i].scheme,
                };
        }
        rows[4] = (struct sheet_summary_row){.unit_code = "104002",
                                             .unit_name = "绥宁县投资促进事务中心",
                                             .supervisor = "绥宁县商务局",
                                             .status = "经办岗填报中",
                                             .total = DEC_NONE,
                                             .stated_total = DEC_NONE,
                                             .exec_rate_pct = DEC_NONE,
                                             .unfilled = true};
        struct diags errs = DIAGS_INIT;
        assert_true(sheet_summary_write(2024, "示例财政局", rows, 5, out, &errs));
        diags_free(&errs);
        for (size_t i = 0; i < 4; i++)
                loaded_free(&l[i]);
}

static void test_list_and_summary_cells(void **state)
{
        (void)state;
        struct buf book = BUF_INIT;
        list_book(&book);
        struct xlsx_book *b = xlsx_read(book.data, book.len, NULL, NULL, NULL);
        assert_non_null(b);
        assert_int_equal(b->n_sheets, 1);
        const struct xlsx_sheet *s = xlsx_sheet(b, "自评任务列表");
        assert_non_null(s);
        value_at(s, 2, 0, "单位名称"); /* header after two lines */
        value_at(s, 3, 2, "716.83");
        value_at(s, 4, 3, "0.9891");
        assert_int_equal(xlsx_cell(s, 3, 5)->type, XLSX_NUMBER); /* a date serial */
        assert_true(strncmp(xlsx_cell(s, 3, 5)->text, "45731.60416", 11) == 0);
        value_at(s, 4, 5, "45323");
        assert_int_equal(xlsx_cell(s, 5, 3)->type, XLSX_STRING); /* "abc" kept as text */
        value_at(s, 5, 5, "不是日期");
        assert_null(xlsx_cell(s, 5, 1));
        xlsx_free(b);
        buf_free(&book);

        summary_book(&book);
        b = xlsx_read(book.data, book.len, NULL, NULL, NULL);
        assert_non_null(b);
        assert_int_equal(b->n_sheets, 2);
        s = xlsx_sheet(b, "汇总");
        value_at(s, 0, 0, "2024年度部门整体支出绩效自评汇总表");
        value_at(s, 1, 0, "示例财政局　共 5 个单位，已评分 4 个（平均分按已评分的计算），未填报 1 个");
        value_at(s, 2, 4, "计算总分");
        value_at(s, 3, 2, "深圳市商务局");
        value_at(s, 3, 4, "94.56");
        value_at(s, 3, 5, "94.54");
        value_at(s, 3, 6, "-0.02");
        value_at(s, 5, 8, "0.9891");
        /* the unit nobody filled in: no total, 未填报 */
        value_at(s, 7, 7, "未填报");
        assert_null(xlsx_cell(s, 7, 4));
        /* average of the evaluated 94.56, 98, 79.14 and 100: 371.70 / 4 */
        value_at(s, 8, 2, "平均 / 合计");
        value_at(s, 8, 4, "92.93");
        const struct xlsx_sheet *stats = xlsx_sheet(b, "统计");
        assert_non_null(stats);
        assert_non_null(cell_with(stats, XLSX_STRING, "审核中（主管部门）"));
        /* each scheme's grade names once, under the scheme: 优秀 is national's
         * only, 优 is henan's, shenzhen's and urumqi's, once each */
        size_t excellent = 0, best = 0;
        struct buf tmp = BUF_INIT;
        for (size_t i = 0; i < stats->n_cells; i++) {
                const char *v = value_of(&stats->cells[i], &tmp);
                excellent += strcmp(v, "优秀") == 0;
                best += strcmp(v, "优") == 0;
        }
        buf_free(&tmp);
        assert_int_equal(excellent, 1);
        assert_int_equal(best, 3);
        const struct xlsx_cell *unfilled = cell_with(stats, XLSX_STRING, "未填报");
        assert_non_null(unfilled);
        value_at(stats, unfilled->row, 2, "1");
        const struct xlsx_cell *evaluated = cell_with(stats, XLSX_STRING, "已评分");
        assert_non_null(evaluated);
        value_at(stats, evaluated->row, 2, "4");
        xlsx_free(b);
        buf_free(&book);
}

/* An empty list and a summary of no units are still workbooks. */
static void test_empty_list_and_summary(void **state)
{
        (void)state;
        struct buf book = BUF_INIT;
        struct diags errs = DIAGS_INIT;
        struct sheet_list l = {"空列表", NULL, list_cols, 6, NULL, 0};
        assert_true(sheet_list_write(&l, &book, &errs));
        struct xlsx_book *b = xlsx_read(book.data, book.len, NULL, NULL, NULL);
        assert_non_null(b);
        value_at(xlsx_sheet(b, "空列表"), 1, 0, "单位名称");
        xlsx_free(b);
        buf_reset(&book);
        assert_true(sheet_summary_write(2025, NULL, NULL, 0, &book, &errs));
        b = xlsx_read(book.data, book.len, NULL, NULL, NULL);
        assert_non_null(b);
        value_at(xlsx_sheet(b, "汇总"), 1, 0, "共 0 个单位，已评分 0 个（平均分按已评分的计算），未填报 0 个");
        value_at(xlsx_sheet(b, "统计"), 3, 1, "未填报");
        value_at(xlsx_sheet(b, "统计"), 5, 0, "合计");
        xlsx_free(b);
        assert_int_equal(errs.n, 0);
        diags_free(&errs);
        buf_free(&book);
}

/* Every generated workbook opened by LibreOffice and printed to PDF. */
static void test_libreoffice_pdf(void **state)
{
        (void)state;
        if (!office_bin()) {
                fprintf(stderr, "LibreOffice is not installed (make deps installs it): "
                                "PDF conversion skipped\n");
                skip();
        }
        const char *dir = artifacts("xlsx");
        char paths[6][4200];
        const char *files[6];
        struct buf book = BUF_INIT;
        for (size_t i = 0; i < 4; i++) {
                buf_reset(&book);
                tables_book(i, &book);
                snprintf(paths[i], sizeof paths[i], "%s/%s.xlsx", dir, names[i]);
                write_bytes(paths[i], book.data, book.len);
                files[i] = paths[i];
        }
        buf_reset(&book);
        summary_book(&book);
        snprintf(paths[4], sizeof paths[4], "%s/summary-2024.xlsx", dir);
        write_bytes(paths[4], book.data, book.len);
        files[4] = paths[4];
        buf_reset(&book);
        list_book(&book);
        snprintf(paths[5], sizeof paths[5], "%s/list.xlsx", dir);
        write_bytes(paths[5], book.data, book.len);
        files[5] = paths[5];
        buf_free(&book);
        assert_int_equal(office_convert("pdf", dir, files, 6), 0);

        static const struct {
                const char *pdf;
                const char *want[12];
        } expect[] = {
            {"seed-004",
             {"2024年度部门整体支出绩效评价基础数据表", "85.00%", "8562.37",
              "部门整体支出绩效自评表", "264.01", "716.83", "716.84", "100.00%", "优秀",
              "106.2万元", "项目支出绩效自评表", "245.00"}},
            {"seed-003",
             {"412.49", "407.98", "98.91%", "9.89", "79.14", "≤214.76万元", "102.48万元",
              "蔬菜直销店建设及方案编制资金", "5.78"}},
            {"seed-002", {"761.60", "96.32%", "98.00", "补发退休工资", "财政性资金"}},
            {"seed-001", {"94.56", "1+1+1+1+1", "深圳市商务局"}},
            {"summary-2024",
             {"2024年度部门整体支出绩效自评汇总表", "绥宁县商务局", "94.56", "98.91%", "92.93",
              "审核中（主管部门）"}},
            {"list",
             {"自评任务列表", "2025-03-15 14:30", "2024-02-01", "716.83", "98.91%", "79.14"}},
        };
        for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
                char pdf[4200];
                snprintf(pdf, sizeof pdf, "%s/%s.pdf", dir, expect[i].pdf);
                char *text = pdf_text(pdf);
                if (!text)
                        fprintf(stderr, "no text from %s\n", pdf);
                assert_non_null(text);
                for (size_t k = 0; k < 12 && expect[i].want[k]; k++)
                        assert_contains(text, expect[i].want[k], expect[i].pdf);
                free(text);
        }
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_tables_workbook_parts),
            cmocka_unit_test(test_percent_and_long_numbers),
            cmocka_unit_test(test_list_and_summary_cells),
            cmocka_unit_test(test_empty_list_and_summary),
            cmocka_unit_test(test_libreoffice_pdf),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
