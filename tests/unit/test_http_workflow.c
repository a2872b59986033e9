/* The fill-in and review workflow over HTTP against a real server on a
 * demo database: every transition rule (who may act in which status, with
 * which result), the gates of submission (blocking errors, required
 * files, a supervising unit's subordinates), saving under the optimistic
 * version with the later save refused and explained, refused values with
 * their messages and nothing stored, row operations, the preview, the
 * to-do lists, the timeline and audit entries, and the query's criteria.
 *
 * Department 104: 104001 绥宁县商务局 (supervising; its 2024 task is seed
 * 004) and 104002 (subordinate; its 2024 task is a new one). */
#include "../support/http.h"
#include "../support/samples.h"

#include "../../src/store/db.h"

#include <jansson.h>

#define PASSWORD "Jixiao-Flow-2026!"

enum { P2, R2, P1, R1, P3, FIN, ADMIN, N_CLIENTS };
static const char *const phones[N_CLIENTS] = {"15104002001", "15104002002", "15104001001",
                                              "15104001002", "15103002001", "18800000002",
                                              "18800000001"};

static char db_path[256];
static struct server srv;
static struct client cl[N_CLIENTS];
static struct db *db;
static int64_t sub_task, main_task;

static int setup(void **state)
{
        (void)state;
        demo_db(db_path);
        db = test_db_open(db_path);
        sub_task = task_id_of(db, "104002", 2024);
        main_task = task_id_of(db, "104001", 2024);
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

/* ---- helpers --------------------------------------------------------------------------- */

static json_t *body_json(const struct response *r)
{
        json_t *j = json_loads(r->body.data, 0, NULL);
        if (!j)
                fprintf(stderr, "not JSON (%d): %s\n", r->status, r->body.data);
        assert_non_null(j);
        return j;
}

static const char *jstr(const json_t *o, const char *key)
{
        return json_string_value(json_object_get(o, key));
}

/* A task as the API shows it to who: status, version, errors. */
struct task_state {
        char status[32];
        int64_t version, errors;
};

static struct task_state task_state(int who, int64_t id)
{
        char path[64];
        snprintf(path, sizeof path, "/api/tasks/%lld", (long long)id);
        struct response r = http(&cl[who], "GET", path, NULL, NULL, false);
        assert_int_equal(r.status, 200);
        json_t *j = body_json(&r);
        json_t *t = json_object_get(j, "task");
        struct task_state s;
        snprintf(s.status, sizeof s.status, "%s", jstr(t, "status"));
        s.version = json_integer_value(json_object_get(t, "version"));
        s.errors = json_integer_value(json_object_get(t, "errors"));
        json_decref(j);
        response_free(&r);
        return s;
}

/* POST urlencoded pairs (NULL-terminated name, value, …) to path as c. */
static struct response vpost(struct client *c, const char *path, va_list ap)
{
        struct buf body = BUF_INIT;
        for (const char *name; (name = va_arg(ap, const char *));) {
                const char *value = va_arg(ap, const char *);
                if (body.len)
                        buf_putc(&body, '&');
                for (const char *s = name; s; s = s == name ? value : NULL) {
                        for (const unsigned char *p = (const unsigned char *)s; *p; p++)
                                if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                                    (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-')
                                        buf_putc(&body, (char)*p);
                                else
                                        buf_printf(&body, "%%%02X", *p);
                        if (s == name)
                                buf_putc(&body, '=');
                }
        }
        struct response r =
            http(c, "POST", path, "application/x-www-form-urlencoded", buf_str(&body), true);
        buf_free(&body);
        return r;
}

static struct response post(int who, const char *path, ...)
{
        va_list ap;
        va_start(ap, path);
        struct response r = vpost(&cl[who], path, ap);
        va_end(ap);
        return r;
}

static struct response post_by(struct client *c, const char *path, ...)
{
        va_list ap;
        va_start(ap, path);
        struct response r = vpost(c, path, ap);
        va_end(ap);
        return r;
}

static const char *version_of(int64_t id)
{
        static char v[24];
        snprintf(v, sizeof v, "%lld", (long long)task_state(FIN, id).version);
        return v;
}

static const char *api(const char *what, int64_t id)
{
        static char path[96];
        snprintf(path, sizeof path, "/api/tasks/%lld/%s", (long long)id, what);
        return path;
}

/* Take action as who; expect status, and a message part when given. */
static void act(int who, int64_t id, const char *action, const char *comment, int want,
                const char *message)
{
        char v[24];
        snprintf(v, sizeof v, "%s", version_of(id));
        struct response r =
            comment ? post(who, api("transition", id), "action", action, "version", v, "comment",
                           comment, NULL)
                    : post(who, api("transition", id), "action", action, "version", v, NULL);
        if (r.status != want || (message && !strstr(r.body.data, message)))
                fprintf(stderr, "%s by %s: %d %s\n", action, phones[who], r.status, r.body.data);
        assert_int_equal(r.status, want);
        if (message)
                assert_non_null(strstr(r.body.data, message));
        response_free(&r);
}

static void expect_status(int64_t id, const char *status)
{
        assert_string_equal(task_state(FIN, id).status, status);
}

static void upload_report(int who, int64_t id)
{
        struct buf pdf = BUF_INIT;
        sample_pdf(&pdf);
        struct response r = http_upload(&cl[who], id, "self_report", NULL, "自评报告.pdf", &pdf);
        assert_int_equal(r.status, 201);
        response_free(&r);
        buf_free(&pdf);
}

/* The parts of the report's text the national scheme requires. */
static void write_report_text(int who, int64_t id)
{
        struct response r = post(who, api("save", id), "version", version_of(id),
                                 "$.narrative.functions", "负责招商引资和投资促进工作。",
                                 "$.narrative.problems", "项目储备不足。", "$.narrative.measures",
                                 "加强项目谋划和储备。", NULL);
        assert_int_equal(r.status, 200);
        response_free(&r);
}

/* The subordinate unit's new task, filled in so that nothing blocks it:
 * the budget and its splits, one indicator worth 90 points, met, and the
 * report's text. */
static void fill_subordinate_task(void)
{
        struct response r = post(
            P2, api("save", sub_task), "version", version_of(sub_task), "op",
            "add:$.self_eval.indicators[0].groups[0].items", "$.self_eval.budget.adjusted", "100",
            "$.self_eval.budget.executed", "98", "$.self_eval.budget.by_income[0].adjusted", "100",
            "$.self_eval.budget.by_income[0].executed", "98",
            "$.self_eval.budget.by_expenditure[0].adjusted", "60",
            "$.self_eval.budget.by_expenditure[0].executed", "60",
            "$.self_eval.budget.by_expenditure[1].adjusted", "40",
            "$.self_eval.budget.by_expenditure[1].executed", "38", NULL);
        assert_int_equal(r.status, 200);
        response_free(&r);
        const char *item = "$.self_eval.indicators[0].groups[0].items[0]";
        char name[96], weight[96], target[96], op[96], actual[96], unit[96];
        snprintf(name, sizeof name, "%s.name", item);
        snprintf(weight, sizeof weight, "%s.weight", item);
        snprintf(target, sizeof target, "%s.target", item);
        snprintf(op, sizeof op, "%s.target.op", item);
        snprintf(actual, sizeof actual, "%s.actual", item);
        snprintf(unit, sizeof unit, "%s.unit", item);
        r = post(P2, api("save", sub_task), "version", version_of(sub_task), name, "招商引资项目数",
                 weight, "90", target, "10", op, ">=", actual, "12", unit, "个", NULL);
        assert_int_equal(r.status, 200);
        /* 9.8 for execution (98%) + 90, as the exact number lexeme */
        assert_non_null(strstr(r.body.data, "\"total\":99.80,"));
        response_free(&r);
        write_report_text(P2, sub_task);
        assert_int_equal(task_state(P2, sub_task).errors, 0);
}

/* ---- the transitions ---------------------------------------------------------------------- */

static void test_a_draft_is_only_the_preparers(void **state)
{
        (void)state;
        expect_status(sub_task, "draft");
        act(R2, sub_task, "submit", NULL, 403, "正由本单位经办岗填报");
        act(R1, sub_task, "submit", NULL, 403, "正由本单位经办岗填报");
        act(FIN, sub_task, "submit", NULL, 403, "正由本单位经办岗填报");
        act(P3, sub_task, "submit", NULL, 404, "自评任务不存在或无权查看"); /* another department */
        act(P2, sub_task, "approve", NULL, 403, "请使用“送审”");
        act(P2, sub_task, "return", "x", 403, "经办岗填报中的任务不能退回");
        struct response r = post(ADMIN, api("transition", sub_task), "action", "submit", NULL);
        assert_int_equal(r.status, 403); /* the administrator never reviews */
        response_free(&r);
        expect_status(sub_task, "draft");
}

static void test_submission_waits_for_errors_and_files(void **state)
{
        (void)state;
        /* a new task: no budget, no indicators */
        act(P2, sub_task, "submit", NULL, 422, "个错误须改正后才能送审");
        fill_subordinate_task();
        act(P2, sub_task, "submit", NULL, 422, "附件不全，不能送审。请先上传：自评报告");
        upload_report(P2, sub_task);
        act(P2, sub_task, "submit", NULL, 200, NULL);
        expect_status(sub_task, "unit_review");
}

static void test_unit_review_forwards_or_returns_with_a_comment(void **state)
{
        (void)state;
        act(P2, sub_task, "submit", NULL, 403, "正待本单位审核岗审核");
        struct response r = post(P2, api("save", sub_task), "version", version_of(sub_task),
                                 "$.self_eval.goal.achieved", "经办岗在送审后修改", NULL);
        assert_int_equal(r.status, 403);
        assert_non_null(strstr(r.body.data, "您现在不能修改该自评任务"));
        response_free(&r);
        /* the reviewer may correct the data while it is theirs */
        r = post(R2, api("save", sub_task), "version", version_of(sub_task),
                 "$.self_eval.goal.achieved", "全年完成招商引资项目 12 个。", NULL);
        assert_int_equal(r.status, 200);
        response_free(&r);
        act(R2, sub_task, "return", NULL, 400, "退回时须填写退回意见");
        act(R2, sub_task, "return", "", 400, "退回时须填写退回意见");
        /* the reviewer's form: a comment box for both, 退回 set apart and confirmed */
        r = http_getf(&cl[R2], "/tasks/%lld", (long long)sub_task);
        assert_non_null(strstr(r.body.data, ">审核意见（退回时必填，写明需要改正的内容）</label>"));
        assert_non_null(strstr(r.body.data, "value=\"return\" class=\"danger\" data-confirm=\"确认退回？"));
        response_free(&r);
        /* a return without a comment is reported at the box */
        char path[64];
        snprintf(path, sizeof path, "/tasks/%lld/transition", (long long)sub_task);
        r = post(R2, path, "version", version_of(sub_task), "action", "return", "comment", "", NULL);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body.data, "name=\"comment\" rows=\"3\" maxlength=\"2000\" "
                                            "class=\"invalid\" aria-invalid=\"true\""));
        assert_non_null(strstr(r.body.data, "<small class=\"field-error\" id=\"comment-error\" "
                                            "role=\"alert\">退回时须填写退回意见"));
        response_free(&r);
        act(R2, sub_task, "return", "请补充偏差原因分析。", 200, NULL);
        expect_status(sub_task, "draft");
        /* the preparer sends with an optional note, and cannot return */
        r = http_getf(&cl[P2], "/tasks/%lld", (long long)sub_task);
        assert_non_null(strstr(r.body.data, ">送审说明（选填）</label>"));
        assert_null(strstr(r.body.data, "审核意见"));
        assert_null(strstr(r.body.data, "value=\"return\""));
        response_free(&r);
        act(P2, sub_task, "submit", NULL, 200, NULL);
        act(R2, sub_task, "approve", NULL, 403, "请使用“送审”");
        act(R2, sub_task, "submit", "数据已核对。", 200, NULL);
        expect_status(sub_task, "supervisor_review");
}

