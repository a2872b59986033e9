/* A document loaded: parsed, its scheme resolved and evaluated — the one
 * implementation of "load, pick the scheme, evaluate" that the task pages,
 * the API, the exports and the command line all use — and the
 * process-wide cache of the loaded documents of tasks.
 *
 * The cache is keyed by task id and version. Every change to a task's
 * document goes through store_task_update(), which increments the version,
 * so an entry is never served for another document; it is shared by all
 * users and threads, read-only, and freed when its last reference goes.
 * Direct-mapped on the task id, LOADED_SLOTS entries at most. */
#ifndef JX_APP_LOADED_H
#define JX_APP_LOADED_H

#include "../base/diag.h"
#include "../doc/doc.h"
#include "../engine/engine.h"
#include "../engine/scheme.h"

#include <stdint.h>

enum { LOADED_SLOTS = 512 };

struct loaded {
        struct doc *doc;
        const struct scheme *scheme;
        struct evaluation *eval; /* NULL only with LOAD_NO_EVAL */
        /* private: a scheme loaded from a file, the references */
        struct scheme *own_scheme;
        unsigned refs;
};

enum {
        LOAD_SCHEME_FILES = 1 << 0, /* the scheme may be a file path (the command line) */
        LOAD_RECORD_CELLS = 1 << 1, /* evaluate with every computed cell (engine_cell) */
        LOAD_NO_EVAL = 1 << 2,      /* do not evaluate (eval stays NULL; never cached) */
};

/* Resolve the scheme named name (a shipped scheme; with LOAD_SCHEME_FILES
 * also a file path, loaded into *owned, which the caller frees) for the
 * document d (NULL when the name comes from elsewhere, e.g. the command
 * line). NULL otherwise, with one diagnostic naming the shipped schemes,
 * placed at d's scheme member ($.scheme; no place without d). */
const struct scheme *loaded_scheme(const struct doc *d, const char *name, unsigned flags,
                                   struct scheme **owned, struct diags *errs);

/* Parse json[0..len), resolve its scheme (scheme_name, else the
 * document's, else "national") and evaluate. NULL with the parser's
 * diagnostics, or the scheme's, in errs. Release with loaded_release(). */
struct loaded *loaded_parse(const char *json, size_t len, const char *scheme_name, unsigned flags,
                            struct diags *errs);
/* The same for a document already in memory, which it takes over (freed
 * with the result, also on failure). With e non-NULL, e is d's evaluation
 * under scheme and is taken over too (no evaluation is made). */
struct loaded *loaded_adopt(struct doc *d, const struct scheme *scheme, struct evaluation *e,
                            const char *scheme_name, unsigned flags, struct diags *errs);
/* Drop a reference (NULL is allowed); the last one frees it. */
void loaded_release(struct loaded *l);

/* The cached loaded document of task_id at version, with a reference
 * for the caller, or NULL. */
struct loaded *loaded_cached(int64_t task_id, int64_t version);
/* Remember l as the document of task_id at version (the cache takes a
 * reference of its own), replacing what its slot held. */
void loaded_remember(struct loaded *l, int64_t task_id, int64_t version);
/* Empty the cache (the server calls it when it stops). */
void loaded_cache_clear(void);

#endif
