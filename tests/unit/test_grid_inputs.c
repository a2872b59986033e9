/* Every input of every edit page, generated from what the pages draw from
 * the grids (issue 10's acceptance): on each page of a task — 基础数据表
 * (with the 评价基础数据 of seed 001), 自评表 and every 项目支出表 — every
 * add button is pressed once; then every input the page renders gets a
 * value of its kind posted into it alone, and the value is stored at the
 * path the input names (read back from the stored document) or refused
 * with a message at that input. No input is silently replaced: what is
 * stored is what was typed. Then the read-only page, "jixiao show" and
 * the task's workbook show the stored value of every entered cell of the
 * tables (their print grids). */
#include "../support/http.h"
#include "../support/sheet_support.h"

#include "../../src/base/utf8.h"
#include "../../src/doc/doc_edit.h"
#include "../../src/http/html.h"
#include "../../src/doc/doc_schema.h"
#include "../../src/sheet/sheet_int.h"
#include "../../src/sheet/xlsx_read.h"
#include "../../src/store/db.h"
#include "../../src/tables/tables.h"

#include <jansson.h>
#include <unistd.h>

#define PASSWORD "Jixiao-Inputs-2026!"

static char db_path[256];
static struct server srv;

static int setup(void **state)
{
        (void)state;
        demo_db(db_path);
        server_start(&srv, db_path);
        return 0;
}

static int teardown(void **state)
{
        (void)state;
        server_stop(&srv);
        return 0;
}

/* ---- the page as the browser gets it ---------------------------------------------- */

/* The value of attribute name in the tag starting at tag, unescaped (&quot;
 * &amp; &lt; &gt; only: what the pages write), into out. */
static bool attr(const char *tag, const char *name, char *out, size_t cap)
{
        char key[32];
        snprintf(key, sizeof key, " %s=\"", name);
        const char *end = strchr(tag, '>');
        const char *p = strstr(tag, key);
        if (!p || (end && p > end))
                return false;
        p += strlen(key);
        size_t n = 0;
        while (*p && *p != '"' && n + 1 < cap) {
                static const char *const ents[][2] = {
                    {"&quot;", "\""}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&#39;", "'"}};
                bool done = false;
                for (size_t i = 0; i < 5 && !done; i++)
                        if (strncmp(p, ents[i][0], strlen(ents[i][0])) == 0) {
                                out[n++] = ents[i][1][0];
                                p += strlen(ents[i][0]);
                                done = true;
                        }
                if (!done)
                        out[n++] = *p++;
        }
        out[n] = '\0';
        return true;
}

enum input_kind { IN_DECIMAL, IN_NUMERIC, IN_MEASURE, IN_TEXT, IN_AREA, IN_SELECT, IN_CHECK };

struct input {
        char path[256];
        enum input_kind kind;
        char option[64]; /* IN_SELECT: the last option's value */
};

/* The inputs named by a document path in page (each once). */
static size_t inputs_of(const char *page, struct input *out, size_t cap)
{
        size_t n = 0;
        static const char *const tags[] = {"<input ", "<textarea ", "<select "};
        for (size_t t = 0; t < 3; t++)
                for (const char *p = strstr(page, tags[t]); p; p = strstr(p + 1, tags[t])) {
                        struct input in = {0};
                        char type[32] = "", cls[64] = "", mode[32] = "";
                        if (!attr(p, "name", in.path, sizeof in.path) || in.path[0] != '$')
                                continue;
                        attr(p, "type", type, sizeof type);
                        if (strcmp(type, "hidden") == 0)
                                continue; /* the checkbox's companion */
                        attr(p, "class", cls, sizeof cls);
                        attr(p, "inputmode", mode, sizeof mode);
                        if (t == 1)
                                in.kind = IN_AREA;
                        else if (t == 2) {
                                in.kind = IN_SELECT;
                                const char *end = strstr(p, "</select>");
                                for (const char *o = strstr(p, "<option "); o && o < end;
                                     o = strstr(o + 1, "<option "))
                                        attr(o, "value", in.option, sizeof in.option);
                        } else if (strcmp(type, "checkbox") == 0)
                                in.kind = IN_CHECK;
                        else if (strcmp(mode, "numeric") == 0)
                                in.kind = IN_NUMERIC;
                        else if (strcmp(mode, "decimal") == 0)
                                in.kind = IN_DECIMAL;
                        else if (strstr(cls, "measure"))
                                in.kind = IN_MEASURE;
                        else
                                in.kind = IN_TEXT;
                        bool seen = false;
                        for (size_t k = 0; k < n && !seen; k++)
                                seen = strcmp(out[k].path, in.path) == 0;
                        if (!seen && n < cap)
                                out[n++] = in;
                }
        return n;
}

/* The add buttons of page: their op values ("add:<array path>"). */
static size_t adds_of(const char *page, char ops[][256], size_t cap)
{
        size_t n = 0;
        for (const char *p = strstr(page, "<button "); p; p = strstr(p + 1, "<button ")) {
                char op[256];
                if (attr(p, "value", op, sizeof op) && strncmp(op, "add:", 4) == 0 && n < cap)
                        snprintf(ops[n++], 256, "%s", op);
        }
        return n;
}

/* ---- posting ---------------------------------------------------------------------- */

static void url_escape(struct buf *b, const char *s)
{
        for (const unsigned char *p = (const unsigned char *)s; *p; p++)
                if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || *p == '.' || *p == '_')
                        buf_putc(b, (char)*p);
                else
                        buf_printf(b, "%%%02X", *p);
}

