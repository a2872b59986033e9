/* Sheet layout shared by the writer and the importer (see sheet_int.h):
 * the frame of a grid on its sheet, sheet names, cell references, and
 * the list of sheets of the tables workbook. */
#include "sheet_int.h"

#include "../doc/doc_edit.h"
#include "../doc/doc_io.h"
#include "../tables/tables.h"

#include <stdio.h>
#include <string.h>

const char sheet_legend[] =
    "填报说明：浅黄色单元格为填报项，可在此修改后上传导入；浅蓝色单元格由系统按规则计算，导入时不读取；"
    "其余为表头和标签，请勿修改，也不要插入或删除行列。";

static bool has_input(const struct grid *g)
{
        for (size_t i = 0; i < g->rows * g->cols; i++)
                if (g->cells[i].flags & CF_INPUT)
                        return true;
        return false;
}

void sheet_frame(const struct grid *g, struct sheet_frame *f)
{
        size_t r = 0;
        f->title = g->title ? r++ : SHEET_NONE;
        f->subtitle = g->subtitle ? r++ : SHEET_NONE;
        f->caption = g->caption ? r++ : SHEET_NONE;
        f->top = r;
        r += g->rows;
        f->legend = has_input(g) ? r + 1 : SHEET_NONE; /* after one blank row */
        f->rows = f->legend == SHEET_NONE ? r : f->legend + 1;
}

char *sheet_ref(size_t row, size_t col, char out[16])
{
        char letters[8];
        size_t n = 0;
        for (size_t c = col + 1; c > 0 && n < sizeof letters; c = (c - 1) / 26)
                letters[n++] = (char)('A' + (c - 1) % 26);
        size_t k = 0;
        while (n > 0)
                out[k++] = letters[--n];
        snprintf(out + k, 16 - k, "%zu", row + 1);
        return out;
}

/* ---- sheet names ----------------------------------------------------------------------------- */

enum { NAME_MAX_UNITS = 31 };

/* Length in bytes of the UTF-8 sequence starting with byte b (1 for a
 * stray continuation byte, which the document parser never lets in). */
static size_t seq_len(unsigned char b)
{
        return b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
}

/* Lower-case ASCII comparison of two UTF-8 names (Excel ignores case). */
static bool same_name(const char *a, const char *b)
{
        for (; *a && *b; a++, b++) {
                char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
                char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
                if (x != y)
                        return false;
        }
        return *a == *b;
}

/* Copy src into dst (room for 4 × 31 + 1 bytes) keeping at most units
 * UTF-16 units; returns the bytes copied. */
static size_t copy_units(char *dst, const char *src, size_t units)
{
        size_t used = 0, n = 0;
        while (src[n]) {
                size_t l = seq_len((unsigned char)src[n]);
                size_t u = l == 4 ? 2 : 1; /* beyond the BMP: a surrogate pair */
                if (used + u > units)
                        break;
                memcpy(dst + n, src + n, l);
                n += l;
                used += u;
        }
        dst[n] = '\0';
        return n;
}

static size_t units_of(const char *s)
{
        size_t u = 0;
        for (size_t i = 0; s[i]; i += seq_len((unsigned char)s[i]))
                u += seq_len((unsigned char)s[i]) == 4 ? 2 : 1;
        return u;
}

const char *sheet_name_unique(struct arena *a, const char *raw, const char *fallback,
                              const char *const *used, size_t n_used)
{
        /* clean: replace forbidden characters, drop control characters */
        size_t len = raw ? strlen(raw) : 0;
        char *clean = arena_alloc(a, len + 1);
        size_t k = 0;
        for (size_t i = 0; i < len; i++) {
                unsigned char ch = (unsigned char)raw[i];
                if (ch < 0x20)
                        continue;
                clean[k++] = strchr("[]:*?/\\", ch) ? '_' : (char)ch;
        }
        clean[k] = '\0';
        char *s = clean;
        while (*s == '\'' || *s == ' ')
                s++;
        char base[4 * NAME_MAX_UNITS + 1];
        size_t n = copy_units(base, s, NAME_MAX_UNITS);
        while (n > 0 && (base[n - 1] == '\'' || base[n - 1] == ' '))
                base[--n] = '\0';
        if (n == 0)
                copy_units(base, fallback, NAME_MAX_UNITS);
        char name[4 * NAME_MAX_UNITS + 32];
        snprintf(name, sizeof name, "%s", base);
        for (unsigned i = 2;; i++) {
                bool clash = same_name(name, "History");
                for (size_t j = 0; j < n_used && !clash; j++)
                        clash = same_name(name, used[j]);
                if (!clash)
                        return arena_strdup(a, name);
                char suffix[24];
                snprintf(suffix, sizeof suffix, "（%u）", i);
                size_t room = NAME_MAX_UNITS - units_of(suffix);
                size_t m = copy_units(name, base, room);
                snprintf(name + m, sizeof name - m, "%s", suffix);
        }
}

