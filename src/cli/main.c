/* jixiao: entry point and the table of subcommands. */
#include "cli.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

static int run_help(const struct command *self, int argc, char **argv);

static const struct command command_help = {
    "help", run_help, "显示命令列表，或某个命令的用法",
    "用法：jixiao help [命令]\n\n不带参数时列出全部命令；带命令名时显示该命令的用法。\n"};

/* Every subcommand, in the order "jixiao help" lists them. */
static const struct command *const commands[] = {
    &command_show,   &command_score, &command_check,  &command_export,
    &command_import, &command_serve, &command_demo,   &command_init,
    &command_backup, &command_fmt,   &command_schema, &command_help,
};

static const struct command *find(const char *name)
{
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
                if (strcmp(commands[i]->name, name) == 0)
                        return commands[i];
        return NULL;
}

static void list_commands(FILE *out)
{
        fputs("jixiao " JIXIAO_VERSION " — 部门整体支出绩效自评系统\n\n"
              "用法：jixiao <命令> [选项] [参数]\n\n命令：\n",
              out);
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
                fprintf(out, "  %-12s %s\n", commands[i]->name, commands[i]->summary);
        fputs(
            "\n运行 \"jixiao <命令> --help\" 查看某个命令的用法；\"jixiao --version\" 显示版本。\n",
            out);
}

static int run_help(const struct command *self, int argc, char **argv)
{
        char *pos[1];
        size_t n;
        enum args_status st = args_parse(self, argc, argv, NULL, 0, pos, 0, 1, &n);
        if (st != ARGS_OK)
                return args_exit(st);
        if (n == 0) {
                list_commands(stdout);
                return EXIT_OK;
        }
        const struct command *c = find(pos[0]);
        if (!c) {
                fprintf(stderr,
                        "jixiao help：未知命令 \"%s\"（运行 \"jixiao help\" 查看全部命令）\n",
                        pos[0]);
                return EXIT_USAGE;
        }
        fputs(c->usage, stdout);
        return EXIT_OK;
}

int main(int argc, char **argv)
{
        setlocale(LC_CTYPE, "C.UTF-8");
        if (argc < 2) {
                list_commands(stderr);
                return EXIT_USAGE;
        }
        const char *name = argv[1];
        if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
                puts("jixiao " JIXIAO_VERSION);
                return EXIT_OK;
        }
        if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
                list_commands(stdout);
                return EXIT_OK;
        }
        const struct command *c = find(name);
        if (!c) {
                fprintf(stderr, "jixiao：未知命令 \"%s\"（运行 \"jixiao help\" 查看全部命令）\n",
                        name);
                return EXIT_USAGE;
        }
        return c->run(c, argc - 1, argv + 1);
}