static int64_t version_of(struct client *c, int64_t task)
{
        struct response r = http_getf(c, "/api/tasks/%lld", (long long)task);
        json_t *j = json_loads(r.body.data, 0, NULL);
        int64_t v = json_integer_value(json_object_get(json_object_get(j, "task"), "version"));
        json_decref(j);
        response_free(&r);
        return v;
}

/* POST url with name=value (either may be NULL) under the task's version. */
static struct response post(struct client *c, const char *url, int64_t task, const char *name,
                            const char *value)
{
        struct buf body = BUF_INIT;
        buf_printf(&body, "csrf=%s&version=%lld", c->csrf, (long long)version_of(c, task));
        if (name) {
                buf_putc(&body, '&');
                url_escape(&body, name);
                buf_putc(&body, '=');
                url_escape(&body, value);
        }
        struct response r =
            http(c, "POST", url, "application/x-www-form-urlencoded", body.data, false);
        buf_free(&body);
        return r;
}

/* The stored document of the task. */
static struct doc *stored(struct client *c, int64_t task)
{
        struct response r = http_getf(c, "/api/tasks/%lld/document", (long long)task);
        struct diags errs = DIAGS_INIT;
        struct doc *d = doc_parse(r.body.data, r.body.len, &errs);
        assert_non_null(d);
        diags_free(&errs);
        response_free(&r);
        return d;
}

/* A value of the input's kind, distinct per input (n). */
static void sample(const struct input *in, unsigned n, char *out, size_t cap)
{
        bool target = strlen(in->path) > 7 && strcmp(in->path + strlen(in->path) - 7, ".target") == 0;
        switch (in->kind) {
        case IN_DECIMAL:
                snprintf(out, cap, "%u.25", 10 + n % 80);
                break;
        case IN_NUMERIC:
                snprintf(out, cap, "%u", 3 + n % 90);
                break;
        case IN_MEASURE:
                snprintf(out, cap, target ? "≥%u.5" : "%u.5", 20 + n % 70);
                break;
        case IN_SELECT:
                snprintf(out, cap, "%s", in->option);
                break;
        case IN_CHECK:
                snprintf(out, cap, "1");
                break;
        default:
                snprintf(out, cap, "值%u", n);
        }
}

/* The value stored at path, as typed on the page (measures and targets as
 * the editor shows them: comparator, number, own unit). */
static const char *stored_text(const struct doc *d, const char *path, struct arena *a)
{
        struct doc_loc loc;
        assert_true(doc_locate(d, path, &loc, NULL));
        if (loc.field->type != FT_OBJ)
                return doc_value_text(loc.field, loc.ptr, a);
        const struct field *op = schema_field(loc.schema, "op");
        int cmp = op ? *(const int *)field_cptr(op, loc.ptr) : 0;
        const dec_t *v = field_cptr(schema_field(loc.schema, "value"), loc.ptr);
        const char *const *t = field_cptr(schema_field(loc.schema, "text"), loc.ptr);
        char b[DEC_BUFSZ];
        if (*t)
                return *t;
        return arena_printf(a, "%s%s", cmp ? enum_label(&enum_cmp_op, cmp) : "",
                            dec_fmt(*v, -1, b));
}

