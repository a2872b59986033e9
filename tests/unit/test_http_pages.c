/* What a finance officer sees on the pages, over HTTP against a real
 * server on a demo database: no rule code, JSON path or recorded action
 * name in the text of any page of the cycle, for every post; sign-in
 * says whom to ask for a forgotten password, and the default password's
 * variants are refused at the field. */
#include "../support/http.h"

#include "../../src/sheet/xlsx_read.h"
#include "../../src/store/db.h"

#include <ctype.h>

#define PASSWORD "Jixiao-Pages-2026!"

enum { P1, R1, P4, FIN, ADMIN, N_CLIENTS };
static const char *const phones[N_CLIENTS] = {"15101001001", "15101001002", "15104001001",
                                              "18800000002", "18800000001"};

static char db_path[256];
static struct server srv;
static struct client cl[N_CLIENTS];
static struct db *db;

static int setup(void **state)
{
        (void)state;
        demo_db(db_path);
        db = test_db_open(db_path);
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

/* The text a reader sees of an HTML page: tags, scripts and styles left
 * out, entities as written. malloc'd. */
static char *visible_text(const char *html)
{
        char *out = malloc(strlen(html) + 1), *o = out;
        for (const char *p = html; *p;) {
                if (strncmp(p, "<script", 7) == 0 || strncmp(p, "<style", 6) == 0) {
                        const char *end = strstr(p, p[1] == 's' && p[2] == 'c' ? "</script>"
                                                                               : "</style>");
                        p = end ? strchr(end, '>') + 1 : p + strlen(p);
                } else if (*p == '<') {
                        const char *end = strchr(p, '>');
                        p = end ? end + 1 : p + strlen(p);
                        *o++ = ' ';
                } else {
                        *o++ = *p++;
                }
        }
        *o = '\0';
        return out;
}

/* A rule code (budget.missing), an action name (task.save) or a document
 * path ($.self_eval…) in text, or NULL. */
static const char *code_in(const char *text)
{
        for (const char *p = text; *p; p++) {
                if (p[0] == '$' && (p[1] == '.' || p[1] == '['))
                        return p;
                if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
                        continue;
                size_t word = strspn(p, "abcdefghijklmnopqrstuvwxyz_");
                if (word >= 3 && p[word] == '.' && islower((unsigned char)p[word + 1]))
                        return p;
        }
        return NULL;
}

/* GET path as who and assert its text shows no code (a page that may not
 * exist, e.g. a first project, is skipped when it does not). */
static void no_code_on(int who, const char *path)
{
        struct response r = http(&cl[who], "GET", path, NULL, NULL, false);
        if (r.status == 404 && strstr(path, "/projects/1")) {
                response_free(&r);
                return;
        }
        if (r.status != 200)
                fprintf(stderr, "GET %s as %s: %d\n", path, phones[who], r.status);
        assert_int_equal(r.status, 200);
        char *text = visible_text(r.body.data);
        const char *code = code_in(text);
        if (code)
                fprintf(stderr, "GET %s as %s shows \"%.60s\"\n", path, phones[who], code);
        assert_null(code);
        free(text);
        response_free(&r);
}

static void test_no_rule_code_or_path_on_any_page(void **state)
{
        (void)state;
        static const char *const admin_pages[] = {"/", "/units", "/users", "/years", "/audit",
                                                  "/tasks"};
        for (size_t i = 0; i < sizeof admin_pages / sizeof *admin_pages; i++)
                no_code_on(ADMIN, admin_pages[i]);
        static const char *const tabs[] = {"", "/basic", "/self", "/projects", "/projects/1",
                                           "/report", "/files"};
        const struct {
                int who;
                const char *unit;
                int64_t year;
        } tasks[] = {{P1, "101001", 2024}, {R1, "101001", 2024}, {P4, "104001", 2024},
                     {FIN, "101001", 2024}, {FIN, "102001", 2021}, {FIN, "103001", 2023},
                     {FIN, "104001", 2024}};
        for (size_t t = 0; t < sizeof tasks / sizeof *tasks; t++) {
                int64_t id = task_id_of(db, tasks[t].unit, tasks[t].year);
                for (size_t k = 0; k < sizeof tabs / sizeof *tabs; k++) {
                        char path[96];
                        snprintf(path, sizeof path, "/tasks/%lld%s", (long long)id, tabs[k]);
                        no_code_on(tasks[t].who, path);
                }
        }
        for (int who = 0; who < N_CLIENTS; who++) {
                no_code_on(who, "/");
                no_code_on(who, "/tasks");
        }
}

static void test_a_forgotten_password_and_a_guessable_one(void **state)
{
        (void)state;
        struct client anon;
        client_init(&anon, &srv);
        struct response r = http(&anon, "GET", "/login", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body.data, "<summary>忘记密码？</summary>"));
        assert_non_null(strstr(r.body.data, "请联系本地区财政局负责绩效管理系统的管理员"));
        response_free(&r);
        /* the seed system's default, one digit longer, is refused at the box */
        char body[256];
        snprintf(body, sizeof body, "csrf=%s&old=%s&new=Aa1111111%%40&confirm=Aa1111111%%40",
                 cl[P1].csrf, PASSWORD);
        r = http(&cl[P1], "POST", "/password", "application/x-www-form-urlencoded", body, false);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body.data, "<input name=\"new\" type=\"password\" required "
                                            "maxlength=\"128\" autocomplete=\"new-password\" "
                                            "minlength=\"10\" class=\"invalid\" aria-invalid=\"true\">"
                                            "<small class=\"field-error\" role=\"alert\">"
                                            "该密码过于常见或有规律"));
        response_free(&r);
}

