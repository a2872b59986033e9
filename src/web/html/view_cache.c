/* The cache of rendered evaluation views (see view_cache.h). One mutex
 * guards the slots; a hit copies the fragment while holding it, which for
 * a page of tens of kilobytes takes a few microseconds. */
#include "view_cache.h"

#include "../../base/xalloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct slot {
        int64_t task_id; /* 0: empty */
        int64_t version;
        int64_t updated_at;
        char *html; /* owned */
        size_t len;
};

static struct slot slots[VIEW_CACHE_SLOTS];
static size_t total; /* bytes of all fragments */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static struct slot *slot_of(int64_t task_id)
{
        return &slots[(uint64_t)task_id % VIEW_CACHE_SLOTS];
}

static bool holds(const struct slot *s, const struct task *t)
{
        return s->task_id == t->id && s->version == t->version && s->updated_at == t->updated_at;
}

bool view_cache_get(const struct task *t, struct buf *out)
{
        if (t->id <= 0)
                return false;
        struct slot *s = slot_of(t->id);
        pthread_mutex_lock(&lock);
        bool hit = holds(s, t);
        if (hit)
                buf_append(out, s->html, s->len);
        pthread_mutex_unlock(&lock);
        return hit;
}

void view_cache_put(const struct task *t, const char *html, size_t len)
{
        if (t->id <= 0)
                return;
        char *copy = NULL;
        if (len <= VIEW_CACHE_MAX_BYTES) {
                copy = xmalloc(len ? len : 1);
                memcpy(copy, html, len);
        }
        struct slot *s = slot_of(t->id);
        pthread_mutex_lock(&lock);
        char *old = s->html;
        total -= s->len;
        *s = (struct slot){0};
        if (copy && total + len <= VIEW_CACHE_BUDGET) {
                *s = (struct slot){t->id, t->version, t->updated_at, copy, len};
                total += len;
                copy = NULL;
        }
        pthread_mutex_unlock(&lock);
        free(old);
        free(copy);
}

void view_cache_clear(void)
{
        pthread_mutex_lock(&lock);
        for (size_t i = 0; i < VIEW_CACHE_SLOTS; i++) {
                free(slots[i].html);
                slots[i] = (struct slot){0};
        }
        total = 0;
        pthread_mutex_unlock(&lock);
}
