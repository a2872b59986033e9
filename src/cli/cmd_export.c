/* jixiao export: an evaluation's report (DOCX, PDF) or tables (XLSX) as a
 * file, one document or a batch of them. A batch handles one evaluation
 * at a time (load, score, render, write, free), so its memory does not
 * grow with the number of files, and shows its progress on stderr. */
#include "cli.h"

#include "../app/loaded.h"

#include "../doc/doc_io.h"
#include "../engine/engine.h"
#include "../report/export.h"
#include "../report/pdf.h"
#include "../report/report.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- messages ----------------------------------------------------------------- */

/* errno in Chinese for the failures a user can fix. */
static const char *errno_text(int e)
{
        switch (e) {
        case ENOENT:
                return "文件或目录不存在";
        case EACCES:
        case EPERM:
                return "没有访问权限";
        case EISDIR:
                return "这是一个目录";
        case ENOTDIR:
                return "路径中有一项不是目录";
        case EROFS:
                return "文件系统是只读的";
        case ENOSPC:
                return "磁盘空间不足";
        case EDQUOT:
                return "超出磁盘配额";
        case ENAMETOOLONG:
                return "路径过长";
        default:
                return strerror(e);
        }
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
        va_list ap;
        va_start(ap, fmt);
        fputs("jixiao export：", stderr);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
        va_end(ap);
}

/* ---- one evaluation ---------------------------------------------------------------- */

struct job {
        const struct export_format *fmt;
        const struct scheme *scheme; /* --scheme, or NULL: each document's own */
        bool batch;                  /* one line per problem, no notes */
        struct buf out;              /* reused from file to file */
};

/* Write data to path through path.part and rename, so that a failure
 * never leaves a partial file under the real name. */
static bool write_file(const char *path, const struct buf *data)
{
        size_t n = strlen(path);
        char *tmp = malloc(n + 6);
        if (!tmp)
                abort();
        memcpy(tmp, path, n);
        memcpy(tmp + n, ".part", 6);
        int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        bool ok = fd >= 0;
        int err = errno;
        for (size_t done = 0; ok && done < data->len;) {
                ssize_t w = write(fd, data->data + done, data->len - done);
                if (w < 0 && errno == EINTR)
                        continue;
                if (w <= 0) {
                        err = errno;
                        ok = false;
                        break;
                }
                done += (size_t)w;
        }
        if (fd >= 0 && close(fd) != 0 && ok) {
                err = errno;
                ok = false;
        }
        if (ok && rename(tmp, path) != 0) {
                err = errno;
                ok = false;
        }
        if (!ok) {
                if (fd >= 0)
                        unlink(tmp);
                say("无法写入“%s”：%s", path, errno_text(err));
        }
        free(tmp);
        return ok;
}

/* Can a file be created beside path? Checked before the work is done. */
static bool writable_place(const char *path)
{
        char *dir = strdup(path);
        if (!dir)
                abort();
        char *slash = strrchr(dir, '/');
        const char *d = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
        struct stat st;
        int err = 0;
        if (stat(d, &st) != 0)
                err = errno;
        else if (!S_ISDIR(st.st_mode))
                err = ENOTDIR;
        else if (access(d, W_OK | X_OK) != 0)
                err = errno;
        else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
                err = EISDIR;
        if (err)
                say("无法写入“%s”：%s", path, errno_text(err));
        free(dir);
        return err == 0;
}

static void print_problems(const struct job *j, const char *file, const struct diags *errs)
{
        if (!j->batch) {
                for (size_t i = 0; i < errs->n; i++) {
                        if (errs->items[i].path && errs->items[i].path[0]) {
                                char *line = diag_line(&errs->items[i]);
                                say("%s：%s", file, line);
                                free(line);
                        } else {
                                say("%s", errs->items[i].msg);
                        }
                }
                if (errs->dropped)
                        say("%s：另有 %zu 处问题未列出", file, errs->dropped);
                return;
        }
        char *line = errs->n ? diag_line(&errs->items[0]) : NULL;
        if (diags_count(errs) > 1)
                say("%s：%s（另有 %zu 处问题，运行 jixiao check %s 查看）", file, line ? line : "",
                    diags_count(errs) - 1, file);
        else
                say("%s：%s", file, line ? line : "无法读取");
        free(line);
}

/* Notes for a single export: sentences of the narrative left out. */
static void print_omissions(const struct doc *d, const struct evaluation *e)
{
        struct report *r = report_build(d, e);
        for (size_t i = 0; i < r->n_omitted; i++)
                say("报告略去了“%s”一节中与计算结果不符的文字“%s”（%s）", r->omitted[i].section,
                    r->omitted[i].sentence, r->omitted[i].reason);
        report_free(r);
}

