/* A process-wide cache of rendered evaluation views: the HTML that
 * view_evaluation() writes for a task's document, so that reading the same
 * task again costs a copy instead of parsing, evaluating and rendering it.
 *
 * An entry is keyed by the task's id, version and updated_at. Every change
 * to a task's document goes through store_task_update(), which increments
 * the version, so a stored fragment is never served for another document;
 * a stale entry is simply replaced. The fragment depends on nothing but the
 * document, the shipped schemes and the engine (no user, no time), and the
 * caller checks access before asking, so entries are shared by all users.
 *
 * Direct-mapped on the task id: VIEW_CACHE_SLOTS slots of one fragment
 * each, at most VIEW_CACHE_MAX_BYTES per fragment and VIEW_CACHE_BUDGET in
 * all, so memory stays bounded. All functions are thread-safe. */
#ifndef JX_VIEW_CACHE_H
#define JX_VIEW_CACHE_H

#include "../../base/buf.h"
#include "../../store/store.h"

#include <stdbool.h>

enum {
        VIEW_CACHE_SLOTS = 256,
        VIEW_CACHE_MAX_BYTES = 1 << 20,
        VIEW_CACHE_BUDGET = 32 << 20,
};

/* Append the cached view of task t (its id, version and updated_at) to out
 * and return true; false, leaving out alone, when there is none. */
bool view_cache_get(const struct task *t, struct buf *out);

/* Remember html[0..len) as the view of task t, replacing whatever its slot
 * held (called after a miss, so that is another task's or a stale view).
 * The cache keeps its own copy. A fragment longer than VIEW_CACHE_MAX_BYTES,
 * or one that would take the cache beyond VIEW_CACHE_BUDGET, is not kept
 * (the slot is emptied). */
void view_cache_put(const struct task *t, const char *html, size_t len);

/* Free every entry (the server calls it when it stops). */
void view_cache_clear(void);

#endif