/* ---- what a cell holds -------------------------------------------------------------------- */

bool sheet_escape_like(const char *s)
{
        if (s[0] != '_' || s[1] != 'x')
                return false;
        for (int i = 2; i < 6; i++)
                if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
                      (s[i] >= 'A' && s[i] <= 'F')))
                        return false;
        return s[6] == '_';
}

static const char cut_note[] = "……（超出单元格字数上限，已截断）";

/* UTF-16 units of s[0..n) once written, and the byte length of its prefix
 * that keeps at most limit units (*fit). */
static size_t cell_units(const char *s, size_t n, size_t limit, size_t *fit)
{
        size_t units = 0;
        *fit = 0;
        for (size_t i = 0; i < n;) {
                size_t l = seq_len((unsigned char)s[i]);
                size_t u = (l == 4 ? 2 : 1) + (sheet_escape_like(s + i) ? 6 : 0);
                if (i + l > n)
                        l = n - i;
                units += u;
                i += l;
                if (units <= limit)
                        *fit = i;
        }
        return units;
}

const char *sheet_cell_text(const char *s, struct buf *tmp)
{
        size_t fit, n = strlen(s);
        if (cell_units(s, n, SHEET_CELL_MAX, &fit) <= SHEET_CELL_MAX)
                return s;
        cell_units(s, n, SHEET_CELL_MAX - units_of(cut_note), &fit);
        buf_reset(tmp);
        buf_append(tmp, s, fit);
        buf_puts(tmp, cut_note);
        return buf_str(tmp);
}

/* ---- the tables workbook --------------------------------------------------------------------- */

struct doc *sheet_template(const struct doc *d)
{
        struct doc *t = doc_clone(d);
        struct special_funds *sf = &t->basic.project_spending.special;
        struct buf path = BUF_INIT;
        struct diags errs = DIAGS_INIT;
        doc_path_of(t, &sf->funds, sizeof sf->funds, &path, NULL);
        for (int i = 0; i < SHEET_SPARE_ROWS; i++)
                doc_array_append(t, buf_str(&path), &errs);
        diags_free(&errs);
        buf_free(&path);
        return t;
}

static bool money_blank(const struct money3 *m)
{
        return !dec_is_set(m->prior_final) && !dec_is_set(m->budget) && !dec_is_set(m->final);
}

void sheet_drop_blank_spares(struct doc *t, const struct doc *d)
{
        struct special_funds *sf = &t->basic.project_spending.special;
        size_t kept = d->basic.project_spending.special.n_funds;
        for (size_t i = kept; i < sf->n_funds; i++) {
                const struct special_fund *f = &sf->funds[i];
                if ((!f->name || !*f->name) && money_blank(&f->amounts))
                        continue;
                sf->funds[kept++] = *f;
        }
        sf->n_funds = kept;
}

size_t sheet_tables_plan(struct arena *a, const struct doc *d, const struct evaluation *e,
                         struct sheet_plan **out)
{
        size_t n = 2 + d->n_projects;
        struct sheet_plan *p = arena_alloc(a, n * sizeof *p);
        const char **used = arena_alloc(a, n * sizeof *used);
        p[0] = (struct sheet_plan){"基础数据表", table_basic(a, d, e, TABLE_PRINT | TABLE_ALWAYS)};
        p[1] = (struct sheet_plan){"自评表", table_self_eval(a, d, e, TABLE_PRINT)};
        used[0] = p[0].name;
        used[1] = p[1].name;
        for (size_t i = 0; i < d->n_projects; i++) {
                char fallback[32];
                snprintf(fallback, sizeof fallback, "项目%zu", i + 1);
                const char *name = sheet_name_unique(a, d->projects[i].name, fallback, used, 2 + i);
                p[2 + i] = (struct sheet_plan){name, table_project(a, d, e, i, TABLE_PRINT)};
                used[2 + i] = name;
        }
        *out = p;
        return n;
}