static void test_the_supervising_unit_has_the_last_word(void **state)
{
        (void)state;
        act(R2, sub_task, "submit", NULL, 403, "正待主管部门审核岗审核");
        act(P1, sub_task, "approve", NULL, 403, "正待主管部门审核岗审核"); /* its preparer */
        act(FIN, sub_task, "approve", NULL, 403, "正待主管部门审核岗审核");
        act(R1, sub_task, "submit", NULL, 403, "这是最后一步审核");
        act(R1, sub_task, "return", "请核对执行数。", 200, NULL);
        expect_status(sub_task, "unit_review");
        act(R2, sub_task, "submit", NULL, 200, NULL);
        act(R1, sub_task, "approve", NULL, 200, NULL);
        expect_status(sub_task, "done");
        for (int who = P2; who <= FIN; who++)
                act(who, sub_task, "return", "x", who == P3 ? 404 : 403,
                    who == P3 ? NULL : "已完成审核");
}

/* The supervising unit's own task (seed 004, with its real errors). */
static void test_a_supervising_unit_goes_last_and_to_the_finance_bureau(void **state)
{
        (void)state;
        /* make seed 004 submittable: the income split off by 0.01, two
         * deductions without a reason, a project table without indicators */
        struct response r =
            post(P1, api("save", main_task), "version", version_of(main_task), "op",
                 "remove:$.projects[0]", "$.self_eval.budget.by_income[0].adjusted", "591.96",
                 "$.self_eval.indicators[0].groups[3].items[0].deviation", "年中调减了办公经费。",
                 "$.self_eval.indicators[1].groups[1].items[0].deviation", "部分群众对政策不了解。",
                 NULL);
        if (r.status != 200)
                fprintf(stderr, "%s\n", r.body.data);
        assert_int_equal(r.status, 200);
        response_free(&r);
        struct task_state s = task_state(P1, main_task);
        if (s.errors) {
                r = http(&cl[P1], "GET", api("", main_task), NULL, NULL, false);
                fprintf(stderr, "%s\n", r.body.data);
                response_free(&r);
        }
        assert_int_equal(s.errors, 0);
        upload_report(P1, main_task);
        /* 104002 is done (the tests above), but the demo's 2024 tasks of
         * the department include no other subordinate unit */
        act(P1, main_task, "submit", NULL, 200, NULL);
        act(R1, main_task, "submit", NULL, 200, NULL);
        expect_status(main_task, "finance_review");
        act(R2, main_task, "approve", NULL, 404,
            "自评任务不存在或无权查看"); /* not its department's */
        act(FIN, main_task, "submit", NULL, 403, "这是最后一步审核");
        act(FIN, main_task, "approve", NULL, 200, NULL);
        expect_status(main_task, "done");
}

