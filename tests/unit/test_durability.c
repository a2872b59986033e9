/* Durability under kill -9: writers save their tasks concurrently over
 * HTTP while the server is killed (SIGKILL) at random moments and
 * started again, round after round. Every save the server acknowledged
 * (200 with its version) must be stored — its version restored with
 * exactly the text that was sent — at most the one save in flight when
 * the server died may be stored without acknowledgment, and the database
 * must pass PRAGMA integrity_check. (SQLite is the only storage backend
 * so far; a PostgreSQL one will run the same test.) */
#include "../support/http.h"

#include "../../src/store/db.h"
#include "../../src/store/store.h"

#include <pthread.h>
#include <time.h>
#include <unistd.h>

#define NEW_PASSWORD "Jixiao-Kill-2026!"

enum { WRITERS = 4, ROUNDS = 8, MAX_ACKS = 20000 };

static const char *const units[WRITERS] = {"102002", "102003", "102004", "104002"};

struct writer {
        struct client c;
        int64_t task;
        int64_t version;                   /* the task's version as last acknowledged */
        int64_t next;                      /* the number of the next save */
        int64_t acked;                     /* saves acknowledged */
        int64_t *ack_version, *ack_number; /* each acknowledged save: version, number */
        volatile bool stop;
        int refused; /* a status other than 200 (or 0: the server was killed) */
};

/* Save until the server goes away (or stop): each save's number in the
 * goal's text. */
static void *write_loop(void *arg)
{
        struct writer *w = arg;
        while (!w->stop) {
                char path[64], body[256], text[96];
                snprintf(text, sizeof text, "save %lld of task %lld", (long long)w->next,
                         (long long)w->task);
                snprintf(path, sizeof path, "/api/tasks/%lld/save", (long long)w->task);
                snprintf(body, sizeof body,
                         "{\"version\":\"%lld\",\"$.self_eval.goal.achieved\":\"%s\"}",
                         (long long)w->version, text);
                struct response r = http(&w->c, "POST", path, "application/json", body, true);
                int status = r.status;
                const char *v = strstr(r.body.data, "\"version\":");
                if (status == 200 && v && w->acked < MAX_ACKS) {
                        w->version = atoll(v + 10);
                        w->ack_version[w->acked] = w->version;
                        w->ack_number[w->acked] = w->next;
                        w->acked++;
                        w->next++;
                }
                response_free(&r);
                if (status == 0)
                        break; /* killed: this round is over */
                if (status != 200) {
                        w->refused = status; /* judged by the main thread */
                        break;
                }
        }
        return NULL;
}

/* The task's stored goal text and version. */
static void stored(struct client *c, int64_t task, char *text, size_t cap, int64_t *version)
{
        struct response r = http_getf(c, "/api/tasks/%lld/document", (long long)task);
        assert_int_equal(r.status, 200);
        const char *p = strstr(r.body.data, "\"achieved\": \"");
        snprintf(text, cap, "%s", "");
        if (p)
                snprintf(text, cap, "%.*s", (int)strcspn(p + 13, "\""), p + 13);
        response_free(&r);
        r = http_getf(c, "/api/tasks/%lld", (long long)task);
        const char *v = strstr(r.body.data, "\"version\":");
        assert_non_null(v);
        *version = atoll(v + 10);
        response_free(&r);
}

