/* Files out of jixiao: one task's report or tables (PDF, Word, Excel),
 * the reports of the tasks a query finds in one ZIP, the query list as a
 * workbook and the year's summary workbook. Each is made in memory and
 * handed over with its media type and file name; the pages, the API and
 * the command line only deliver it. */
#ifndef JX_APP_EXPORTS_H
#define JX_APP_EXPORTS_H

#include "query.h"

#include "../base/buf.h"

enum {
        EXPORT_MAX_ROWS = 10000,  /* rows of a list or summary workbook */
        EXPORT_MAX_REPORTS = 200, /* reports in one ZIP */
};

/* A file made for download. data is the caller's to buf_free(). */
struct download {
        struct buf data;
        const char *media_type;
        const char *name; /* the file name shown to the user */
};

/* The report or tables of task id in format (docx, pdf, xlsx). */
bool export_task(struct app *a, int64_t id, const char *format, struct download *d,
                 struct outcome *out);
/* The reports (or workbooks) of the tasks the criteria find, at most
 * EXPORT_MAX_REPORTS, in one ZIP. */
bool export_task_reports(struct app *a, const struct query_input *in, const char *format,
                         struct download *d, struct outcome *out);
/* The list of the tasks the criteria find (at most EXPORT_MAX_ROWS). */
bool export_task_list(struct app *a, const struct query_input *in, struct download *d,
                      struct outcome *out);
/* The year's summary workbook of the tasks in the actor's scope. */
bool export_year_summary(struct app *a, const char *year, struct download *d,
                         struct outcome *out);

/* The file name of a task's export: its unit, year and what it holds. */
const char *export_task_name(struct app *a, const struct task *t, const char *format);

#endif