static void test_a_supervising_unit_waits_for_its_subordinates(void **state)
{
        (void)state;
        /* a new year: the department's tasks issued again, all drafts */
        struct response r = post(ADMIN, "/api/years", "year", "2025", "scheme", "national", NULL);
        assert_int_equal(r.status, 201);
        response_free(&r);
        r = post(ADMIN, "/api/years/2025/issue", NULL);
        assert_int_equal(r.status, 200);
        response_free(&r);
        int64_t sup = task_id_of(db, "104001", 2025);
        struct response s = post(P1, api("save", sup), "version", version_of(sup), "op",
                                 "add:$.self_eval.indicators[0].groups[0].items",
                                 "$.self_eval.budget.adjusted", "50", "$.self_eval.budget.executed",
                                 "50", "$.self_eval.budget.by_income[0].adjusted", "50",
                                 "$.self_eval.budget.by_expenditure[0].executed", "50", NULL);
        assert_int_equal(s.status, 200);
        response_free(&s);
        s = post(P1, api("save", sup), "version", version_of(sup),
                 "$.self_eval.indicators[0].groups[0].items[0].name", "整体工作完成率",
                 "$.self_eval.indicators[0].groups[0].items[0].weight", "90",
                 "$.self_eval.indicators[0].groups[0].items[0].target", "100",
                 "$.self_eval.indicators[0].groups[0].items[0].target.op",
                 ">=", "$.self_eval.indicators[0].groups[0].items[0].actual", "100", NULL);
        assert_int_equal(s.status, 200);
        response_free(&s);
        write_report_text(P1, sup);
        upload_report(P1, sup);
        act(P1, sup, "submit", NULL, 422,
            "本部门尚有 1 个二级机构的自评任务未完成审核（如绥宁县投资促进事务中心）");
        expect_status(sup, "draft");
        /* once the subordinate's task is done, the supervising unit may go */
        db_exec(db, "UPDATE tasks SET status = 'done' WHERE id IN (SELECT t.id FROM tasks t JOIN "
                    "units u ON u.id = t.unit_id WHERE u.code = '104002' AND t.year = 2025)");
        act(P1, sup, "submit", NULL, 200, NULL);
}

