/* The upload rules on their own: file names (path stripped, control and
 * text-direction characters, length, extension) and the type check by
 * content, type by type, with the exact messages. */
#include "../support/samples.h"
#include "../support/testutil.h"

#include "../../src/app/filetype.h"

static struct arena *a;

static int setup(void **state)
{
        (void)state;
        a = arena_new();
        return 0;
}

static int teardown(void **state)
{
        (void)state;
        arena_free(a);
        return 0;
}

static void name_ok(const char *sent, const char *kept)
{
        const char *why = NULL;
        const char *name = filetype_clean_name(a, sent, &why);
        if (!name)
                fprintf(stderr, "%s: %s\n", sent, why);
        assert_non_null(name);
        assert_string_equal(name, kept);
}

static void name_refused(const char *sent, const char *message)
{
        const char *why = NULL;
        assert_null(filetype_clean_name(a, sent, &why));
        assert_string_equal(why, message);
}

static void test_names(void **state)
{
        (void)state;
        name_ok("自评报告.pdf", "自评报告.pdf");
        name_ok("C:\\Users\\张三\\Desktop\\自评报告.pdf", "自评报告.pdf");
        name_ok("../../etc/passwd.pdf", "passwd.pdf");
        name_ok("  报告 (终稿).docx ", "报告 (终稿).docx");
        name_ok("a.b.c.XLSX", "a.b.c.XLSX");
        name_refused(NULL, "请选择要上传的文件");
        name_refused("", "请选择要上传的文件");
        name_refused("dir/", "“dir/” 只有路径，没有文件名，请重新选择文件");
        const char *control = "文件名不能含有控制字符（如换行、制表符）或改变文字方向的字符，"
                              "请改名后重新上传";
        name_refused("a\tb.pdf", control);
        name_refused("a\x7f.pdf", control);
        name_refused("report\xe2\x80\xae"
                     "fdp.exe",
                     control);                  /* U+202E */
        name_refused("a\xc2\x85.pdf", control); /* U+0085 */
        name_refused("\xff.pdf", "文件名不是有效的 UTF-8 编码，请改名后重新上传");
        name_refused("自评报告", "文件名须带扩展名（例如 .pdf），“自评报告” 没有扩展名");
        name_refused(".pdf", "文件名须带扩展名（例如 .pdf），“.pdf” 没有扩展名");
        name_refused("报告.", "文件名须带扩展名（例如 .pdf），“报告.” 没有扩展名");
        /* 120 characters (CJK counts one each) pass, 121 do not */
        struct buf b = BUF_INIT;
        for (int i = 0; i < 116; i++)
                buf_puts(&b, "评");
        buf_puts(&b, ".pdf");
        name_ok(b.data, b.data);
        buf_reset(&b);
        for (int i = 0; i < 117; i++)
                buf_puts(&b, "评");
        buf_puts(&b, ".pdf");
        struct buf msg = BUF_INIT;
        buf_printf(&msg, "文件名最长 120 个字符，“%s” 有 121 个，请改短后重新上传", b.data);
        name_refused(b.data, msg.data);
        buf_free(&msg);
        buf_free(&b);
}

static void type_ok(const char *name, const struct buf *data, const char *media_type)
{
        const char *why = NULL;
        const struct filetype *t = filetype_detect(a, name, data->data, data->len, &why);
        if (!t)
                fprintf(stderr, "%s: %s\n", name, why);
        assert_non_null(t);
        assert_string_equal(t->media_type, media_type);
        assert_ptr_equal(filetype_by_media(media_type), t);
}

static void type_refused(const char *name, const struct buf *data, const char *message)
{
        const char *why = NULL;
        assert_null(filetype_detect(a, name, data->data, data->len, &why));
        assert_string_equal(why, message);
}

