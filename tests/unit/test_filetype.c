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
                     "“宏.docx” 含有宏（VBA 代码），为安全起见不能上传；请另存为不含宏的 .docx "
                     "文件后重新上传");
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

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_names),
            cmocka_unit_test(test_types_by_content),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