/* Export file to out_path; returns an exit code (EXIT_USAGE: nothing written). */
static int export_one(struct job *j, const char *file, const char *out_path)
{
        struct stat st;
        if (stat(file, &st) != 0) {
                say("无法读取“%s”：%s", file, errno_text(errno));
                return EXIT_USAGE;
        }
        if (!j->batch && !writable_place(out_path))
                return EXIT_USAGE;
        struct diags errs = DIAGS_INIT;
        struct doc *loaded_doc = doc_load_file(file, &errs);
        struct loaded *l = loaded_doc ? loaded_adopt(loaded_doc, j->scheme, NULL, NULL,
                                                     LOAD_SCHEME_FILES, &errs)
                                      : NULL;
        if (!l) {
                print_problems(j, file, &errs);
                diags_free(&errs);
                return EXIT_USAGE;
        }
        const struct doc *d = l->doc;
        const struct evaluation *e = l->eval;
        buf_reset(&j->out);
        int code = EXIT_OK;
        if (!j->fmt->write(d, e, &j->out, &errs)) {
                print_problems(j, file, &errs);
                code = EXIT_USAGE;
        } else if (!write_file(out_path, &j->out)) {
                code = EXIT_USAGE;
        } else if (e->n_errors) {
                if (!j->batch)
                        say("已导出“%s”，但自评有 %zu 个阻止提交的错误（运行 jixiao check %s "
                            "查看明细）",
                            out_path, e->n_errors, file);
                code = EXIT_INVALID;
        }
        if (code != EXIT_USAGE && !j->batch && j->fmt->format != REPORT_XLSX)
                print_omissions(d, e);
        diags_free(&errs);
        loaded_release(l);
        return code;
}

/* ---- batches --------------------------------------------------------------------------- */

struct names {
        char **v;
        size_t n, cap;
};

static void names_add(struct names *l, char *s)
{
        if (l->n == l->cap) {
                l->cap = l->cap ? 2 * l->cap : 64;
                l->v = realloc(l->v, l->cap * sizeof *l->v);
                if (!l->v)
                        abort();
        }
        l->v[l->n++] = s;
}

