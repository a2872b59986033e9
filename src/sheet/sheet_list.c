/* Workbooks of lists (sheet_list_write, sheet_summary_write, sheet.h):
 * a sheet with a title, a header row and typed columns — the shape of
 * every query list of the web pages and of the year's summary for the
 * finance bureau, whose figures are turned into exact decimal strings
 * and written by the same list writer. */
#include "sheet.h"
#include "sheet_int.h"
#include "xlsx_write.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

enum { MAX_WIDTH = 60, MIN_WIDTH = 6 }; /* column widths in half-width characters */

static bool cell_blank(const char *s)
{
        return !s || !s[0];
}

static int kind_places(enum sheet_col_kind k)
{
        return k == SHEET_COL_INT ? 0 : 2;
}

static enum number_style kind_style(enum sheet_col_kind k)
{
        switch (k) {
        case SHEET_COL_INT:
                return NUM_COUNT;
        case SHEET_COL_MONEY:
                return NUM_MONEY;
        case SHEET_COL_PERCENT:
                return NUM_PERCENT;
        case SHEET_COL_SCORE:
                return NUM_SCORE;
        default:
                return NUM_PLAIN;
        }
}

/* Parse "YYYY-MM-DD", optionally followed by " HH:MM[:SS]" or "THH:MM[:SS]". */
static bool parse_date(const char *s, lxw_datetime *dt, bool *time)
{
        int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
        *time = false;
        if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
                return false;
        if (s[n] == ' ' || s[n] == 'T') {
                int m2 = 0;
                const char *t = s + n + 1;
                if (sscanf(t, "%2d:%2d%n", &h, &mi, &m2) != 2 || m2 != 5)
                        return false;
                if (t[5] == ':') {
                        int m3 = 0;
                        if (sscanf(t + 6, "%2d%n", &sec, &m3) != 1 || m3 != 2 || t[8])
                                return false;
                } else if (t[5]) {
                        return false;
                }
                *time = true;
        } else if (s[n]) {
                return false;
        }
        if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
            sec > 59)
                return false;
        *dt = (lxw_datetime){y, mo, d, h, mi, (double)sec};
        return true;
}

static void write_value(struct xw *w, lxw_worksheet *ws, size_t row, size_t col,
                        const struct sheet_column *c, const char *v, unsigned flags)
{
        lxw_format *text_fmt = xw_format(w, flags, NUM_PLAIN, 0, NULL, NULL);
        if (cell_blank(v)) {
                worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, text_fmt);
                return;
        }
        if (c->kind == SHEET_COL_TEXT) {
                xw_string(ws, row, col, v, text_fmt);
                return;
        }
        if (c->kind == SHEET_COL_DATE) {
                lxw_datetime dt;
                bool time;
                if (parse_date(v, &dt, &time))
                        worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col, &dt,
                                                 xw_date_format(w, time));
                else
                        xw_string(ws, row, col, v, text_fmt);
                return;
        }
        dec_t d;
        if (dec_parse(v, strlen(v), &d) != DEC_OK ||
            (c->kind == SHEET_COL_INT && dec_places(d) > 0)) {
                xw_string(ws, row, col, v, text_fmt);
                return;
        }
        xw_number(ws, row, col, d, c->kind == SHEET_COL_PERCENT,
                  xw_format(w, flags, kind_style(c->kind), kind_places(c->kind), NULL, NULL));
}

/* Draw list l on a new sheet of w; bold_last: the last row is a total. */
static bool list_sheet(struct xw *w, const char *name, const struct sheet_list *l, bool bold_last,
                       struct diags *errs)
{
        lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
        if (!ws) {
                diags_add(errs, name, NULL, "无法创建工作表");
                return false;
        }
        size_t ncols = l->n_cols ? l->n_cols : 1;
        lxw_col_t last = (lxw_col_t)(ncols - 1);
        size_t row = 0;
        const char *lines[2] = {l->title, l->subtitle};
        for (int i = 0; i < 2; i++) {
                if (cell_blank(lines[i]))
                        continue;
                lxw_format *f = xw_title_format(w, i == 0 ? 0 : 2);
                if (last > 0)
                        worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row, last, "", f);
                xw_string(ws, row, 0, lines[i], f);
                worksheet_set_row(ws, (lxw_row_t)row, i == 0 ? 28 : 18, NULL);
                row++;
        }
        size_t header = row;
        size_t total_width = 0;
        for (size_t c = 0; c < l->n_cols; c++) {
                const struct sheet_column *col = &l->cols[c];
                size_t width = col->width * 2;
                if (!col->width) {
                        width = xw_text_width(col->title ? col->title : "");
                        for (size_t r = 0; r < l->n_rows; r++) {
                                const char *v = l->cells[r * l->n_cols + c];
                                size_t vw = cell_blank(v) ? 0 : xw_text_width(v);
                                if (vw > width)
                                        width = vw;
                        }
                        width += 2;
                }
                if (width > MAX_WIDTH)
                        width = MAX_WIDTH;
                if (width < MIN_WIDTH)
                        width = MIN_WIDTH;
                total_width += width;
                worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, (double)width, NULL);
                xw_string(ws, header, c, col->title ? col->title : "",
                          xw_format(w, CF_HEADER, NUM_PLAIN, 0, NULL, NULL));
        }
        for (size_t r = 0; r < l->n_rows; r++) {
                unsigned flags = bold_last && r + 1 == l->n_rows ? CF_BOLD : 0;
                for (size_t c = 0; c < l->n_cols; c++)
                        write_value(w, ws, header + 1 + r, c, &l->cols[c],
                                    l->cells[r * l->n_cols + c],
                                    l->cols[c].kind == SHEET_COL_TEXT ? flags | CF_WRAP : flags);
        }
        worksheet_freeze_panes(ws, (lxw_row_t)(header + 1), 0);
        if (l->n_rows && l->n_cols)
                worksheet_autofilter(ws, (lxw_row_t)header, 0,
                                     (lxw_row_t)(header + l->n_rows - (bold_last ? 1 : 0)), last);
        xw_print_setup(ws, header + 1, total_width > 100);
        return true;
}

