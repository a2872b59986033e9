/* The domain store: units, accounts, sessions, login throttling, the audit
 * log, fiscal years, declared goals and self-evaluation tasks.
 *
 * This is the only interface handlers use to reach the database; the SQL
 * of each domain lives in its store_*.c file. Results are allocated in the
 * caller's arena. Every write is one transaction (the caller may group
 * several in an outer db_begin/db_commit). Updates of versioned rows take
 * the version the caller last read and fail with STORE_CONFLICT when
 * someone else changed the row since: nothing is overwritten silently. */
#ifndef JX_STORE_H
#define JX_STORE_H

#include "../base/arena.h"
#include "db.h"

#include <stdbool.h>
#include <stdint.h>

enum store_rc {
        STORE_OK,
        STORE_NOT_FOUND,
        STORE_CONFLICT,  /* the row changed since the caller read it */
        STORE_DUPLICATE, /* a unique key already exists */
        STORE_ERROR,     /* the database failed (see db_errmsg) */
};

/* ---- units ------------------------------------------------------------- */

struct unit {
        int64_t id;
        const char *code; /* six digits; xxx001 is a supervising unit */
        const char *name;
        bool disabled;
        int64_t version;
};

/* Which units a user may see. */
struct scope {
        bool all;           /* finance bureau and administrator */
        const char *prefix; /* supervising unit: its 3-digit department, else NULL */
        int64_t unit_id;    /* a unit user's own unit */
};

/* True for a code whose last three digits are 001. */
bool unit_is_supervising(const char *code);

enum store_rc store_units(struct db *db, struct arena *a, const struct scope *sc, struct unit **out,
                          size_t *n);
/* One page of a list (offset, at most limit rows) of what search (part
 * of a code, name or phone number; NULL for all) finds, and the number of
 * all matches. */
struct store_page {
        const char *search;
        int64_t limit, offset;
};
enum store_rc store_units_find(struct db *db, struct arena *a, const struct scope *sc,
                               const struct store_page *p, struct unit **out, size_t *n,
                               int64_t *total);
/* The supervising units (主管部门, code xxx001) in scope, by code. */
enum store_rc store_supervising_units(struct db *db, struct arena *a, const struct scope *sc,
                                      struct unit **out, size_t *n);
enum store_rc store_unit_by_code(struct db *db, struct arena *a, const char *code,
                                 struct unit *out);
enum store_rc store_unit_by_id(struct db *db, struct arena *a, int64_t id, struct unit *out);
enum store_rc store_unit_insert(struct db *db, const char *code, const char *name, int64_t now,
                                int64_t *id);
/* Rename or disable a unit if its version is still version (else
 * STORE_CONFLICT); increments the version. Disabling ends the sessions of
 * the unit's accounts. */
enum store_rc store_unit_update(struct db *db, int64_t id, int64_t version, const char *name,
                                bool disabled, int64_t now);
/* True if unit_id is visible in sc. */
bool scope_has_unit(struct db *db, const struct scope *sc, int64_t unit_id);

/* ---- users ---------------------------------------------------------------- */

enum role { ROLE_NONE, ROLE_PREPARER, ROLE_REVIEWER, ROLE_FINANCE, ROLE_ADMIN };

const char *role_name(enum role r);  /* "preparer", … */
const char *role_label(enum role r); /* 经办岗, 审核岗, 财政绩效经办, 系统管理员 */
enum role role_parse(const char *name);

struct user {
        int64_t id;
        const char *phone;
        const char *name;
        int64_t unit_id; /* 0 for finance and administrators */
        const char *unit_code;
        const char *unit_name;
        enum role role;
        bool must_change; /* a one-time password is in force */
        bool disabled;    /* from store_user_by_phone: also when its unit is */
        int64_t version;
        const char *password_hash; /* only from store_user_by_phone */
};

/* Accounts found by part of their phone number, name, or unit's code or
 * name. */
enum store_rc store_users_find(struct db *db, struct arena *a, const struct scope *sc,
                               const struct store_page *p, struct user **out, size_t *n,
                               int64_t *total);
enum store_rc store_user_by_id(struct db *db, struct arena *a, int64_t id, struct user *out);
/* The account signing in with phone, with its password hash; disabled
 * is also true when its unit is disabled (such an account cannot sign in). */
enum store_rc store_user_by_phone(struct db *db, struct arena *a, const char *phone,
                                  struct user *out);
enum store_rc store_user_insert(struct db *db, const struct user *u, const char *password_hash,
                                int64_t now, int64_t *id);
enum store_rc store_user_update(struct db *db, int64_t id, int64_t version, const char *name,
                                int64_t unit_id, enum role role, bool disabled, int64_t now);
/* Set a password hash; must_change marks a one-time password. Ends the
 * user's sessions. */
enum store_rc store_user_set_password(struct db *db, int64_t id, const char *hash, bool must_change,
                                      int64_t now);

