/* The multipart/form-data parser on its own: what browsers and curl
 * send, every refusal with its message, and hostile bodies — every
 * truncation of a valid body and random corruptions — which must be
 * refused (or parsed) without reading outside the body. */
#include "../support/testutil.h"

#include "../../src/http/multipart.h"

#define CT "multipart/form-data; boundary=XyZ"

struct parsed {
        struct arena *a;
        struct multipart m;
        const char *why;
};

static struct parsed parse_n(const char *content_type, const char *body, size_t len)
{
        struct parsed p = {.a = arena_new()};
        /* a private copy, so the sanitizer sees any read past its end */
        char *copy = malloc(len ? len : 1);
        memcpy(copy, body, len);
        p.why = multipart_parse(p.a, content_type, copy, len, &p.m);
        if (!p.why) /* uploads point into the body: keep a copy in the arena */
                for (size_t i = 0; i < p.m.n_uploads; i++)
                        p.m.uploads[i].data =
                            arena_strndup(p.a, p.m.uploads[i].data, p.m.uploads[i].len);
        free(copy);
        return p;
}

static struct parsed parse(const char *content_type, const char *body)
{
        return parse_n(content_type, body, strlen(body));
}

static void done(struct parsed *p)
{
        arena_free(p->a);
}

static void refused(const char *content_type, const char *body, const char *message)
{
        struct parsed p = parse(content_type, body);
        if (!p.why || strcmp(p.why, message) != 0)
                fprintf(stderr, "body: %s\nwanted: %s\ngot: %s\n", body, message,
                        p.why ? p.why : "(accepted)");
        assert_non_null(p.why);
        assert_string_equal(p.why, message);
        assert_int_equal(p.m.n_fields + p.m.n_uploads, 0);
        done(&p);
}

static const char browser_body[] =
    "preamble to be ignored\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"csrf\"\r\n"
    "\r\n"
    "token-123\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"kind\"\r\n"
    "\r\n"
    "project_report\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"project\"\r\n"
    "\r\n"
    "驻社区补助项目\r\n"
    "--XyZ\r\n"
    "content-disposition: form-data; name=\"file\"; filename=\"自评报告.pdf\"\r\n"
    "Content-Type: application/pdf\r\n"
    "\r\n"
    "%PDF-1.4\r\n-XyZ\r\n-- XyZ\r\nnot a delimiter: --XyZ\r\n"
    "--XyZ--\r\n"
    "epilogue to be ignored";

static void test_a_browser_form(void **state)
{
        (void)state;
        struct parsed p = parse(CT, browser_body);
        assert_null(p.why);
        assert_int_equal(p.m.n_fields, 3);
        assert_string_equal(p.m.fields[0].name, "csrf");
        assert_string_equal(p.m.fields[0].value, "token-123");
        assert_string_equal(p.m.fields[1].value, "project_report");
        assert_string_equal(p.m.fields[2].value, "驻社区补助项目");
        assert_int_equal(p.m.n_uploads, 1);
        const struct upload *u = &p.m.uploads[0];
        assert_string_equal(u->field, "file");
        assert_string_equal(u->filename, "自评报告.pdf");
        assert_string_equal(u->content_type, "application/pdf");
        const char want[] = "%PDF-1.4\r\n-XyZ\r\n-- XyZ\r\nnot a delimiter: --XyZ";
        assert_int_equal(u->len, sizeof want - 1);
        assert_memory_equal(u->data, want, sizeof want - 1);
        done(&p);
}

static void test_boundary_forms_and_binary_content(void **state)
{
        (void)state;
        /* a quoted boundary, the parameter name in any case, no preamble */
        const char body[] = "--a b'c\r\n"
                            "Content-Disposition: form-data; name=f; filename=\"x.bin\"\r\n"
                            "\r\n"
                            "\0\r\n\0\xff\r\n"
                            "--a b'c--";
        struct parsed p = parse_n("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b'c\"", body,
                                  sizeof body - 1);
        assert_null(p.why);
        assert_int_equal(p.m.n_uploads, 1);
        assert_string_equal(p.m.uploads[0].field, "f");
        assert_null(p.m.uploads[0].content_type);
        assert_int_equal(p.m.uploads[0].len, 5); /* the CRLF before the delimiter is its own */
        assert_memory_equal(p.m.uploads[0].data, "\0\r\n\0\xff", 5);
        done(&p);
        /* transport padding after a delimiter, an empty file part (no file
         * chosen), escaped quotes and a ';' inside a quoted file name */
        p = parse(CT,
                  "--XyZ \t\r\n"
                  "Content-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
                  "Content-Type: application/octet-stream\r\n"
                  "\r\n"
                  "\r\n--XyZ\r\n"
                  "Content-Disposition: form-data; filename=\"a \\\"q\\\"; b.pdf\"; name=\"g\"\r\n"
                  "X-Other: ignored\r\n"
                  "\r\n"
                  "x\r\n--XyZ--");
        assert_null(p.why);
        assert_int_equal(p.m.n_uploads, 2);
        assert_string_equal(p.m.uploads[0].filename, "");
        assert_int_equal(p.m.uploads[0].len, 0);
        assert_string_equal(p.m.uploads[1].field, "g");
        assert_string_equal(p.m.uploads[1].filename, "a \"q\"; b.pdf");
        done(&p);
        /* an empty form */
        p = parse(CT, "--XyZ--\r\n");
        assert_null(p.why);
        assert_int_equal(p.m.n_fields + p.m.n_uploads, 0);
        done(&p);
}