/* What a posted value is stored as: selects by their name, check boxes as 是. */
static const char *stored_form(const struct input *in, const char *value, struct arena *a)
{
        (void)a;
        if (in->kind == IN_CHECK)
                return "是";
        return value;
}

/* Every input of the page at url: press every add button once, then post
 * into each input alone. Returns the number of inputs. */
static size_t every_input(struct client *c, int64_t task, const char *url, struct arena *a)
{
        struct response r = http(c, "GET", url, NULL, NULL, false);
        assert_int_equal(r.status, 200);
        static char ops[64][256];
        size_t n_ops = adds_of(r.body.data, ops, 64);
        response_free(&r);
        for (size_t i = 0; i < n_ops; i++) {
                r = post(c, url, task, "op", ops[i]);
                if (r.status != 303)
                        fprintf(stderr, "%s %s: %d\n", url, ops[i], r.status);
                assert_int_equal(r.status, 303);
                response_free(&r);
        }
        r = http(c, "GET", url, NULL, NULL, false);
        assert_int_equal(r.status, 200);
        static struct input inputs[1200];
        size_t n = inputs_of(r.body.data, inputs, 1200);
        response_free(&r);
        assert_true(n > 0);
        for (size_t i = 0; i < n; i++) {
                const struct input *in = &inputs[i];
                char value[128];
                sample(in, (unsigned)i, value, sizeof value);
                r = post(c, url, task, in->path, value);
                if (r.status == 303) {
                        struct doc *d = stored(c, task);
                        const char *got = stored_text(d, in->path, a);
                        const char *want = stored_form(in, value, a);
                        if (in->kind == IN_SELECT) { /* an enumeration stores its name */
                                struct doc_loc loc;
                                assert_true(doc_locate(d, in->path, &loc, NULL));
                                got = enum_name(loc.field->en, *(const int *)loc.ptr);
                        }
                        if (strcmp(got, want) != 0)
                                fprintf(stderr, "%s %s: posted \"%s\", stored \"%s\"\n", url,
                                        in->path, value, got);
                        assert_string_equal(got, want);
                        doc_free(d);
                } else {
                        /* refused: the rule at the field, the input as typed */
                        assert_int_equal(r.status, 400);
                        char marked[400];
                        snprintf(marked, sizeof marked, "name=\"%s\"", in->path);
                        const char *at = strstr(r.body.data, marked);
                        assert_non_null(at);
                        assert_non_null(strstr(at, "field-error"));
                }
                response_free(&r);
        }
        return n;
}

/* ---- what the renderers show ----------------------------------------------------- */

/* Every entered cell of the print grids of the stored document shows its
 * value on the read-only page, in "jixiao show" and in the workbook. */