/* Rows of a page that begin with <tr id="prefix. */
static size_t rows_of(const struct response *r, const char *prefix)
{
        char tag[32];
        snprintf(tag, sizeof tag, "<tr id=\"%s", prefix);
        size_t n = 0;
        for (const char *p = r->body.data; (p = strstr(p, tag)); p++)
                n++;
        return n;
}

static int64_t count_of(const char *sql)
{
        struct db_stmt *st = db_prepare(db, sql);
        assert_int_equal(db_step(st), DB_ROW);
        int64_t n = db_col_int(st, 0);
        db_reset(st);
        return n;
}

/* 预算单位 and 用户管理 at county-and-more scale: 50 a page, searchable. */
static void test_long_lists_are_paged_and_searched(void **state)
{
        (void)state;
        db_exec(db, "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 1999) "
                    "INSERT INTO units (code, name, created_at, updated_at) "
                    "SELECT printf('%03d%03d', 200 + i / 100, 1 + i % 100), "
                    "printf('测试县第%d个预算单位', i), 0, 0 FROM k");
        db_exec(db, "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 119) "
                    "INSERT INTO users (phone, name, unit_id, role, password_hash, created_at, "
                    "updated_at) SELECT printf('1370000%04d', i), printf('测试经办%d', i), "
                    "(SELECT id FROM units WHERE code = '200001'), 'preparer', 'x', 0, 0 FROM k");
        int64_t units = count_of("SELECT count(*) FROM units");
        struct response r = http(&cl[ADMIN], "GET", "/units", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        assert_int_equal(rows_of(&r, "unit-"), 50);
        char want[96];
        snprintf(want, sizeof want, "共 %lld 个单位，第 1 / %lld 页", (long long)units,
                 (long long)(units + 49) / 50);
        assert_non_null(strstr(r.body.data, want));
        assert_non_null(strstr(r.body.data, "<a href=\"/units?page=2\" rel=\"next\">下一页</a>"));
        assert_true(r.body.len < 64 * 1024); /* 2 MB for 20,000 units before */
        response_free(&r);
        /* searched by part of the name, the search kept in the page links */
        r = http(&cl[ADMIN], "GET", "/units?q=%E7%AC%AC1&page=1", NULL, NULL, false);
        assert_int_equal(r.status, 200); /* 第1: 第1个, 第10–19个, 第100–199个, 第1000–1999个 */
        assert_non_null(strstr(r.body.data, "共 1111 个单位，第 1 / 23 页"));
        assert_non_null(strstr(r.body.data, "/units?q=%E7%AC%AC1&amp;page=2"));
        assert_non_null(strstr(r.body.data, "value=\"第1\""));
        response_free(&r);
        r = http(&cl[ADMIN], "GET", "/units?q=104002", NULL, NULL, false);
        assert_int_equal(rows_of(&r, "unit-"), 1);
        assert_non_null(strstr(r.body.data, "<a href=\"/units/104002\">修改名称 / 停用</a>"));
        response_free(&r);
        r = http(&cl[ADMIN], "GET", "/units?page=x", NULL, NULL, false);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body.data, "页码应为正整数"));
        response_free(&r);
        /* a unit's own page holds its form */
        r = http(&cl[ADMIN], "GET", "/units/104002", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body.data, "<form method=\"post\" action=\"/units/104002\""));
        response_free(&r);
        /* a supervising unit's reviewer sees its department's units only */
        r = http(&cl[R1], "GET", "/units", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        assert_true(rows_of(&r, "unit-") < 10);
        assert_null(strstr(r.body.data, "测试县"));
        response_free(&r);

        int64_t users = count_of("SELECT count(*) FROM users");
        r = http(&cl[ADMIN], "GET", "/users", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        assert_int_equal(rows_of(&r, "user-"), 50);
        snprintf(want, sizeof want, "共 %lld 个账号，第 1 / %lld 页", (long long)users,
                 (long long)(users + 49) / 50);
        assert_non_null(strstr(r.body.data, want));
        assert_true(r.body.len < 48 * 1024);
        response_free(&r);
        r = http(&cl[ADMIN], "GET", "/users?q=1370000011", NULL, NULL, false);
        assert_int_equal(rows_of(&r, "user-"), 10); /* 0110–0119 */
        response_free(&r);
        r = http(&cl[ADMIN], "GET", "/users?q=%E8%8B%8F%E5%AE%81", NULL, NULL, false); /* 苏宁: none */
        assert_non_null(strstr(r.body.data, "没有找到账号。"));
        response_free(&r);
}

static const char *task_status(int64_t id)
{
        static char status[32];
        struct db_stmt *st = db_prepare(db, "SELECT status FROM tasks WHERE id = ?1");
        db_bind_int(st, 1, id);
        assert_int_equal(db_step(st), DB_ROW);
        snprintf(status, sizeof status, "%s", db_col_text(st, 0));
        db_reset(st);
        return status;
}

/* 待办: a supervising unit's reviewer returns or approves several tasks at
 * once; a return needs its comment, said at the box; a task that cannot
 * go on is named with its reason and the others go through. */
static void test_several_tasks_at_once_from_the_todo_list(void **state)
{
        (void)state;
        int64_t ids[3] = {task_id_of(db, "101002", 2021), task_id_of(db, "101002", 2023),
                          task_id_of(db, "101002", 2024)};
        db_exec(db, "UPDATE tasks SET status = 'supervisor_review' WHERE unit_id = "
                    "(SELECT id FROM units WHERE code = '101002')");
        struct response r = http(&cl[R1], "GET", "/", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        for (int i = 0; i < 3; i++) {
                char box[64];
                snprintf(box, sizeof box, "name=\"task\" value=\"%lld:", (long long)ids[i]);
                assert_non_null(strstr(r.body.data, box));
        }
        assert_non_null(strstr(r.body.data, ">勾选的任务：审核通过</button>"));
        assert_non_null(strstr(r.body.data, "class=\"danger\" data-confirm=\"确认退回勾选的任务？\">勾选的任务：退回</button>"));
        response_free(&r);
        char body[512];
        /* a return without a comment: said at the box, nothing done */
        snprintf(body, sizeof body, "task=%lld%%3A1&task=%lld%%3A1&action=return&comment=",
                 (long long)ids[0], (long long)ids[1]);
        r = http(&cl[R1], "POST", "/tasks/batch", "application/x-www-form-urlencoded", body, true);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body.data, "<small class=\"field-error\" role=\"alert\">"
                                            "批量退回时须填写退回意见"));
        response_free(&r);
        assert_string_equal(task_status(ids[0]), "supervisor_review");
        /* approving tasks with errors: each named with its reason, none done */
        snprintf(body, sizeof body, "task=%lld%%3A1&task=%lld%%3A1&action=approve",
                 (long long)ids[0], (long long)ids[1]);
        r = http(&cl[R1], "POST", "/tasks/batch", "application/x-www-form-urlencoded", body, true);
        assert_int_equal(r.status, 422);
        assert_non_null(strstr(r.body.data, "已审核通过 0 个任务，2 个未能处理"));
        assert_non_null(strstr(r.body.data, "错误须改正后才能审核通过"));
        response_free(&r);
        /* returned together, with one comment each */
        snprintf(body, sizeof body,
                 "task=%lld%%3A1&task=%lld%%3A1&action=return&comment=%s", (long long)ids[0],
                 (long long)ids[1], "%E8%AF%B7%E8%A1%A5%E5%85%85%E9%A2%84%E7%AE%97%E6%95%B0");
        r = http(&cl[R1], "POST", "/tasks/batch", "application/x-www-form-urlencoded", body, true);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body.data, "已处理 2 个任务。"));
        response_free(&r);
        assert_string_equal(task_status(ids[0]), "unit_review");
        assert_string_equal(task_status(ids[1]), "unit_review");
        assert_string_equal(task_status(ids[2]), "supervisor_review");
        /* each says it was returned, by whom and why */
        r = http_getf(&cl[R1], "/tasks/%lld", (long long)ids[0]);
        assert_non_null(strstr(r.body.data, "<strong>已退回</strong>"));
        assert_non_null(strstr(r.body.data, "请补充预算数"));
        assert_non_null(strstr(r.body.data, "状态：<strong>已退回，待本单位审核岗处理</strong>"));
        response_free(&r);
        /* the query list says so, and finds them: 已退回 in any step */
        r = http(&cl[FIN], "GET", "/tasks?status=returned", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body.data, "共 2 项"));
        assert_non_null(strstr(r.body.data, "<td>已退回，待本单位审核岗处理</td>"));
        response_free(&r);
        r = http(&cl[FIN], "GET", "/api/tasks?status=returned", NULL, NULL, false);
        assert_non_null(strstr(r.body.data, "\"returned\":true"));
        response_free(&r);
}

