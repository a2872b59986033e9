/* Storage benchmark (issue 17, item 9): how much the database grows per
 * 1,000 saves of a task, through the same operation the server runs for
 * POST /api/tasks/{id}/save (task_change_open, task_change_apply,
 * task_change_save: the evaluation, the version kept, the timeline event
 * and the audit entry), on a copy of the demo database.
 *
 *   build/bench/storage DB SAVES
 *
 * DB is a database made by "jixiao demo" (it is changed). Two runs: one
 * field typed per save, and twenty values spread over the document per
 * save, each on the largest task (seed 002, about 30 KB of JSON). Prints
 * the growth of the database file and of each table (dbstat) per 1,000
 * saves, and the versions kept. */
#include "../src/auth/auth.h"
#include "../src/doc/doc_io.h"
#include "../src/store/db.h"
#include "../src/app/task_change.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define PREPARER "15104002001" /* holds the drafts of unit 104002 … */

/* Bytes used by the database (pages not on the free list), after a
 * checkpoint, per table ("" for the whole). */
static int64_t used(struct db *db, const char *table)
{
        db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
        struct db_stmt *st =
            table ? db_prepare(db, "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = ?1 "
                                   "OR name LIKE 'sqlite_autoindex_' || ?1 || '%'")
                  : db_prepare(db, "SELECT (page_count - freelist_count) * page_size FROM "
                                   "pragma_page_count, pragma_freelist_count, pragma_page_size");
        if (table)
                db_bind_text(st, 1, table);
        int64_t n = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
        db_reset(st);
        return n;
}

static const char *const tables[] = {"tasks", "task_versions", "task_events", "audit", NULL};

/* Paths of the deviation of indicators spread over the document. */
static const char *items[24];

/* One save of task (code) by who with n_values typed values; false with
 * the reason printed when it fails. */
static bool save(struct db *db, const struct user *who, int64_t task, int k, int n_values)
{
        struct app a;
        app_local_begin(&a, db, who->name);
        a.actor = who;
        struct typed_value v[24];
        size_t n = 0;
        v[n++] = (struct typed_value){"$.self_eval.goal.achieved",
                                      arena_printf(a.arena, "全年完成各项目标（第 %d 次修改）", k)};
        for (int i = 1; i < n_values && n < 24 && items[i - 1]; i++)
                v[n++] = (struct typed_value){
                    items[i - 1], arena_printf(a.arena, "偏差原因第 %d 次说明（%d）", k, i)};
        struct change_set cs = {.values = v, .n_values = n};
        struct task_change tc;
        struct outcome out = {0};
        bool ok = task_change_open(&a, task, &tc, &out);
        if (ok) {
                task_change_apply(&a, &tc, &cs);
                ok = task_change_save(
                    &a, &tc, arena_printf(a.arena, "%lld", (long long)tc.tv.task.version), &out);
        }
        if (!ok)
                fprintf(stderr, "save %d: %s\n", k, out.error);
        task_change_free(&tc);
        app_local_end(&a);
        return ok;
}

static void run(struct db *db, const struct user *who, int64_t task, int saves, int n_values)
{
        int64_t before = used(db, NULL), parts[8];
        for (size_t i = 0; tables[i]; i++)
                parts[i] = used(db, tables[i]);
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (int k = 1; k <= saves; k++)
                if (!save(db, who, task, k, n_values))
                        exit(1);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        double per = 1000.0 / saves;
        printf("%d value%s per save, %d saves (%.1f ms each):\n", n_values, n_values > 1 ? "s" : "",
               saves, secs * 1000 / saves);
        printf("  %-14s %10.0f bytes per 1,000 saves\n", "database",
               (double)(used(db, NULL) - before) * per);
        for (size_t i = 0; tables[i]; i++)
                printf("  %-14s %10.0f\n", tables[i],
                       (double)(used(db, tables[i]) - parts[i]) * per);
        struct db_stmt *st = db_prepare(db, "SELECT count(*), coalesce(sum(delta), 0), "
                                            "coalesce(sum(length(CAST(document AS BLOB))), 0) "
                                            "FROM task_versions WHERE task_id = ?1");
        db_bind_int(st, 1, task);
        if (db_step(st) == DB_ROW)
                printf("  versions kept: %lld (%lld as differences), %lld bytes\n",
                       (long long)db_col_int(st, 0), (long long)db_col_int(st, 1),
                       (long long)db_col_int(st, 2));
        db_reset(st);
}

int main(int argc, char **argv)
{
        if (argc != 3 || atoi(argv[2]) < 1) {
                fprintf(stderr, "usage: storage DB SAVES\n");
                return 2;
        }
        if (!auth_init())
                return 1;
        struct diags errs = DIAGS_INIT;
        struct db *db = db_open(argv[1], false, &errs);
        if (!db) {
                diags_print(&errs, stderr);
                return 1;
        }
        struct arena *a = arena_new();
        struct user who;
        struct db_stmt *st = db_prepare(db, "SELECT t.id FROM tasks t JOIN units u ON u.id = "
                                            "t.unit_id WHERE u.code = ?1 AND t.year = ?2");
        db_bind_text(st, 1, "104002");
        db_bind_int(st, 2, 2024);
        int64_t small = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
        db_reset(st);
        if (store_user_by_phone(db, a, PREPARER, &who) != STORE_OK || !small) {
                fprintf(stderr, "not a demo database: %s\n", argv[1]);
                return 1;
        }
        /* the largest task (seed 002's unit) is held by its own 经办岗 */
        st = db_prepare(db, "SELECT t.id, u.code FROM tasks t JOIN units u ON u.id = t.unit_id "
                            "ORDER BY length(t.document) DESC LIMIT 1");
        int64_t big = 0;
        char code[8] = "";
        if (db_step(st) == DB_ROW) {
                big = db_col_int(st, 0);
                snprintf(code, sizeof code, "%s", db_col_text(st, 1));
        }
        db_reset(st);
        char phone[16];
        snprintf(phone, sizeof phone, "15%s001", code);
        struct user owner;
        if (store_user_by_phone(db, a, phone, &owner) != STORE_OK) {
                fprintf(stderr, "no 经办岗 %s\n", phone);
                return 1;
        }
        struct task t;
        store_task_get(db, a, big, true, &t);
        printf("task %lld (%s, %zu bytes of JSON)\n", (long long)big, code, strlen(t.document));
        struct doc *d = doc_parse(t.document, strlen(t.document), &errs);
        size_t all = 0, n_items = 0;
        for (size_t l = 0; d && l < d->self.table.n_indicators; l++)
                for (size_t g = 0; g < d->self.table.indicators[l].n_groups; g++)
                        all += d->self.table.indicators[l].groups[g].n_items;
        for (size_t l = 0, k = 0; d && l < d->self.table.n_indicators; l++)
                for (size_t g = 0; g < d->self.table.indicators[l].n_groups; g++)
                        for (size_t i = 0; i < d->self.table.indicators[l].groups[g].n_items;
                             i++, k++)
                                if (n_items < 19 && k % (all / 19 + 1) == 0)
                                        items[n_items++] = arena_printf(
                                            a,
                                            "$.self_eval.indicators[%zu].groups[%zu].items[%zu].deviation",
                                            l, g, i);
        doc_free(d);
        int saves = atoi(argv[2]);
        run(db, &owner, big, saves, 1);
        run(db, &owner, big, saves, (int)n_items + 1);
        arena_free(a);
        db_close(db);
        diags_free(&errs);
        return 0;
}
