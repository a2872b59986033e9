/* Sample files for the upload tests (see samples.h). */
#include "samples.h"
#include "testutil.h"

#include <zip.h>

void sample_pdf(struct buf *b)
{
        buf_reset(b);
        buf_puts(b, "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                    "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                    "trailer << /Root 1 0 R >>\n%%EOF\n");
}

void sample_png(struct buf *b)
{
        /* a 1×1 pixel PNG */
        static const unsigned char png[] = {
            0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
            0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
            0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78,
            0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00,
            0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
        buf_reset(b);
        buf_append(b, png, sizeof png);
}

void sample_jpeg(struct buf *b)
{
        static const unsigned char jpeg[] = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J',  'F',
                                             'I',  'F',  0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
                                             0x00, 0x01, 0x00, 0x00, 0xff, 0xd9};
        buf_reset(b);
        buf_append(b, jpeg, sizeof jpeg);
}

void sample_ole2(struct buf *b)
{
        static const unsigned char magic[] = {0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1};
        buf_reset(b);
        buf_append(b, magic, sizeof magic);
        for (size_t i = sizeof magic; i < 1536; i++)
                buf_putc(b, (char)(i * 7)); /* header sector and two more */
}

void sample_zip(struct buf *b, const char *const *entries)
{
        static const char xml[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><x/>\n";
        zip_error_t ze;
        zip_error_init(&ze);
        zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
        assert_non_null(src);
        zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
        assert_non_null(z);
        zip_source_keep(src);
        for (size_t i = 0; entries[i]; i++) {
                zip_source_t *s = zip_source_buffer(z, xml, sizeof xml - 1, 0);
                assert_non_null(s);
                assert_true(zip_file_add(z, entries[i], s, ZIP_FL_ENC_UTF_8) >= 0);
        }
        assert_int_equal(zip_close(z), 0);
        zip_stat_t st;
        assert_int_equal(zip_source_open(src), 0);
        assert_int_equal(zip_source_stat(src, &st), 0);
        buf_reset(b);
        buf_reserve(b, st.size);
        assert_int_equal(zip_source_read(src, b->data, st.size), (zip_int64_t)st.size);
        b->len = st.size;
        b->data[b->len] = '\0';
        zip_source_close(src);
        zip_source_free(src);
        zip_error_fini(&ze);
}

void sample_docx(struct buf *b)
{
        const char *const entries[] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                                       NULL};
        sample_zip(b, entries);
}

void sample_xlsx(struct buf *b)
{
        const char *const entries[] = {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                                       "xl/worksheets/sheet1.xml", NULL};
        sample_zip(b, entries);
}
