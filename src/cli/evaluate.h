/* Shared by "jixiao score" and "jixiao check". */
#ifndef JX_CLI_EVALUATE_H
#define JX_CLI_EVALUATE_H

#include "cli.h"

#include "../engine/engine.h"

struct cli_run {
        struct doc *doc;
        struct scheme *scheme;
        struct evaluation *eval;
};

/* Load file, its scheme (scheme_name, else the document's, else
 * "national") and evaluate. Returns EXIT_USAGE after printing the problems
 * when the document or scheme cannot be read, else EXIT_INVALID when the
 * evaluation has blocking errors, else EXIT_OK. */
int cli_evaluate(const char *file, const char *scheme_name, struct cli_run *run);
void cli_run_free(struct cli_run *run);

/* Columns of the terminal, or 120 when output is not a terminal. */
size_t cli_width(void);

#endif
