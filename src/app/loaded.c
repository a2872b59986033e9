/* Loaded documents and their cache (see loaded.h). One mutex guards the
 * slots and the reference counts; it is held only to look up, swap or
 * count, never while parsing or evaluating. */
#include "loaded.h"

#include "../base/xalloc.h"
#include "../doc/doc_io.h"

#include <pthread.h>
#include <string.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

struct slot {
        int64_t task_id; /* 0: empty */
        int64_t version;
        struct loaded *loaded;
};
static struct slot slots[LOADED_SLOTS];

const struct scheme *loaded_scheme(const struct doc *d, const char *name, unsigned flags,
                                   struct scheme **owned, struct diags *errs)
{
        *owned = NULL;
        const struct scheme *s = scheme_builtin(name);
        if (!s && (flags & LOAD_SCHEME_FILES)) /* a scheme file, or the loader's message */
                return *owned = scheme_load(name, errs);
        if (!s) {
                struct buf list = BUF_INIT, path = BUF_INIT;
                const struct field *member = NULL; /* d's scheme, when there is a d */
                for (size_t i = 0; scheme_builtin_names[i]; i++)
                        buf_printf(&list, "%s%s", i ? "、" : "", scheme_builtin_names[i]);
                if (d && !doc_path_of(d, &d->scheme, sizeof d->scheme, &path, &member))
                        member = NULL;
                diags_add(errs, member ? buf_str(&path) : NULL, member ? member->label : NULL,
                          "没有名为“%s”的评分方案（内置方案：%s）", name, buf_str(&list));
                buf_free(&path);
                buf_free(&list);
        }
        return s;
}

struct loaded *loaded_adopt(struct doc *d, const struct scheme *scheme, struct evaluation *e,
                            const char *scheme_name, unsigned flags, struct diags *errs)
{
        struct scheme *owned = NULL;
        if (!scheme) {
                const char *name = scheme_name ? scheme_name : d->scheme ? d->scheme : "national";
                scheme = loaded_scheme(d, name, flags, &owned, errs);
        }
        if (!scheme) {
                engine_free(e);
                doc_free(d);
                return NULL;
        }
        struct loaded *l = xmalloc(sizeof(*l));
        *l = (struct loaded){.doc = d, .scheme = scheme, .own_scheme = owned, .refs = 1};
        if (e)
                l->eval = e;
        else if (!(flags & LOAD_NO_EVAL))
                l->eval = engine_evaluate_with(d, scheme,
                                               flags & LOAD_RECORD_CELLS ? ENGINE_RECORD_CELLS : 0);
        return l;
}

struct loaded *loaded_parse(const char *json, size_t len, const char *scheme_name, unsigned flags,
                            struct diags *errs)
{
        struct doc *d = doc_parse(json, len, errs);
        return d ? loaded_adopt(d, NULL, NULL, scheme_name, flags, errs) : NULL;
}

static void destroy(struct loaded *l)
{
        engine_free(l->eval);
        scheme_free(l->own_scheme);
        doc_free(l->doc);
        free(l);
}

void loaded_release(struct loaded *l)
{
        if (!l)
                return;
        pthread_mutex_lock(&lock);
        bool last = --l->refs == 0;
        pthread_mutex_unlock(&lock);
        if (last)
                destroy(l);
}

static struct slot *slot_of(int64_t task_id)
{
        return &slots[(uint64_t)task_id % LOADED_SLOTS];
}

struct loaded *loaded_cached(int64_t task_id, int64_t version)
{
        if (task_id <= 0)
                return NULL;
        struct slot *s = slot_of(task_id);
        struct loaded *l = NULL;
        pthread_mutex_lock(&lock);
        if (s->task_id == task_id && s->version == version) {
                l = s->loaded;
                l->refs++;
        }
        pthread_mutex_unlock(&lock);
        return l;
}

void loaded_remember(struct loaded *l, int64_t task_id, int64_t version)
{
        if (task_id <= 0 || !l || !l->eval)
                return;
        struct slot *s = slot_of(task_id);
        pthread_mutex_lock(&lock);
        struct loaded *old = s->loaded;
        l->refs++;
        *s = (struct slot){task_id, version, l};
        bool last = old && --old->refs == 0;
        pthread_mutex_unlock(&lock);
        if (last)
                destroy(old);
}

void loaded_cache_clear(void)
{
        for (size_t i = 0; i < LOADED_SLOTS; i++) {
                pthread_mutex_lock(&lock);
                struct loaded *old = slots[i].loaded;
                slots[i] = (struct slot){0};
                bool last = old && --old->refs == 0;
                pthread_mutex_unlock(&lock);
                if (last)
                        destroy(old);
        }
}
