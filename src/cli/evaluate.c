/* What the subcommands that read one document share: loading it and its
 * scheme, evaluating, the exit code; the terminal's width. */
#include "evaluate.h"

#include "../base/file.h"
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

int cli_evaluate(const char *file, const char *scheme_name, struct loaded **out)
{
        struct diags errs = DIAGS_INIT;
        struct buf text = BUF_INIT;
        *out = file_read(file, DOC_MAX_FILE, &text, &errs)
                   ? loaded_parse(buf_str(&text), text.len, scheme_name, LOAD_SCHEME_FILES, &errs)
                   : NULL;
        buf_free(&text);
        if (!*out)
                diags_print(&errs, stderr);
        diags_free(&errs);
        if (!*out)
                return EXIT_USAGE;
        return (*out)->eval->n_errors ? EXIT_INVALID : EXIT_OK;
}