static void test_acknowledged_saves_survive_kill_9(void **state)
{
        (void)state;
        char db[256];
        demo_db(db);
        struct server s;
        server_start(&s, db);
        static struct writer w[WRITERS];
        struct db *d = test_db_open(db);
        for (int i = 0; i < WRITERS; i++) {
                memset(&w[i], 0, sizeof w[i]);
                char phone[16];
                snprintf(phone, sizeof phone, "15%s001", units[i]);
                client_init(&w[i].c, &s);
                client_login_fresh(&w[i].c, phone, NEW_PASSWORD);
                w[i].c.may_fail = true;
                w[i].task = task_id_of(d, units[i], 2024);
                w[i].next = 1;
                w[i].ack_version = calloc(MAX_ACKS, sizeof(int64_t));
                w[i].ack_number = calloc(MAX_ACKS, sizeof(int64_t));
                char text[128];
                stored(&w[i].c, w[i].task, text, sizeof text, &w[i].version);
        }
        db_close(d);
        srand((unsigned)time(NULL));
        int64_t total = 0;
        for (int round = 0; round < ROUNDS; round++) {
                pthread_t t[WRITERS];
                for (int i = 0; i < WRITERS; i++) {
                        w[i].stop = false;
                        pthread_create(&t[i], NULL, write_loop, &w[i]);
                }
                usleep((useconds_t)(300 + rand() % 1200) * 1000); /* a random moment */
                server_kill(&s);
                for (int i = 0; i < WRITERS; i++) {
                        w[i].stop = true;
                        pthread_join(t[i], NULL);
                        if (w[i].refused)
                                fail_msg("a save of task %lld was answered %d",
                                         (long long)w[i].task, w[i].refused);
                }
                server_start(&s, db);
                /* each task holds its last acknowledged save, or the one after it
                 * (committed when the server died, before it could answer) */
                for (int i = 0; i < WRITERS; i++) {
                        char text[128], last[96], in_flight[96];
                        int64_t version;
                        w[i].c.may_fail = false;
                        stored(&w[i].c, w[i].task, text, sizeof text, &version);
                        w[i].c.may_fail = true;
                        snprintf(last, sizeof last, "save %lld of task %lld",
                                 (long long)w[i].next - 1, (long long)w[i].task);
                        snprintf(in_flight, sizeof in_flight, "save %lld of task %lld",
                                 (long long)w[i].next, (long long)w[i].task);
                        bool acked_kept =
                            version == w[i].version && (w[i].next == 1 || strcmp(text, last) == 0);
                        bool one_more = version == w[i].version + 1 && strcmp(text, in_flight) == 0;
                        if (!acked_kept && !one_more)
                                fail_msg("round %d, task %lld: stored \"%s\" at version %lld, "
                                         "acknowledged \"%s\" at version %lld",
                                         round, (long long)w[i].task, text, (long long)version,
                                         last, (long long)w[i].version);
                        if (one_more) { /* stored though never acknowledged: it counts as done */
                                w[i].version = version;
                                w[i].ack_version[w[i].acked] = version;
                                w[i].ack_number[w[i].acked] = w[i].next;
                                w[i].acked++;
                                w[i].next++;
                        }
                }
        }
        server_stop(&s);
        /* every acknowledged save is there, word for word, and the file is sound */
        d = test_db_open(db);
        struct db_stmt *st = db_prepare(d, "PRAGMA integrity_check");
        assert_int_equal(db_step(st), DB_ROW);
        assert_string_equal(db_col_text(st, 0), "ok");
        db_reset(st);
        struct arena *a = arena_new();
        for (int i = 0; i < WRITERS; i++) {
                for (int64_t k = 0; k < w[i].acked; k++) {
                        int64_t version = w[i].ack_version[k];
                        if (version <= w[i].version - STORE_HISTORY_VERSIONS)
                                continue; /* beyond the history's bound */
                        const char *doc = NULL;
                        assert_int_equal(store_task_version(d, a, w[i].task, version, &doc),
                                         STORE_OK);
                        char want[96];
                        snprintf(want, sizeof want, "\"achieved\": \"save %lld of task %lld\"",
                                 (long long)w[i].ack_number[k], (long long)w[i].task);
                        if (!strstr(doc, want))
                                fail_msg("task %lld version %lld lacks %s", (long long)w[i].task,
                                         (long long)version, want);
                }
                total += w[i].acked;
                free(w[i].ack_version);
                free(w[i].ack_number);
        }
        arena_free(a);
        db_close(d);
        fprintf(stderr, "%lld acknowledged saves over %d kill -9 rounds, all stored\n",
                (long long)total, ROUNDS);
        assert_true(total >= ROUNDS);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_acknowledged_saves_survive_kill_9),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