/* ---- saving ---------------------------------------------------------------------------------- */

static void test_the_later_of_two_saves_is_refused_and_explained(void **state)
{
        (void)state;
        int64_t id = task_id_of(db, "104002", 2021); /* a draft of 104002 (henan scheme) */
        char base[24];
        snprintf(base, sizeof base, "%s", version_of(id));
        /* two sessions of the preparer opened version base; the first saves */
        struct client other;
        client_init(&other, &srv);
        assert_int_equal(client_login(&other, phones[P2], PASSWORD), 200);
        struct response r =
            post(P2, api("save", id), "version", base, "$.self_eval.budget.adjusted", "300", NULL);
        assert_int_equal(r.status, 200);
        response_free(&r);
        /* the second, still on base, is refused with what the first changed */
        r = http(&other, "POST", api("save", id), "application/x-www-form-urlencoded",
                 "version=1&%24.self_eval.budget.adjusted=250", true);
        assert_int_equal(r.status, 409);
        json_t *j = body_json(&r);
        assert_non_null(strstr(jstr(j, "error"), "其间他人已保存到第 2 版"));
        json_t *c = json_array_get(json_object_get(j, "changes"), 0);
        assert_string_equal(jstr(c, "path"), "$.self_eval.budget.adjusted");
        assert_string_equal(jstr(c, "after"), "300");
        json_decref(j);
        response_free(&r);
        /* nothing of the second was stored */
        r = http(&cl[P2], "GET", api("document", id), NULL, NULL, false);
        assert_non_null(strstr(r.body.data, "\"adjusted\": \"300\""));
        response_free(&r);
        /* the page keeps what was typed and shows the other's change */
        char path[64], form[160];
        snprintf(path, sizeof path, "/tasks/%lld/self", (long long)id);
        snprintf(form, sizeof form, "csrf=%s&version=1&%%24.self_eval.budget.adjusted=250",
                 other.csrf);
        r = http(&other, "POST", path, "application/x-www-form-urlencoded", form, false);
        assert_int_equal(r.status, 409);
        assert_non_null(strstr(r.body.data, "value=\"250\""));
        assert_non_null(strstr(r.body.data, "他人在您填写期间保存了第 2 版"));
        assert_non_null(strstr(r.body.data, "<td>300</td><td>250</td><td>250 <small"));
        response_free(&r);
}

