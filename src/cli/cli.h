/* The command-line interface: the command table entry every subcommand
 * exports, and the shared option parser. */
#ifndef JX_CLI_H
#define JX_CLI_H

#include <stdbool.h>
#include <stddef.h>

/* Exit codes shared by all commands. */
enum {
        EXIT_OK = 0,
        EXIT_INVALID = 1, /* the input was read but breaks validation rules */
        EXIT_USAGE = 2,   /* bad command line or unusable input */
};

struct command {
        const char *name;
        /* Run with argv[0] == name; returns the exit code. */
        int (*run)(const struct command *self, int argc, char **argv);
        const char *summary; /* one line for "jixiao help" */
        const char *usage;   /* full help for "jixiao NAME --help" */
};

enum opt_kind { OPT_FLAG, OPT_VALUE };

struct optspec {
        const char *name; /* "--json" */
        enum opt_kind kind;
        void *target; /* bool * for flags, const char ** for values */
};

enum args_status { ARGS_OK, ARGS_HELP, ARGS_ERROR };

/* Parse argv[1..argc) of cmd: options from opts (either "--name value" or
 * "--name=value"), "--help"/"-h", and between min_pos and max_pos
 * positional arguments stored in pos. On ARGS_HELP the usage has been
 * printed to stdout; on ARGS_ERROR a one-line message to stderr. */
enum args_status args_parse(const struct command *cmd, int argc, char **argv,
                            const struct optspec *opts, size_t n_opts, char **pos, size_t min_pos,
                            size_t max_pos, size_t *n_pos);

/* Exit code for an args_parse result other than ARGS_OK. */
int args_exit(enum args_status st);

/* Parse a positive integer option value; prints a message and returns
 * false when it is not one in [lo, hi]. */
bool args_int(const struct command *cmd, const char *opt, const char *value, long lo, long hi,
              long *out);

extern const struct command command_show;
extern const struct command command_fmt;
extern const struct command command_schema;
extern const struct command command_score;
extern const struct command command_check;
extern const struct command command_export;
extern const struct command command_serve;
extern const struct command command_init;
extern const struct command command_backup;
extern const struct command command_demo;
extern const struct command command_import;

#endif