bool sheet_list_write(const struct sheet_list *l, struct buf *out, struct diags *errs)
{
        struct arena *a = arena_new();
        const char *name = sheet_name_unique(a, l->title, "列表", NULL, 0);
        struct xw w;
        bool ok = xw_open(&w, errs);
        if (ok) {
                ok = list_sheet(&w, name, l, false, errs);
                ok = xw_close(&w, ok ? out : NULL, errs) && ok;
        }
        arena_free(a);
        return ok;
}

/* ---- the year's summary ---------------------------------------------------------------------- */

static const struct sheet_column summary_cols[] = {
    {"序号", SHEET_COL_INT, 3},           {"单位编码", SHEET_COL_TEXT, 5},
    {"单位名称", SHEET_COL_TEXT, 14},     {"主管部门", SHEET_COL_TEXT, 12},
    {"计算总分", SHEET_COL_SCORE, 5},     {"表列总分", SHEET_COL_SCORE, 5},
    {"差额", SHEET_COL_SCORE, 4},         {"评价等级", SHEET_COL_TEXT, 4},
    {"预算执行率", SHEET_COL_PERCENT, 5}, {"错误", SHEET_COL_INT, 3},
    {"警告", SHEET_COL_INT, 3},           {"状态", SHEET_COL_TEXT, 10},
};
enum { SUMMARY_COLS = sizeof summary_cols / sizeof summary_cols[0] };

static const char *dec_a(struct arena *a, dec_t v, int places)
{
        char tmp[DEC_BUFSZ];
        return dec_is_set(v) ? arena_strdup(a, dec_fmt(v, places, tmp)) : NULL;
}

static const char *count_a(struct arena *a, size_t n)
{
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%zu", n);
        return arena_strdup(a, tmp);
}

/* Distinct values of a text column with their counts, in order of first
 * appearance. */
struct tally {
        const char **names;
        size_t *counts;
        size_t n;
};

static void tally_add(struct tally *t, const char *name, size_t count)
{
        for (size_t i = 0; i < t->n; i++)
                if (strcmp(t->names[i], name) == 0) {
                        t->counts[i] += count;
                        return;
                }
        t->names[t->n] = name;
        t->counts[t->n++] = count;
}

/* The statistics sheet: for each scheme of the rows, each of its grade
 * names once with the units at it (none included), then those not filled
 * in, those evaluated, the units by status, and the total. */