static size_t shown_everywhere(struct client *c, int64_t task)
{
        struct arena *a = arena_new();
        struct doc *d = stored(c, task);
        const struct scheme *s = scheme_builtin(d->scheme);
        struct evaluation *e = engine_evaluate_with(d, s, ENGINE_RECORD_CELLS);
        struct response page = http_getf(c, "/tasks/%lld", (long long)task);
        assert_int_equal(page.status, 200);
        /* the terminal: the document shown wide enough that no value wraps */
        char file[] = "/tmp/jixiao-shown-XXXXXX";
        int fd = mkstemp(file);
        struct buf json = BUF_INIT;
        doc_write(d, &json);
        assert_int_equal(write(fd, json.data, json.len), (ssize_t)json.len);
        close(fd);
        struct run term = run_jixiao(NULL, "show", "--width", "1000", file, NULL);
        assert_int_equal(term.status, 0);
        /* the workbook as the task page links it */
        struct response book = http_getf(c, "/tasks/%lld/export.xlsx", (long long)task);
        assert_int_equal(book.status, 200);
        struct diags errs = DIAGS_INIT;
        enum xlsx_status st;
        struct xlsx_book *wb = xlsx_read(book.body.data, book.body.len, NULL, &st, &errs);
        assert_non_null(wb);
        struct sheet_plan *plan;
        struct doc *tpl = sheet_template(d); /* the workbook's rows, spare ones included */
        size_t n_sheets = sheet_tables_plan(a, tpl, e, &plan), checked = 0;
        for (size_t k = 0; k < n_sheets; k++) {
                const struct grid *g = plan[k].grid;
                struct sheet_frame fr;
                sheet_frame(g, &fr);
                const struct xlsx_sheet *sheet = xlsx_sheet(wb, plan[k].name);
                assert_non_null(sheet);
                for (size_t r = 0; r < g->rows; r++)
                        for (size_t col = 0; col < g->cols; col++) {
                                const struct grid_cell *cell = grid_at(g, r, col);
                                if (!(cell->flags & CF_INPUT) || !cell->rowspan ||
                                    cell->kind == CELL_EMPTY)
                                        continue;
                                const char *text = grid_cell_shown(a, cell);
                                struct buf esc = BUF_INIT;
                                html_escape(&esc, text, strlen(text));
                                if (!strstr(page.body.data, buf_str(&esc)))
                                        fprintf(stderr, "page lacks %s (%s)\n", text, cell->path);
                                assert_non_null(strstr(page.body.data, buf_str(&esc)));
                                buf_free(&esc);
                                /* a value wider than a terminal column wraps there */
                                if (utf8_width(text, strlen(text)) <= 24 &&
                                    !strstr(term.out.data, text))
                                        fprintf(stderr, "show lacks %s (%s)\n", text, cell->path);
                                if (utf8_width(text, strlen(text)) <= 24)
                                        assert_non_null(strstr(term.out.data, text));
                                const struct xlsx_cell *x =
                                    xlsx_cell(sheet, (uint32_t)(fr.top + r), (uint32_t)col);
                                assert_non_null(x);
                                if (cell->kind == CELL_NUMBER) {
                                        dec_t v;
                                        assert_int_equal(dec_parse(x->text, strlen(x->text), &v),
                                                         DEC_OK);
                                        if (cell->style == NUM_PERCENT)
                                                v = dec_mul(v, dec_from_int(100), DEC_DIGITS);
                                        assert_true(dec_eq(v, cell->value));
                                } else {
                                        assert_string_equal(x->text, cell->text);
                                }
                                checked++;
                        }
        }
        xlsx_free(wb);
        diags_free(&errs);
        response_free(&book);
        run_free(&term);
        remove(file);
        buf_free(&json);
        response_free(&page);
        engine_free(e);
        doc_free(tpl);
        doc_free(d);
        arena_free(a);
        return checked;
}

/* ---- the tasks -------------------------------------------------------------------- */

static void every_page_of(const char *code, const char *phone)
{
        struct db *db = test_db_open(db_path);
        int64_t task = task_id_of(db, code, 2024);
        db_close(db);
        struct client c;
        client_init(&c, &srv);
        client_login_fresh(&c, phone, PASSWORD);
        struct arena *a = arena_new();
        char url[96];
        size_t inputs = 0;
        snprintf(url, sizeof url, "/tasks/%lld/basic", (long long)task);
        inputs += every_input(&c, task, url, a);
        snprintf(url, sizeof url, "/tasks/%lld/self", (long long)task);
        inputs += every_input(&c, task, url, a);
        struct doc *d = stored(&c, task);
        size_t projects = d->n_projects;
        doc_free(d);
        for (size_t p = 1; p <= projects; p++) {
                snprintf(url, sizeof url, "/tasks/%lld/projects/%zu", (long long)task, p);
                inputs += every_input(&c, task, url, a);
        }
        size_t cells = shown_everywhere(&c, task);
        fprintf(stderr, "%s: %zu inputs posted, %zu entered cells shown\n", code, inputs, cells);
        assert_true(cells > 50);
        arena_free(a);
}

static void test_seed_004_every_input(void **state)
{
        (void)state;
        every_page_of("104001", "15104001001");
}

static void test_seed_001_every_input(void **state)
{
        (void)state;
        every_page_of("101001", "15101001001");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_seed_004_every_input),
            cmocka_unit_test(test_seed_001_every_input),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
