/* Attachments over HTTP against a real server on a demo database: every
 * accepted type uploads and downloads byte for byte with its SHA-256 and
 * media type; every upload rule refuses with its exact message and
 * status and stores nothing; who may upload, delete and download in each
 * workflow status; the timeline and the audit log; the forms of the 文件
 * page without JavaScript; and the submission gate files_missing. */
#include "../support/http.h"
#include "../support/samples.h"

#include "../../src/doc/doc_io.h"
#include "../../src/store/db.h"
#include "../../src/app/files.h"

#include <jansson.h>
#include <stdarg.h>
#include <sodium.h>

#define PASSWORD "Jixiao-Files-2026!"

/* 103001 is a supervising unit with two projects in its 2023 document;
 * 103002 is one of its subordinate units. */
enum { PREPARER, REVIEWER, OTHER_UNIT, FINANCE, N_CLIENTS };
static const char *const phones[N_CLIENTS] = {"15103001001", "15103001002", "15103002001",
                                              "18800000002"};
#define PROJECT_A "蔬菜直销店建设及方案编制资金"
#define PROJECT_B "驻社区补助项目"

static char db_path[256];
static char pristine[300]; /* the demo database as created, for the gate test */
static struct server srv;
static struct client cl[N_CLIENTS];
static struct db *db; /* the test's own connection, for checks and status changes */
static int64_t task_main, task_sub;

static int setup(void **state)
{
        (void)state;
        demo_db(db_path);
        db = test_db_open(db_path);
        task_main = task_id_of(db, "103001", 2023);
        task_sub = task_id_of(db, "103002", 2023);
        snprintf(pristine, sizeof pristine, "%s.pristine", db_path);
        char cmd[700];
        snprintf(cmd, sizeof cmd, "cp %s %s", db_path, pristine);
        assert_int_equal(system(cmd), 0);
        server_start(&srv, db_path);
        clients_sign_in(cl, N_CLIENTS, &srv, phones, PASSWORD);
        return 0;
}

static int teardown(void **state)
{
        (void)state;
        server_stop(&srv);
        db_close(db);
        return 0;
}

/* ---- helpers ------------------------------------------------------------------------- */

static bool has(const struct response *r, const char *text)
{
        return strstr(r->body.data, text) != NULL;
}

static void set_status(int64_t task, const char *status)
{
        struct db_stmt *st = db_prepare(db, "UPDATE tasks SET status = ?1 WHERE id = ?2");
        db_bind_text(st, 1, status);
        db_bind_int(st, 2, task);
        assert_int_equal(db_run(st), DB_OK);
}

static int64_t count_rows(const char *what, int64_t task)
{
        struct db_stmt *st =
            strcmp(what, "files") == 0
                ? db_prepare(db, "SELECT count(*) FROM files WHERE task_id = ?1")
            : strcmp(what, "events") == 0
                ? db_prepare(db, "SELECT count(*) FROM task_events WHERE task_id = ?1")
                : db_prepare(db, "SELECT count(*) FROM audit WHERE action LIKE 'task.%' AND "
                                 "target LIKE 'tasks/' || ?1 || '/files/%'");
        db_bind_int(st, 1, task);
        assert_int_equal(db_step(st), DB_ROW);
        int64_t n = db_col_int(st, 0);
        db_reset(st);
        return n;
}

static struct part text(const char *name, const char *value)
{
        return (struct part){name, NULL, value, value ? strlen(value) : 0};
}

/* Upload data as filename (NULL: no file part) to path. api: send the
 * CSRF token as a header, else as the form field csrf (csrf false: not
 * at all). */
static struct response upload_to(struct client *c, const char *path, const char *kind,
                                 const char *project, const char *filename, const struct buf *data,
                                 bool api, bool csrf)
{
        struct part parts[4];
        size_t n = 0;
        if (!api && csrf)
                parts[n++] = text("csrf", c->csrf);
        if (kind)
                parts[n++] = text("kind", kind);
        if (project)
                parts[n++] = text("project", project);
        if (filename)
                parts[n++] =
                    (struct part){"file", filename, data ? data->data : "", data ? data->len : 0};
        struct buf body = BUF_INIT;
        multipart_body(&body, parts, n);
        struct response r =
            http_body(c, "POST", path, "multipart/form-data; boundary=" MULTIPART_BOUNDARY,
                      body.data, body.len, api && csrf);
        buf_free(&body);
        return r;
}

static const char *files_path(int64_t task, bool api)
{
        static char path[64];
        snprintf(path, sizeof path, "%s/tasks/%lld/files", api ? "/api" : "", (long long)task);
        return path;
}

static struct response upload(int who, int64_t task, const char *kind, const char *project,
                              const char *filename, const struct buf *data)
{
        return upload_to(&cl[who], files_path(task, true), kind, project, filename, data, true,
                         true);
}