/* 绩效自评查询: the 主管部门 of each task, and the query by it. */
static void test_the_query_by_supervising_unit(void **state)
{
        (void)state;
        struct response r = http(&cl[FIN], "GET", "/tasks?year=2024&supervisor=104001", NULL, NULL,
                                 false);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body.data, "共 2 项")); /* 104001 and 104002 */
        assert_non_null(strstr(r.body.data, "<th>主管部门</th>"));
        assert_non_null(strstr(r.body.data, "<td>绥宁县商务局</td>"));
        assert_null(strstr(r.body.data, "深圳市商务局</td>"));
        assert_non_null(strstr(r.body.data, "<option value=\"104001\" selected>104001 绥宁县商务局</option>"));
        response_free(&r);
        r = http(&cl[FIN], "GET", "/tasks?supervisor=104002", NULL, NULL, false);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body.data, "查询条件“主管部门”无效"));
        response_free(&r);
}

/* A task nobody has filled in reads 未填报, not "0.00 差", in the lists
 * and the year's summary, whose average leaves it out. */
static void test_untouched_drafts_are_not_filled_in(void **state)
{
        (void)state;
        struct response r = http(&cl[FIN], "GET", "/tasks?year=2021&unit=102002", NULL, NULL, false);
        assert_non_null(strstr(r.body.data, "<td class=\"num\">未填报</td><td>—</td>"));
        assert_null(strstr(r.body.data, "0.00"));
        response_free(&r);
        r = http(&cl[FIN], "GET", "/api/tasks?year=2021&unit=102002", NULL, NULL, false);
        assert_non_null(strstr(r.body.data, "\"filled_in\":false"));
        response_free(&r);
        /* the year's summary: 未填报 in the row, counted apart */
        r = http(&cl[FIN], "GET", "/years/2021/summary.xlsx", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        struct xlsx_book *b = xlsx_read(r.body.data, r.body.len, NULL, NULL, NULL);
        assert_non_null(b);
        const struct xlsx_sheet *s = xlsx_sheet(b, "汇总");
        size_t unfilled = 0;
        for (size_t i = 0; i < s->n_cells; i++)
                unfilled += strcmp(s->cells[i].text, "未填报") == 0;
        int64_t drafts = count_of("SELECT count(*) FROM tasks WHERE year = 2021 AND entered = 0 "
                                  "AND status = 'draft'");
        assert_true(drafts > 0);
        assert_int_equal(unfilled, drafts);
        char want[160];
        snprintf(want, sizeof want, "，未填报 %lld 个", (long long)drafts);
        assert_non_null(strstr(xlsx_cell(s, 1, 0)->text, want));
        xlsx_free(b);
        response_free(&r);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_no_rule_code_or_path_on_any_page),
            cmocka_unit_test(test_a_forgotten_password_and_a_guessable_one),
            cmocka_unit_test(test_long_lists_are_paged_and_searched),
            cmocka_unit_test(test_several_tasks_at_once_from_the_todo_list),
            cmocka_unit_test(test_the_query_by_supervising_unit),
            cmocka_unit_test(test_untouched_drafts_are_not_filled_in),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
