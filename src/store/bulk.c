/* bulk.c — the fast bulk load of a SQLite store.
 *
 * A bulk load (VG_STORE_BULK) already drops the query-only indexes and
 * rebuilds the daily aggregate at the end. On SQLite, where one writer holds
 * the database (BEGIN IMMEDIATE), it goes further: the dedup key index
 * (events_key) and the two mention indexes are dropped as well, and the
 * dedup is done in memory, against a hash map of every stored event's key
 * (loaded once at the start, grown as events are written). A new event is
 * then an append at the end of the events table with an id given here, a
 * mention and a sentence are appends too: no b-tree is searched or split in
 * the middle. An event that was already stored gets its new mentions and is
 * marked in bulk_recount; the end of the load (vg_store__bulk_finish)
 * rebuilds the indexes in sorted passes and recounts the marked events from
 * their mentions, so the counts are exactly those of the ordinary path.
 *
 * The fast path never deletes: as soon as a batch would replace or delete a
 * stored document (its mentions must be found through mentions_doc, its
 * events recounted), or on any failure, the load leaves it for good: the
 * indexes are built again (own transaction) and the batch is replayed on the
 * ordinary bulk path. A killed fast load leaves bulk_pending, so the next
 * writer that opens the store completes it (indexes, recounts, aggregate).
 * Other writers must not run during a bulk load (docs/store.md). */
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

static uint64_t mix(uint64_t h) {
    h = vg_mix64(h);
    return h ? h : 1; /* 0 marks an empty slot */
}

uint64_t vg_store__evkey_hash(const char *source, const char *target, int32_t date, const char *code) {
    /* FNV-1a over "source \x1f target \x1f code \x1f" and the date */
    uint64_t h = 1469598103934665603ull;
    const char *parts[3] = { source, target, code };
    for (int i = 0; i < 3; i++) {
        for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++) {
            h ^= *p;
            h *= 1099511628211ull;
        }
        h ^= 0x1f;
        h *= 1099511628211ull;
    }
    return mix(h ^ (uint64_t)(uint32_t)date);
}

void vg_store__evmap_free(st_evmap *m) {
    free(m->slot);
    memset(m, 0, sizeof *m);
}

int64_t vg_store__evmap_get(const st_evmap *m, uint64_t h) {
    if (!m->cap) return 0;
    for (size_t i = (size_t)h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->slot[i].h == h) return m->slot[i].id;
        if (!m->slot[i].h) return 0;
    }
}

static void place(struct st_evslot *slot, size_t cap, uint64_t h, int64_t id) {
    size_t i = (size_t)h & (cap - 1);
    while (slot[i].h) i = (i + 1) & (cap - 1);
    slot[i].h = h;
    slot[i].id = id;
}

bool vg_store__evmap_put(st_evmap *m, uint64_t h, int64_t id) {
    if ((m->n + 1) * 4 > m->cap * 3) { /* keep the load under 3/4 */
        size_t cap = m->cap ? m->cap * 2 : 1u << 16;
        struct st_evslot *slot = calloc(cap, sizeof *slot);
        if (!slot) return false;
        for (size_t i = 0; i < m->cap; i++)
            if (m->slot[i].h) place(slot, cap, m->slot[i].h, m->slot[i].id);
        free(m->slot);
        m->slot = slot;
        m->cap = cap;
    }
    place(m->slot, m->cap, h, id);
    m->n++;
    return true;
}

vg_status vg_store__fast_begin(vg_store *s, vg_error *err) {
    const vg_store_ops *o = s->ops;
    /* a load that resumes a killed one finds dyad_day stale: rebuilt at the end */
    bool pending = true;
    vg_status rc = vg_store__bulk_pending(s, &pending, err);
    if (rc != VG_OK) return rc;
    if ((rc = vg_store__bulk_begin(s, err)) != VG_OK) return rc;
    s->bulk_dyad = !pending;
    rc = vg_store__drop_dedup_indexes(s, err);
    if (rc == VG_OK) rc = o->exec(s, "CREATE TABLE IF NOT EXISTS bulk_recount(id INTEGER PRIMARY KEY)", err);
    if (rc != VG_OK) return rc;
    /* the keys of what is stored (a load resumed after a kill, or a backfill
     * on top of a store): one scan */
    vg_stmt *st;
    if ((rc = o->prepare(s, "SELECT id, source, target, date, code FROM events", &st, err)) != VG_OK) return rc;
    s->next_event_id = 1;
    while ((rc = o->step(st, err)) == VG_OK) {
        int64_t id = o->col_int(st, 0);
        const char *src = o->col_text(st, 1), *tgt = o->col_text(st, 2), *code = o->col_text(st, 4);
        if (!vg_store__evmap_put(&s->evmap, vg_store__evkey_hash(src ? src : "", tgt ? tgt : "",
                                                                  (int32_t)o->col_int(st, 3),
                                                                  code ? code : ""), id)) {
            o->finalize(st);
            vg_store__evmap_free(&s->evmap);
            return vg_err_set(err, VG_ERR_NOMEM, NULL, 0, "out of memory");
        }
        if (id >= s->next_event_id) s->next_event_id = id + 1;
    }
    o->finalize(st);
    if (rc != VG_DONE) {
        vg_store__evmap_free(&s->evmap);
        return rc;
    }
    s->bulk_fast = true;
    return VG_OK;
}

vg_status vg_store__fast_leave(vg_store *s, vg_error *err) {
    s->bulk_fast = false;
    s->bulk_dyad = false; /* the ordinary bulk path rebuilds dyad_day at the end */
    free(s->fd_v);
    free(s->fd_slot);
    s->fd_v = NULL;
    s->fd_slot = NULL;
    s->fd_n = s->fd_cap = s->fd_scap = 0;
    s->need_slow = false;
    vg_store__evmap_free(&s->evmap);
    /* the marks in bulk_recount stay: vg_store__bulk_finish recounts them;
     * the query-only indexes stay dropped until then, as in any bulk load */
    return s->ops->exec(s,
                        "CREATE UNIQUE INDEX IF NOT EXISTS events_key ON events(source, target, date, code);"
                        "CREATE INDEX IF NOT EXISTS mentions_event ON mentions(event);"
                        "CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc);",
                        err);
}