static void test_refusals(void **state)
{
        (void)state;
        refused("multipart/form-data", "--XyZ--",
                "表单缺少分隔符（Content-Type 的 boundary 参数），无法读取上传的内容");
        refused("multipart/form-data; boundary=", "--XyZ--",
                "表单缺少分隔符（Content-Type 的 boundary 参数），无法读取上传的内容");
        const char *bad_boundary = "表单分隔符（boundary）无效：应为 1 到 70 个字母、数字或 "
                                   "'()+_,-./:=? 字符，且不以空格结尾";
        refused("multipart/form-data; boundary="
                "12345678901234567890123456789012345678901234567890123456789012345678901",
                "--XyZ--", bad_boundary);
        refused("multipart/form-data; boundary=\"a<b\"", "--XyZ--", bad_boundary);
        refused("multipart/form-data; boundary=\"ab \"", "--XyZ--", bad_boundary);
        refused(CT, "no delimiter here",
                "表单内容不完整：找不到第一个分隔符（boundary），请重新提交");
        refused(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue",
                "表单内容不完整：第 1 部分（字段“a”）没有结束分隔符（上传可能被中断）");
        refused(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--XyZ",
                "表单内容不完整：缺少结束分隔符（上传可能被中断）");
        refused(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--XyZjunk",
                "表单格式有误：第 2 个分隔符后应换行");
        refused(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"",
                "表单内容不完整：第 1 部分的头部没有结束（上传可能被中断）");
        refused(CT, "--XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n--XyZ--",
                "表单第 1 部分缺少 Content-Disposition 头");
        refused(CT, "--XyZ\r\n\r\nv\r\n--XyZ--", "表单第 1 部分缺少 Content-Disposition 头");
        refused(CT, "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--XyZ--",
                "表单第 1 部分的 Content-Disposition 应为 form-data");
        refused(CT, "--XyZ\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XyZ--",
                "表单第 1 部分缺少字段名（Content-Disposition 的 name 参数）");
        refused(CT,
                "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n"
                "--XyZ\r\nContent-Disposition: form-data; name=\"\"; filename=\"x.pdf\"\r\n\r\n"
                "v\r\n--XyZ--",
                "表单第 2 部分缺少字段名（Content-Disposition 的 name 参数）");
        refused(CT,
                "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
                "Content-Disposition: form-data; name=\"b\"\r\n\r\nv\r\n--XyZ--",
                "表单第 1 部分有多个 Content-Disposition 头");
        refused(CT, "--XyZ\r\nno colon in this line\r\n\r\nv\r\n--XyZ--",
                "表单第 1 部分的头部格式有误（每行应为“名称: 值”）");
        refused(CT,
                "--XyZ\r\nContent-Disposition: form-data;\r\n name=\"folded\"\r\n\r\nv\r\n--XyZ--",
                "表单第 1 部分的头部格式有误（每行应为“名称: 值”）");
        refused(CT,
                "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; filename=\"\xff\xfe.pdf\"\r\n"
                "\r\nv\r\n--XyZ--",
                "表单第 1 部分的字段名或文件名不是有效的 UTF-8 编码");
}

/* Bodies with NUL bytes where none may be. */
static void refused_n(const char *body, size_t len, const char *message)
{
        struct parsed p = parse_n(CT, body, len);
        assert_non_null(p.why);
        assert_string_equal(p.why, message);
        done(&p);
}