/* The value at $.self_eval.budget.<name> of task id, as stored. */
static const char *budget_value(int64_t id, const char *name)
{
        static char v[64];
        struct response r = http(&cl[FIN], "GET", api("document", id), NULL, NULL, false);
        assert_int_equal(r.status, 200);
        json_t *j = body_json(&r);
        json_t *x = json_object_get(json_object_get(json_object_get(j, "self_eval"), "budget"), name);
        snprintf(v, sizeof v, "%s", json_is_string(x) ? json_string_value(x) : "");
        json_decref(j);
        response_free(&r);
        return v;
}

static void test_after_a_conflict_what_was_typed_is_carried_over_and_saves(void **state)
{
        (void)state;
        int64_t id = task_id_of(db, "104002", 2021);
        char base[24], initial[64], path[64];
        snprintf(base, sizeof base, "%s", version_of(id));
        snprintf(initial, sizeof initial, "%s", budget_value(id, "initial"));
        snprintf(path, sizeof path, "/tasks/%lld/self", (long long)id);
        struct client other;
        client_init(&other, &srv);
        assert_int_equal(client_login(&other, phones[P2], PASSWORD), 200);
        /* the first session changes 调整预算 and 年初预算 */
        struct response r = post(P2, api("save", id), "version", base,
                                 "$.self_eval.budget.adjusted", "310",
                                 "$.self_eval.budget.initial", "290", NULL);
        assert_int_equal(r.status, 200);
        response_free(&r);
        char now[24];
        snprintf(now, sizeof now, "%s", version_of(id));
        /* the second, on base, typed 调整预算 and 执行数 and left 年初预算 */
        r = post_by(&other, path, "version", base, "$.self_eval.budget.adjusted", "260",
                    "$.self_eval.budget.initial", initial, "$.self_eval.budget.executed", "255",
                    NULL);
        assert_int_equal(r.status, 409);
        /* the form is now at the current version: the other's 年初预算, the typed rest */
        char want[96];
        snprintf(want, sizeof want, "name=\"version\" value=\"%s\"", now);
        assert_non_null(strstr(r.body.data, want));
        assert_non_null(strstr(r.body.data, "name=\"$.self_eval.budget.initial\" value=\"290\""));
        assert_non_null(strstr(r.body.data, "name=\"$.self_eval.budget.adjusted\" value=\"260\""));
        assert_non_null(strstr(r.body.data, "name=\"$.self_eval.budget.executed\" value=\"255\""));
        /* what overwrites what: both changed 调整预算, only the other 年初预算 */
        assert_non_null(strstr(r.body.data, "<td>310</td><td>260</td><td>260 <small class=\"diff\">"
                                            "（以您的为准，覆盖对方的修改）"));
        assert_non_null(strstr(r.body.data, "<td>（空）</td><td>290</td><td>（未改）</td><td>290</td>"));
        assert_non_null(strstr(r.body.data, "<td>（空）</td><td>（未改）</td><td>255</td><td>255</td>"));
        assert_non_null(strstr(r.body.data, "您改动的 2 处已保留并放到第"));
        response_free(&r);
        assert_string_equal(budget_value(id, "adjusted"), "310"); /* nothing stored yet */
        /* saving again, as the form now stands, keeps both */
        r = post_by(&other, path, "version", now, "$.self_eval.budget.adjusted", "260",
                    "$.self_eval.budget.initial", "290", "$.self_eval.budget.executed", "255",
                    NULL);
        assert_int_equal(r.status, 303);
        response_free(&r);
        assert_string_equal(budget_value(id, "adjusted"), "260");
        assert_string_equal(budget_value(id, "initial"), "290");
        assert_string_equal(budget_value(id, "executed"), "255");
}