static struct response get(int who, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static struct response get(int who, const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        struct response r = http_vgetf(&cl[who], fmt, ap);
        va_end(ap);
        return r;
}

/* A POST with an empty JSON body and the CSRF header. */
static struct response post(int who, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static struct response post(int who, const char *fmt, ...)
{
        char path[128];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(path, sizeof path, fmt, ap);
        va_end(ap);
        return http(&cl[who], "POST", path, "application/json", "{}", true);
}

/* The "file" member of an upload's answer. */
struct uploaded {
        int64_t id;
        char name[512], media_type[128], sha256[65];
        int64_t size;
};

static struct uploaded answer(const struct response *r)
{
        struct uploaded u = {0};
        json_t *root = json_loads(r->body.data, 0, NULL);
        assert_non_null(root);
        json_t *f = json_object_get(root, "file");
        assert_non_null(f);
        u.id = json_integer_value(json_object_get(f, "id"));
        u.size = json_integer_value(json_object_get(f, "size"));
        snprintf(u.name, sizeof u.name, "%s", json_string_value(json_object_get(f, "name")));
        snprintf(u.media_type, sizeof u.media_type, "%s",
                 json_string_value(json_object_get(f, "media_type")));
        snprintf(u.sha256, sizeof u.sha256, "%s", json_string_value(json_object_get(f, "sha256")));
        json_decref(root);
        return u;
}

/* An OLE2 file that differs from sample_ole2's (so it is not a duplicate). */
static void other_ole2(struct buf *b)
{
        sample_ole2(b);
        buf_puts(b, "another");
}

static void sha256_hex(const struct buf *data, char out[65])
{
        unsigned char d[32];
        crypto_hash_sha256(d, (const unsigned char *)data->data, data->len);
        sodium_bin2hex(out, 65, d, 32);
}

static void expect(const struct response *r, int status, const char *message)
{
        if (r->status != status || (message && !has(r, message)))
                fprintf(stderr, "expected %d “%s”, got %d: %s\n", status, message ? message : "",
                        r->status, r->body.data);
        assert_int_equal(r->status, status);
        if (message)
                assert_true(has(r, message));
}

static void still_serving(void)
{
        struct client c;
        client_init(&c, &srv);
        struct response r = http(&c, "GET", "/login", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        response_free(&r);
}

/* ---- every accepted type ------------------------------------------------------------ */

static void test_each_type_uploads_and_downloads_identically(void **state)
{
        (void)state;
        static const struct {
                const char *kind, *filename, *media_type;
                void (*make)(struct buf *);
        } samples[] = {
            {"self_report", "自评报告.pdf", "application/pdf", sample_pdf},
            {"other", "report.docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             sample_docx},
            {"other", "预算表.xlsx",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", sample_xlsx},
            {"other", "old.doc", "application/msword", sample_ole2},
            {"other", "old.xls", "application/vnd.ms-excel", other_ole2},
            {"other", "photo.png", "image/png", sample_png},
            {"other", "现场照片.JPEG", "image/jpeg", sample_jpeg},
        };
        for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
                struct buf data = BUF_INIT;
                samples[i].make(&data);
                struct response r =
                    upload(PREPARER, task_main, samples[i].kind, NULL, samples[i].filename, &data);
                expect(&r, 201, NULL);
                struct uploaded u = answer(&r);
                response_free(&r);
                char sha[65];
                sha256_hex(&data, sha);
                assert_string_equal(u.name, samples[i].filename);
                assert_string_equal(u.media_type, samples[i].media_type);
                assert_int_equal(u.size, data.len);
                assert_string_equal(u.sha256, sha);
                /* everyone who may see the task downloads the same bytes */
                const int readers[] = {PREPARER, REVIEWER, FINANCE};
                for (size_t k = 0; k < 3; k++) {
                        r = get(readers[k],
                                k == 0 ? "/api/tasks/%lld/files/%lld" : "/tasks/%lld/files/%lld",
                                (long long)task_main, (long long)u.id);
                        assert_int_equal(r.status, 200);
                        assert_string_equal(response_header(&r, "Content-Type"),
                                            samples[i].media_type);
                        assert_int_equal(r.body.len, data.len);
                        assert_memory_equal(r.body.data, data.data, data.len);
                        const char *cd = response_header(&r, "Content-Disposition");
                        assert_non_null(cd);
                        assert_true(strncmp(cd, "attachment; filename=\"", 22) == 0);
                        assert_non_null(strstr(cd, "; filename*=UTF-8''"));
                        response_free(&r);
                }
                r = get(OTHER_UNIT, "/api/tasks/%lld/files/%lld", (long long)task_main,
                        (long long)u.id);
                expect(&r, 404, "自评任务不存在或无权查看");
                response_free(&r);
                buf_free(&data);
        }
        /* the name in the Content-Disposition: as it is when plain ASCII,
         * else an ASCII stand-in and the exact name percent-encoded */
        struct response r =
            http(&cl[PREPARER], "GET", files_path(task_main, true), NULL, NULL, false);
        assert_int_equal(r.status, 200);
        json_t *root = json_loads(r.body.data, 0, NULL);
        response_free(&r);
        json_t *files = json_object_get(root, "files");
        assert_int_equal(json_array_size(files), 7);
        int64_t pdf = json_integer_value(json_object_get(json_array_get(files, 0), "id"));
        int64_t docx = json_integer_value(json_object_get(json_array_get(files, 1), "id"));
        json_decref(root);
        r = get(PREPARER, "/tasks/%lld/files/%lld", (long long)task_main, (long long)docx);
        assert_string_equal(response_header(&r, "Content-Disposition"),
                            "attachment; filename=\"report.docx\"; filename*=UTF-8''report.docx");
        response_free(&r);
        r = get(PREPARER, "/tasks/%lld/files/%lld", (long long)task_main, (long long)pdf);
        char want[160];
        snprintf(want, sizeof want, "%s",
                 "attachment; filename=\"download.pdf\"; "
                 "filename*=UTF-8''%E8%87%AA%E8%AF%84%E6%8A%A5%E5%91%8A.pdf");
        assert_string_equal(response_header(&r, "Content-Disposition"), want);
        assert_string_equal(response_header(&r, "X-Content-Type-Options"), "nosniff");
        response_free(&r);
        /* a path sent with the name is dropped */
        struct buf data = BUF_INIT;
        sample_png(&data);
        buf_puts(&data, "trailing bytes make it new");
        r = upload(PREPARER, task_main, "other", NULL, "C:\\\\Users\\\\张三\\\\截图.png", &data);
        expect(&r, 201, "\"name\":\"截图.png\"");
        response_free(&r);
        buf_free(&data);
}

/* ---- every upload rule -------------------------------------------------------------------- */

static void test_each_refusal_with_its_message(void **state)
{
        (void)state;
        struct buf pdf = BUF_INIT, png = BUF_INIT, docx = BUF_INIT, junk = BUF_INIT,
                   empty = BUF_INIT, macro = BUF_INIT;
        sample_pdf(&pdf);
        buf_puts(&pdf, "% refusal test\n");
        sample_png(&png);
        sample_docx(&docx);
        buf_puts(&junk, "MZ\x90 not a document at all");
        buf_puts(&empty, "");
        const char *const vba[] = {"[Content_Types].xml", "word/document.xml",
                                   "word/vbaProject.bin", NULL};
        sample_zip(&macro, vba);
        struct buf long_name = BUF_INIT;
        for (int i = 0; i < 117; i++)
                buf_puts(&long_name, "长");
        buf_puts(&long_name, ".pdf");
        struct buf long_message = BUF_INIT;
        buf_printf(&long_message, "文件名最长 120 个字符，“%s” 有 121 个", long_name.data);
        const char *const accepted =
            "只能上传 PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）或图片（.png/.jpg）文件";
        char unknown[512], txt[512];
        snprintf(unknown, sizeof unknown, "%s；“setup.exe” 的内容不是其中任何一种", accepted);
        snprintf(txt, sizeof txt,
                 "%s；“说明.txt” 的扩展名 .txt 不在其中（其内容是 PDF 文档，扩展名应为 .pdf）",
                 accepted);
        const struct {
                const char *kind, *project, *filename;
                const struct buf *data;
                int status;
                const char *message, *field;
        } cases[] = {
            {"other", NULL, "报告.pdf", &png, 400,
             "“报告.pdf” 的扩展名 .pdf 与内容不符：内容是 PNG 图片，扩展名应为 .png；"
             "请确认文件后重新上传",
             "file"},
            {"other", NULL, "表格.xlsx", &docx, 400,
             "“表格.xlsx” 的扩展名 .xlsx 与内容不符：内容是 Word 文档，扩展名应为 .docx", "file"},
            {"other", NULL, "setup.exe", &junk, 400, unknown, "file"},
            {"other", NULL, "说明.txt", &pdf, 400, txt, "file"},
            {"other", NULL, "宏.docx", &macro, 400,
             "“宏.docx” 含有宏（VBA 代码），为安全起见不能上传", "file"},
            {"other", NULL, "空白.pdf", &empty, 400,
             "“空白.pdf” 是空文件（0 字节），请选择有内容的文件", "file"},
            {"other", NULL, "a\tb.pdf", &pdf, 400, "文件名不能含有控制字符", "file"},
            {"other", NULL, "自评报告", &pdf, 400,
             "文件名须带扩展名（例如 .pdf），“自评报告” 没有扩展名", "file"},
            {"other", NULL, long_name.data, &pdf, 400, long_message.data, "file"},
            {"other", NULL, "", &empty, 400, "请选择要上传的文件（表单字段 file）", "file"},
            {"other", NULL, NULL, NULL, 400, "请选择要上传的文件（表单字段 file）", "file"},
            {NULL, NULL, "a.pdf", &pdf, 400,
             "请选择附件类别：自评报告（self_report）、项目自评报告（project_report）或其他材料"
             "（other）",
             "kind"},
            {"report", NULL, "a.pdf", &pdf, 400, "请选择附件类别", "kind"},
            {"project_report", NULL, "a.pdf", &pdf, 400, "上传项目自评报告时须选择所属项目",
             "project"},
            {"project_report", "不存在的项目", "a.pdf", &pdf, 400,
             "项目“不存在的项目”不在本任务的项目支出表中，请从列表中选择", "project"},
        };
        int64_t files = count_rows("files", task_main), events = count_rows("events", task_main),
                audits = count_rows("audit", task_main);
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
                struct response r = upload(PREPARER, task_main, cases[i].kind, cases[i].project,
                                           cases[i].filename, cases[i].data);
                expect(&r, cases[i].status, cases[i].message);
                char field[64];
                snprintf(field, sizeof field, "\"field\":\"%s\"", cases[i].field);
                assert_true(has(&r, field));
                response_free(&r);
        }
        /* a project report for a project the task has is fine; the same
         * file again for the same project is not */
        struct response r =
            upload(PREPARER, task_main, "project_report", PROJECT_B, "项目.pdf", &pdf);
        expect(&r, 201, "\"project\":\"" PROJECT_B "\"");
        response_free(&r);
        r = upload(PREPARER, task_main, "project_report", PROJECT_B, "again.pdf", &pdf);
        expect(&r, 409, "“again.pdf” 与已上传的 “项目.pdf” 内容相同，无需重复上传");
        response_free(&r);
        files++, events++, audits++;
        /* two files at once */
        struct part two[] = {text("kind", "other"),
                             {"file", "a.pdf", pdf.data, pdf.len},
                             {"file", "b.png", png.data, png.len}};
        struct buf body = BUF_INIT;
        multipart_body(&body, two, 3);
        r = http_body(&cl[PREPARER], "POST", files_path(task_main, true),
                      "multipart/form-data; boundary=" MULTIPART_BOUNDARY, body.data, body.len,
                      true);
        expect(&r, 400, "每次只能上传一个文件");
        response_free(&r);
        /* CSRF: neither header nor field, on the API and on the page */
        r = upload_to(&cl[PREPARER], files_path(task_main, true), "other", NULL, "c.pdf", &pdf,
                      true, false);
        expect(&r, 403, "CSRF");
        response_free(&r);
        r = upload_to(&cl[PREPARER], files_path(task_main, false), "other", NULL, "c.pdf", &pdf,
                      false, false);
        expect(&r, 403, "CSRF");
        response_free(&r);
        /* malformed bodies */
        r = http_body(&cl[PREPARER], "POST", files_path(task_main, true), "multipart/form-data",
                      body.data, body.len, true);
        expect(&r, 400, "表单缺少分隔符（Content-Type 的 boundary 参数）");
        response_free(&r);
        r = http_body(&cl[PREPARER], "POST", files_path(task_main, true),
                      "multipart/form-data; boundary=" MULTIPART_BOUNDARY, body.data, body.len / 2,
                      true);
        expect(&r, 400, "表单内容不完整");
        response_free(&r);
        buf_reset(&body);
        for (int i = 0; i < 65; i++)
                buf_printf(&body,
                           "--" MULTIPART_BOUNDARY
                           "\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\nx\r\n",
                           i);
        buf_puts(&body, "--" MULTIPART_BOUNDARY "--\r\n");
        r = http_body(&cl[PREPARER], "POST", files_path(task_main, true),
                      "multipart/form-data; boundary=" MULTIPART_BOUNDARY, body.data, body.len,
                      true);
        expect(&r, 400, "表单最多可有 64 个部分，实际超过了这个数");
        response_free(&r);
        const char nul[] =
            "--" MULTIPART_BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
            "filename=\"a.pdf\0.exe\"\r\n\r\n%PDF-1.7\r\n--" MULTIPART_BOUNDARY "--\r\n";
        r = http_body(&cl[PREPARER], "POST", files_path(task_main, true),
                      "multipart/form-data; boundary=" MULTIPART_BOUNDARY, nul, sizeof nul - 1,
                      true);
        expect(&r, 400, "表单第 1 部分的字段名或文件名含有空字符");
        response_free(&r);
        buf_free(&body);
        /* the file limit: the handler refuses, naming the file and the limit */
        struct buf big = BUF_INIT;
        buf_puts(&big, "%PDF-1.7\n");
        buf_repeat(&big, "a", (16 << 20) + 1 - big.len);
        r = upload(PREPARER, task_main, "other", NULL, "big.pdf", &big);
        expect(&r, 413,
               "“big.pdf” 有 16.0 MB，超过了单个文件 16 MB 的上限，请压缩或拆分后重新上传");
        response_free(&r);
        still_serving();
        buf_free(&big);
        /* the request limit: announced larger, refused before it is read */
        const char *announced = "POST /api/tasks/1/files HTTP/1.1\r\nHost: x\r\n"
                                "Content-Type: multipart/form-data; boundary=B\r\n"
                                "Content-Length: 20971521\r\n\r\n--B\r\n";
        r = http_raw(&srv, announced, strlen(announced));
        expect(&r, 413, "提交的内容过大：上传文件的请求不能超过 20 MB，请缩小文件后重试");
        response_free(&r);
        still_serving();
        /* … and sent larger without announcing it (chunked) */
        struct buf raw = BUF_INIT;
        buf_puts(&raw, "POST /api/tasks/1/files HTTP/1.1\r\nHost: x\r\n"
                       "Content-Type: multipart/form-data; boundary=B\r\n"
                       "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < 21; i++) {
                buf_printf(&raw, "%x\r\n", 1 << 20);
                buf_repeat(&raw, "z", 1 << 20);
                buf_puts(&raw, "\r\n");
        }
        buf_puts(&raw, "0\r\n\r\n");
        r = http_raw(&srv, raw.data, raw.len);
        expect(&r, 413, "提交的内容过大：上传文件的请求不能超过 20 MB");
        response_free(&r);
        buf_free(&raw);
        still_serving();
        /* nothing of the refusals was written */
        assert_int_equal(count_rows("files", task_main), files);
        assert_int_equal(count_rows("events", task_main), events);
        assert_int_equal(count_rows("audit", task_main), audits);
        struct buf *all[] = {&pdf, &png, &docx, &junk, &empty, &macro, &long_name, &long_message};
        for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
                buf_free(all[i]);
}

/* ---- who may ------------------------------------------------------------------------------ */

static void test_permissions_follow_the_workflow_and_scope(void **state)
{
        (void)state;
        struct buf pdf = BUF_INIT;
        sample_pdf(&pdf);
        buf_puts(&pdf, "% permissions\n");
        const char *draft_reason = "该自评任务正由本单位经办岗填报，只有经办岗可以上传或删除附件";
        /* a draft: its unit's preparer uploads, nobody else */
        struct response r = upload(PREPARER, task_main, "other", NULL, "p.pdf", &pdf);
        expect(&r, 201, NULL);
        int64_t fid = answer(&r).id;
        response_free(&r);
        r = upload(REVIEWER, task_main, "other", NULL, "r.pdf", &pdf);
        expect(&r, 403, draft_reason);
        response_free(&r);
        r = post(REVIEWER, "/api/tasks/%lld/files/%lld/delete", (long long)task_main,
                 (long long)fid);
        expect(&r, 403, draft_reason);
        response_free(&r);
        r = upload(FINANCE, task_main, "other", NULL, "f.pdf", &pdf);
        expect(&r, 403, "您的岗位无权进行此操作");
        response_free(&r);
        r = post(FINANCE, "/tasks/%lld/files/%lld/delete", (long long)task_main, (long long)fid);
        expect(&r, 403, "您的岗位无权进行此操作");
        response_free(&r);
        /* a unit outside the task's scope learns nothing */
        r = get(OTHER_UNIT, "/api/tasks/%lld/files", (long long)task_main);
        expect(&r, 404, "自评任务不存在或无权查看");
        response_free(&r);
        r = get(OTHER_UNIT, "/tasks/%lld/files", (long long)task_main);
        expect(&r, 404, "自评任务不存在或无权查看");
        response_free(&r);
        r = get(OTHER_UNIT, "/tasks/%lld/files/%lld", (long long)task_main, (long long)fid);
        expect(&r, 404, "自评任务不存在或无权查看");
        response_free(&r);
        r = upload(OTHER_UNIT, task_main, "other", NULL, "o.pdf", &pdf);
        expect(&r, 404, "自评任务不存在或无权查看");
        response_free(&r);
        r = post(OTHER_UNIT, "/api/tasks/%lld/files/%lld/delete", (long long)task_main,
                 (long long)fid);
        expect(&r, 404, "自评任务不存在或无权查看");
        response_free(&r);
        r = get(PREPARER, "/api/tasks/%lld/files", (long long)99999999);
        expect(&r, 404, "自评任务不存在或无权查看");
        response_free(&r);
        /* the subordinate unit uploads to its own task; the supervising
         * unit sees it but may not change it; ids of one task do not
         * reach another's files */
        r = upload(OTHER_UNIT, task_sub, "self_report", NULL, "下级自评报告.pdf", &pdf);
        expect(&r, 201, NULL);
        int64_t sub_fid = answer(&r).id;
        response_free(&r);
        r = get(PREPARER, "/api/tasks/%lld/files/%lld", (long long)task_sub, (long long)sub_fid);
        assert_int_equal(r.status, 200);
        response_free(&r);
        r = upload(PREPARER, task_sub, "other", NULL, "s.pdf", &pdf);
        expect(&r, 403, draft_reason);
        response_free(&r);
        r = get(PREPARER, "/api/tasks/%lld/files/%lld", (long long)task_main, (long long)sub_fid);
        expect(&r, 404, "附件不存在或已被删除");
        response_free(&r);
        r = post(PREPARER, "/api/tasks/%lld/files/%lld/delete", (long long)task_main,
                 (long long)sub_fid);
        expect(&r, 404, "附件不存在或已被删除");
        response_free(&r);
        r = get(PREPARER, "/api/tasks/%lld/files/%lld", (long long)task_main, (long long)99999999);
        expect(&r, 404, "附件不存在或已被删除");
        response_free(&r);
        /* in unit review the reviewer holds the task */
        set_status(task_main, "unit_review");
        r = upload(PREPARER, task_main, "other", NULL, "p2.pdf", &pdf);
        expect(&r, 403, "该自评任务正待本单位审核岗审核，只有审核岗可以上传或删除附件");
        response_free(&r);
        buf_puts(&pdf, "% by the reviewer\n");
        r = upload(REVIEWER, task_main, "other", NULL, "审核意见.pdf", &pdf);
        expect(&r, 201, NULL);
        int64_t rev_fid = answer(&r).id;
        response_free(&r);
        r = post(REVIEWER, "/api/tasks/%lld/files/%lld/delete", (long long)task_main,
                 (long long)rev_fid);
        expect(&r, 200, "\"ok\":true");
        response_free(&r);
        /* beyond the unit nobody changes files; everyone still reads them */
        set_status(task_main, "finance_review");
        const char *finance_reason = "该自评任务已送财政绩效经办审核，附件不能再修改";
        for (int who = PREPARER; who <= REVIEWER; who++) {
                r = upload(who, task_main, "other", NULL, "late.pdf", &pdf);
                expect(&r, 403, finance_reason);
                response_free(&r);
                r = post(who, "/api/tasks/%lld/files/%lld/delete", (long long)task_main,
                         (long long)fid);
                expect(&r, 403, finance_reason);
                response_free(&r);
                r = get(who, "/tasks/%lld/files", (long long)task_main);
                expect(&r, 200, finance_reason);
                assert_false(has(&r, "enctype=\"multipart/form-data\""));
                assert_false(has(&r, "/delete\""));
                response_free(&r);
        }
        r = get(FINANCE, "/api/tasks/%lld/files/%lld", (long long)task_main, (long long)fid);
        assert_int_equal(r.status, 200);
        response_free(&r);
        r = get(FINANCE, "/api/tasks/%lld/files", (long long)task_main);
        expect(&r, 200, "\"may_edit\":false");
        response_free(&r);
        set_status(task_main, "done");
        r = upload(PREPARER, task_main, "other", NULL, "done.pdf", &pdf);
        expect(&r, 403, "该自评任务已完成审核，附件不能再修改");
        response_free(&r);
        set_status(task_main, "draft");
        buf_free(&pdf);
}

/* ---- the record -------------------------------------------------------------------------- */

/* The newest row of the task's timeline: action, comment, user_id. */
static void last_event(int64_t task, char action[32], char comment[256], int64_t *user)
{
        struct db_stmt *st = db_prepare(db, "SELECT action, comment, user_id FROM task_events "
                                            "WHERE task_id = ?1 ORDER BY id DESC LIMIT 1");
        db_bind_int(st, 1, task);
        assert_int_equal(db_step(st), DB_ROW);
        snprintf(action, 32, "%s", db_col_text(st, 0));
        snprintf(comment, 256, "%s", db_col_text(st, 1));
        *user = db_col_int(st, 2);
        db_reset(st);
}

static void last_audit(char action[32], char target[64], char detail[512], char actor[128])
{
        struct db_stmt *st = db_prepare(
            db, "SELECT action, target, detail, actor FROM audit ORDER BY id DESC LIMIT 1");
        assert_int_equal(db_step(st), DB_ROW);
        snprintf(action, 32, "%s", db_col_text(st, 0));
        snprintf(target, 64, "%s", db_col_text(st, 1));
        snprintf(detail, 512, "%s", db_col_text(st, 2));
        snprintf(actor, 128, "%s", db_col_text(st, 3));
        db_reset(st);
}

static void test_timeline_and_audit_record_every_change(void **state)
{
        (void)state;
        struct buf data = BUF_INIT;
        const char *const entries[] = {"xl/workbook.xml", "xl/timeline.xml", NULL};
        sample_zip(&data, entries);
        int64_t events = count_rows("events", task_main);
        struct response r =
            upload(PREPARER, task_main, "project_report", PROJECT_A, "项目A自评报告.xlsx", &data);
        expect(&r, 201, NULL);
        struct uploaded u = answer(&r);
        response_free(&r);
        char action[32], comment[256], target[64], detail[512], actor[128], want[512];
        int64_t user;
        last_event(task_main, action, comment, &user);
        assert_string_equal(action, "upload");
        assert_string_equal(comment, "项目自评报告（项目“" PROJECT_A "”）：项目A自评报告.xlsx");
        assert_true(user > 0);
        last_audit(action, target, detail, actor);
        assert_string_equal(action, "task.upload");
        snprintf(want, sizeof want, "tasks/%lld/files/%lld", (long long)task_main, (long long)u.id);
        assert_string_equal(target, want);
        assert_non_null(strstr(detail, u.sha256));
        assert_non_null(strstr(actor, phones[PREPARER]));
        /* deleting, by the page's form (no JavaScript: a plain POST) */
        char body[128], path[96];
        snprintf(body, sizeof body, "csrf=%s", cl[PREPARER].csrf);
        snprintf(path, sizeof path, "/tasks/%lld/files/%lld/delete", (long long)task_main,
                 (long long)u.id);
        r = http(&cl[PREPARER], "POST", path, "application/x-www-form-urlencoded", body, false);
        assert_int_equal(r.status, 303);
        snprintf(want, sizeof want, "/tasks/%lld/files?ok=deleted#files", (long long)task_main);
        assert_string_equal(response_header(&r, "Location"), want);
        response_free(&r);
        last_event(task_main, action, comment, &user);
        assert_string_equal(action, "delete_file");
        assert_string_equal(comment, "项目自评报告（项目“" PROJECT_A "”）：项目A自评报告.xlsx");
        last_audit(action, target, detail, actor);
        assert_string_equal(action, "task.delete_file");
        assert_int_equal(count_rows("events", task_main), events + 2);
        /* gone: a second delete and a download find nothing */
        r = http(&cl[PREPARER], "POST", path, "application/x-www-form-urlencoded", body, false);
        expect(&r, 404, "附件不存在或已被删除");
        response_free(&r);
        r = get(PREPARER, "/api/tasks/%lld/files/%lld", (long long)task_main, (long long)u.id);
        expect(&r, 404, "附件不存在或已被删除");
        response_free(&r);
        assert_int_equal(count_rows("events", task_main), events + 2);
        buf_free(&data);
}

/* ---- the page, without JavaScript ------------------------------------------------------- */

static void test_the_page_works_with_plain_forms(void **state)
{
        (void)state;
        struct response r = get(PREPARER, "/tasks/%lld/files", (long long)task_main);
        assert_int_equal(r.status, 200);
        assert_true(has(&r, "<form method=\"post\" action=\"/tasks/"));
        assert_true(has(&r, "enctype=\"multipart/form-data\""));
        assert_true(has(&r, "name=\"csrf\""));
        assert_true(has(&r, "<input type=\"file\" name=\"file\""));
        assert_true(has(&r, "<option value=\"" PROJECT_A "\">"));
        assert_true(has(&r, "项目“" PROJECT_A "”的项目自评报告"));
        assert_true(has(&r, "data-confirm=\"确定删除附件"));
        response_free(&r);
        /* upload by the form: 303 back to the page, which confirms it */
        struct buf docx = BUF_INIT;
        const char *const entries[] = {"word/document.xml", "word/page.xml", NULL};
        sample_zip(&docx, entries);
        r = upload_to(&cl[PREPARER], files_path(task_main, false), "project_report", PROJECT_A,
                      "项目A.docx", &docx, false, true);
        assert_int_equal(r.status, 303);
        char location[256];
        snprintf(location, sizeof location, "%s", response_header(&r, "Location"));
        response_free(&r);
        char prefix[96];
        snprintf(prefix, sizeof prefix,
                 "/tasks/%lld/files?ok=uploaded&file=", (long long)task_main);
        assert_true(strncmp(location, prefix, strlen(prefix)) == 0);
        *strchr(location, '#') = '\0'; /* browsers keep the fragment to themselves */
        r = http(&cl[PREPARER], "GET", location, NULL, NULL, false);
        assert_int_equal(r.status, 200);
        assert_true(has(&r, "已上传 “项目A.docx”（Word 文档，"));
        response_free(&r);
        /* a refusal re-renders the page with the message and the choices kept */
        struct buf png = BUF_INIT;
        sample_png(&png);
        r = upload_to(&cl[PREPARER], files_path(task_main, false), "project_report", PROJECT_B,
                      "项目B.pdf", &png, false, true);
        assert_int_equal(r.status, 400);
        assert_true(has(&r, "<div class=\"alert error\" role=\"alert\">“项目B.pdf” 的扩展名 .pdf "
                            "与内容不符"));
        assert_true(has(&r, "<option value=\"project_report\" selected>"));
        assert_true(has(&r, "<option value=\"" PROJECT_B "\" selected>"));
        assert_true(has(&r, "enctype=\"multipart/form-data\""));
        response_free(&r);
        /* the reviewer sees the list and why there is no form */
        r = get(REVIEWER, "/tasks/%lld/files", (long long)task_main);
        assert_int_equal(r.status, 200);
        assert_true(has(&r, "项目A.docx"));
        assert_true(has(&r, "只有经办岗可以上传或删除附件"));
        assert_false(has(&r, "enctype=\"multipart/form-data\""));
        response_free(&r);
        buf_free(&docx);
        buf_free(&png);
}

/* ---- the submission gate ------------------------------------------------------------------- */

/* A request context on a fresh copy of the demo database, acting as the
 * preparer of 103001, with the task and its document. */
struct gate {
        struct db *db;
        struct app a;
        struct user preparer;
        struct task task;
        struct doc *doc;
};

static void gate_open(struct gate *g, const char *name)
{
        char path[300], cmd[700];
        snprintf(path, sizeof path, "%s.%s.db", db_path, name);
        snprintf(cmd, sizeof cmd, "cp %s %s", pristine, path);
        assert_int_equal(system(cmd), 0);
        g->db = test_db_open(path);
        app_local_begin(&g->a, g->db, "test");
        assert_int_equal(store_user_by_phone(g->db, g->a.arena, phones[PREPARER], &g->preparer),
                         STORE_OK);
        g->a.actor = &g->preparer;
        assert_int_equal(store_task_get(g->db, g->a.arena, task_main, true, &g->task), STORE_OK);
        struct diags errs = DIAGS_INIT;
        g->doc = doc_parse(g->task.document, strlen(g->task.document), &errs);
        assert_non_null(g->doc);
        diags_free(&errs);
}

static void gate_close(struct gate *g)
{
        doc_free(g->doc);
        app_local_end(&g->a);
        db_close(g->db);
}

static void missing(struct gate *g, const struct doc *d, const char *want)
{
        struct buf why = BUF_INIT;
        bool lacking = files_missing(&g->a, &g->task, d, &why);
        if (want) {
                assert_true(lacking);
                assert_string_equal(why.data, want);
        } else {
                assert_false(lacking);
                assert_null(why.data);
        }
        buf_free(&why);
}

static int64_t gate_upload(struct gate *g, const char *kind, const char *project,
                           const char *filename, const struct buf *data)
{
        struct upload_file up = {filename, data->data, data->len};
        struct stored_file stored;
        struct outcome out = {0};
        bool ok = app_file_upload(&g->a, &g->task, g->doc, kind, project, &up, 1, &stored, &out);
        if (!ok)
                fprintf(stderr, "%s: %d %s\n", filename, (int)out.status, out.error);
        assert_true(ok);
        assert_int_equal(out.status, APP_CREATED);
        return out.id;
}

static void test_files_missing_before_and_after(void **state)
{
        (void)state;
        assert_true(sodium_init() >= 0);
        struct gate g;
        gate_open(&g, "gate");
        missing(&g, g.doc,
                "请先上传：自评报告；项目“" PROJECT_A "”的项目自评报告；项目“" PROJECT_B
                "”的项目自评报告。");
        missing(&g, NULL, "请先上传：自评报告。");
        struct buf pdf = BUF_INIT;
        sample_pdf(&pdf);
        int64_t self = gate_upload(&g, "self_report", NULL, "自评报告.pdf", &pdf);
        missing(&g, g.doc,
                "请先上传：项目“" PROJECT_A "”的项目自评报告；项目“" PROJECT_B "”的项目自评报告。");
        missing(&g, NULL, NULL);
        /* other material does not count; a project report counts for its project only */
        gate_upload(&g, "other", NULL, "附表.pdf", &pdf);
        gate_upload(&g, "project_report", PROJECT_B, "B.pdf", &pdf);
        missing(&g, g.doc, "请先上传：项目“" PROJECT_A "”的项目自评报告。");
        gate_upload(&g, "project_report", PROJECT_A, "A.pdf", &pdf);
        missing(&g, g.doc, NULL);
        /* deleting the report opens the gap again */
        struct outcome out = {0};
        assert_true(app_file_delete(&g.a, &g.task, self, &out));
        missing(&g, g.doc, "请先上传：自评报告。");
        /* the API reports the same sentence */
        buf_free(&pdf);
        gate_close(&g);
        struct response r = get(OTHER_UNIT, "/api/tasks/%lld/files", (long long)task_sub);
        assert_int_equal(r.status, 200);
        assert_true(has(&r, "\"missing\":null")); /* its document has no projects */
        response_free(&r);
        r = get(FINANCE, "/api/tasks/%lld/files", (long long)task_id_of(db, "104002", 2024));
        expect(&r, 200, "\"missing\":\"请先上传：自评报告。\"");
        assert_true(
            has(&r, "\"required\":[{\"kind\":\"self_report\",\"project\":null,\"file_id\":null}]"));
        response_free(&r);
}

/* ---- how many --------------------------------------------------------------------------- */

static void test_at_most_100_files_per_task(void **state)
{
        (void)state;
        int64_t n = count_rows("files", task_sub);
        for (int64_t i = n; i < FILES_MAX_PER_TASK; i++) {
                char sha[65];
                snprintf(sha, sizeof sha, "%064lld", (long long)i);
                struct db_stmt *st = db_prepare(
                    db,
                    "INSERT INTO files (task_id, kind, name, media_type, size, sha256, content, "
                    "uploaded_at) VALUES (?1, 'other', 'filler.pdf', 'application/pdf', 1, ?2, "
                    "x'25', 0)");
                db_bind_int(st, 1, task_sub);
                db_bind_text(st, 2, sha);
                assert_int_equal(db_run(st), DB_OK);
        }
        struct buf pdf = BUF_INIT;
        sample_pdf(&pdf);
        buf_puts(&pdf, "% one too many\n");
        struct response r = upload(OTHER_UNIT, task_sub, "other", NULL, "第101个.pdf", &pdf);
        expect(&r, 400, "每个自评任务最多 100 个附件，请先删除不需要的附件");
        response_free(&r);
        assert_int_equal(count_rows("files", task_sub), FILES_MAX_PER_TASK);
        struct db_stmt *st = db_prepare(db, "DELETE FROM files WHERE name = 'filler.pdf'");
        assert_int_equal(db_run(st), DB_OK);
        r = upload(OTHER_UNIT, task_sub, "other", NULL, "第101个.pdf", &pdf);
        expect(&r, 201, NULL);
        response_free(&r);
        buf_free(&pdf);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_each_type_uploads_and_downloads_identically),
            cmocka_unit_test(test_each_refusal_with_its_message),
            cmocka_unit_test(test_permissions_follow_the_workflow_and_scope),
            cmocka_unit_test(test_timeline_and_audit_record_every_change),
            cmocka_unit_test(test_the_page_works_with_plain_forms),
            cmocka_unit_test(test_files_missing_before_and_after),
            cmocka_unit_test(test_at_most_100_files_per_task),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
