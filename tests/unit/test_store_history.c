/* The saved versions of a task (issue 17, item 9): kept as line
 * differences, every version within the bound restored exactly, the
 * history of one task bounded in versions and in bytes, and the database
 * growing by little per save. Also the difference module on its own. */
#include "../support/testutil.h"

#include "../../src/base/linediff.h"
#include "../../src/store/db.h"
#include "../../src/store/migrate.h"
#include "../../src/store/store.h"

#include <unistd.h>

/* ---- the differences on their own ---------------------------------------------------- */

static void round_trip(const char *from, const char *to)
{
        struct buf delta = BUF_INIT, back = BUF_INIT;
        linediff_make(from, strlen(from), to, strlen(to), &delta);
        assert_true(linediff_apply(from, strlen(from), delta.data, delta.len, &back));
        assert_int_equal(back.len, strlen(to));
        assert_memory_equal(buf_str(&back), to, back.len);
        buf_free(&delta);
        buf_free(&back);
}

static void test_line_differences(void **state)
{
        (void)state;
        round_trip("", "");
        round_trip("", "a");
        round_trip("a", "");
        round_trip("a\nb\nc", "a\nb\nc");
        round_trip("a\nb\nc\n", "a\nx\nc\n");
        round_trip("a\nb\nc", "c\nb\na");
        round_trip("\n\n\n", "\n");
        round_trip("one\ntwo\nthree\nfour\nfive", "zero\none\nthree\nfour\n4½\nfive\nsix");
        round_trip("+1\n=2\n-3", "=2\n+1\n-3\n");
        /* a one-line change in a long text is a small difference */
        struct buf a = BUF_INIT, b = BUF_INIT, delta = BUF_INIT;
        for (int i = 0; i < 2000; i++) {
                buf_printf(&a, "  \"field_%d\": \"value %d\",\n", i, i);
                buf_printf(&b, "  \"field_%d\": \"value %d\",\n", i, i == 1000 ? -1 : i);
        }
        linediff_make(a.data, a.len, b.data, b.len, &delta);
        assert_true(delta.len < 100);
        round_trip(a.data, b.data);
        round_trip(b.data, "");
        /* random texts of a few distinct lines, every pair round-trips */
        static const char *const words[] = {"a", "b", "c", "", "a"};
        srand(17);
        for (int t = 0; t < 2000; t++) {
                struct buf x = BUF_INIT, y = BUF_INIT;
                int nx = rand() % 12, ny = rand() % 12;
                for (int i = 0; i < nx; i++)
                        buf_printf(&x, "%s%s", i ? "\n" : "", words[rand() % 5]);
                for (int i = 0; i < ny; i++)
                        buf_printf(&y, "%s%s", i ? "\n" : "", words[rand() % 5]);
                if (rand() % 2)
                        buf_putc(&y, '\n');
                round_trip(buf_str(&x), buf_str(&y));
                buf_free(&x);
                buf_free(&y);
        }
        /* malformed differences are refused, not applied */
        struct buf out = BUF_INIT;
        const char *bad[] = {"=5\n", "-1\n=9\n", "+2\nonly one line", "?3\n", "=1", "=x\n", ""};
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
                assert_false(linediff_apply("a\nb", 3, bad[i], strlen(bad[i]), &out));
        buf_free(&out);
        buf_free(&a);
        buf_free(&b);
        buf_free(&delta);
}

/* ---- the store --------------------------------------------------------------------------- */

static struct db *fresh_store(char path[128])
{
        snprintf(path, 128, "/tmp/jixiao-history-XXXXXX");
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        close(fd);
        struct diags errs = DIAGS_INIT;
        struct db *db = db_open(path, true, &errs);
        assert_non_null(db);
        assert_true(migrate_to(db, migrate_latest(), &errs));
        diags_free(&errs);
        assert_int_equal(db_exec(db, "PRAGMA synchronous=OFF"), DB_OK); /* speed only */
        return db;
}

static int64_t db_bytes(struct db *db)
{
        assert_int_equal(db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)"), DB_OK);
        struct db_stmt *st = db_prepare(db, "SELECT page_count * page_size - freelist_count * "
                                            "page_size FROM pragma_page_count, pragma_page_size, "
                                            "pragma_freelist_count");
        assert_int_equal(db_step(st), DB_ROW);
        int64_t n = db_col_int(st, 0);
        db_reset(st);
        return n;
}

static int64_t kept_versions(struct db *db, int64_t task, int64_t *bytes)
{
        struct db_stmt *st = db_prepare(db, "SELECT count(*), coalesce(sum(length(CAST(document AS "
                                            "BLOB))), 0) FROM task_versions WHERE task_id = ?1");
        db_bind_int(st, 1, task);
        assert_int_equal(db_step(st), DB_ROW);
        int64_t n = db_col_int(st, 0);
        *bytes = db_col_int(st, 1);
        db_reset(st);
        return n;
}