static int by_name(const void *a, const void *b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
        size_t n = strlen(s), m = strlen(suffix);
        return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The *.json files of dir (not recursive), sorted. */
static bool list_dir(const char *dir, struct names *l)
{
        DIR *dp = opendir(dir);
        if (!dp) {
                say("无法读取目录“%s”：%s", dir, errno_text(errno));
                return false;
        }
        size_t first = l->n;
        for (struct dirent *de; (de = readdir(dp));) {
                if (de->d_name[0] == '.' || !ends_with(de->d_name, ".json"))
                        continue;
                size_t n = strlen(dir) + strlen(de->d_name) + 2;
                char *path = malloc(n);
                if (!path)
                        abort();
                snprintf(path, n, "%s/%s", dir, de->d_name);
                names_add(l, path);
        }
        closedir(dp);
        qsort(l->v + first, l->n - first, sizeof *l->v, by_name);
        return true;
}

static bool is_dir(const char *path)
{
        struct stat st;
        return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* DIR/<file's name without .json><extension>. */
static char *output_path(const char *dir, const char *file, const char *ext)
{
        const char *base = strrchr(file, '/');
        base = base ? base + 1 : file;
        size_t stem = ends_with(base, ".json") ? strlen(base) - 5 : strlen(base);
        size_t n = strlen(dir) + stem + strlen(ext) + 2;
        char *p = malloc(n);
        if (!p)
                abort();
        snprintf(p, n, "%s/%.*s%s", dir, (int)stem, base, ext);
        return p;
}

static void progress(size_t done, size_t total, bool tty)
{
        unsigned pct = (unsigned)(done * 100 / total);
        if (tty) {
                fprintf(stderr, "\r导出 %zu/%zu（%u%%）", done, total, pct);
                if (done == total)
                        fputc('\n', stderr);
        } else if (done == total || pct / 10 != (unsigned)((done - 1) * 100 / total) / 10) {
                fprintf(stderr, "导出 %zu/%zu（%u%%）\n", done, total, pct);
        }
        fflush(stderr);
}

static int export_batch(struct job *j, char **inputs, size_t n_inputs, const char *out_dir)
{
        j->batch = true;
        if (!is_dir(out_dir)) {
                if (mkdir(out_dir, 0777) != 0) {
                        say("无法创建输出目录“%s”：%s", out_dir, errno_text(errno));
                        return EXIT_USAGE;
                }
        } else if (access(out_dir, W_OK | X_OK) != 0) {
                say("无法写入输出目录“%s”：%s", out_dir, errno_text(errno));
                return EXIT_USAGE;
        }
        struct names files = {0};
        bool listed = true;
        for (size_t i = 0; i < n_inputs; i++) {
                if (is_dir(inputs[i])) {
                        listed &= list_dir(inputs[i], &files);
                } else {
                        char *copy = strdup(inputs[i]);
                        if (!copy)
                                abort();
                        names_add(&files, copy);
                }
        }
        size_t unusable = listed ? 0 : 1, invalid = 0, written = 0;
        bool tty = isatty(STDERR_FILENO);
        for (size_t i = 0; i < files.n; i++) {
                char *out = output_path(out_dir, files.v[i], j->fmt->extension);
                int code = export_one(j, files.v[i], out);
                free(out);
                unusable += code == EXIT_USAGE;
                invalid += code == EXIT_INVALID;
                written += code != EXIT_USAGE;
                progress(i + 1, files.n, tty);
        }
        if (!files.n)
                say("没有找到要导出的自评文档（*.json）");
        else
                say("已导出 %zu 个文件到“%s”%s%s", written, out_dir, unusable ? "，" : "",
                    unusable ? "部分文档无法导出（见上）" : "");
        if (invalid)
                say("其中 %zu 个自评有阻止提交的错误（运行 jixiao check 查看明细）", invalid);
        for (size_t i = 0; i < files.n; i++)
                free(files.v[i]);
        free(files.v);
        return unusable || !files.n ? EXIT_USAGE : invalid ? EXIT_INVALID : EXIT_OK;
}

/* ---- the command ---------------------------------------------------------------------- */

static int run(const struct command *self, int argc, char **argv)
{
        const char *format = NULL, *out = NULL, *scheme_name = NULL;
        const struct optspec opts[] = {{"--format", OPT_VALUE, &format},
                                       {"--out", OPT_VALUE, &out},
                                       {"--scheme", OPT_VALUE, &scheme_name}};
        char **pos = malloc((size_t)(argc > 0 ? argc : 1) * sizeof *pos);
        if (!pos)
                abort();
        size_t n;
        enum args_status st =
            args_parse(self, argc, argv, opts, 3, pos, 1, (size_t)(argc > 0 ? argc : 1), &n);
        if (st != ARGS_OK) {
                free(pos);
                return args_exit(st);
        }
        int code = EXIT_USAGE;
        struct job j = {.out = BUF_INIT};
        struct scheme *owned = NULL;
        if (!format || !out) {
                say("需要 --format（%s）和 --out（运行 \"jixiao export --help\" 查看用法）",
                    export_format_names());
                goto done;
        }
        j.fmt = export_format_find(format);
        if (!j.fmt) {
                say("不支持的格式“%s”（可选：%s）", format, export_format_names());
                goto done;
        }
        if (!j.fmt->write) {
                say("此版本未包含 %s 导出（%s）", j.fmt->name, j.fmt->label);
                goto done;
        }
        if (scheme_name) {
                struct diags errs = DIAGS_INIT;
                j.scheme = loaded_scheme(NULL, scheme_name, LOAD_SCHEME_FILES, &owned, &errs);
                diags_print(&errs, stderr);
                diags_free(&errs);
                if (!j.scheme)
                        goto done;
        }
        if (n == 1 && !is_dir(pos[0]) && !is_dir(out))
                code = export_one(&j, pos[0], out);
        else
                code = export_batch(&j, pos, n, out);
done:
        if (j.fmt && j.fmt->format == REPORT_PDF)
                pdf_shutdown();
        buf_free(&j.out);
        scheme_free(owned);
        free(pos);
        return code;
}

const struct command command_export = {
    "export", run, "导出自评报告（Word、PDF）或自评表格（Excel）",
    "用法：jixiao export FILE --format docx|pdf|xlsx --out 路径 [--scheme 名称|文件]\n"
    "      jixiao export --format docx|pdf|xlsx --out 目录 FILE|目录 …\n\n"
    "把自评文档 FILE 按评分方案计分后导出：\n"
    "  docx  部门整体支出绩效自评报告（Word 文档）\n"
    "  pdf   同一报告的 PDF（内嵌文泉驿正黑中文字体）\n"
    "  xlsx  基础数据表、自评表和项目自评表（Excel 工作簿）\n"
    "报告按各地自评报告的结构编排：部门基本情况、预算安排及执行情况、绩效目标完成情况、\n"
    "评价结论、存在的问题及原因、改进措施，后附各表。报告中的金额、执行率、得分和等级\n"
    "都由计分引擎按规则计算；正文填写的内容照录，与计算结果不符的句子略去并在屏幕上列出。\n\n"
    "批量导出：给出多个文件或目录（取其中的 *.json）时，--out 为输出目录（不存在则创建），\n"
    "每个文档导出为“目录/文件名.扩展名”；逐个处理，内存占用不随文件数增长，进度显示在\n"
    "标准错误输出上。\n\n"
    "选项：\n"
    "  --format 格式   docx、pdf 或 xlsx\n"
    "  --out 路径      输出文件；批量导出时为输出目录\n"
    "  --scheme 方案   评分方案名称或文件路径（默认取文档的 scheme 字段）\n\n"
    "退出码：0 已导出；1 已导出，但自评有阻止提交的错误（见 jixiao check）；\n"
    "        2 命令行有误、文档或方案无法读取、或无法写入输出。\n"};
