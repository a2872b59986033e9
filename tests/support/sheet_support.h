/* Helpers of the spreadsheet tests (test_tables, test_sheet_*): loading
 * and evaluating an example, LibreOffice conversions with a private
 * profile, PDF text, and reading or editing the parts of an XLSX file. */
#ifndef JX_SHEET_SUPPORT_H
#define JX_SHEET_SUPPORT_H

#include "testutil.h"

#include "../../src/doc/doc_io.h"
#include "../../src/engine/engine.h"
#include "../../src/engine/scheme.h"

/* A document with its scheme and evaluation. */
struct loaded {
        struct doc *doc;
        struct scheme *scheme;
        struct evaluation *eval;
};

/* Load the repository file rel, its scheme, and evaluate (asserts). */
void load_example(const char *rel, struct loaded *l);
void loaded_free(struct loaded *l);

/* The LibreOffice program, or NULL when it is not installed. */
const char *office_bin(void);
/* Convert files[0..n) to format (e.g. "pdf", "xlsx") into outdir with one
 * LibreOffice run on a private profile; returns its exit status. */
int office_convert(const char *format, const char *outdir, const char *const *files, size_t n);
/* Text of a PDF by pdftotext (malloc'd, NULL on failure). */
char *pdf_text(const char *pdf);

/* build/artifacts/<sub> (created), in a static buffer. */
const char *artifacts(const char *sub);
/* A fresh private directory under $TMPDIR or /tmp (malloc'd); rm_rf it. */
char *temp_dir(void);
void rm_rf(const char *dir);
void write_bytes(const char *path, const void *data, size_t len);

/* Contents of entry name of the ZIP archive zip (false if absent). */
bool zip_entry(const struct buf *zip, const char *name, struct buf *out);
/* Replace (or add) entry name of the ZIP archive held in zip. */
void zip_put(struct buf *zip, const char *name, const char *content, size_t len);
/* Remove entry name of the ZIP archive held in zip. */
void zip_remove(struct buf *zip, const char *name);
/* A new archive of n entries (names[i] with contents[i], NUL-terminated). */
void make_zip(struct buf *out, const char *const *names, const char *const *contents, size_t n);
/* Replace the element of cell ref (e.g. "F5") in worksheet part entry by
 * xml (a whole <c …>…</c> element); the cell is added to its row when the
 * sheet has none there and the row exists. Asserts on failure. */
void set_cell_xml(struct buf *xlsx, const char *entry, const char *ref, const char *xml);

/* Where the tables workbook of d (evaluated as e) puts the entered cell
 * of the document path: its worksheet part (entry) and "A1" reference.
 * Asserts that there is one. */
void sheet_cell_of(const struct doc *d, const struct evaluation *e, const char *path,
                   char entry[64], char ref[16]);

#endif
