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
        static const char text[] = "a Word 97-2003 document";
        const struct cfb_entry entries[] = {{"WordDocument", 2, text, sizeof text - 1},
                                            {"SummaryInformation", 2, NULL, 0}};
        sample_cfb(b, entries, 2, false);
}

static void put16(unsigned char *p, unsigned v)
{
        p[0] = (unsigned char)v;
        p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
        put16(p, v & 0xffff);
        put16(p + 2, v >> 16);
}

enum { SECTOR = 512, FREESECT = 0xffffffffu, ENDOFCHAIN = 0xfffffffeu, FATSECT = 0xfffffffdu };

/* A directory entry of 128 bytes at p. */
static void dir_entry(unsigned char *p, const char *name, int type, uint32_t start, size_t size,
                      uint32_t child, uint32_t right)
{
        memset(p, 0, 128);
        size_t n = strlen(name);
        for (size_t i = 0; i < n && i < 31; i++)
                put16(p + 2 * i, (unsigned char)name[i]);
        put16(p + 0x40, (unsigned)(2 * (n + 1)));
        p[0x42] = (unsigned char)type;
        p[0x43] = 1; /* black */
        put32(p + 0x44, FREESECT);
        put32(p + 0x48, right);
        put32(p + 0x4c, child);
        put32(p + 0x74, start);
        put32(p + 0x78, (uint32_t)size);
}

void sample_cfb(struct buf *b, const struct cfb_entry *entries, size_t n, bool mini)
{
        /* sectors: 0 FAT, 1 mini FAT, then the directory, then the data */
        size_t n_dir = (n + 1 + 3) / 4;
        unsigned char *sectors = calloc(128, SECTOR);
        uint32_t *fat = calloc(128, sizeof *fat);
        uint32_t minifat[128];
        for (size_t i = 0; i < 128; i++)
                fat[i] = minifat[i] = FREESECT;
        fat[0] = FATSECT;
        fat[1] = ENDOFCHAIN;
        uint32_t next = 2;
        uint32_t first_dir = next;
        for (size_t i = 0; i < n_dir; i++, next++)
                fat[next] = i + 1 < n_dir ? next + 1 : ENDOFCHAIN;
        struct buf ministream = BUF_INIT;
        uint32_t starts[16], mini_next = 0;
        size_t sizes[16];
        assert_true(n < 16);
        for (size_t e = 0; e < n; e++) {
                size_t len = entries[e].data ? entries[e].len : 0;
                sizes[e] = len;
                starts[e] = ENDOFCHAIN;
                if (!len || entries[e].type != 2)
                        continue;
                if (mini && len < 4096) {
                        starts[e] = mini_next;
                        size_t k = (len + 63) / 64;
                        for (size_t i = 0; i < k; i++, mini_next++)
                                minifat[mini_next] = i + 1 < k ? mini_next + 1 : ENDOFCHAIN;
                        buf_append(&ministream, entries[e].data, len);
                        for (size_t i = len; i < k * 64; i++)
                                buf_putc(&ministream, '\0');
                        continue;
                }
                size_t padded = len < 4096 ? 4096 : len;
                sizes[e] = padded;
                size_t k = (padded + SECTOR - 1) / SECTOR;
                starts[e] = next;
                assert_true(next + k < 120);
                memcpy(sectors + (size_t)next * SECTOR, entries[e].data, len);
                for (size_t i = 0; i < k; i++, next++)
                        fat[next] = i + 1 < k ? next + 1 : ENDOFCHAIN;
        }
        uint32_t root_start = ENDOFCHAIN;
        if (ministream.len) {
                size_t k = (ministream.len + SECTOR - 1) / SECTOR;
                root_start = next;
                memcpy(sectors + (size_t)next * SECTOR, ministream.data, ministream.len);
                for (size_t i = 0; i < k; i++, next++)
                        fat[next] = i + 1 < k ? next + 1 : ENDOFCHAIN;
        }
        for (size_t i = 0; i < 128; i++)
                put32(sectors + 4 * i, fat[i]);
        for (size_t i = 0; i < 128; i++)
                put32(sectors + SECTOR + 4 * i, minifat[i]);
        unsigned char *dir = sectors + (size_t)first_dir * SECTOR;
        dir_entry(dir, "Root Entry", 5, root_start, ministream.len, n ? 1 : FREESECT, FREESECT);
        for (size_t e = 0; e < n; e++)
                dir_entry(dir + 128 * (e + 1), entries[e].name, entries[e].type, starts[e],
                          sizes[e], FREESECT, e + 1 < n ? (uint32_t)(e + 2) : FREESECT);
        unsigned char header[SECTOR];
        memset(header, 0, sizeof header);
        memcpy(header, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
        put16(header + 0x18, 0x3e);
        put16(header + 0x1a, 3);
        put16(header + 0x1c, 0xfffe);
        put16(header + 0x1e, 9);
        put16(header + 0x20, 6);
        put32(header + 0x2c, 1);
        put32(header + 0x30, first_dir);
        put32(header + 0x38, 4096);
        put32(header + 0x3c, mini_next ? 1 : ENDOFCHAIN);
        put32(header + 0x40, mini_next ? 1 : 0);
        put32(header + 0x44, ENDOFCHAIN);
        put32(header + 0x4c, 0);
        for (size_t i = 1; i < 109; i++)
                put32(header + 0x4c + 4 * i, FREESECT);
        buf_reset(b);
        buf_append(b, header, sizeof header);
        buf_append(b, sectors, (size_t)next * SECTOR);
        buf_free(&ministream);
        free(sectors);
        free(fat);
}

void sample_biff_workbook(struct buf *b, int kind)
{
        buf_reset(b);
        unsigned char rec[64];
        put16(rec, 0x0809); /* BOF of the workbook globals */
        put16(rec + 2, 16);
        memset(rec + 4, 0, 16);
        put16(rec + 4, 0x0600);
        put16(rec + 6, 0x0005);
        buf_append(b, rec, 20);
        put16(rec, 0x0085); /* BOUNDSHEET: offset, state, kind, name */
        put16(rec + 2, 6 + 2 + 6);
        put32(rec + 4, 0);
        rec[8] = 0;
        rec[9] = (unsigned char)kind;
        rec[10] = 6;
        rec[11] = 0;
        memcpy(rec + 12, "Sheet1", 6);
        buf_append(b, rec, 18);
        put16(rec, 0x000a); /* EOF */
        put16(rec + 2, 0);
        buf_append(b, rec, 4);
}

void sample_zip(struct buf *b, const char *const *entries)
{
        sample_zip_texts(b, entries, NULL);
}

void sample_zip_texts(struct buf *b, const char *const *entries, const char *const *texts)
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
                const char *text = texts && texts[i] ? texts[i] : xml;
                zip_source_t *s = zip_source_buffer(z, text, strlen(text), 0);
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
