/* Shared command-line option parsing (see cli.h). */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage_hint(const struct command *cmd)
{
        fprintf(stderr, "（运行 \"jixiao %s --help\" 查看用法）\n", cmd->name);
}

enum args_status args_parse(const struct command *cmd, int argc, char **argv,
                            const struct optspec *opts, size_t n_opts, char **pos, size_t min_pos,
                            size_t max_pos, size_t *n_pos)
{
        size_t np = 0;
        bool only_positional = false;
        for (int i = 1; i < argc; i++) {
                const char *a = argv[i];
                if (only_positional || a[0] != '-' || a[1] == '\0') {
                        if (np == max_pos) {
                                fprintf(stderr, "jixiao %s：多余的参数 \"%s\"", cmd->name, a);
                                usage_hint(cmd);
                                return ARGS_ERROR;
                        }
                        pos[np++] = argv[i];
                        continue;
                }
                if (strcmp(a, "--") == 0) {
                        only_positional = true;
                        continue;
                }
                if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
                        fputs(cmd->usage, stdout);
                        return ARGS_HELP;
                }
                const char *eq = strchr(a, '=');
                size_t name_len = eq ? (size_t)(eq - a) : strlen(a);
                const struct optspec *o = NULL;
                for (size_t k = 0; k < n_opts; k++)
                        if (strlen(opts[k].name) == name_len &&
                            strncmp(opts[k].name, a, name_len) == 0)
                                o = &opts[k];
                if (!o) {
                        fprintf(stderr, "jixiao %s：未知选项 \"%.*s\"", cmd->name, (int)name_len,
                                a);
                        usage_hint(cmd);
                        return ARGS_ERROR;
                }
                if (o->kind == OPT_FLAG) {
                        if (eq) {
                                fprintf(stderr, "jixiao %s：选项 \"%s\" 不带值", cmd->name,
                                        o->name);
                                usage_hint(cmd);
                                return ARGS_ERROR;
                        }
                        *(bool *)o->target = true;
                        continue;
                }
                const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
                if (!value || !*value) {
                        fprintf(stderr, "jixiao %s：选项 \"%s\" 需要一个值", cmd->name, o->name);
                        usage_hint(cmd);
                        return ARGS_ERROR;
                }
                *(const char **)o->target = value;
        }
        if (np < min_pos) {
                fprintf(stderr, "jixiao %s：缺少参数", cmd->name);
                usage_hint(cmd);
                return ARGS_ERROR;
        }
        *n_pos = np;
        return ARGS_OK;
}

int args_exit(enum args_status st)
{
        return st == ARGS_HELP ? EXIT_OK : EXIT_USAGE;
}

bool args_int(const struct command *cmd, const char *opt, const char *value, long lo, long hi,
              long *out)
{
        char *end;
        errno = 0;
        long v = strtol(value, &end, 10);
        if (errno || *end || end == value || v < lo || v > hi) {
                fprintf(stderr,
                        "jixiao %s：选项 \"%s\" 应为 %ld 到 %ld 之间的整数，实际为 \"%s\"\n",
                        cmd->name, opt, lo, hi, value);
                return false;
        }
        *out = v;
        return true;
}