static void test_nul_bytes(void **state)
{
        (void)state;
        const char name[] =
            "--XyZ\r\nContent-Disposition: form-data; name=\"a\0b\"\r\n\r\nv\r\n--XyZ--";
        refused_n(name, sizeof name - 1, "表单第 1 部分的字段名或文件名含有空字符");
        const char file[] = "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
                            "filename=\"a.pdf\0.exe\"\r\n\r\nv\r\n--XyZ--";
        refused_n(file, sizeof file - 1, "表单第 1 部分的字段名或文件名含有空字符");
        const char value[] = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
                             "tok\0en\r\n--XyZ--";
        refused_n(value, sizeof value - 1, "表单字段“csrf”含有空字符");
        const char type[] =
            "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n"
            "Content-Type: a\0b\r\n\r\nv\r\n--XyZ--";
        refused_n(type, sizeof type - 1, "表单第 1 部分的 Content-Type 含有空字符");
}

static void test_limits(void **state)
{
        (void)state;
        /* 64 parts are fine, 65 are not */
        for (int parts = 64; parts <= 65; parts++) {
                struct buf b = BUF_INIT;
                for (int i = 0; i < parts; i++)
                        buf_printf(&b,
                                   "--XyZ\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\n"
                                   "%d\r\n",
                                   i, i);
                buf_puts(&b, "--XyZ--");
                struct parsed p = parse(CT, b.data);
                if (parts == 64) {
                        assert_null(p.why);
                        assert_int_equal(p.m.n_fields, 64);
                        assert_string_equal(p.m.fields[63].value, "63");
                } else {
                        assert_string_equal(p.why, "表单最多可有 64 个部分，实际超过了这个数");
                }
                done(&p);
                buf_free(&b);
        }
        /* a header block of more than 8 KiB, in one line or in many */
        struct buf b = BUF_INIT;
        buf_puts(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Long: ");
        buf_repeat(&b, "x", 9000);
        buf_puts(&b, "\r\n\r\nv\r\n--XyZ--");
        refused(CT, b.data, "表单第 1 部分的头部超过 8 KiB");
        buf_reset(&b);
        buf_puts(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n");
        for (int i = 0; i < 1000; i++)
                buf_puts(&b, "X-Many: 12345\r\n");
        buf_puts(&b, "\r\nv\r\n--XyZ--");
        refused(CT, b.data, "表单第 1 部分的头部超过 8 KiB");
        /* a header line that never ends, longer than the limit */
        buf_reset(&b);
        buf_puts(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; filename=\"");
        buf_repeat(&b, "y", 10000);
        refused(CT, b.data, "表单第 1 部分的头部超过 8 KiB");
        buf_free(&b);
}

/* Every proper prefix of a valid body is refused; none is read past. */
static void test_every_truncation_is_refused(void **state)
{
        (void)state;
        const char *body = strstr(browser_body, "--XyZ"); /* without the preamble */
        size_t len = (size_t)(strstr(body, "--XyZ--") + 7 - body);
        struct parsed whole = parse_n(CT, body, len);
        assert_null(whole.why);
        done(&whole);
        for (size_t n = 0; n < len; n++) {
                struct parsed p = parse_n(CT, body, n);
                if (!p.why)
                        fprintf(stderr, "prefix of %zu bytes accepted\n", n);
                assert_non_null(p.why);
                done(&p);
        }
}

/* Random corruptions: any outcome but a crash or an out-of-bounds read
 * (the sanitizer build checks); what is accepted is consistent. */
static void test_random_corruptions(void **state)
{
        (void)state;
        size_t len = sizeof browser_body - 1;
        char *mut = malloc(len);
        unsigned seed = 20261122;
        const char alphabet[] = "-\r\n\"\\;=:X y Z\0\xff";
        for (int round = 0; round < 4000; round++) {
                memcpy(mut, browser_body, len);
                int flips = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 4;
                for (int i = 0; i < flips; i++) {
                        seed = seed * 1103515245u + 12345u;
                        size_t at = (seed >> 8) % len;
                        seed = seed * 1103515245u + 12345u;
                        mut[at] = alphabet[(seed >> 8) % (sizeof alphabet - 1)];
                }
                seed = seed * 1103515245u + 12345u;
                size_t n = len - (seed >> 8) % 8;
                struct parsed p = parse_n(CT, mut, n);
                if (!p.why) {
                        assert_true(p.m.n_fields + p.m.n_uploads <= MULTIPART_MAX_PARTS);
                        for (size_t i = 0; i < p.m.n_uploads; i++)
                                assert_true(p.m.uploads[i].len <= n);
                        for (size_t i = 0; i < p.m.n_fields; i++)
                                assert_true(p.m.fields[i].name[0] != '\0');
                }
                done(&p);
        }
        free(mut);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_a_browser_form),
            cmocka_unit_test(test_boundary_forms_and_binary_content),
            cmocka_unit_test(test_refusals),
            cmocka_unit_test(test_nul_bytes),
            cmocka_unit_test(test_limits),
            cmocka_unit_test(test_every_truncation_is_refused),
            cmocka_unit_test(test_random_corruptions),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
