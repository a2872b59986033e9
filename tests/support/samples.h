/* Small files of every type attachments accept (and some they refuse),
 * built in memory for the upload tests: PDF, PNG, JPEG, OLE2 (.doc,
 * .xls) and ZIP archives such as DOCX and XLSX made with libzip. */
#ifndef JX_TEST_SAMPLES_H
#define JX_TEST_SAMPLES_H

#include "../../src/base/buf.h"

#include <stdbool.h>
#include <stdint.h>

/* Replace b's contents with a sample. */
void sample_pdf(struct buf *b);
void sample_png(struct buf *b);
void sample_jpeg(struct buf *b);
void sample_ole2(struct buf *b); /* the container of .doc and .xls */

/* An entry of a compound file (OLE2) built by sample_cfb. */
struct cfb_entry {
        const char *name; /* ASCII */
        int type;         /* 1 storage, 2 stream */
        const void *data; /* a stream's content (NULL: empty) */
        size_t len;
};
/* A compound file (version 3, 512-byte sectors) holding the root storage
 * and entries[0..n) (streams stored in regular sectors, padded to 4,096
 * bytes when mini is false; in the mini stream when mini is true and
 * they are shorter). */
void sample_cfb(struct buf *b, const struct cfb_entry *entries, size_t n, bool mini);
/* A BIFF8 workbook stream whose first sheet has sheet type kind (0: a
 * worksheet, 1: an Excel 4.0 macro sheet). */
void sample_biff_workbook(struct buf *b, int kind);
/* A ZIP archive of the NULL-terminated entry names with the contents
 * texts[i] (NULL: a line of XML). */
void sample_zip_texts(struct buf *b, const char *const *entries, const char *const *texts);
/* A ZIP archive holding the NULL-terminated entry names, each with a
 * line of XML. */
void sample_zip(struct buf *b, const char *const *entries);
void sample_docx(struct buf *b);
void sample_xlsx(struct buf *b);

#endif