/* ---- sessions ----------------------------------------------------------------- */

enum { TOKEN_HASH_BYTES = 32 };

struct session {
        struct user user;
        const char *csrf;
        int64_t seen_at;
        int64_t expires_at;
};

enum store_rc store_session_insert(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES],
                                   int64_t user_id, const char *csrf, const char *ip, int64_t now,
                                   int64_t expires_at);
/* The live session with this token hash (idle no longer than idle
 * seconds, not expired, user not disabled). */
enum store_rc store_session_get(struct db *db, struct arena *a,
                                const unsigned char hash[TOKEN_HASH_BYTES], int64_t now,
                                int64_t idle, struct session *out);
enum store_rc store_session_touch(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES],
                                  int64_t now);
enum store_rc store_session_delete(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES]);
enum store_rc store_sessions_purge(struct db *db, int64_t now, int64_t idle);

/* ---- login throttling ---------------------------------------------------------- */

/* Seconds key (e.g. "phone:138…" or "ip:10.0.0.1") stays locked, or 0.
 * (Signing in uses store_throttle_take() below: checking first and
 * counting after the check lets simultaneous attempts all pass.) */
int64_t store_throttle_locked(struct db *db, const char *key, int64_t now);
/* Count a failure for key within a window of window seconds; lock key for
 * lock seconds once it reaches limit failures. */
enum store_rc store_throttle_fail(struct db *db, const char *key, int64_t now, int64_t window,
                                  int limit, int64_t lock);
enum store_rc store_throttle_clear(struct db *db, const char *key);
/* Count an attempt for key and check it in one step, before the attempt
 * is judged, so that simultaneous attempts are counted one by one: 0 when
 * it may go ahead (it counts as a failure from now on, until
 * store_throttle_refund() takes it back); otherwise the seconds key stays
 * locked, and the attempt is not counted. An attempt beyond limit counted
 * within window seconds locks key for lock seconds. One transaction (or
 * part of the caller's); a database failure answers as locked for lock
 * seconds, never as free. */
int64_t store_throttle_take(struct db *db, const char *key, int64_t now, int64_t window, int limit,
                            int64_t lock);
/* An attempt counted by store_throttle_take() failed: lock key for lock
 * seconds once limit attempts are counted. */
enum store_rc store_throttle_failed(struct db *db, const char *key, int64_t now, int limit,
                                    int64_t lock);
/* Take back an attempt counted by store_throttle_take() (it succeeded, or
 * another key refused it). */
enum store_rc store_throttle_refund(struct db *db, const char *key);

/* ---- audit log -------------------------------------------------------------------- */

struct audit_entry {
        int64_t id;
        int64_t at;
        int64_t user_id;   /* 0 when anonymous */
        const char *actor; /* phone and name, or what was typed at login */
        const char *ip;
        const char *action; /* e.g. login, login.failed, unit.create, task.submit */
        const char *target;
        const char *detail;
};

enum store_rc store_audit(struct db *db, const struct audit_entry *e);
/* The newest entries first, at most limit, older than before_id when > 0. */
enum store_rc store_audit_list(struct db *db, struct arena *a, int64_t before_id, size_t limit,
                               struct audit_entry **out, size_t *n);

/* ---- fiscal years, declarations, tasks --------------------------------------------- */

struct year {
        int64_t year;
        const char *scheme;
        int64_t tasks; /* issued */
};

enum store_rc store_years(struct db *db, struct arena *a, struct year **out, size_t *n);
enum store_rc store_year_insert(struct db *db, int64_t year, const char *scheme, int64_t now);
enum store_rc store_year_get(struct db *db, struct arena *a, int64_t year, struct year *out);

/* The declared goals document of a unit for a year (NULL when none). */
enum store_rc store_declaration_put(struct db *db, int64_t unit_id, int64_t year,
                                    const char *document, int64_t now);
enum store_rc store_declaration_get(struct db *db, struct arena *a, int64_t unit_id, int64_t year,
                                    const char **document);

struct task {
        int64_t id;
        int64_t unit_id;
        const char *unit_code;
        const char *unit_name;
        int64_t year;
        const char *status;
        int64_t version;
        const char *total; /* engine results cached for lists, as decimal text */
        const char *grade;
        int64_t errors, warnings;
        int64_t updated_at;
        bool returned; /* answering a return (已退回) until sent up again */
        bool entered;  /* filled in since it was issued (else 未填报) */
        const char *supervisor_name; /* 主管部门 (for a supervising unit: itself) */
        const char *document; /* only from store_task_get with the document */
};

struct task_filter {
        int64_t year;       /* 0: any */
        const char *status; /* NULL: any */
};

enum store_rc store_tasks(struct db *db, struct arena *a, const struct scope *sc,
                          const struct task_filter *f, struct task **out, size_t *n);