static void test_bad_values_are_refused_by_field_and_nothing_is_stored(void **state)
{
        (void)state;
        int64_t id = task_id_of(db, "104002", 2021);
        const char *v = version_of(id);
        char before[24];
        snprintf(before, sizeof before, "%s", v);
        struct response r =
            post(P2, api("save", id), "version", v, "$.self_eval.budget.executed", "十二万",
                 "$.self_eval.budget.initial", "1.1234567", "$.unit.name", "别的单位", NULL);
        assert_int_equal(r.status, 400);
        json_t *j = body_json(&r);
        json_t *refused = json_object_get(j, "refused");
        assert_int_equal(json_array_size(refused), 3);
        assert_string_equal(jstr(json_array_get(refused, 0), "message"),
                            "“十二万”不是数字：请填写数字，如 412.49（不带单位）");
        assert_string_equal(jstr(json_array_get(refused, 2), "message"), "这一项不能在此修改");
        json_decref(j);
        response_free(&r);
        assert_string_equal(version_of(id), before);
        /* the page marks the field and keeps the typed text */
        char path[64], form[200];
        snprintf(path, sizeof path, "/tasks/%lld/self", (long long)id);
        snprintf(form, sizeof form, "csrf=%s&version=%s&%%24.self_eval.budget.executed=%s",
                 cl[P2].csrf, before, "12%E4%B8%87");
        r = http(&cl[P2], "POST", path, "application/x-www-form-urlencoded", form, false);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body.data, "value=\"12万\" inputmode=\"decimal\""));
        assert_non_null(strstr(r.body.data, "class=\"num invalid\" aria-invalid=\"true\""));
        assert_non_null(strstr(r.body.data, "“12万”不是数字"));
        response_free(&r);
        /* JSON numbers would pass through floating point: refused */
        r = http(&cl[P2], "POST", api("save", id), "application/json",
                 "{\"version\":\"1\",\"$.self_eval.budget.executed\":412.49}", true);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body.data, "值须为字符串"));
        response_free(&r);
}

static void test_rows_are_added_moved_and_removed(void **state)
{
        (void)state;
        int64_t id = task_id_of(db, "104002", 2021);
        const char *items = "$.self_eval.indicators[1].groups[0].items";
        char add[128], first[128], second[128];
        snprintf(add, sizeof add, "add:%s", items);
        for (int k = 0; k < 2; k++) {
                struct response r =
                    post(P2, api("save", id), "version", version_of(id), "op", add, NULL);
                assert_int_equal(r.status, 200);
                response_free(&r);
        }
        snprintf(first, sizeof first, "%s[0].name", items);
        snprintf(second, sizeof second, "%s[1].name", items);
        struct response r =
            post(P2, api("save", id), "version", version_of(id), first, "甲", second, "乙", NULL);
        assert_int_equal(r.status, 200);
        response_free(&r);
        char op[128];
        snprintf(op, sizeof op, "down:%s[0]", items);
        r = post(P2, api("save", id), "version", version_of(id), "op", op, NULL);
        assert_int_equal(r.status, 200);
        response_free(&r);
        r = http(&cl[P2], "GET", api("document", id), NULL, NULL, false);
        const char *yi = strstr(r.body.data, "\"乙\""), *jia = strstr(r.body.data, "\"甲\"");
        assert_true(yi && jia && yi < jia);
        response_free(&r);
        snprintf(op, sizeof op, "remove:%s[1]", items);
        r = post(P2, api("save", id), "version", version_of(id), "op", op, NULL);
        assert_int_equal(r.status, 200);
        response_free(&r);
        r = http(&cl[P2], "GET", api("document", id), NULL, NULL, false);
        assert_null(strstr(r.body.data, "\"甲\""));
        response_free(&r);
        /* rows of what may not change */
        r = post(P2, api("save", id), "version", version_of(id), "op", "add:$.attachments", NULL);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body.data, "无法进行这一行操作"));
        response_free(&r);
}

static void test_preview_computes_and_stores_nothing(void **state)
{
        (void)state;
        int64_t id = task_id_of(db, "104002", 2021);
        char v[24];
        snprintf(v, sizeof v, "%s", version_of(id));
        struct response r = post(P2, api("preview", id), "$.self_eval.budget.adjusted", "412.49",
                                 "$.self_eval.budget.executed", "407.98", NULL);
        assert_int_equal(r.status, 200);
        json_t *j = body_json(&r);
        json_t *cells = json_object_get(j, "cells");
        assert_string_equal(jstr(json_object_get(cells, "$.self_eval.budget.stated_score"), "text"),
                            "9.89");
        assert_string_equal(
            jstr(json_object_get(cells, "$.self_eval.budget.stated_rate_pct"), "text"), "98.91%");
        json_decref(j);
        response_free(&r);
        assert_string_equal(version_of(id), v);
        /* the page draws its computed cells under the same keys, which the
         * page script fills from the preview */
        char path[64];
        snprintf(path, sizeof path, "/tasks/%lld/self", (long long)id);
        r = http(&cl[P2], "GET", path, NULL, NULL, false);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body.data, "<output data-cell=\"$.self_eval.budget.stated_score\">"));
        assert_non_null(
            strstr(r.body.data, "<output data-cell=\"$.self_eval.budget.stated_rate_pct\">"));
        response_free(&r);
        assert_string_equal(version_of(id), v);
}

