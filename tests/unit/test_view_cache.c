/* The cache of rendered evaluation views: hits only for the same task,
 * version and update time; replacement within a slot; the size limit;
 * clearing; and many threads reading and writing at once. */
#include "../support/testutil.h"

#include "../../src/web/html/view_cache.h"

#include <pthread.h>

static struct task T(int64_t id, int64_t version, int64_t updated_at) {
        return (struct task){.id = id, .version = version, .updated_at = updated_at};
}

/* The cached view of t as a string ("" and false on a miss). */
static bool
get(struct task t, struct buf *out)
{
        buf_reset(out);
        bool hit = view_cache_get(&t, out);
        if (!out->data)
                buf_puts(out, "");
        return hit;
}

static void test_hits_only_the_same_version(void **state)
{
        (void)state;
        struct buf out = BUF_INIT;
        view_cache_clear();
        assert_false(get(T(4, 1, 100), &out));
        assert_string_equal(out.data, "");
        struct task v1 = T(4, 1, 100);
        view_cache_put(&v1, "<p>v1</p>", 9);
        assert_true(get(T(4, 1, 100), &out));
        assert_string_equal(out.data, "<p>v1</p>");
        /* a later version or another update time is a miss, never the old view */
        assert_false(get(T(4, 2, 100), &out));
        assert_false(get(T(4, 1, 101), &out));
        assert_false(get(T(5, 1, 100), &out));
        struct task v2 = T(4, 2, 160);
        view_cache_put(&v2, "<p>v2</p>", 9);
        assert_true(get(v2, &out));
        assert_string_equal(out.data, "<p>v2</p>");
        assert_false(get(T(4, 1, 100), &out));
        /* a hit appends to what the page already holds */
        buf_reset(&out);
        buf_puts(&out, "<main>");
        assert_true(view_cache_get(&v2, &out));
        assert_string_equal(out.data, "<main><p>v2</p>");
        buf_free(&out);
}

static void test_slots_sizes_and_clearing(void **state)
{
        (void)state;
        struct buf out = BUF_INIT;
        view_cache_clear();
        struct task a = T(7, 1, 1), b = T(7 + VIEW_CACHE_SLOTS, 1, 1), c = T(8, 1, 1);
        view_cache_put(&a, "a", 1);
        view_cache_put(&c, "c", 1);
        view_cache_put(&b, "b", 1); /* the same slot as a: replaces it */
        assert_false(get(a, &out));
        assert_true(get(b, &out));
        assert_string_equal(out.data, "b");
        assert_true(get(c, &out));
        /* an empty view is a view; an oversized one is not kept */
        struct task e = T(9, 1, 1), big = T(10, 1, 1);
        view_cache_put(&e, "", 0);
        assert_true(get(e, &out));
        assert_string_equal(out.data, "");
        char *huge = calloc(VIEW_CACHE_MAX_BYTES + 1, 1);
        view_cache_put(&big, huge, VIEW_CACHE_MAX_BYTES + 1);
        free(huge);
        assert_false(get(big, &out));
        /* the whole cache stays within its budget: the slot of a view that
         * does not fit is emptied */
        view_cache_clear();
        char *mib = calloc(VIEW_CACHE_MAX_BYTES, 1);
        size_t fit = VIEW_CACHE_BUDGET / VIEW_CACHE_MAX_BYTES, kept = 0;
        for (size_t i = 1; i <= fit + 8; i++) {
                struct task m = T((int64_t)i, 1, 1);
                view_cache_put(&m, mib, VIEW_CACHE_MAX_BYTES);
        }
        for (size_t i = 1; i <= fit + 8; i++)
                kept += get(T((int64_t)i, 1, 1), &out);
        assert_int_equal(kept, fit);
        struct task first = T(1, 2, 1); /* a new version replaces its slot's old one */
        view_cache_put(&first, mib, VIEW_CACHE_MAX_BYTES);
        assert_true(get(first, &out));
        free(mib);
        /* ids that name no task are never cached */
        struct task none = T(0, 1, 1);
        view_cache_put(&none, "x", 1);
        assert_false(get(none, &out));
        view_cache_clear();
        assert_false(get(b, &out));
        assert_false(get(c, &out));
        buf_free(&out);
}

enum { THREADS = 8, ROUNDS = 20000 };

/* Each thread writes views of tasks 1..16 whose text names task and
 * version, and checks that every hit is the view it asked for. */
static void *worker(void *arg)
{
        unsigned seed = (unsigned)(uintptr_t)arg;
        struct buf out = BUF_INIT;
        long wrong = 0;
        for (int i = 0; i < ROUNDS; i++) {
                seed = seed * 1103515245u + 12345u;
                struct task t = T(1 + (seed >> 8) % 16, 1 + (seed >> 16) % 3, 1);
                char want[64];
                snprintf(want, sizeof want, "task %lld version %lld", (long long)t.id,
                         (long long)t.version);
                buf_reset(&out);
                if (view_cache_get(&t, &out))
                        wrong += strcmp(out.data, want) != 0;
                else
                        view_cache_put(&t, want, strlen(want));
        }
        buf_free(&out);
        return (void *)(intptr_t)wrong;
}

static void test_threads_share_it_safely(void **state)
{
        (void)state;
        view_cache_clear();
        pthread_t th[THREADS];
        for (uintptr_t i = 0; i < THREADS; i++)
                assert_int_equal(pthread_create(&th[i], NULL, worker, (void *)(i + 1)), 0);
        for (int i = 0; i < THREADS; i++) {
                void *wrong;
                pthread_join(th[i], &wrong);
                assert_int_equal((intptr_t)wrong, 0);
        }
        view_cache_clear();
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_hits_only_the_same_version),
            cmocka_unit_test(test_slots_sizes_and_clearing),
            cmocka_unit_test(test_threads_share_it_safely),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