/* The query of 绩效自评查询: every criterion optional. */
enum task_sort {
        SORT_YEAR,
        SORT_UNIT,
        SORT_STATUS,
        SORT_TOTAL,
        SORT_GRADE,
        SORT_ERRORS,
        SORT_WARNINGS,
        SORT_UPDATED,
        SORT_N
};
struct task_query {
        int64_t year;                 /* 0: any */
        const char *unit;             /* part of the unit's code or name, or NULL */
        const char *status;           /* NULL: any */
        const char *grade;            /* NULL: any */
        int64_t min_centi, max_centi; /* computed total × 100; INT64_MIN / INT64_MAX: open */
        int64_t min_findings;         /* errors + warnings at least this; 0: any */
        const char *department;       /* its 主管部门's 3-digit department, or NULL */
        bool returned;                /* only tasks answering a return (已退回) */
        enum task_sort sort;
        bool desc;
        int64_t limit, offset;
};
/* One page of matching tasks and the number of all matches. */
enum store_rc store_task_query(struct db *db, struct arena *a, const struct scope *sc,
                               const struct task_query *q, struct task **out, size_t *n,
                               int64_t *total);
/* Tasks of year of the department prefix (3 digits) other than its
 * supervising unit's that are not done: *open, and the first such unit's
 * name in *first (NULL when none). */
enum store_rc store_department_open(struct db *db, struct arena *a, const char *prefix,
                                    int64_t year, int64_t *open, const char **first);
/* Task id into out (strings in a), with its document when with_document,
 * else out->document is NULL. */
enum store_rc store_task_get(struct db *db, struct arena *a, int64_t id, bool with_document,
                             struct task *out);
enum store_rc store_task_insert(struct db *db, const struct task *t, int64_t now, int64_t *id);
/* Replace a task's status, document and cached results, if its version is
 * still version; increments the version and keeps the new document as
 * that version (store_task_version). */
enum store_rc store_task_update(struct db *db, int64_t id, int64_t version, const struct task *t,
                                int64_t user_id, int64_t now);
/* The history of one task is bounded: older versions beyond either limit
 * are dropped (their changes stay in the timeline, task_events). */
enum {
        STORE_HISTORY_VERSIONS = 1000, /* versions kept besides the current one */
        STORE_HISTORY_BYTES = 4 << 20, /* bytes of kept differences and snapshots */
        STORE_HISTORY_SNAPSHOT = 100, /* every 100th version is kept whole */
};
/* The document of a task as saved in version (NULL when not kept). */
enum store_rc store_task_version(struct db *db, struct arena *a, int64_t id, int64_t version,
                                 const char **document);

/* ---- the task timeline ------------------------------------------------------------- */

struct task_event {
        int64_t id;
        int64_t at;
        int64_t user_id;
        const char *user;   /* name, post and unit of who acted */
        const char *action; /* save, submit, approve, return, upload, delete_file */
        const char *from_status, *to_status;
        const char *comment;
        const char *changes; /* JSON array of {path, label, old, new}, or NULL */
};

enum store_rc store_task_event_add(struct db *db, int64_t task_id, const struct task_event *e);
/* Oldest first. */
enum store_rc store_task_events(struct db *db, struct arena *a, int64_t task_id,
                                struct task_event **out, size_t *n);

/* ---- attachments ------------------------------------------------------------------------ */

struct stored_file {
        int64_t id;
        int64_t task_id;
        const char *kind;    /* self_report, project_report, other */
        const char *project; /* the project's name, for project_report */
        const char *name;
        const char *media_type;
        int64_t size;
        const char *sha256;  /* hex */
        const void *content; /* only from store_file_get */
        int64_t uploaded_by;
        const char *uploader; /* name of who uploaded */
        int64_t uploaded_at;
};

/* A task's files without content, in upload order. */
enum store_rc store_files(struct db *db, struct arena *a, int64_t task_id, struct stored_file **out,
                          size_t *n);
/* One file of a task with its content. */
enum store_rc store_file_get(struct db *db, struct arena *a, int64_t task_id, int64_t id,
                             struct stored_file *out);
enum store_rc store_file_insert(struct db *db, const struct stored_file *f, int64_t *id);
enum store_rc store_file_delete(struct db *db, int64_t task_id, int64_t id);
/* A project of the task was renamed: its project reports follow. */
enum store_rc store_files_rename_project(struct db *db, int64_t task_id, const char *from,
                                         const char *to);

/* ---- health --------------------------------------------------------------------------- */

/* Whether the database answers a read and takes a small write (the time
 * of the probe, in meta('health_probe'), committed): STORE_OK, or
 * STORE_ERROR with db_take_full() telling a full disk. *readable is set
 * when the read succeeded. */
enum store_rc store_health_probe(struct db *db, int64_t now, bool *readable);

#endif
