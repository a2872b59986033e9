/* The one save pipeline (src/app/task_change.c), run in process on a demo
 * database as the pages, the API and the import run it: a save parses the
 * stored document at most once (not at all when it is loaded already),
 * scores it exactly once, stores it with its summary columns, and leaves
 * it loaded, so that the page after the save neither parses nor scores
 * it again; what the check in memory refuses is refused as a parse of the
 * written text would refuse it. */
#include "../support/http.h"

#include "../../src/app/task_change.h"
#include "../../src/doc/doc_io.h"
#include "../../src/store/db.h"

static char db_path[256];

static int setup(void **state)
{
        (void)state;
        demo_db(db_path);
        return 0;
}

static int teardown(void **state)
{
        (void)state;
        loaded_cache_clear();
        return 0;
}

/* An operation context acting as the preparer of 104001 (seed 004). */
struct actor {
        struct db *db;
        struct app a;
        struct user user;
        int64_t task;
};

static void act(struct actor *x)
{
        x->db = test_db_open(db_path);
        app_local_begin(&x->a, x->db, "test");
        assert_int_equal(store_user_by_phone(x->db, x->a.arena, "15104001001", &x->user),
                         STORE_OK);
        x->a.actor = &x->user;
        x->a.scope = (struct scope){.unit_id = x->user.unit_id};
        x->task = task_id_of(x->db, "104001", 2024);
}

static void done(struct actor *x)
{
        app_local_end(&x->a);
        db_close(x->db);
}

struct work {
        unsigned long parses, evaluations;
};

static struct work counted(void)
{
        return (struct work){doc_parse_count(), engine_evaluate_count()};
}

/* Save "$.self_eval.budget.executed" = amount under the task's version. */
static int64_t save_amount(struct actor *x, const char *amount, struct work *w)
{
        struct task t;
        assert_int_equal(store_task_get(x->db, x->a.arena, x->task, false, &t), STORE_OK);
        char version[24];
        snprintf(version, sizeof version, "%lld", (long long)t.version);
        struct work before = counted();
        struct task_change tc;
        struct outcome out = {0};
        assert_true(task_change_open(&x->a, x->task, &tc, &out));
        const struct typed_value v[] = {{"$.self_eval.budget.executed", amount}};
        struct change_set cs = {v, 1, NULL, NULL};
        task_change_apply(&x->a, &tc, &cs);
        bool saved = task_change_save(&x->a, &tc, version, &out);
        if (!saved)
                fprintf(stderr, "save: %s\n", out.error);
        assert_true(saved);
        task_change_free(&tc);
        struct work after = counted();
        *w = (struct work){after.parses - before.parses, after.evaluations - before.evaluations};
        return out.id;
}

static void test_a_save_parses_once_and_scores_once(void **state)
{
        (void)state;
        struct actor x;
        act(&x);
        loaded_cache_clear(); /* as after a restart: nothing loaded */
        struct work w;
        int64_t v = save_amount(&x, "700.01", &w);
        assert_int_equal(w.parses, 1);
        assert_int_equal(w.evaluations, 1);
        /* the saved document stays loaded: the next save parses nothing */
        int64_t v2 = save_amount(&x, "700.02", &w);
        assert_int_equal(v2, v + 1);
        assert_int_equal(w.parses, 0);
        assert_int_equal(w.evaluations, 1);
        /* and the page after the save reads it as it was saved */
        struct work before = counted();
        struct task_view tv;
        struct outcome out = {0};
        assert_true(task_open(&x.a, x.task, TASK_EVALUATED, &tv, &out));
        assert_int_equal(tv.task.version, v2);
        dec_t want;
        assert_int_equal(dec_parse("700.02", 6, &want), DEC_OK);
        assert_true(dec_eq(tv.doc->self.table.budget.executed, want));
        struct work after = counted();
        assert_int_equal(after.parses - before.parses, 0);
        assert_int_equal(after.evaluations - before.evaluations, 0);
        task_view_free(&tv);
        /* what is stored is that document, summary columns included */
        struct task t;
        assert_int_equal(store_task_get(x.db, x.a.arena, x.task, true, &t), STORE_OK);
        assert_non_null(strstr(t.document, "\"executed\": \"700.02\""));
        assert_non_null(t.total);
        done(&x);
}

/* The check in memory refuses what a parse of the written document would:
 * two projects of one name (a rule across rows), refused at the second. */
static void test_the_memory_check_refuses_what_a_parse_would(void **state)
{
        (void)state;
        struct actor x;
        act(&x);
        struct task_change tc;
        struct outcome out = {0};
        /* a second project, saved unnamed */
        assert_true(task_change_open(&x.a, x.task, &tc, &out));
        struct change_set add = {NULL, 0, "add:$.projects", NULL};
        task_change_apply(&x.a, &tc, &add);
        char version[24];
        snprintf(version, sizeof version, "%lld", (long long)tc.tv.task.version);
        assert_true(task_change_save(&x.a, &tc, version, &out));
        task_change_free(&tc);
        /* named as the first */
        assert_true(task_change_open(&x.a, x.task, &tc, &out));
        assert_true(tc.base->n_projects >= 2);
        char path[64];
        snprintf(path, sizeof path, "$.projects[%zu].name", tc.base->n_projects - 1);
        const struct typed_value v[] = {{path, tc.base->projects[0].name}};
        struct change_set cs = {v, 1, NULL, NULL};
        task_change_apply(&x.a, &tc, &cs);
        assert_int_equal(tc.input.n, 1);
        char project[48];
        snprintf(project, sizeof project, "$.projects[%zu]", tc.base->n_projects - 1);
        assert_string_equal(tc.input.items[0].path, project); /* the rule is about the row */
        /* the parser says the same of the document's text */
        struct buf json = BUF_INIT;
        doc_write(tc.doc, &json);
        struct diags errs = DIAGS_INIT;
        assert_null(doc_parse(json.data, json.len, &errs));
        assert_int_equal(errs.n, 1);
        assert_string_equal(errs.items[0].path, tc.input.items[0].path);
        assert_string_equal(errs.items[0].msg, tc.input.items[0].msg);
        diags_free(&errs);
        buf_free(&json);
        assert_false(task_change_save(&x.a, &tc, "1", &out));
        assert_int_equal(out.status, APP_INVALID);
        task_change_free(&tc);
        done(&x);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_a_save_parses_once_and_scores_once),
            cmocka_unit_test(test_the_memory_check_refuses_what_a_parse_would),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