/* A document of lines lines; line k of save s (s = 0: as issued). */
static void document(struct buf *b, int lines, int s)
{
        buf_reset(b);
        buf_puts(b, "{\n");
        for (int k = 0; k < lines; k++)
                buf_printf(b, "  \"member_%04d\": \"%d\",\n", k,
                           s && k == (s * 37) % lines ? s : k);
        buf_puts(b, "  \"end\": true\n}\n");
}

static int64_t new_task(struct db *db, const char *code, const char *text)
{
        int64_t unit, task;
        assert_int_equal(store_unit_insert(db, code, "测试单位", 1, &unit), STORE_OK);
        struct task t = {.unit_id = unit, .year = 2024, .status = "draft", .document = text};
        assert_int_equal(store_task_insert(db, &t, 1, &task), STORE_OK);
        return task;
}

static void save(struct db *db, int64_t task, int64_t version, const char *text)
{
        struct task t = {.status = "draft", .document = text};
        assert_int_equal(db_begin(db, DB_HERE), DB_OK);
        assert_int_equal(store_task_update(db, task, version, &t, 0, 100 + version), STORE_OK);
        assert_int_equal(db_commit(db), DB_OK);
}

static void test_history_is_kept_as_differences_within_a_bound(void **state)
{
        (void)state;
        char path[128];
        struct db *db = fresh_store(path);
        assert_int_equal(store_year_insert(db, 2024, "national", 1), STORE_OK);
        enum { LINES = 1200, SAVES = STORE_HISTORY_VERSIONS + 200 };
        struct buf text = BUF_INIT;
        document(&text, LINES, 0);
        int64_t task = new_task(db, "100001", text.data);
        int64_t before = 0;
        for (int s = 1; s <= SAVES; s++) {
                if (s == 201)
                        before = db_bytes(db);
                document(&text, LINES, s);
                save(db, task, s, text.data);
        }
        int64_t growth = db_bytes(db) - before; /* of the last 1,000 saves */
        fprintf(stderr, "a %zu-byte document: %lld bytes for 1,000 saves\n", text.len,
                (long long)growth);
        assert_true(growth < 2 * 1024 * 1024); /* a full copy each would be 30 MB */
        /* the bound: the newest versions, restored exactly; older ones gone */
        int64_t bytes;
        int64_t kept = kept_versions(db, task, &bytes);
        assert_true(kept <= STORE_HISTORY_VERSIONS);
        assert_true(bytes <= STORE_HISTORY_BYTES);
        struct arena *a = arena_new();
        int64_t current = SAVES + 1;
        int64_t oldest = current - STORE_HISTORY_VERSIONS; /* and the current one */
        for (int64_t v = current; v >= oldest; v--) {
                if (v % 7 != 0 && v < current - 60 && v != oldest)
                        continue;
                const char *got = NULL;
                assert_int_equal(store_task_version(db, a, task, v, &got), STORE_OK);
                document(&text, LINES, (int)v - 1);
                assert_string_equal(got, text.data);
        }
        const char *gone = NULL;
        assert_int_equal(store_task_version(db, a, task, oldest - 1, &gone), STORE_NOT_FOUND);
        assert_int_equal(store_task_version(db, a, task, 1, &gone), STORE_NOT_FOUND);
        assert_int_equal(store_task_version(db, a, task, current + 1, &gone), STORE_NOT_FOUND);
        arena_free(a);
        buf_free(&text);
        db_close(db);
        unlink(path);
}

static void test_history_of_whole_rewrites_is_bounded_in_bytes(void **state)
{
        (void)state;
        char path[128];
        struct db *db = fresh_store(path);
        assert_int_equal(store_year_insert(db, 2024, "national", 1), STORE_OK);
        struct buf text = BUF_INIT;
        buf_repeat(&text, "0123456789abcdef\n", 4000); /* 68 KB */
        int64_t task = new_task(db, "100001", text.data);
        struct arena *a = arena_new();
        for (int s = 1; s <= 150; s++) {
                buf_reset(&text);
                for (int k = 0; k < 4000; k++)
                        buf_printf(&text, "%04d-%04d-rewrite-%d\n", s, k, s % 3);
                save(db, task, s, text.data);
                const char *got = NULL; /* the newest saved version reads back */
                assert_int_equal(store_task_version(db, a, task, s + 1, &got), STORE_OK);
                assert_string_equal(got, text.data);
        }
        int64_t bytes;
        int64_t kept = kept_versions(db, task, &bytes);
        fprintf(stderr, "whole rewrites: %lld versions kept, %lld bytes\n", (long long)kept,
                (long long)bytes);
        assert_true(bytes <= STORE_HISTORY_BYTES);
        assert_true(kept >= 10 && kept < 150);
        const char *got = NULL; /* the oldest kept one is whole */
        assert_int_equal(store_task_version(db, a, task, 151 - kept, &got), STORE_OK);
        arena_free(a);
        buf_free(&text);
        db_close(db);
        unlink(path);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_line_differences),
            cmocka_unit_test(test_history_is_kept_as_differences_within_a_bound),
            cmocka_unit_test(test_history_of_whole_rewrites_is_bounded_in_bytes),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