static bool stats_sheet(struct xw *w, struct arena *a, const struct sheet_summary_row *rows,
                        size_t n, struct diags *errs)
{
        const struct scheme **schemes = arena_alloc(a, (n + 1) * sizeof *schemes);
        size_t n_schemes = 0, grades = 0, unfilled = 0, evaluated = 0;
        for (size_t i = 0; i < n; i++) {
                unfilled += rows[i].unfilled;
                evaluated += !rows[i].unfilled && dec_is_set(rows[i].total);
                const struct scheme *s = rows[i].scheme;
                bool seen = !s;
                for (size_t k = 0; k < n_schemes && !seen; k++)
                        seen = schemes[k] == s;
                if (!seen) {
                        schemes[n_schemes++] = s;
                        grades += s->n_grades;
                }
        }
        struct tally states = {arena_alloc(a, (n + 1) * sizeof(char *)),
                               arena_alloc(a, (n + 1) * sizeof(size_t)), 0};
        for (size_t i = 0; i < n; i++)
                tally_add(&states, cell_blank(rows[i].status) ? "未注明" : rows[i].status, 1);
        size_t m = grades + states.n + 4;
        const char **cells = arena_alloc(a, m * 3 * sizeof(char *));
        size_t r = 0;
        for (size_t k = 0; k < n_schemes; k++) {
                const struct scheme *s = schemes[k];
                for (size_t g = 0; g < s->n_grades; g++, r++) {
                        size_t count = 0;
                        for (size_t i = 0; i < n; i++)
                                count += rows[i].scheme == s && rows[i].grade &&
                                         strcmp(rows[i].grade, s->grades[g].name) == 0;
                        cells[r * 3] = arena_printf(a, "评价等级（%s）", s->title ? s->title : s->name);
                        cells[r * 3 + 1] = s->grades[g].name;
                        cells[r * 3 + 2] = count_a(a, count);
                }
        }
        const char *totals[][2] = {{"未填报", count_a(a, unfilled)},
                                   {"已评分", count_a(a, evaluated)}};
        for (size_t k = 0; k < 2; k++, r++) {
                cells[r * 3] = "评价等级";
                cells[r * 3 + 1] = totals[k][0];
                cells[r * 3 + 2] = totals[k][1];
        }
        for (size_t i = 0; i < states.n; i++, r++) {
                cells[r * 3] = "状态";
                cells[r * 3 + 1] = states.names[i];
                cells[r * 3 + 2] = count_a(a, states.counts[i]);
        }
        cells[r * 3] = "合计";
        cells[r * 3 + 1] = NULL;
        cells[r * 3 + 2] = count_a(a, n);
        r++;
        static const struct sheet_column cols[] = {{"分类", SHEET_COL_TEXT, 20},
                                                   {"取值", SHEET_COL_TEXT, 22},
                                                   {"单位数", SHEET_COL_INT, 5}};
        struct sheet_list l = {"统计", "各评分方案的评价等级、未填报和状态的单位数", cols, 3, cells, r};
        return list_sheet(w, "统计", &l, true, errs);
}

bool sheet_summary_write(int64_t year, const char *jurisdiction,
                         const struct sheet_summary_row *rows, size_t n, struct buf *out,
                         struct diags *errs)
{
        struct arena *a = arena_new();
        const char **cells = arena_alloc(a, (n + 1) * SUMMARY_COLS * sizeof(char *));
        dec_t sum = DEC_ZERO;
        size_t scored = 0, errors = 0, warnings = 0;
        for (size_t i = 0; i < n; i++) {
                const struct sheet_summary_row *s = &rows[i];
                const char **c = cells + i * SUMMARY_COLS;
                c[0] = count_a(a, i + 1);
                c[1] = s->unit_code;
                c[2] = s->unit_name;
                c[3] = s->supervisor;
                c[4] = dec_a(a, s->total, -1);
                c[5] = dec_a(a, s->stated_total, -1);
                c[6] = dec_is_set(s->total) && dec_is_set(s->stated_total)
                           ? dec_a(a, dec_sub(s->stated_total, s->total), -1)
                           : NULL;
                c[7] = s->unfilled ? "未填报" : s->grade;
                c[8] = dec_a(a, s->exec_rate_pct, -1);
                c[9] = count_a(a, s->errors);
                c[10] = count_a(a, s->warnings);
                c[11] = s->status;
                if (dec_is_set(s->total)) {
                        sum = dec_add(sum, s->total);
                        scored++;
                }
                errors += s->errors;
                warnings += s->warnings;
        }
        const char **f = cells + n * SUMMARY_COLS;
        f[0] = NULL;
        f[1] = NULL;
        f[2] = arena_strdup(a, "平均 / 合计");
        f[3] = NULL;
        f[4] = scored ? dec_a(a, dec_div(sum, dec_from_int((int64_t)scored), 2), 2) : NULL;
        for (size_t c = 5; c < 9; c++)
                f[c] = NULL;
        f[9] = count_a(a, errors);
        f[10] = count_a(a, warnings);
        f[11] = NULL;
        char title[128], subtitle[512];
        snprintf(title, sizeof title, "%" PRId64 "年度部门整体支出绩效自评汇总表", year);
        size_t unfilled = 0;
        for (size_t i = 0; i < n; i++)
                unfilled += rows[i].unfilled;
        snprintf(subtitle, sizeof subtitle,
                 "%s%s共 %zu 个单位，已评分 %zu 个（平均分按已评分的计算），未填报 %zu 个",
                 jurisdiction ? jurisdiction : "", jurisdiction ? "　" : "", n, scored, unfilled);
        struct sheet_list l = {title, subtitle, summary_cols, SUMMARY_COLS, cells, n + 1};
        struct xw w;
        bool ok = xw_open(&w, errs);
        if (ok) {
                ok = list_sheet(&w, "汇总", &l, true, errs) && stats_sheet(&w, a, rows, n, errs);
                ok = xw_close(&w, ok ? out : NULL, errs) && ok;
        }
        arena_free(a);
        return ok;
}