/* ---- lists and history ------------------------------------------------------------------------
 */

static bool lists(int who, const char *path, int64_t id)
{
        struct response r = http(&cl[who], "GET", path, NULL, NULL, false);
        assert_int_equal(r.status, 200);
        char needle[32];
        snprintf(needle, sizeof needle, "\"id\":%lld,", (long long)id);
        bool found = strstr(r.body.data, needle) != NULL;
        response_free(&r);
        return found;
}

static void test_each_sees_what_waits_for_them(void **state)
{
        (void)state;
        int64_t draft = task_id_of(db, "104002", 2021);
        assert_true(lists(P2, "/api/todo", draft));
        assert_false(lists(R2, "/api/todo", draft));
        assert_false(lists(R1, "/api/todo", draft));
        int64_t sup = task_id_of(db, "104001", 2025); /* in unit review (above) */
        assert_true(lists(R1, "/api/todo", sup));
        assert_false(lists(P1, "/api/todo", sup));
        assert_false(lists(FIN, "/api/todo", sup));
        act(R1, sup, "submit", NULL, 200, NULL);
        assert_true(lists(FIN, "/api/todo", sup));
        assert_false(lists(R1, "/api/todo", sup));
}

static void test_timeline_and_audit_record_every_step(void **state)
{
        (void)state;
        struct response r = http(&cl[P2], "GET", api("events", sub_task), NULL, NULL, false);
        assert_int_equal(r.status, 200);
        json_t *j = body_json(&r);
        json_t *ev = json_object_get(j, "events");
        /* save, save, save (report text), upload, submit, save (reviewer),
         * return, submit, submit, return, submit, approve */
        static const char *const actions[] = {"save",   "save",   "save",   "upload",
                                              "submit", "save",   "return", "submit",
                                              "submit", "return", "submit", "approve"};
        assert_int_equal(json_array_size(ev), 12);
        for (size_t i = 0; i < 12; i++)
                assert_string_equal(jstr(json_array_get(ev, i), "action"), actions[i]);
        json_t *ret = json_array_get(ev, 6);
        assert_string_equal(jstr(ret, "comment"), "请补充偏差原因分析。");
        assert_string_equal(jstr(ret, "from_status"), "unit_review");
        assert_string_equal(jstr(ret, "to_status"), "draft");
        assert_non_null(strstr(jstr(ret, "user"), "审核岗"));
        json_t *edit = json_array_get(json_object_get(json_array_get(ev, 5), "changes"), 0);
        assert_string_equal(jstr(edit, "path"), "$.self_eval.goal.achieved");
        assert_string_equal(jstr(edit, "after"), "全年完成招商引资项目 12 个。");
        json_decref(j);
        response_free(&r);
        /* the audit log holds the same steps */
        struct db_stmt *st = db_prepare(
            db, "SELECT count(*) FROM audit WHERE action IN ('task.submit', 'task.return', "
                "'task.approve') AND target = ?1");
        char target[24];
        snprintf(target, sizeof target, "%lld", (long long)sub_task);
        db_bind_text(st, 1, target);
        assert_int_equal(db_step(st), DB_ROW);
        assert_int_equal(db_col_int(st, 0), 7);
        db_reset(st);
        /* the overview page shows the timeline */
        char path[64];
        snprintf(path, sizeof path, "/tasks/%lld", (long long)sub_task);
        r = http(&cl[FIN], "GET", path, NULL, NULL, false);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body.data, "办理记录"));
        assert_non_null(strstr(r.body.data, "请补充偏差原因分析。"));
        assert_non_null(strstr(r.body.data, "待主管部门审核 → 已完成"));
        response_free(&r);
        /* the audit page says every action in Chinese: no recorded code shows */
        r = http(&cl[ADMIN], "GET", "/audit", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        static const char *const said[] = {"<td>保存自评任务</td>", "<td>送审</td>",
                                           "<td>退回</td>",         "<td>审核通过</td>",
                                           "<td>上传文件</td>",     "<td>登录</td>"};
        for (size_t i = 0; i < sizeof said / sizeof *said; i++)
                assert_non_null(strstr(r.body.data, said[i]));
        for (const char *p = r.body.data; (p = strstr(p, "<td>")); p += 4) {
                size_t word = strspn(p + 4, "abcdefghijklmnopqrstuvwxyz_");
                assert_false(word && p[4 + word] == '.'); /* task.save, login.failed … */
                assert_false(strncmp(p, "<td>其他操作</td>", strlen("<td>其他操作</td>")) == 0);
        }
        response_free(&r);
}

