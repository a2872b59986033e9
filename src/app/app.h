/* The application layer: every operation of jixiao — units, accounts,
 * fiscal years, issuing tasks, saving a change set, moving a task along
 * the review chain, files, imports, exports, queries — implemented once,
 * for the pages, the JSON API and the command line alike.
 *
 * An operation takes a context (struct app: the database, who acts, what
 * they may see, the time and an arena) and reports its outcome in struct
 * outcome: a status saying what kind of result it is, and on failure a
 * Chinese message naming the field and the rule. It knows nothing of
 * HTTP: the web adapters (src/web) map a status to an HTTP status and the
 * command line (src/cli) to an exit code. Each write is one transaction
 * with its audit entry; a failed operation leaves nothing half-written. */
#ifndef JX_APP_H
#define JX_APP_H

#include "../base/arena.h"
#include "../base/diag.h"
#include "../store/store.h"

#include <stdbool.h>
#include <stdint.h>

/* The context of one operation. Everything it allocates lives in arena,
 * which outlives the call (a request's arena, or the command's). */
struct app {
        struct db *db;
        struct arena *arena;
        int64_t now;              /* seconds since the epoch, fixed for the operation */
        const struct user *actor; /* who acts; NULL for the system (a command run locally) */
        const char *system_actor; /* with actor NULL: the audit log's name for it ("jixiao demo"),
                                     or what an anonymous caller claimed to be (a phone) */
        const char *ip;           /* the client's address, or "local" */
        struct scope scope;       /* the units the actor may see */
        int64_t session_max;      /* seconds a new session lives at most */
};

/* A context for the command line: the system acting with every right
 * (scope: all units), its own arena, the time now. Free with
 * app_local_end(). */
void app_local_begin(struct app *a, struct db *db, const char *name);
void app_local_end(struct app *a);

/* What kind of result an operation had. */
enum app_status {
        APP_OK,
        APP_CREATED,       /* done, and something new exists (out->id) */
        APP_INVALID,       /* the input breaks a rule (out->field, out->error) */
        APP_UNAUTHORIZED,  /* wrong phone or password */
        APP_FORBIDDEN,     /* the actor may not do this, or not now */
        APP_NOT_FOUND,     /* no such thing in the actor's scope */
        APP_CONFLICT,      /* someone changed it since it was read, or it exists already */
        APP_TOO_LARGE,     /* a file or body above its limit */
        APP_BLOCKED,       /* a rule of the review chain holds it (errors, files, department) */
        APP_THROTTLED,     /* too many failed sign-ins */
        APP_FAILED,        /* jixiao itself failed (unreadable stored data, hashing) */
        APP_UNAVAILABLE,   /* the database failed; nothing was changed */
};

struct outcome {
        enum app_status status;
        const char *error;  /* Chinese message naming the field and the rule; NULL on success */
        const char *field;  /* the input concerned, or NULL */
        int64_t id;         /* the created or changed row (a new version for a task) */
        const char *secret; /* a one-time password or session token to hand over once */
        size_t count;       /* e.g. tasks issued */
};

/* The message of a failure of the database. */
extern const char app_busy[];

/* True when status is a success. */
static inline bool app_ok(enum app_status s)
{
        return s == APP_OK || s == APP_CREATED;
}

/* Set out to a failure and return false. */
bool app_fail(struct outcome *out, enum app_status status, const char *field, const char *error);
/* Roll the open transaction back and fail. */
bool app_abort(struct app *a, struct outcome *out, enum app_status status, const char *field,
               const char *error);
/* Commit the operation's transaction; success with status, or
 * APP_UNAVAILABLE when the commit fails. */
bool app_commit(struct app *a, struct outcome *out, enum app_status status);
/* Read the version an update was based on ("3"); false with out set when
 * it is missing or not a positive integer. */
bool app_version(const char *s, int64_t *v, struct outcome *out);

/* printf into the operation's arena. */
const char *app_printf(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* An entry in the audit log for what the actor did. Returns the store's
 * outcome, so a caller inside a transaction can roll back on failure. */
enum store_rc app_audit(struct app *a, const char *action, const char *target, const char *detail);

/* "2026-11-22 18:05": a Unix time in China Standard Time, in arena. */
const char *app_time_text(struct arena *arena, int64_t t);

/* The actor's id for rows that record who acted (0 for the system). */
int64_t app_actor_id(const struct app *a);

#endif