static void test_types_by_content(void **state)
{
        (void)state;
        struct buf pdf = BUF_INIT, png = BUF_INIT, jpeg = BUF_INIT, ole = BUF_INIT, docx = BUF_INIT,
                   xlsx = BUF_INIT, zip = BUF_INIT, macro = BUF_INIT, junk = BUF_INIT,
                   empty = BUF_INIT;
        sample_pdf(&pdf);
        sample_png(&png);
        sample_jpeg(&jpeg);
        sample_ole2(&ole);
        sample_docx(&docx);
        sample_xlsx(&xlsx);
        const char *const plain[] = {"readme.txt", "data/x.xml", NULL};
        sample_zip(&zip, plain);
        const char *const vba[] = {"word/document.xml", "word/vbaProject.bin", NULL};
        sample_zip(&macro, vba);
        buf_puts(&junk, "MZ\x90 this is not a document");
        buf_puts(&empty, "");

        type_ok("a.pdf", &pdf, "application/pdf");
        type_ok("A.PDF", &pdf, "application/pdf");
        type_ok("a.png", &png, "image/png");
        type_ok("a.jpg", &jpeg, "image/jpeg");
        type_ok("a.jpeg", &jpeg, "image/jpeg");
        type_ok("a.doc", &ole, "application/msword");
        type_ok("a.xls", &ole, "application/vnd.ms-excel");
        type_ok("a.docx", &docx,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        type_ok("a.xlsx", &xlsx,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        const char *accepted = "只能上传 PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）或图片"
                               "（.png/.jpg）文件";
        assert_string_equal(filetype_accepted, accepted);
        type_refused("x.exe", &junk,
                     "只能上传 PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）或图片（.png/.jpg）"
                     "文件；“x.exe” 的内容不是其中任何一种");
        type_refused("x.pdf", &junk,
                     "只能上传 PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）或图片（.png/.jpg）"
                     "文件；“x.pdf” 的内容不是其中任何一种");
        type_refused("x.docx", &zip,
                     "只能上传 PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）或图片（.png/.jpg）"
                     "文件；“x.docx” 的内容不是其中任何一种");
        type_refused(
            "报告.txt", &pdf,
            "只能上传 PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）或图片（.png/.jpg）"
            "文件；“报告.txt” 的扩展名 .txt 不在其中（其内容是 PDF 文档，扩展名应为 .pdf）");
        type_refused("报告.ppt", &ole,
                     "只能上传 PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）或图片（.png/.jpg）"
                     "文件；“报告.ppt” 的扩展名 .ppt 不在其中（其内容是 Word 或 Excel 97-2003 "
                     "文件，扩展名应为 .doc 或 .xls）");
        type_refused("报告.pdf", &png,
                     "“报告.pdf” 的扩展名 .pdf 与内容不符：内容是 PNG 图片，扩展名应为 .png；"
                     "请确认文件后重新上传");
        type_refused("表.xlsx", &docx,
                     "“表.xlsx” 的扩展名 .xlsx 与内容不符：内容是 Word 文档，扩展名应为 .docx；"
                     "请确认文件后重新上传");
        type_refused("表.docx", &ole,
                     "“表.docx” 的扩展名 .docx 与内容不符：内容是 Word 或 Excel 97-2003 文件，"
                     "扩展名应为 .doc 或 .xls；请确认文件后重新上传");
        type_refused("宏.docx", &macro,
                     "“宏.docx” 含有宏（VBA 代码），为安全起见不能上传；请在 Word 中删除宏，"
                     "另存为“Word 文档（.docx）”后重新上传");
        type_refused("空.pdf", &empty, "“空.pdf” 是空文件（0 字节），请选择有内容的文件");

        /* a PNG signature without its header chunk, an OLE2 signature
         * without a header sector, a ZIP signature that is not an archive */
        struct buf cut = BUF_INIT;
        buf_append(&cut, png.data, 10);
        type_refused("a.png", &cut,
                     "只能上传 PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）或图片（.png/.jpg）"
                     "文件；“a.png” 的内容不是其中任何一种");
        buf_reset(&cut);
        buf_append(&cut, ole.data, 100);
        type_refused("a.doc", &cut,
                     "只能上传 PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）或图片（.png/.jpg）"
                     "文件；“a.doc” 的内容不是其中任何一种");
        buf_reset(&cut);
        buf_append(&cut, docx.data, docx.len / 2);
        type_refused("a.docx", &cut,
                     "只能上传 PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）或图片（.png/.jpg）"
                     "文件；“a.docx” 的内容不是其中任何一种");
        assert_null(filetype_by_media("text/html"));

        struct buf *all[] = {&pdf, &png,   &jpeg, &ole,   &docx, &xlsx,
                             &zip, &macro, &junk, &empty, &cut};
        for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
                buf_free(all[i]);
}

/* The macro rule for a package of entries names[] with contents texts[]
 * (NULL: a line of XML), named name: refused with message, or accepted. */
static void package(const char *name, const char *const *names, const char *const *texts,
                    const char *message)
{
        struct buf b = BUF_INIT;
        sample_zip_texts(&b, names, texts);
        const char *why = NULL;
        const struct filetype *t = filetype_detect(a, name, b.data, b.len, &why);
        if (message) {
                if (t)
                        fail_msg("%s: accepted, expected \"%s\"", name, message);
                assert_string_equal(why, message);
        } else {
                if (!t)
                        fail_msg("%s: refused: %s", name, why);
        }
        buf_free(&b);
}

static void compound(const char *name, const struct cfb_entry *e, size_t n, bool mini,
                     const char *message)
{
        struct buf b = BUF_INIT;
        sample_cfb(&b, e, n, mini);
        const char *why = NULL;
        const struct filetype *t = filetype_detect(a, name, b.data, b.len, &why);
        if (message) {
                if (t)
                        fail_msg("%s: accepted, expected \"%s\"", name, message);
                assert_string_equal(why, message);
        } else if (!t) {
                fail_msg("%s: refused: %s", name, why);
        }
        buf_free(&b);
}

static void test_macros_however_named_or_stored(void **state)
{
        (void)state;
        const char *word = "“宏.docx” 含有宏（VBA 代码），为安全起见不能上传；请在 Word 中删除宏，"
                           "另存为“Word 文档（.docx）”后重新上传";
        const char *excel = "“宏.xlsx” 含有宏（VBA 代码），为安全起见不能上传；请在 Excel 中删除"
                            "宏，另存为“Excel 工作簿（.xlsx）”后重新上传";
        const char *excel4 = "“宏.xlsx” 含有宏（Excel 4.0 宏表），为安全起见不能上传；请在 Excel "
                             "中删除宏表，另存为“Excel 工作簿（.xlsx）”后重新上传";
        /* part names in any case */
        package("宏.xlsx", (const char *const[]){"xl/workbook.xml", "xl/VBAProject.bin", NULL},
                NULL, excel);
        package("宏.docx", (const char *const[]){"word/document.xml", "word/vbaproject.bin", NULL},
                NULL, word);
        package("宏.xlsx",
                (const char *const[]){"xl/workbook.xml", "xl/macrosheets/sheet1.xml", NULL}, NULL,
                excel4);
        package("宏.xlsx",
                (const char *const[]){"xl/workbook.xml", "XL/MacroSheets/Sheet1.xml", NULL}, NULL,
                excel4);
        /* a VBA part under another name, reached through the relationships */
        const char *rels =
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
            "package/2006/relationships\"><Relationship Id=\"rId9\" Type=\"http://"
            "schemas.microsoft.com/office/2006/relationships/&#x76;baProject\" "
            "Target=\"notes.dat\"/></Relationships>";
        package("宏.docx",
                (const char *const[]){"word/document.xml", "word/_rels/document.xml.rels",
                                      "word/notes.dat", NULL},
                (const char *const[]){NULL, rels, NULL}, word);
        /* … or declared by the content types */
        const char *types = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats."
                            "org/package/2006/content-types\"><Default Extension=\"dat\" "
                            "ContentType=\"application/vnd.ms-office.VBAProject\"/></Types>";
        package("宏.xlsx",
                (const char *const[]){"[Content_Types].xml", "xl/workbook.xml", "xl/x.dat", NULL},
                (const char *const[]){types, NULL, NULL}, excel);
        const char *enabled =
            "<Types><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
            "vnd.ms-excel.sheet.MACROENABLED.main+xml\"/></Types>";
        package("宏.xlsx", (const char *const[]){"[content_types].xml", "xl/workbook.xml", NULL},
                (const char *const[]){enabled, NULL}, excel);
        const char *sheet4 = "<Types><Override PartName=\"/xl/a.xml\" ContentType=\"application/"
                             "vnd.ms-excel.macrosheet+xml\"/></Types>";
        package("宏.xlsx",
                (const char *const[]){"[Content_Types].xml", "xl/workbook.xml", "xl/a.xml", NULL},
                (const char *const[]){sheet4, NULL, NULL}, excel4);
        /* a plain package with ordinary types and relationships passes */
        const char *plain_types =
            "<Types><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override "
            "PartName=\"/word/document.xml\" ContentType=\"application/"
            "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
        const char *plain_rels =
            "<Relationships><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
            "officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
            "</Relationships>";
        package(
            "宏.docx",
            (const char *const[]){"[Content_Types].xml", "_rels/.rels", "word/document.xml", NULL},
            (const char *const[]){plain_types, plain_rels, NULL}, NULL);
        /* a declaration that could hide what follows is refused */
        const char *doctype = "<!DOCTYPE Types [<!ENTITY v \"vbaProject\">]><Types/>";
        package("宏.docx", (const char *const[]){"[Content_Types].xml", "word/document.xml", NULL},
                (const char *const[]){doctype, NULL},
                "“宏.docx” 的内部结构无法读取（文件可能已损坏），无法确认其中没有宏，为安全起见"
                "不能上传；请在 Word 中打开并另存为“Word 文档（.docx）”后重新上传");

        /* legacy files: the VBA storage, under any case, in a .doc or .xls */
        const char *doc = "“宏.doc” 含有宏（VBA 代码），为安全起见不能上传；请在 Word 中删除宏，"
                          "另存为“Word 文档（.docx）”后重新上传";
        const char *xls = "“宏.xls” 含有宏（VBA 代码），为安全起见不能上传；请在 Excel 中删除宏，"
                          "另存为“Excel 工作簿（.xlsx）”后重新上传";
        static const char text[] = "text";
        struct cfb_entry e[] = {{"WordDocument", 2, text, 4},
                                {"Macros", 1, NULL, 0},
                                {"VBA", 1, NULL, 0},
                                {"dir", 2, text, 4}};
        compound("宏.doc", e, 4, false, doc);
        compound("宏.doc", e, 1, false, NULL);
        struct cfb_entry x[] = {{"Workbook", 2, text, 4}, {"_vba_project_cur", 1, NULL, 0}};
        compound("宏.xls", x, 2, false, xls);
        compound("宏.xls", x, 2, true, xls);
        /* an Excel 4.0 macro sheet in the workbook stream, in regular and mini sectors */
        struct buf wb = BUF_INIT;
        sample_biff_workbook(&wb, 1);
        struct cfb_entry m[] = {{"Workbook", 2, wb.data, wb.len}};
        const char *xlm = "“宏.xls” 含有宏（Excel 4.0 宏表），为安全起见不能上传；请在 Excel 中"
                          "删除宏表，另存为“Excel 工作簿（.xlsx）”后重新上传";
        compound("宏.xls", m, 1, false, xlm);
        compound("宏.xls", m, 1, true, xlm);
        sample_biff_workbook(&wb, 0);
        m[0] = (struct cfb_entry){"Workbook", 2, wb.data, wb.len};
        compound("宏.xls", m, 1, false, NULL);
        compound("宏.xls", m, 1, true, NULL);
        buf_free(&wb);
        /* a compound file whose directory cannot be read is refused */
        struct buf broken = BUF_INIT;
        sample_cfb(&broken, e, 1, false);
        memset(broken.data + 0x30, 0x7f, 4); /* the directory's first sector: far away */
        const char *why = NULL;
        assert_null(filetype_detect(a, "坏.doc", broken.data, broken.len, &why));
        assert_string_equal(why,
                            "“坏.doc” 的内部结构无法读取（文件可能已损坏），无法确认其中没有宏，"
                            "为安全起见不能上传；请在 Word 中打开并另存为“Word 文档（.docx）”"
                            "后重新上传");
        buf_free(&broken);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_names),
            cmocka_unit_test(test_types_by_content),
            cmocka_unit_test(test_macros_however_named_or_stored),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
