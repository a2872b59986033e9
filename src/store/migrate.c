/* The database schema, as a list of migrations applied in order. A new
 * version appends a step; steps already released never change. The
 * version lives in meta('schema_version'). */
#include "migrate.h"

#include <stdio.h>

#include <stdlib.h>

static const char *const steps[] = {
    /* 1: units, accounts, sessions, audit, fiscal years, tasks */
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE units ("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE CHECK (length(code) = 6 AND code NOT GLOB '*[^0-9]*'),"
    "  name TEXT NOT NULL CHECK (length(name) > 0),"
    "  disabled INTEGER NOT NULL DEFAULT 0,"
    "  version INTEGER NOT NULL DEFAULT 1,"
    "  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE TABLE users ("
    "  id INTEGER PRIMARY KEY,"
    "  phone TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  unit_id INTEGER REFERENCES units(id),"
    "  role TEXT NOT NULL CHECK (role IN ('preparer', 'reviewer', 'finance', 'admin')),"
    "  password_hash TEXT NOT NULL,"
    "  must_change INTEGER NOT NULL DEFAULT 1,"
    "  disabled INTEGER NOT NULL DEFAULT 0,"
    "  version INTEGER NOT NULL DEFAULT 1,"
    "  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
    "  CHECK ((role IN ('preparer', 'reviewer')) = (unit_id IS NOT NULL)));"
    "CREATE TABLE sessions ("
    "  token_hash BLOB PRIMARY KEY,"
    "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    "  csrf TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL, seen_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,"
    "  ip TEXT NOT NULL);"
    "CREATE INDEX sessions_user ON sessions(user_id);"
    "CREATE TABLE throttle ("
    "  key TEXT PRIMARY KEY,"
    "  failures INTEGER NOT NULL,"
    "  window_start INTEGER NOT NULL,"
    "  locked_until INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE audit ("
    "  id INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  user_id INTEGER,"
    "  actor TEXT NOT NULL,"
    "  ip TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  target TEXT,"
    "  detail TEXT);"
    "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit"
    "  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;"
    "CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit"
    "  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;"
    "CREATE TABLE years ("
    "  year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),"
    "  scheme TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL);"
    "CREATE TABLE tasks ("
    "  id INTEGER PRIMARY KEY,"
    "  unit_id INTEGER NOT NULL REFERENCES units(id),"
    "  year INTEGER NOT NULL REFERENCES years(year),"
    "  status TEXT NOT NULL,"
    "  document TEXT NOT NULL,"
    "  version INTEGER NOT NULL DEFAULT 1,"
    "  total TEXT, grade TEXT, errors INTEGER, warnings INTEGER,"
    "  updated_at INTEGER NOT NULL, updated_by INTEGER REFERENCES users(id),"
    "  UNIQUE (unit_id, year));"
    "CREATE INDEX tasks_year ON tasks(year, status);",

    /* 2: declared goals imported before tasks are issued; the task timeline */
    "CREATE TABLE declarations ("
    "  unit_id INTEGER NOT NULL REFERENCES units(id),"
    "  year INTEGER NOT NULL,"
    "  document TEXT NOT NULL,"
    "  imported_at INTEGER NOT NULL,"
    "  PRIMARY KEY (unit_id, year));"
    "CREATE TABLE task_events ("
    "  id INTEGER PRIMARY KEY,"
    "  task_id INTEGER NOT NULL REFERENCES tasks(id),"
    "  at INTEGER NOT NULL,"
    "  user_id INTEGER REFERENCES users(id),"
    "  action TEXT NOT NULL,"
    "  from_status TEXT, to_status TEXT,"
    "  comment TEXT, changes TEXT);"
    "CREATE INDEX task_events_task ON task_events(task_id, at);",

    /* 3: attachments; every saved version of a task's document; the computed
     * total in hundredths for queries */
    "CREATE TABLE files ("
    "  id INTEGER PRIMARY KEY,"
    "  task_id INTEGER NOT NULL REFERENCES tasks(id),"
    "  kind TEXT NOT NULL CHECK (kind IN ('self_report', 'project_report', 'other')),"
    "  project TEXT,"
    "  name TEXT NOT NULL CHECK (length(name) > 0),"
    "  media_type TEXT NOT NULL,"
    "  size INTEGER NOT NULL,"
    "  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
    "  content BLOB NOT NULL,"
    "  uploaded_by INTEGER REFERENCES users(id),"
    "  uploaded_at INTEGER NOT NULL,"
    "  CHECK ((kind = 'project_report') = (project IS NOT NULL)));"
    "CREATE INDEX files_task ON files(task_id);"
    "CREATE TABLE task_versions ("
    "  task_id INTEGER NOT NULL REFERENCES tasks(id),"
    "  version INTEGER NOT NULL,"
    "  document TEXT NOT NULL,"
    "  saved_by INTEGER REFERENCES users(id),"
    "  saved_at INTEGER NOT NULL,"
    "  PRIMARY KEY (task_id, version));"
    "INSERT INTO task_versions (task_id, version, document, saved_by, saved_at)"
    "  SELECT id, version, document, updated_by, updated_at FROM tasks;"
    "ALTER TABLE tasks ADD COLUMN total_centi INTEGER;"
    "UPDATE tasks SET total_centi = CAST(replace(total, '.', '') AS INTEGER)"
    "  WHERE total GLOB '*[0-9].[0-9][0-9]';"
    "CREATE INDEX tasks_total ON tasks(year, total_centi);",

    /* 4: earlier versions of a task kept as line differences from the next
     * version (delta = 1) or whole (delta = 0), the current one only in
     * tasks; their bytes per task, for the bound (store_tasks.c) */
    "ALTER TABLE task_versions ADD COLUMN delta INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE tasks ADD COLUMN history_bytes INTEGER NOT NULL DEFAULT 0;"
    "DELETE FROM task_versions WHERE EXISTS (SELECT 1 FROM tasks t"
    "  WHERE t.id = task_versions.task_id AND t.version = task_versions.version);"
    "UPDATE tasks SET history_bytes = (SELECT coalesce(sum(length(CAST(v.document AS BLOB))), 0)"
    "  FROM task_versions v WHERE v.task_id = tasks.id);",

    /* 5: a task answering a return (returned), and whether anyone has
     * filled it in since it was issued (entered: 未填报 otherwise); for
     * databases of before, a first-version draft scored 0 counts as not
     * filled in, and a task whose last step was a return as returned */
    "ALTER TABLE tasks ADD COLUMN returned INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE tasks ADD COLUMN entered INTEGER NOT NULL DEFAULT 1;"
    "UPDATE tasks SET entered = 0 WHERE version = 1 AND status = 'draft'"
    "  AND coalesce(total_centi, 0) = 0;"
    "UPDATE tasks SET returned = 1 WHERE status <> 'done' AND (SELECT e.action FROM task_events e"
    "  WHERE e.task_id = tasks.id AND e.from_status <> e.to_status"
    "  ORDER BY e.id DESC LIMIT 1) = 'return';",
};

enum { N_STEPS = sizeof steps / sizeof steps[0] };

int migrate_latest(void)
{
        return N_STEPS;
}

int migrate_version(struct db *db)
{
        struct db_stmt *st = db_prepare(
            db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'");
        if (db_step(st) != DB_ROW)
                return -1;
        bool has_meta = db_col_int(st, 0) > 0;
        db_reset(st);
        if (!has_meta)
                return 0;
        st = db_prepare(db, "SELECT value FROM meta WHERE key = 'schema_version'");
        int v = -1;
        if (db_step(st) == DB_ROW)
                v = atoi(db_col_text(st, 0));
        db_reset(st);
        return v;
}

bool migrate_to(struct db *db, int target, struct diags *errs)
{
        int have = migrate_version(db);
        if (have < 0) {
                diags_add(errs, "database", "数据库", "无法读取数据库结构版本：%s", db_errmsg(db));
                return false;
        }
        if (have > N_STEPS) {
                diags_add(errs, "database", "数据库",
                          "数据库结构版本为 %d，高于本程序支持的版本 %d；请使用更新版本的 jixiao，"
                          "数据库未作任何改动",
                          have, N_STEPS);
                return false;
        }
        if (have >= target)
                return true;
        if (db_begin(db, DB_HERE) != DB_OK) {
                diags_add(errs, "database", "数据库", "无法开始迁移事务：%s", db_errmsg(db));
                return false;
        }
        for (int v = have; v < target; v++) {
                if (db_exec(db, steps[v]) != DB_OK) {
                        diags_add(errs, "database", "数据库",
                                  "升级到结构版本 %d 失败：%s；数据库未作任何改动", v + 1,
                                  db_errmsg(db));
                        db_rollback(db);
                        return false;
                }
        }
        struct db_stmt *st =
            db_prepare(db, "INSERT INTO meta (key, value) VALUES ('schema_version', ?1) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        char v[16];
        snprintf(v, sizeof v, "%d", target);
        db_bind_text(st, 1, v);
        if (db_run(st) != DB_OK || db_commit(db) != DB_OK) {
                diags_add(errs, "database", "数据库", "写入结构版本失败：%s；数据库未作任何改动",
                          db_errmsg(db));
                db_rollback(db);
                return false;
        }
        return true;
}
