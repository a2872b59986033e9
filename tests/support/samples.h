/* Small files of every type attachments accept (and some they refuse),
 * built in memory for the upload tests: PDF, PNG, JPEG, OLE2 (.doc,
 * .xls) and ZIP archives such as DOCX and XLSX made with libzip. */
#ifndef JX_TEST_SAMPLES_H
#define JX_TEST_SAMPLES_H

#include "../../src/base/buf.h"

/* Replace b's contents with a sample. */
void sample_pdf(struct buf *b);
void sample_png(struct buf *b);
void sample_jpeg(struct buf *b);
void sample_ole2(struct buf *b); /* the container of .doc and .xls */
/* A ZIP archive holding the NULL-terminated entry names, each with a
 * line of XML. */
void sample_zip(struct buf *b, const char *const *entries);
void sample_docx(struct buf *b);
void sample_xlsx(struct buf *b);

#endif