static void test_query_criteria(void **state)
{
        (void)state;
        struct response r =
            http(&cl[FIN], "GET", "/api/tasks?year=2024&status=done&sort=total&order=desc", NULL,
                 NULL, false);
        assert_int_equal(r.status, 200);
        json_t *j = body_json(&r);
        assert_int_equal(json_integer_value(json_object_get(j, "total")), 2); /* 104001, 104002 */
        json_decref(j);
        response_free(&r);
        r = http(&cl[FIN], "GET", "/api/tasks?year=2024&min=99.5&max=99.9&unit=104", NULL, NULL,
                 false);
        j = body_json(&r);
        json_t *tasks = json_object_get(j, "tasks");
        assert_int_equal(json_array_size(tasks), 1);
        assert_string_equal(jstr(json_array_get(tasks, 0), "unit_code"), "104002"); /* 99.8 */
        json_decref(j);
        response_free(&r);
        r = http(&cl[FIN], "GET", "/api/tasks?findings=1&year=2021", NULL, NULL, false);
        j = body_json(&r);
        tasks = json_object_get(j, "tasks");
        for (size_t i = 0; i < json_array_size(tasks); i++) {
                json_t *t = json_array_get(tasks, i);
                assert_true(json_integer_value(json_object_get(t, "errors")) +
                                json_integer_value(json_object_get(t, "warnings")) >=
                            1);
        }
        json_decref(j);
        response_free(&r);
        static const char *const bad[][2] = {
            {"/api/tasks?year=20x4", "查询条件“年度”应为四位数字"},
            {"/api/tasks?min=101", "查询条件“最低分”应为 0 到 100 之间的数"},
            {"/api/tasks?min=90&max=80", "最低分高于最高分"},
            {"/api/tasks?status=lost", "查询条件“状态”无效"},
            {"/api/tasks?sort=color", "排序字段无效"},
            {"/api/tasks?page=0", "页码应为正整数"},
        };
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
                r = http(&cl[FIN], "GET", bad[i][0], NULL, NULL, false);
                assert_int_equal(r.status, 400);
                assert_non_null(strstr(r.body.data, bad[i][1]));
                response_free(&r);
        }
        r = http(&cl[FIN], "GET", "/api/tasks?grade=%E4%BC%98%E7%AD%89", NULL, NULL, false);
        assert_int_equal(r.status, 400); /* 优等: no scheme's grade */
        assert_non_null(strstr(r.body.data, "查询条件“等级”无效"));
        response_free(&r);
        /* the page: the grade a choice of the schemes' grades, each once */
        r = http(&cl[FIN], "GET", "/tasks", NULL, NULL, false);
        assert_non_null(strstr(r.body.data, "<select name=\"grade\"><option value=\"\">全部等级</option>"));
        assert_non_null(strstr(r.body.data, "<option>优秀</option>"));
        assert_non_null(strstr(r.body.data, "<option>优</option>"));
        const char *first = strstr(r.body.data, "<option>优</option>");
        assert_null(strstr(first + 1, "<option>优</option>"));
        response_free(&r);
        /* a bad criterion is said at the criterion, the form kept as typed */
        r = http(&cl[FIN], "GET", "/tasks?min=abc&unit=104", NULL, NULL, false);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body.data, "<input name=\"min\" value=\"abc\" size=\"5\" "
                                            "inputmode=\"decimal\" class=\"invalid\" aria-invalid=\"true\">"
                                            "<small class=\"field-error\" role=\"alert\">查询条件“最低分”"));
        assert_non_null(strstr(r.body.data, "<input name=\"unit\" value=\"104\""));
        response_free(&r);
        /* the page: sortable headers and the same criteria */
        r = http(&cl[FIN], "GET", "/tasks?year=2024&sort=total&order=asc", NULL, NULL, false);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body.data, "计算总分 ▲"));
        response_free(&r);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_a_draft_is_only_the_preparers),
            cmocka_unit_test(test_submission_waits_for_errors_and_files),
            cmocka_unit_test(test_unit_review_forwards_or_returns_with_a_comment),
            cmocka_unit_test(test_the_supervising_unit_has_the_last_word),
            cmocka_unit_test(test_a_supervising_unit_goes_last_and_to_the_finance_bureau),
            cmocka_unit_test(test_a_supervising_unit_waits_for_its_subordinates),
            cmocka_unit_test(test_the_later_of_two_saves_is_refused_and_explained),
            cmocka_unit_test(test_after_a_conflict_what_was_typed_is_carried_over_and_saves),
            cmocka_unit_test(test_bad_values_are_refused_by_field_and_nothing_is_stored),
            cmocka_unit_test(test_rows_are_added_moved_and_removed),
            cmocka_unit_test(test_preview_computes_and_stores_nothing),
            cmocka_unit_test(test_each_sees_what_waits_for_them),
            cmocka_unit_test(test_timeline_and_audit_record_every_step),
            cmocka_unit_test(test_query_criteria),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
