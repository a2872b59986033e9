/* Shared by the subcommands that read one evaluation document. */
#ifndef JX_CLI_EVALUATE_H
#define JX_CLI_EVALUATE_H

#include "cli.h"

#include "../app/loaded.h"

/* Load file, its scheme (scheme_name — a shipped scheme or a scheme file
 * — else the document's, else "national") and evaluate, as the server
 * does (src/app/loaded.h): *out. Returns EXIT_USAGE after printing the
 * problems when the document or scheme cannot be read (*out NULL), else
 * EXIT_INVALID when the evaluation has blocking errors, else EXIT_OK.
 * loaded_release(*out) afterwards. */
int cli_evaluate(const char *file, const char *scheme_name, struct loaded **out);

/* Columns of the terminal, or 120 when output is not a terminal. */
size_t cli_width(void);

#endif
