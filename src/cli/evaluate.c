/* What "jixiao score" and "jixiao check" share: loading the document and
 * its scheme, evaluating, and the exit code. */
#include "evaluate.h"

#include "../doc/doc_io.h"

#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

size_t cli_width(void)
{
        struct winsize ws;
        if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
                return ws.ws_col;
        return 120;
}

int cli_evaluate(const char *file, const char *scheme_name, struct cli_run *run)
{
        struct diags errs = DIAGS_INIT;
        run->doc = doc_load_file(file, &errs);
        run->scheme = NULL;
        run->eval = NULL;
        if (run->doc) {
                const char *name = scheme_name        ? scheme_name
                                   : run->doc->scheme ? run->doc->scheme
                                                      : "national";
                run->scheme = scheme_load(name, &errs);
        }
        if (!run->scheme) {
                diags_print(&errs, stderr);
                diags_free(&errs);
                doc_free(run->doc);
                run->doc = NULL;
                return EXIT_USAGE;
        }
        diags_free(&errs);
        run->eval = engine_evaluate(run->doc, run->scheme);
        return run->eval->n_errors ? EXIT_INVALID : EXIT_OK;
}

void cli_run_free(struct cli_run *run)
{
        engine_free(run->eval);
        scheme_free(run->scheme);
        doc_free(run->doc);
}
